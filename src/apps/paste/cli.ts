/**
 * `tailyard paste [FILE] [-n NAME] [--server URL] [--expires 1d] [--unlisted] [--burn]`: paste a
 * file or stdin and print the paste's URL (with a newline, which tclip's CLI leaves out).
 *
 * It speaks tclip's protocol, so it also works against a tclip server: `POST <server>/api/post`,
 * `Content-Type: application/x-www-form-urlencoded`, `Accept: text/plain`, a body of sorted form
 * fields, redirects followed; a non-200 answer prints `error submitting paste: <body>` and exits 1.
 * `--expires`, `--unlisted` and `--burn` add fields only when given (tclip ignores them).
 *
 * @example
 *   cat build.log | tailyard paste -n build.log --server http://127.0.0.1:8081
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { type CliIo, processIo } from '../../platform/cli-io.js';
import { parseLifetime } from './lifetime.js';
import { strictUtf8 } from './utf8.js';

/** tclip's default target. */
export const DEFAULT_SERVER = 'http://paste';

export interface PasteOptions {
  server: string;
  filename: string;
  content: string;
  expires?: string;
  unlisted?: boolean;
  burn?: boolean;
}

/** A failure to print on stderr (and exit 1). */
export class PasteCliError extends Error {
  override name = 'PasteCliError';
}

/** The request tclip's CLI sends: the server URL with its path replaced, and the sorted form body. */
export function pasteRequest(o: PasteOptions): { url: string; body: string } {
  const url = new URL(o.server);
  url.pathname = '/api/post';
  url.search = '';
  const fields: Array<[string, string]> = [
    ['content', o.content],
    ['filename', o.filename],
  ];
  if (o.expires !== undefined) fields.push(['expires', o.expires]);
  if (o.unlisted) fields.push(['unlisted', '1']);
  if (o.burn) fields.push(['burn', '1']);
  fields.sort(([a], [b]) => (a < b ? -1 : 1));
  return { url: url.toString(), body: new URLSearchParams(fields).toString() };
}

/** Posts a paste and returns the URL the server answers with. */
export async function submitPaste(o: PasteOptions): Promise<string> {
  const { url, body } = pasteRequest(o);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/plain' }, body });
  } catch (err) {
    const cause = (err as { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new PasteCliError(`error submitting paste: cannot reach ${url}: ${cause}`);
  }
  const text = await res.text();
  if (res.status !== 200) throw new PasteCliError(`error submitting paste: ${text.trimEnd() || `HTTP ${res.status}`}`);
  return text.trimEnd();
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

function utf8(bytes: Buffer, what: string): string {
  const text = strictUtf8(bytes);
  if (text === undefined) throw new PasteCliError(`${what} is not UTF-8 text; paste servers store text only`);
  return text;
}

interface Flags {
  name?: string;
  server?: string;
  expires?: string;
  unlisted?: boolean;
  burn?: boolean;
}

/**
 * Adds `tailyard paste`. It talks to a server only (no data directory), so it needs nothing of
 * the CLI context but its streams (`CliContext` is a `CliIo`).
 */
export function registerPasteCli(program: Command, io: CliIo = processIo()): void {
  program
    .command('paste')
    .description('paste a file or stdin to a paste (or tclip) server and print its URL')
    .argument('[file]', 'the file to paste (default: stdin)')
    .option('-n, --name <name>', 'the filename to give stdin (default paste.txt)')
    .option('-s, --server <url>', `the paste server (default $TAILYARD_PASTE_SERVER or ${DEFAULT_SERVER})`)
    .option('--expires <lifetime>', 'delete it after 1h, 1d, 1w or 30d (default: the server decides)')
    .option('--unlisted', 'keep it out of lists and search (reachable by its link)')
    .option('--burn', 'delete it once someone else has read it')
    .action(async (file: string | undefined, o: Flags) => {
      try {
        if (o.expires !== undefined) parseLifetime(o.expires);
        const content = file === undefined ? utf8(await readAll(io.stdin), 'stdin') : utf8(await readFile(file), file);
        const filename = o.name ?? (file === undefined ? 'paste.txt' : basename(file));
        const server = o.server ?? io.env.TAILYARD_PASTE_SERVER ?? DEFAULT_SERVER;
        const url = await submitPaste({ server, filename, content, expires: o.expires, unlisted: o.unlisted, burn: o.burn });
        io.stdout.write(`${url}\n`);
      } catch (err) {
        const msg = (err as Error).message;
        io.stderr.write(err instanceof PasteCliError ? `${msg}\n` : `tailyard paste: ${msg}\n`);
        io.exit(1);
      }
    });
}
