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
 *   postRoutes(app, deps);
 *   // curl -H 'Accept: text/plain' -F filename=a.go -F content=@a.go http://paste/api/post
 */
import type { Hono } from 'hono';
import { HomePage } from '../../../../views/paste/home.js';
import type { AppEnv } from '../../../platform/app.js';
import { rawBody, requestHeader } from '../../../platform/request.js';
import { type HttpFailure, httpFailure, PasteError } from '../errors.js';
import { readPasteBody } from '../form.js';
import { offeredLifetimes } from '../lifetime.js';
import { answerFor } from '../negotiate.js';
import { loadRenderers } from '../renderers.js';
import type { CreateInput } from '../service.js';
import { type Ctx, type PasteDeps, pageCtx, shareOrigin } from './http.js';
import { pasteMeta } from './present.js';
import { fail, TEXT, wantsPage } from './wire.js';

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

/** The home page again, its form filled in with what was sent and the failure above it. */
async function formAgain(c: Ctx, deps: PasteDeps, input: CreateInput, f: HttpFailure): Promise<Response> {
  for (const [k, v] of Object.entries(f.headers)) c.header(k, v);
  const { config } = deps;
  return c.html(
    HomePage({
      ctx: pageCtx(c, deps),
      recent: deps.service.recent(c.get('caller')).map(pasteMeta),
      lifetimes: offeredLifetimes(config.maxExpiry),
      defaultLifetime: config.defaultExpiry,
      languages: (await loadRenderers()).pickerLanguages(input.language ? [input.language] : []),
      form: { content: input.content, filename: input.filename, expires: input.expires, unlisted: input.unlisted, burn: input.burn, language: input.language },
      error: f.message,
    }),
    f.status as 400,
  );
}

async function post(c: Ctx, deps: PasteDeps): Promise<Response> {
  const accept = requestHeader(c, 'accept');
  let input: CreateInput | undefined;
  try {
    const body = await readPasteBody(requestHeader(c, 'content-type'), await rawBody(c));
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
    // A person's form comes back filled in, unless nothing was read or the failure is not the paste's.
    if (input && wantsPage(c) && f.status < 500 && f.kind !== 'anonymous') return formAgain(c, deps, input, f);
    return fail(c, deps.log, err, 'text');
  }
}

export function postRoutes(app: Hono<AppEnv>, deps: PasteDeps): void {
  app.post('/api/post', (c) => post(c, deps));
}
