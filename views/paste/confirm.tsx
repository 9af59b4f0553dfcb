/**
 * The two pages that stand between a GET and a change: the delete confirmation (tclip deletes on
 * a GET link; here `GET /api/delete/{id}` shows this form, which POSTs), and the burn-after-reading
 * reveal (link previews and crawlers only GET, so they cannot burn a paste).
 *
 * @example <ConfirmDeletePage ctx={ctx} id="…" filename="notes.md" />
 */
import type { PageCtx, RevealTarget } from './models.js';
import { PastePage, pasteHref } from './page.js';

export function ConfirmDeletePage(props: { ctx: PageCtx; id: string; filename: string }) {
  return (
    <PastePage ctx={props.ctx} title={`Delete ${props.filename}`}>
      <h1>Delete {props.filename}?</h1>
      <p>The paste and its link stop working for everyone, at once and for good.</p>
      <form method="post" action={`/api/delete/${encodeURIComponent(props.id)}`} class="inline">
        <button type="submit" class="danger">
          Delete {props.filename}
        </button>
        <a href={pasteHref(props.id)}>Cancel</a>
      </form>
    </PastePage>
  );
}

export function RevealPage(props: { ctx: PageCtx; id: string; filename: string; author?: string; as: RevealTarget }) {
  return (
    <PastePage ctx={props.ctx} title="Burn after reading">
      <h1>This paste burns after reading</h1>
      <p>
        <strong>{props.filename}</strong>
        {props.author && <> from {props.author}</>} is deleted as soon as you reveal it: you will see it once, and nobody can open the link again.
      </p>
      <form method="post" action={pasteHref(props.id, 'reveal')} class="inline">
        <input type="hidden" name="as" value={props.as} />
        <button type="submit" class="danger">
          Reveal and delete
        </button>
      </form>
    </PastePage>
  );
}
