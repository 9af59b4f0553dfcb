/**
 * Import into a running instance (admins only): `GET /.import` shows a form, `POST /.import`
 * takes a golink export as an uploaded file, a pasted `data` field, or a raw request body, with
 * `policy=skip|overwrite` and `dry_run=1`. The whole file is parsed before anything is written.
 * Bodies are bounded by the platform's 1 MiB limit; `tailyard links import` has no limit.
 *
 * @example
 *   // curl -H Sec-Golink:1 --data-binary @links.jsonl 'http://go/.import?policy=overwrite&dry_run=1'
 */
import type { Hono } from 'hono';
import { ImportPage } from '../../../../views/links/importer.js';
import type { AppEnv } from '../../../platform/app.js';
import { actor, type Ctx, jsonHeaders, type LinksDeps, pageCtx, READONLY_MESSAGE, readForm, textError, wantsHTML } from './http.js';
import { importLinks, type MergePolicy, parseSnapshot, SnapshotError } from '../snapshot.js';

const ADMIN_ONLY = 'forbidden: importing links needs the admin grant ({"admin": true})';

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

async function runImport(c: Ctx, deps: LinksDeps): Promise<Response> {
  if (deps.config.readonly) return textError(c, 405, READONLY_MESSAGE);
  const who = actor(c, deps);
  if (!who.admin) return textError(c, 403, ADMIN_ONLY);
  const req = await readRequest(c);
  const html = wantsHTML(c);
  const policy: MergePolicy = req.policy === 'overwrite' ? 'overwrite' : 'skip';
  const page = (status: 200 | 400, extra: { report?: ReturnType<typeof importLinks>; error?: string }) =>
    c.html(ImportPage({ ctx: pageCtx(c, deps), policy, dryRun: req.dryRun, ...extra }), status);
  if (req.policy !== 'skip' && req.policy !== 'overwrite') {
    const msg = `policy must be "skip" or "overwrite", not "${req.policy}"`;
    return html ? page(400, { error: msg }) : textError(c, 400, msg);
  }
  let report: ReturnType<typeof importLinks>;
  try {
    const links = parseSnapshot(req.text, 'import');
    report = importLinks(deps.store, links, { policy, actor: who.login, dryRun: req.dryRun });
  } catch (err) {
    if (!(err instanceof SnapshotError)) throw err;
    return html ? page(400, { error: err.message }) : textError(c, 400, err.message);
  }
  if (!req.dryRun) {
    deps.audit.append({ action: 'links.import', actor: who.login, policy, added: report.added.length, updated: report.updated.length });
  }
  if (html) return page(200, { report });
  return c.body(JSON.stringify({ dryRun: req.dryRun, policy, ...report }), 200, jsonHeaders());
}

export function registerImport(app: Hono<AppEnv>, deps: LinksDeps): void {
  app.get('/.import', (c) => {
    if (!actor(c, deps).admin) return textError(c, 403, ADMIN_ONLY);
    return c.html(ImportPage({ ctx: pageCtx(c, deps), policy: 'skip', dryRun: true }));
  });
  app.post('/.import', (c) => runImport(c, deps));
}
