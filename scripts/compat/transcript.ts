/**
 * A fixture's transcript: requests and CLI invocations with the answers one release gave, as
 * JSON Lines (`transcript.jsonl`), replayed against a later build by `test/compat/replay.test.ts`.
 *
 * What differs between two runs of the same build is kept out of the file: each app's URL is
 * `{{url:<app>}}` and the scratch directory (data, config, exports) is `{{work}}`, in requests
 * and answers alike. The clock is fixed (see `suite-process.ts`), so timestamps are exact; what is
 * still random (ids, tokens, secrets, signatures) is compared by shape (`compare.ts`).
 *
 * @example
 *   const s = new Session(place);
 *   const made = await s.http('create a link', { app: 'links', method: 'POST', path: '/', form: { short: 'a', long: 'https://a' } });
 *   writeFileSync('transcript.jsonl', s.jsonl());
 */
import { createHash } from 'node:crypto';
import { type CliResult, runCli, type SuiteOptions } from './suite-process.js';

export interface HttpRequest {
  app: string;
  method: string;
  /** Path and query, with placeholders. */
  path: string;
  headers?: Record<string, string>;
  /** A UTF-8 body as sent. */
  body?: string;
}

/** The answer headers a client may depend on; the others (Date, Content-Length…) are not recorded. */
export const RECORDED_HEADERS = ['content-type', 'location', 'cache-control', 'allow', 'retry-after', 'content-disposition', 'www-authenticate', 'set-cookie'];

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body when it is text, else undefined and `sha256` set. */
  body?: string;
  sha256?: string;
}

export type Entry =
  | { kind: 'http'; note: string; request: HttpRequest; answer: HttpAnswer }
  | { kind: 'cli'; note: string; args: string[]; stdin?: string; answer: CliResult };

/** Where one run happens: the running apps' URLs, the scratch directory, the processes' options. */
export interface Place {
  urls: Record<string, string>;
  work: string;
  suite: SuiteOptions;
}

/** Fills the placeholders of a recorded string for this run. */
export function fill(s: string, p: Place): string {
  return s.replace(/\{\{url:([a-z0-9-]+)\}\}/g, (_m, app: string) => p.urls[app] ?? `{{url:${app}}}`).replaceAll('{{work}}', p.work);
}

/** Puts the placeholders back into a string this run produced. */
export function placehold(s: string, p: Place): string {
  let out = s.replaceAll(p.work, '{{work}}');
  // Longest first, so http://127.0.0.1:4000 never eats a prefix of http://127.0.0.1:40001.
  for (const [app, url] of Object.entries(p.urls).sort((a, b) => b[1].length - a[1].length)) out = out.replaceAll(url, `{{url:${app}}}`);
  return out;
}

const TEXT = /^(text\/|application\/(json|x-ndjson|jsonl|javascript|xml|jwk-set\+json|[a-z.+-]*\+json)|image\/svg\+xml)/;

/** Sends one recorded request in this run, and its answer with placeholders back in. */
export async function sendHttp(req: HttpRequest, p: Place): Promise<HttpAnswer> {
  const base = p.urls[req.app];
  if (!base) throw new Error(`the suite serves no app "${req.app}" (it serves ${Object.keys(p.urls).join(', ')})`);
  const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k, fill(v, p)]));
  const res = await fetch(base + fill(req.path, p), { method: req.method, headers, body: req.body === undefined ? undefined : fill(req.body, p), redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  const answer: HttpAnswer = { status: res.status, headers: {} };
  for (const name of RECORDED_HEADERS) {
    const v = res.headers.get(name);
    if (v !== null) answer.headers[name] = placehold(v, p);
  }
  const type = res.headers.get('content-type') ?? '';
  if (bytes.length === 0 || TEXT.test(type)) answer.body = placehold(bytes.toString('utf8'), p);
  else answer.sha256 = createHash('sha256').update(bytes).digest('hex');
  return answer;
}

/** Runs one recorded CLI invocation in this run, with placeholders back in its output. */
export async function runRecordedCli(args: string[], stdin: string | undefined, p: Place): Promise<CliResult> {
  const r = await runCli(p.suite, args.map((a) => fill(a, p)), stdin === undefined ? '' : fill(stdin, p));
  return { exit: r.exit, stdout: placehold(r.stdout, p), stderr: placehold(r.stderr, p) };
}

/** The headers the apps' API clients send: golink's on writes, setec's on every call. */
export const GOLINK = { 'sec-golink': '1' };
export const SETEC = { 'sec-x-tailscale-no-browsers': 'setec' };

/** HTTP Basic client authentication (`client_secret_basic`). */
export function basicAuth(id: string, secret = ''): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** A form body: `application/x-www-form-urlencoded`. */
export function form(fields: Record<string, string>): Pick<HttpRequest, 'headers' | 'body'> {
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

/** A JSON body. */
export function json(value: unknown, headers: Record<string, string> = {}): Pick<HttpRequest, 'headers' | 'body'> {
  return { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** Performs steps against one run, keeping each with its answer. */
export class Session {
  readonly entries: Entry[] = [];
  constructor(private readonly place: Place) {}

  /** Sends a request (placeholders allowed) and records it with the answer. */
  async http(note: string, request: HttpRequest): Promise<HttpAnswer> {
    const answer = await sendHttp(request, this.place);
    this.entries.push({ kind: 'http', note, request, answer });
    return answer;
  }

  /** The JSON body of an answer (placeholders filled back in), or an error naming the step. */
  static parse<T>(a: HttpAnswer, p: Place, note: string): T {
    try {
      return JSON.parse(fill(a.body ?? '', p)) as T;
    } catch {
      throw new Error(`${note}: expected JSON, got ${a.status} ${a.headers['content-type'] ?? ''}: ${(a.body ?? '').slice(0, 300)}`);
    }
  }

  /** Sends a request and returns its JSON body, failing unless the status is `status`. */
  async httpJson<T>(note: string, request: HttpRequest, status = 200): Promise<T> {
    const a = await this.http(note, request);
    if (a.status !== status) throw new Error(`${note}: expected ${status}, got ${a.status}: ${(a.body ?? '').slice(0, 300)}`);
    return Session.parse<T>(a, this.place, note);
  }

  /** Runs a CLI command and records it with the answer; fails unless it exits `exit`. */
  async cli(note: string, args: string[], stdin?: string, exit = 0): Promise<CliResult> {
    const answer = await runRecordedCli(args, stdin, this.place);
    if (answer.exit !== exit) throw new Error(`${note}: tailyard ${args.join(' ')} exited ${answer.exit}, expected ${exit}:\n${answer.stderr}`);
    this.entries.push({ kind: 'cli', note, args, stdin, answer });
    return answer;
  }

  jsonl(): string {
    return this.entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
  }
}

/** Reads a transcript written by `Session.jsonl`. */
export function parseTranscript(text: string, file: string): Entry[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as Entry;
      } catch (err) {
        throw new Error(`${file}:${i + 1}: not JSON: ${(err as Error).message}`);
      }
    });
}
