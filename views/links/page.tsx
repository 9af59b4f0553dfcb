/**
 * The go/ links page shell: the shared layout with the links app's name, navigation, OpenSearch
 * link and favicon, plus small helpers the links pages share (dates, the link name display).
 *
 * @example
 *   <LinksPage ctx={{ brand: 'go', login: 'amy@example.com', readonly: false, favicon: '/.tailyard/static/links-favicon.svg?v=…' }} title="Help">…</LinksPage>
 */
import type { Child } from 'hono/jsx';
import type { SuiteFrame } from '../../src/platform/frame.js';
import { Layout } from '../layout.js';
import { UnixTime } from '../local-time.js';

/** What every links page needs to know about the service and the viewer. */
export interface PageCtx {
  /** The name users type, e.g. `go`. */
  brand: string;
  /** The viewer's login (`''` when unknown). */
  login: string;
  readonly: boolean;
  /** The favicon's URL (the app's static file, with a content hash). */
  favicon: string;
  /** The suite frame of the request (navigation to the other apps). */
  frame?: SuiteFrame;
}

export function LinksPage(props: { ctx: PageCtx; title: string; heading?: string; children?: Child }) {
  const { ctx } = props;
  const nav = [
    { href: '/.all', label: 'All links' },
    ...(ctx.login ? [{ href: `/.search?q=${encodeURIComponent(`owner:${ctx.login}`)}`, label: 'My links' }] : []),
    { href: '/.help', label: 'Help' },
  ];
  const head = (
    <>
      <link rel="search" type="application/opensearchdescription+xml" href="/.opensearch" title={`${ctx.brand}/`} />
      <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
    </>
  );
  return (
    <Layout
      title={props.title}
      frame={ctx.frame}
      brand={`${ctx.brand}/`}
      icon={ctx.favicon}
      heading={props.heading}
      tagline="Short links for your tailnet"
      nav={nav}
      head={head}
    >
      {props.children}
    </Layout>
  );
}

/**
 * A Unix-seconds time in the suite's date format (`LocalTime`); Go's zero time as "—".
 *
 * @example <When t={1654662452} />
 */
export function When(props: { t: number; dateOnly?: boolean }) {
  return <UnixTime t={props.t} dateOnly={props.dateOnly} />;
}

/** The path of a link's detail page. */
export function detailHref(short: string): string {
  return `/.detail/${encodeURIComponent(short)}`;
}

/** Banner shown instead of write forms in read-only mode (golink's wording). */
export function ReadonlyBanner(props: { brand: string }) {
  return (
    <p class="banner" role="status">
      {props.brand} is running in read-only mode. Links can be resolved, but not created or updated.
    </p>
  );
}

/** A plain error banner for form errors. */
export function ErrorBanner(props: { message?: string }) {
  return props.message ? (
    <p class="banner error" role="alert">
      {props.message}
    </p>
  ) : null;
}
