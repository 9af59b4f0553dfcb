/**
 * The detail page of one link: edit form (or read-only facts), where it resolves to, its click
 * count, its edit history, and the danger zone (delete with confirmation) or restore for a
 * deleted link.
 *
 * @example <DetailPage ctx={ctx} link={link} canEdit history={[]} clicks={3} />
 */
import { EditForm } from './forms.js';
import { detailHref, ErrorBanner, LinksPage, type PageCtx, ReadonlyBanner, When } from './page.js';

export interface DetailLink {
  short: string;
  long: string;
  description: string;
  owner: string;
  created: number;
  lastEdit: number;
  deletedAt: number | null;
  deletedBy: string;
}

export interface HistoryRow {
  at: number;
  actor: string;
  action: string;
  short: string;
  long: string;
  description: string;
  owner: string;
}

export interface DetailProps {
  ctx: PageCtx;
  link: DetailLink;
  canEdit: boolean;
  history: HistoryRow[];
  clicks: number;
  /** `?exists=1`: the create form was used for an existing name. */
  exists?: boolean;
  saved?: boolean;
  restored?: boolean;
  error?: string;
  /** Values to show in the form instead of the stored ones (after a rejected edit). */
  form?: { short: string; long: string; description: string; owner: string };
  /** Server-side resolution of the link with no path: the final URL and the chain, or a problem. */
  resolution?: { url: string; chain: string[] } | { problem: string };
}

/** What a history entry changed compared with the entry before it (older). */
function changes(entry: HistoryRow, before: HistoryRow | undefined): string {
  if (!before || entry.action === 'create') return `created → ${entry.long}`;
  if (entry.action === 'delete' || entry.action === 'restore') return entry.action === 'delete' ? 'deleted' : 'restored';
  const out: string[] = [];
  if (entry.short !== before.short) out.push(`renamed ${before.short} → ${entry.short}`);
  if (entry.long !== before.long) out.push(`destination → ${entry.long}`);
  if (entry.description !== before.description) out.push('description changed');
  if (entry.owner !== before.owner) out.push(`owner ${before.owner || '(none)'} → ${entry.owner || '(none)'}`);
  return out.length ? out.join('; ') : 'saved without changes';
}

export function DetailPage(props: DetailProps) {
  const { ctx, link } = props;
  const deleted = link.deletedAt !== null;
  const form = props.form ?? link;
  return (
    <LinksPage ctx={ctx} title={link.short}>
      <h1>
        <a href={`/${link.short}`}>
          {ctx.brand}/{link.short}
        </a>
      </h1>
      {props.exists && (
        <p class="banner" role="status">
          A link named {ctx.brand}/{link.short} already exists.{props.canEdit && !deleted && ' You can edit it below.'}
        </p>
      )}
      {props.saved && (
        <p class="banner ok" role="status">
          Saved.
        </p>
      )}
      {props.restored && (
        <p class="banner ok" role="status">
          Restored.
        </p>
      )}
      <ErrorBanner message={props.error} />
      {ctx.readonly && <ReadonlyBanner brand={ctx.brand} />}
      {deleted && (
        <div class="banner error" role="status">
          <p>
            This link was deleted{link.deletedBy && ` by ${link.deletedBy}`} on <When t={link.deletedAt ?? 0} />.
          </p>
          {props.canEdit && (
            <form method="post" action={`/.restore/${encodeURIComponent(link.short)}`} class="inline">
              <button type="submit">Restore {ctx.brand}/{link.short}</button>
            </form>
          )}
        </div>
      )}
      {props.canEdit && !deleted ? (
        <EditForm {...form} />
      ) : (
        <dl class="facts">
          <dt>Destination</dt>
          <dd class="mono">{link.long}</dd>
          {link.description && (
            <>
              <dt>Description</dt>
              <dd>{link.description}</dd>
            </>
          )}
          <dt>Owner</dt>
          <dd>{link.owner || <span class="muted">nobody</span>}</dd>
        </dl>
      )}
      <h2>Facts</h2>
      <dl class="facts">
        <dt>Created</dt>
        <dd>
          <When t={link.created} />
        </dd>
        <dt>Last edited</dt>
        <dd>
          <When t={link.lastEdit} />
        </dd>
        <dt>Clicks</dt>
        <dd>{props.clicks}</dd>
        {props.resolution && (
          <>
            <dt>Resolves to</dt>
            <dd class="mono">
              {'problem' in props.resolution ? (
                <span class="banner error">{props.resolution.problem}</span>
              ) : (
                <>
                  {props.resolution.url}
                  {props.resolution.chain.length > 1 && <span class="sub">via {props.resolution.chain.map((s) => `${ctx.brand}/${s}`).join(' → ')}</span>}
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      <h2>History</h2>
      {props.history.length === 0 ? (
        <p class="muted">No recorded changes (the link predates history, or came from a snapshot).</p>
      ) : (
        <table class="responsive">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {props.history.map((h, i) => (
              <tr>
                <td data-label="When">
                  <When t={h.at} />
                </td>
                <td data-label="Who">{h.actor || 'anonymous'}</td>
                <td data-label="What">
                  <strong>{h.action}</strong> <span class="sub">{changes(h, props.history[i + 1])}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canEdit && !deleted && (
        <details class="danger">
          <summary>Danger zone</summary>
          {/* A link to the confirmation page, not a form that deletes: every delete is confirmed. */}
          <p class="inline">
            <span>Deleting hides the link; it can be restored from this page.</span>{' '}
            <a class="button danger" href={`/.delete/${encodeURIComponent(link.short)}`}>
              Delete {ctx.brand}/{link.short}…
            </a>
          </p>
        </details>
      )}
      <p>
        <a href="/.all">All links</a> · <a href={detailHref(link.short)}>Permalink</a>
      </p>
    </LinksPage>
  );
}
