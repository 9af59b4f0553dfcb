/**
 * The SQL console page (tailsql's `GET /`): the query form, source picker, links, history and
 * saved-query panels, the schema browser, and the result or error. A plain GET form, so every
 * result is a permalink (`/?q=…&src=…`) and everything works without JavaScript; the bundled
 * script (`sql-console.js`) adds the editor, schema browser, grid tools, Cancel and charts.
 *
 * @example c.html(<ConsolePage ctx={ctx} q="select 1" src="main" />)
 */
import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets.js';
import type { SuiteFrame } from '../../src/platform/frame.js';
import { Layout } from '../layout.js';
import { EmptyState, type EmptyStateModel } from './empty.js';
import { ErrorBox, type ResultData, Results } from './results.js';

export interface ConsoleCtx {
  /** The route prefix ('' or '/tsql'); every link starts with it. */
  base: string;
  /** The sources the viewer may query, in config order; `problem`: why one cannot be opened now. */
  sources: ReadonlyArray<{ slug: string; label: string; dialect: 'sqlite' | 'postgres'; problem?: string }>;
  links: ReadonlyArray<{ anchor: string; url: string }>;
  login: string;
  /** Set when `sources` is empty: why, and what to do (shown instead of the form). */
  empty?: EmptyStateModel;
  /** The suite frame of the request (navigation to the other apps). */
  frame?: SuiteFrame;
}

/** The SQL app's page shell: layout, navigation, the console's stylesheet and script. */
export function SqlPage(props: { ctx: ConsoleCtx; title: string; heading?: string; src?: string; children?: Child }) {
  const { base } = props.ctx;
  const src = props.src ? `?src=${encodeURIComponent(props.src)}` : '';
  const nav = [
    { href: `${base}/`, label: 'Console' },
    { href: `${base}/schema${src}`, label: 'Schema' },
    { href: `${base}/history`, label: 'My history' },
  ];
  const head = (
    <>
      <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
      <link rel="stylesheet" href={assetUrl('sql-console.css')} />
      <script type="module" src={assetUrl('sql-console.js')}></script>
    </>
  );
  return (
    <Layout
      title={props.title}
      frame={props.ctx.frame}
      brand="tailsql"
      icon={assetUrl('sql-favicon.svg')}
      heading={props.heading}
      tagline="SQL console for your tailnet"
      nav={nav}
      head={head}
    >
      {props.children}
    </Layout>
  );
}

export interface ConsoleProps {
  ctx: ConsoleCtx;
  q: string;
  src: string;
  children?: Child;
}

const FORMATS = [
  ['csv', 'CSV'],
  ['ndjson', 'NDJSON'],
  ['json', 'JSON'],
  ['tsv', 'TSV'],
  ['md', 'Markdown'],
] as const;

/** The sources that cannot be opened now, each with its reason (path and OS error, or the server's answer). */
function SourceProblems(props: { sources: ConsoleCtx['sources'] }) {
  const failed = props.sources.filter((s) => s.problem);
  if (failed.length === 0) return null;
  return (
    <ul id="source-problems" class="banner error source-problems" aria-label="Sources that cannot be opened">
      {failed.map((s) => (
        <li data-source={s.slug}>
          {s.label}: {s.problem}
        </li>
      ))}
    </ul>
  );
}

export function ConsolePage(props: ConsoleProps) {
  const { ctx, q, src } = props;
  if (ctx.empty) {
    return (
      <SqlPage ctx={ctx} title="Console" heading="SQL console" src={src}>
        <div class="sql-console" id="console-empty">
          <EmptyState state={ctx.empty} />
          <div id="result-area">{props.children}</div>
        </div>
      </SqlPage>
    );
  }
  return (
    <SqlPage ctx={ctx} title="Console" heading="SQL console" src={src}>
      <div class="sql-console" id="console" data-base={ctx.base}>
        <form id="qform" method="get" action={`${ctx.base}/`} class="sql-form">
          <label for="query">Query</label>
          <textarea name="q" id="query" rows={10} spellcheck={false} autofocus>
            {q}
          </textarea>
          <div class="sql-controls">
            <label class="source-pick">
              Source
              <select name="src" id="sources">
                {ctx.sources.map((s, i) => (
                  <option value={s.slug} selected={s.slug === src} title={i < 9 ? `Alt+${i + 1}` : undefined} data-dialect={s.dialect} data-problem={s.problem}>
                    {s.problem ? `${s.label} (cannot be opened)` : s.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" id="send-query">
              Query
            </button>
            <button type="submit" name="explain" value="1" id="explain-query" class="secondary">
              Explain
            </button>
            <button type="submit" formaction={`${ctx.base}/csv`} id="dl-button" class="secondary">
              Download CSV
            </button>
            <span class="hint muted">Ctrl/Shift+Enter runs · Alt+1…9 picks a source</span>
          </div>
          <SourceProblems sources={ctx.sources} />
        </form>
        <div id="status" class="sql-status" hidden>
          <span id="elapsed">0.0 s</span>
          <button type="button" id="cancel-query" class="danger">
            Cancel
          </button>
        </div>
        {ctx.links.length > 0 && (
          <p class="meta links">
            Links:{' '}
            {ctx.links.map((l) => (
              <>
                {' '}
                <a href={l.url} target="_blank" rel="noopener noreferrer">
                  {l.anchor}
                </a>
              </>
            ))}
          </p>
        )}
        <div class="sql-panels">
          <details id="schema-panel">
            <summary>Schema</summary>
            <div id="schema-tree" data-src={src}>
              <a href={`${ctx.base}/schema?src=${encodeURIComponent(src)}`}>Open the schema of this source</a>
            </div>
          </details>
          <details id="history-panel">
            {/* Links and buttons stay out of the summary: a control inside another confuses screen readers. */}
            <summary>History</summary>
            <p class="panel-actions" id="history-actions">
              <a href={`${ctx.base}/history`}>All, from the server</a>
            </p>
            <ul id="history-list" class="query-list"></ul>
          </details>
          <details id="saved-panel">
            <summary>Saved queries</summary>
            <ul id="saved-list" class="query-list"></ul>
          </details>
        </div>
        <div id="result-area">{props.children}</div>
        <aside id="inspector" class="inspector" aria-label="Cell" hidden></aside>
      </div>
    </SqlPage>
  );
}

export interface ConsoleView extends Omit<ConsoleProps, 'children'> {
  outcome?: PageOutcome;
  /** The query came from a link on another site and was not run. */
  notRun?: boolean;
}

/** In place of a result: why the query in the editor has not run. */
function NotRun() {
  return (
    <p id="not-run" class="banner" role="status">
      This query comes from a link on another site and has not run. Read it, then press Query to run it.
    </p>
  );
}

/** Links that download the whole result of the query in each format. */
function Downloads(props: { base: string; q: string; src: string }) {
  const href = (format: string) => `${props.base}/export?${new URLSearchParams({ format, q: props.q, src: props.src })}`;
  return (
    <p class="downloads">
      Download the whole result:{' '}
      {FORMATS.map(([format, label]) => (
        <>
          {' '}
          <a href={href(format)} download class="download" data-format={format}>
            {label}
          </a>
        </>
      ))}
    </p>
  );
}

/** The result area: downloads and the result, or the error. */
export function ResultArea(props: { outcome: PageOutcome; base: string; q: string; src: string }) {
  const { outcome } = props;
  if ('error' in outcome) return <ErrorBox message={outcome.error} hint={outcome.hint} />;
  return (
    <>
      <Downloads base={props.base} q={props.q} src={props.src} />
      <Results result={outcome.result} />
    </>
  );
}

/** The query's result or error, as the page shows it. */
export type PageOutcome = { result: ResultData } | { error: string; hint?: string };

/** Renders the console page with a result or an error (for `c.html`). */
export function consolePage(props: ConsoleView) {
  const { outcome, notRun, ...rest } = props;
  return (
    <ConsolePage {...rest}>
      {notRun && <NotRun />}
      {outcome && <ResultArea outcome={outcome} base={rest.ctx.base} q={rest.q} src={rest.src} />}
    </ConsolePage>
  );
}
