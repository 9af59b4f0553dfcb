/**
 * Paste listings: everyone's (`/paste/list`, tclip's 25 per page with Prev/Next) and the
 * viewer's own (`/paste/mine`), each with a full-text search box that filters live with htmx and
 * submits as a plain GET form without JavaScript.
 *
 * @example <ListPage ctx={ctx} title="All pastes" action="/paste/list" q="" result={r} />
 */
import { SearchBox } from '../search-box.js';
import type { ListedPaste, PageCtx } from './models.js';
import { Badges, formatSize, PastePage, pasteHref, When } from './page.js';

export interface ResultsProps {
  /** The list's path, e.g. `/paste/list`. */
  action: string;
  q: string;
  rows: readonly ListedPaste[];
  page: number;
  hasNext: boolean;
  /** A message instead of results (a malformed search query). */
  error?: string;
}

function pageHref(p: ResultsProps, page: number): string {
  const q = new URLSearchParams();
  if (p.q) q.set('q', p.q);
  q.set('page', String(page));
  return `${p.action}?${q}`;
}

/** The results alone: what htmx swaps in while typing. */
export function Results(props: ResultsProps) {
  return (
    <div id="results" aria-live="polite">
      {props.error ? (
        <p class="banner error" role="alert">
          {props.error}
        </p>
      ) : props.rows.length === 0 ? (
        <p class="muted">
          {props.page > 0 ? (
            <>
              No pastes on this page. <a href={pageHref(props, 0)}>First page</a>
            </>
          ) : props.q ? (
            'No paste matches.'
          ) : (
            'No pastes yet.'
          )}
        </p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th>Paste</th>
              <th>By</th>
              <th>Created</th>
              <th class="num">Size</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((p) => (
              <tr>
                <td>
                  <a href={pasteHref(p.id)}>{p.filename}</a> <Badges unlisted={p.unlisted} burn={p.burn} expiresAt={p.expiresAt} />
                </td>
                <td data-label="By" title={p.author.login}>
                  {p.author.displayName}
                </td>
                <td data-label="Created">
                  <When iso={p.createdAt} />
                </td>
                <td class="num" data-label="Size">
                  {formatSize(p.size)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(props.page > 0 || props.hasNext) && (
        <nav class="row" aria-label="pages">
          {props.page > 0 && <a href={pageHref(props, props.page - 1)}>← Prev</a>}
          <span class="muted">Page {props.page + 1}</span>
          {props.hasNext && <a href={pageHref(props, props.page + 1)}>Next →</a>}
        </nav>
      )}
    </div>
  );
}

export function ListPage(props: ResultsProps & { ctx: PageCtx; title: string }) {
  return (
    <PastePage ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <SearchBox action={props.action} q={props.q} label="Search pastes" placeholder='Search names and contents: words, "a phrase", prefix*, OR, NOT, filename:x' />
      <Results {...props} />
    </PastePage>
  );
}
