/**
 * The shared page shell, the suite's one frame: `<!DOCTYPE html>` (standards mode; hono's
 * `c.html` adds none, so every document starts here, in `Document`), one title scheme
 * ("<page> · <app> · tailyard"), the app's favicon, a header with the app's name and its own
 * navigation, the suite navigation to the other apps (from the platform's `SuiteFrame`; empty
 * for anonymous Funnel visitors), main content and footer. Every page works without JavaScript;
 * htmx (deferred) makes forms and search nicer, and `tailyard.js` shows `<LocalTime>`s in the
 * viewer's time zone.
 *
 * @example
 *   c.html(<Layout title="All links" frame={c.get('frame')} brand="go/" icon={favicon}><h1>All links</h1></Layout>)
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { SuiteFrame } from '../src/platform/frame.js';
import { assetUrl } from './assets.js';
import './render-mode.js';

export interface NavLink {
  href: string;
  label: string;
}

export interface LayoutProps {
  /** What the page shows, e.g. `All links`: the first part of the document title. */
  title: string;
  /** The suite frame of the request (`c.get('frame')`); without it, no suite navigation. */
  frame?: SuiteFrame;
  /** The name in the header, e.g. `go/`. */
  brand: string;
  tagline?: string;
  nav?: NavLink[];
  /** The app's favicon URL (an SVG). */
  icon?: string;
  /** A visible `h1` the layout puts first in `main`, for pages whose content has none. */
  heading?: string;
  /** Extra `<head>` elements (e.g. an OpenSearch link). */
  head?: Child;
  children?: Child;
}

/**
 * The document title: "<page> · <app> · tailyard", without repeating a part.
 *
 * @example documentTitle('All links', 'go/ links') // 'All links · go/ links · tailyard'
 */
export function documentTitle(page: string, app: string): string {
  const parts = [page, app, 'tailyard'].filter((p, i, all) => p !== '' && all.indexOf(p) === i);
  return parts.join(' · ');
}

/** `<!DOCTYPE html>` and the `<head>` every document shares; each page's own head and body follow. */
export function Document(props: { title: string; icon?: string; head?: Child; bodyClass?: string; children?: Child }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          {props.icon && <link rel="icon" href={props.icon} type="image/svg+xml" />}
          <link rel="stylesheet" href={assetUrl('tailyard.css')} />
          <script src={assetUrl('htmx.min.js')} defer></script>
          <script src={assetUrl('tailyard.js')} defer></script>
          {props.head}
        </head>
        <body class={props.bodyClass}>{props.children}</body>
      </html>
    </>
  );
}

/** The links to every enabled app; the current one marked. */
function SuiteNav(props: { frame: SuiteFrame }) {
  const { frame } = props;
  if (frame.apps.length < 2) return null;
  return (
    <nav class="suite" aria-label="tailyard apps">
      <div class="wrap">
        {frame.apps.map((a) => (
          <a href={a.url} aria-current={a.id === frame.app.id ? 'page' : undefined}>
            {a.name}
          </a>
        ))}
      </div>
    </nav>
  );
}

export function Layout(props: LayoutProps) {
  const app = props.frame?.app.name ?? props.brand;
  return (
    <Document title={documentTitle(props.title, app)} icon={props.icon} head={props.head}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      {props.frame && <SuiteNav frame={props.frame} />}
      <header class="site">
        <div class="wrap">
          <a class="brand" href="/">
            {props.brand}
          </a>
          {props.tagline && <span class="tagline">{props.tagline}</span>}
          {props.nav && (
            <nav aria-label={`${app} pages`}>
              {props.nav.map((l) => (
                <a href={l.href}>{l.label}</a>
              ))}
            </nav>
          )}
        </div>
      </header>
      <main class="wrap" id="main">
        {props.heading && <h1>{props.heading}</h1>}
        {props.children}
      </main>
      <footer class="site">
        <div class="wrap">tailyard — utilities for your tailnet</div>
      </footer>
    </Document>
  );
}
