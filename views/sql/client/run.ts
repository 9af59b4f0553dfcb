/**
 * Running a query from the console without leaving the page: `/api/query` with a fresh id, a
 * live elapsed timer, a Cancel button that cancels the query on the server (`/api/cancel`), the
 * server-rendered result dropped into the page, and the address bar kept as the permalink.
 *
 * @example
 *   await runQuery({ base, q: 'select 1', src: 'main', explain: false }, hooks);
 */
import { byId } from './dom.js';

export interface RunRequest {
  base: string;
  q: string;
  src: string;
  explain: boolean;
}

export interface RunHooks {
  /** Called with the result area after the result (or error) is in the page. */
  done(ok: boolean): void;
}

let running: { id: string; abort: AbortController } | undefined;

function newId(): string {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export async function cancelRunning(base: string): Promise<void> {
  if (!running) return;
  const { id } = running;
  await fetch(`${base}/api/cancel?${new URLSearchParams({ id })}`, { method: 'POST', headers: { 'X-Tailsql-Console': '1' } }).catch(() => undefined);
}

export async function runQuery(req: RunRequest, hooks: RunHooks): Promise<void> {
  if (running) await cancelRunning(req.base);
  const id = newId();
  const abort = new AbortController();
  running = { id, abort };
  const status = byId('status');
  const elapsed = byId('elapsed');
  const area = byId('result-area');
  const started = performance.now();
  const tick = window.setInterval(() => {
    if (elapsed) elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  }, 100);
  if (status) status.hidden = false;
  area?.setAttribute('aria-busy', 'true');
  const params = new URLSearchParams({ q: req.q, src: req.src, ...(req.explain ? { explain: '1' } : {}) });
  let ok = false;
  try {
    const res = await fetch(`${req.base}/api/query?${params}&id=${id}`, { headers: { 'X-Tailsql-Console': '1' }, signal: abort.signal });
    if (area) {
      if (res.headers.get('content-type')?.startsWith('application/json')) {
        const data = (await res.json()) as { ok: boolean; html: string };
        ok = data.ok;
        area.innerHTML = data.html;
      } else {
        area.replaceChildren(Object.assign(document.createElement('div'), { id: 'error', className: 'banner error', textContent: `Error: ${(await res.text()).trim()}` }));
      }
    }
    history.pushState(null, '', `${req.base}/?${params}`);
  } catch (err) {
    area?.replaceChildren(Object.assign(document.createElement('div'), { id: 'error', className: 'banner error', textContent: `Error: ${(err as Error).message}` }));
  } finally {
    window.clearInterval(tick);
    if (status) status.hidden = true;
    area?.removeAttribute('aria-busy');
    if (running?.id === id) running = undefined;
  }
  hooks.done(ok);
}
