/**
 * The paste view: name, author (unless hidden from anonymous viewers), times, lifetime and
 * visibility, the actions tclip offers (permalink, raw, download, fancy, delete) plus "edit as
 * new", a language picker and a word-wrap toggle (plain links and a GET form, so all of it works
 * without JavaScript), then the highlighted code with line anchors, or the rendered document for
 * Markdown and Org.
 *
 * @example <ViewPage ctx={ctx} paste={p} body={html} language="go" … />
 */
import { raw } from 'hono/html';
import type { LanguageList, PageCtx, ViewedPaste } from './models.js';
import { Badges, formatSize, PastePage, pasteHref, When } from './page.js';
import { LanguageOptions } from './picker.js';

export interface ViewProps {
  ctx: PageCtx;
  paste: ViewedPaste;
  /** Sanitised document HTML or highlighted code HTML (from the render cache). */
  body: string;
  /** The language the code is shown in (the picker's choice, or the stored one). */
  language: string;
  /** Its name, e.g. `C++`. */
  languageName: string;
  /** The picker's choices. */
  languages: LanguageList;
  /** True when `body` is a rendered Markdown/Org document. */
  document: boolean;
  /** Markdown or Org: the fancy view's action (`md` or `org`). */
  fancy?: 'md' | 'org';
  wrap: boolean;
  lineNumbers: boolean;
  canDelete: boolean;
  own: boolean;
  /** The paste was just burnt by this view. */
  burnt?: boolean;
}

/** The current page's query with one parameter changed (for the no-JS toggles). */
function withParam(p: ViewProps, key: string, value: string): string {
  const q = new URLSearchParams();
  if (p.language !== p.paste.language) q.set('lang', p.language);
  if (p.fancy && !p.document) q.set('source', '1');
  if (p.wrap) q.set('wrap', '1');
  q.set(key, value);
  if (value === '') q.delete(key);
  const s = q.toString();
  return `${pasteHref(p.paste.id)}${s ? `?${s}` : ''}`;
}

function Actions(props: ViewProps) {
  const { paste } = props;
  return (
    <nav class="actions" aria-label="paste actions">
      <a href={pasteHref(paste.id)}>Permalink</a>
      <a href={pasteHref(paste.id, 'raw')}>Raw</a>
      <a href={pasteHref(paste.id, 'dl')}>Download</a>
      {props.fancy && <a href={pasteHref(paste.id, props.fancy)}>Fancy</a>}
      {props.ctx.canCreate && !props.burnt && <a href={`/?from=${encodeURIComponent(paste.id)}`}>Edit as new</a>}
      {props.canDelete && <a href={`/api/delete/${encodeURIComponent(paste.id)}`}>Delete</a>}
      {!props.burnt && (
        <button type="button" class="secondary" data-copy={pasteHref(paste.id, 'raw')} hidden>
          Copy
        </button>
      )}
    </nav>
  );
}

function Toolbar(props: ViewProps) {
  const { paste } = props;
  if (props.document) {
    return (
      <div class="toolbar">
        <a href={withParam(props, 'source', '1')}>Show source</a>
      </div>
    );
  }
  return (
    <div class="toolbar">
      <form method="get" action={pasteHref(paste.id)} class="inline">
        <label for="lang" class="visually-hidden">
          Highlight as
        </label>
        <select id="lang" name="lang" data-autosubmit>
          <LanguageOptions options={props.languages} selected={props.language} />
        </select>
        {props.wrap && <input type="hidden" name="wrap" value="1" />}
        {props.fancy && <input type="hidden" name="source" value="1" />}
        <button type="submit" class="secondary" data-js-hide>
          Highlight
        </button>
      </form>
      <a href={withParam(props, 'wrap', props.wrap ? '' : '1')} id="wrap-toggle" data-wrap={props.wrap ? '1' : '0'}>
        {props.wrap ? 'No wrap' : 'Wrap lines'}
      </a>
      {props.fancy && <a href={withParam(props, 'source', '')}>Show rendered</a>}
    </div>
  );
}

export function ViewPage(props: ViewProps) {
  const { paste } = props;
  const cls = ['view', props.wrap ? 'wrap' : '', props.lineNumbers ? '' : 'no-ln'].filter(Boolean).join(' ');
  return (
    <PastePage ctx={props.ctx} title={paste.filename}>
      {props.burnt && (
        <p class="banner" role="status">
          This paste burnt after reading: it is deleted now, and this is the only time it is shown. Copy what you need.
        </p>
      )}
      {paste.burn && props.own && (
        <p class="banner" role="status">
          Burn after reading: this paste is deleted the first time someone other than you opens and reveals it.
        </p>
      )}
      <header class="paste-head">
        <h1>{paste.filename}</h1>
        <p class="meta">
          {paste.author && (
            <span class="author" title={paste.author.login}>
              {paste.author.displayName}
              {paste.author.node && paste.author.node !== paste.author.displayName && <span class="muted"> on {paste.author.node}</span>}
              {' · '}
            </span>
          )}
          <When iso={paste.createdAt} /> · {props.languageName} · {formatSize(paste.size)} <Badges unlisted={paste.unlisted} burn={paste.burn} expiresAt={paste.expiresAt} />
        </p>
        <Actions {...props} />
      </header>
      <Toolbar {...props} />
      <div class={cls}>{props.document ? <article class="prose">{raw(props.body)}</article> : raw(props.body)}</div>
    </PastePage>
  );
}
