/**
 * Link listings (`/.all`, `/.search`): a search box that filters live with htmx (and submits as a
 * plain GET form without JavaScript), and the results table with owner, last edit and clicks.
 *
 * @example <ListPage ctx={ctx} title="All links" q="" rows={links} clicks={new Map()} />
 */
import { detailHref, LinksPage, type PageCtx, When } from './page.js';
import { SearchBox } from '../search-box.js';

export interface ListRow {
  id: string;
  short: string;
  long: string;
  description: string;
  owner: string;
  lastEdit: number;
}

/** Where `rows` sit in the whole result, and links to the neighbouring pages. */
export interface Paging {
  total: number;
  offset: number;
  prev?: string;
  next?: string;
}

export interface ResultsProps {
  brand: string;
  rows: ListRow[];
  clicks: ReadonlyMap<string, number>;
  paging: Paging;
}

/** The results table alone: what htmx swaps in while typing. */
export function Results(props: ResultsProps) {
  return (
    <div id="results" aria-live="polite">
      <p>
        Results ({props.paging.total} total)
        {props.paging.total > props.rows.length && (
          <span class="muted">
            {' '}
            — showing {props.paging.offset + 1}–{props.paging.offset + props.rows.length}
          </span>
        )}
      </p>
      {props.rows.length > 0 && (
        <table class="responsive">
          <thead>
            <tr>
              <th>Link</th>
              <th>Owner</th>
              <th>Last edited</th>
              <th class="num">Clicks</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((l) => (
              <tr>
                <td>
                  <a href={detailHref(l.short)}>
                    {props.brand}/{l.short}
                  </a>
                  <span class="sub">{l.long}</span>
                  {l.description && <span class="sub">{l.description}</span>}
                </td>
                <td data-label="Owner">{l.owner}</td>
                <td data-label="Last edited">
                  <When t={l.lastEdit} dateOnly />
                </td>
                <td class="num" data-label="Clicks">
                  {props.clicks.get(l.id) ?? 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(props.paging.prev || props.paging.next) && (
        <nav class="row" aria-label="pages">
          {props.paging.prev && <a href={props.paging.prev}>← Previous</a>}
          {props.paging.next && <a href={props.paging.next}>Next →</a>}
        </nav>
      )}
    </div>
  );
}

export function ListPage(props: { ctx: PageCtx; title: string; q: string; rows: ListRow[]; clicks: ReadonlyMap<string, number>; paging: Paging }) {
  const { ctx } = props;
  return (
    <LinksPage ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      <SearchBox action="/.search" q={props.q} label="Search links" placeholder="Search names, destinations, descriptions; owner:login" delayMs={200} />
      <Results brand={ctx.brand} rows={props.rows} clicks={props.clicks} paging={props.paging} />
      <p>
        <a href="/.export">Download all links in JSON Lines format.</a>
      </p>
    </LinksPage>
  );
}
