/**
 * `POST /api/post`: creating a paste, exactly as tclip's CLI, its Emacs client, curl and the web
 * form send it (form fields `filename` and `content`; see form.ts for the bodies accepted), plus
 * `expires`, `unlisted`, `burn` and `language`.
 *
 * The answer follows tclip: `Accept: text/plain` gets 200 with the paste's absolute URL and no
 * trailing newline; JSON clients get 201 `{id, url, rawUrl, expiresAt}`; everything else a 303 to
 * the paste. A browser form that fails comes back filled in, with the error above it.
 *
 * @example
 *   registerCreate(app, deps);
 *   // curl -H 'Accept: text/plain' -F filename=a.go -F content=@a.go http://paste/api/post
 */
import type { Hono } from 'hono';
import { HomePage } from '../../../../views/paste/home.js';
import type { AppEnv } from '../../../platform/app.js';
import { rawBody } from '../../../platform/request.js';
import { httpFailure, PasteError } from '../errors.js';
import { readPasteBody } from '../form.js';
import { offeredLifetimes } from '../lifetime.js';
import { answerFor } from '../negotiate.js';
import { loadRenderers } from '../renderers.js';
import type { CreateInput } from '../service.js';
import { type Ctx, failure, type PasteDeps, pageCtx, shareOrigin, TEXT } from './http.js';
import { pasteMeta } from './present.js';

const TRUE = new Set(['1', 'true', 'on', 'yes']);

/** The create input from request fields; tclip refuses a request with neither field. */
export function createInput(fields: Record<string, string>, contentFileName?: string): CreateInput {
  if (!('content' in fields) && !('filename' in fields)) throw new PasteError('bad-request', 'include form values filename and content');
  return {
    content: fields.content ?? '',
    filename: fields.filename,
    contentFileName,
    expires: fields.expires,
    unlisted: TRUE.has((fields.unlisted ?? '').toLowerCase()),
    burn: TRUE.has((fields.burn ?? '').toLowerCase()),
    language: fields.language || undefined,
  };
}

async function post(c: Ctx, deps: PasteDeps): Promise<Response> {
  const accept = c.req.header('accept');
  const browser = (accept ?? '').toLowerCase().includes('text/html');
  let input: CreateInput | undefined;
  try {
    const body = await readPasteBody(c.req.header('content-type'), await rawBody(c));
    input = createInput(body.fields, body.contentFileName);
    const paste = await deps.service.create(c.get('caller'), input);
    const url = `${shareOrigin(c, deps)}/paste/${paste.id}`;
    const answer = answerFor(accept, 'redirect');
    if (answer === 'text') return c.body(url, 200, { 'Content-Type': TEXT });
    if (answer === 'json') {
      c.header('Location', url);
      return c.json({ id: paste.id, url, rawUrl: `${url}/raw`, expiresAt: paste.expiresAt }, 201);
    }
    return c.redirect(url, 303);
  } catch (err) {
    const f = httpFailure(err);
    if (!browser || !input || f.status >= 500 || f.kind === 'anonymous') return failure(c, deps, err, 'text');
    for (const [k, v] of Object.entries(f.headers)) c.header(k, v);
    const { config } = deps;
    const form = { content: input.content, filename: input.filename, expires: input.expires, unlisted: input.unlisted, burn: input.burn, language: input.language };
    return c.html(
      HomePage({
        ctx: pageCtx(c, deps),
        recent: deps.service.recent(c.get('caller')).map(pasteMeta),
        lifetimes: offeredLifetimes(config.maxExpiry),
        defaultLifetime: config.defaultExpiry,
        languages: (await loadRenderers()).pickerLanguages(input.language ? [input.language] : []),
        form,
        error: f.message,
      }),
      f.status as 400,
    );
  }
}

export function registerCreate(app: Hono<AppEnv>, deps: PasteDeps): void {
  app.post('/api/post', (c) => post(c, deps));
}
