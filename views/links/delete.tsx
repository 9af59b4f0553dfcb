/**
 * Delete pages: the confirmation a browser gets from `GET /.delete/{short}`, and golink's
 * "deleted" page after the POST, with a restore button and the pre-filled "recreate" form.
 *
 * @example <DeletedPage ctx={ctx} link={{ short: 'docs', long: 'https://docs/' }} canRestore />
 */
import { CreateForm } from './forms.js';
import { detailHref, LinksPage, type PageCtx } from './page.js';

export function ConfirmDeletePage(props: { ctx: PageCtx; link: { short: string; long: string } }) {
  const { ctx, link } = props;
  return (
    <LinksPage ctx={ctx} title={`Delete ${link.short}`}>
      <h1>
        Delete {ctx.brand}/{link.short}?
      </h1>
      <p>
        It points to <span class="mono">{link.long}</span>. A deleted link can be restored from its detail page.
      </p>
      <form method="post" action={`/.delete/${encodeURIComponent(link.short)}`} class="inline">
        <button type="submit" class="danger" autofocus>
          Delete {ctx.brand}/{link.short}
        </button>
        <a href={detailHref(link.short)}>Cancel</a>
      </form>
    </LinksPage>
  );
}

export function DeletedPage(props: { ctx: PageCtx; link: { short: string; long: string }; canRestore: boolean }) {
  const { ctx, link } = props;
  return (
    <LinksPage ctx={ctx} title={`Deleted ${link.short}`}>
      <h1>
        Link {ctx.brand}/{link.short} deleted
      </h1>
      {props.canRestore && (
        <form method="post" action={`/.restore/${encodeURIComponent(link.short)}`} class="inline">
          <span>Deleted this by mistake?</span>
          <button type="submit">Restore {ctx.brand}/{link.short}</button>
        </form>
      )}
      {!ctx.readonly && (
        <>
          <h2>Recreate it</h2>
          <p class="muted">Or create a new link with the same name:</p>
          <CreateForm brand={ctx.brand} short={link.short} long={link.long} />
        </>
      )}
    </LinksPage>
  );
}
