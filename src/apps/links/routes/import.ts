/**
 * Import into a running instance (admins only): `GET /.import` shows a form, `POST /.import`
 * takes a golink export as an uploaded file, a pasted `data` field, or a raw request body, with
 * `policy=skip|overwrite` and `dry_run=1`. The whole file is parsed before anything is written.
 * Bodies are bounded by the platform's 1 MiB limit; `tailyard links import` has no limit. The
 * checks and the import itself are the service's (service.ts).
 *
 * @example
 *   // curl -H Sec-Golink:1 --data-binary @links.jsonl 'http://go/.import?policy=overwrite&dry_run=1'
 */
import type { Hono } from 'hono';
import { ImportPage } from '../../../../views/links/importer.js';
import type { AppEnv } from '../../../platform/app.js';
import { InputError } from '../errors.js';
import type { ImportReport } from '../snapshot.js';
import { actor, type Ctx, type Deps, golinkRoute, jsonHeaders, pageCtx, readForm, wantsHTML } from './http.js';

function isForm(c: Ctx): boolean {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  return type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded');
}

/** Reads the export text and options from a form or a raw body. */
async function readRequest(c: Ctx): Promise<{ text: string; policy: string; dryRun: boolean }> {
  if (isForm(c)) {
    const body = await readForm(c);
    const file = body.file;
    const fromFile = file instanceof File && file.size > 0 ? await file.text() : '';
    const text = fromFile || (typeof body.data === 'string' ? body.data : '');
    return { text, policy: String(body.policy ?? c.req.query('policy') ?? 'skip'), dryRun: Boolean(body.dry_run ?? c.req.query('dry_run')) };
  }
  return { text: await c.req.text(), policy: c.req.query('policy') ?? 'skip', dryRun: ['1', 'true'].includes(c.req.query('dry_run') ?? '') };
}

async function runImport(c: Ctx, deps: Deps): Promise<Response> {
  const who = actor(c, deps);
  deps.links.importer(who);
  const req = await readRequest(c);
  const html = wantsHTML(c);
  const page = (status: 200 | 400, extra: { report?: ImportReport; error?: string }) =>
    c.html(ImportPage({ ctx: pageCtx(c, deps), policy: req.policy === 'overwrite' ? 'overwrite' : 'skip', dryRun: req.dryRun, ...extra }), status);
  let report: ImportReport;
  try {
    report = deps.links.import(who, req.text, req);
  } catch (err) {
    if (!(html && err instanceof InputError)) throw err;
    return page(400, { error: err.message });
  }
  if (html) return page(200, { report });
  return c.body(JSON.stringify({ dryRun: req.dryRun, policy: req.policy, ...report }), 200, jsonHeaders());
}

export function importRoutes(app: Hono<AppEnv>, deps: Deps): void {
  // A page for browsers only: its refusal goes to the platform's renderer.
  app.get('/.import', (c) => {
    deps.links.importer(actor(c, deps));
    return c.html(ImportPage({ ctx: pageCtx(c, deps), policy: 'skip', dryRun: true }));
  });
  app.post('/.import', golinkRoute((c) => runImport(c, deps)));
}
