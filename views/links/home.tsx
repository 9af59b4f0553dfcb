/**
 * The home page (also the 404 page for unknown links): the create form, or the read-only banner,
 * then the popular links over 7 days, 30 days or all time.
 *
 * @example <HomePage ctx={ctx} popular={[]} window="all" />
 */
import { CreateForm } from './forms.js';
import { detailHref, ErrorBanner, LinksPage, type PageCtx, ReadonlyBanner, When } from './page.js';

export interface PopularRow {
  short: string;
  long: string;
  clicks: number;
}

export interface HomeProps {
  ctx: PageCtx;
  popular: PopularRow[];
  window: '7d' | '30d' | 'all';
  /** The unknown name that brought the viewer here (404). */
  notFound?: string;
  /** When `notFound` names a deleted link: who deleted it and when, and whether the viewer may restore it. */
  deleted?: { by: string; at: number; canRestore: boolean };
  /** "Did you mean" names for `notFound`. */
  suggestions?: string[];
  form?: { short?: string; long?: string; description?: string };
  error?: string;
}

const WINDOWS = [
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
  ['all', 'All time'],
] as const;

export function HomePage(props: HomeProps) {
  const { ctx } = props;
  return (
    <LinksPage ctx={ctx} title={props.notFound ? `${props.notFound} not found` : 'Home'} heading={props.notFound ? undefined : `${ctx.brand}/ links`}>
      {props.notFound && (
        <>
          <h1>
            {props.deleted ? `${ctx.brand}/${props.notFound} was deleted` : `${ctx.brand}/${props.notFound} does not exist yet`}
          </h1>
          {props.deleted && <DeletedNotice ctx={ctx} short={props.notFound} deleted={props.deleted} />}
          {props.suggestions && props.suggestions.length > 0 && (
            <p>
              Did you mean{' '}
              {props.suggestions.map((s, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`/${s}`}>
                    {ctx.brand}/{s}
                  </a>
                </>
              ))}
              ?
            </p>
          )}
        </>
      )}
      {props.deleted?.canRestore ? null : ctx.readonly ? (
        <ReadonlyBanner brand={ctx.brand} />
      ) : (
        <section aria-labelledby="create-h">
          <h2 id="create-h">{props.notFound ? 'Create it now' : 'Create a new link'}</h2>
          <ErrorBanner message={props.error} />
          <CreateForm brand={ctx.brand} short={props.form?.short ?? props.notFound} long={props.form?.long} description={props.form?.description} />
        </section>
      )}
      <section aria-labelledby="popular-h">
        <h2 id="popular-h">Popular links</h2>
        <nav class="tabs" aria-label="popularity window">
          {WINDOWS.map(([w, label]) => (
            <a href={`/?popular=${w}`} aria-current={w === props.window ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        {props.popular.length === 0 ? (
          <p class="muted">No clicks recorded in this period yet.</p>
        ) : (
          <table class="responsive">
            <thead>
              <tr>
                <th>Link</th>
                <th class="num">Clicks</th>
              </tr>
            </thead>
            <tbody>
              {props.popular.map((p) => (
                <tr>
                  <td>
                    <a href={`/${p.short}`}>
                      {ctx.brand}/{p.short}
                    </a>{' '}
                    <a href={detailHref(p.short)} class="muted" aria-label={`details of ${p.short}`}>
                      (details)
                    </a>
                    <span class="sub">{p.long}</span>
                  </td>
                  <td class="num" data-label="Clicks">
                    {p.clicks}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          {ctx.login && (
            <>
              <a href={`/.search?q=${encodeURIComponent(`owner:${ctx.login}`)}`}>See my links</a>
              {' · '}
            </>
          )}
          <a href="/.all">See all links</a>
        </p>
      </section>
    </LinksPage>
  );
}

/** What a visit to a deleted link offers: Restore (when the viewer may), instead of "Create it now". */
function DeletedNotice(props: { ctx: PageCtx; short: string; deleted: NonNullable<HomeProps['deleted']> }) {
  const { ctx, short, deleted } = props;
  return (
    <>
      <p>
        It was deleted{deleted.by && ` by ${deleted.by}`} on <When t={deleted.at} />. Its history is kept on its{' '}
        <a href={detailHref(short)}>detail page</a>.
      </p>
      {deleted.canRestore && (
        <form method="post" action={`/.restore/${encodeURIComponent(short)}`} class="inline">
          <button type="submit">
            Restore {ctx.brand}/{short}
          </button>
        </form>
      )}
    </>
  );
}

/** golink's success page after a save from a browser form. */
export function SavedPage(props: { ctx: PageCtx; short: string }) {
  const { ctx, short } = props;
  return (
    <LinksPage ctx={ctx} title="Saved">
      <h1>Success</h1>
      <p class="banner ok" role="status">
        <a href={`/${short}`}>
          {ctx.brand}/{short}
        </a>{' '}
        has been saved.
      </p>
      <p>
        <a href={detailHref(short)}>View or edit it</a> · <a href="/">Create another link</a>
      </p>
    </LinksPage>
  );
}
