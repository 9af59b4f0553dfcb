/**
 * The paste page shell: the shared layout with the paste app's name and navigation, the
 * highlight.js light and dark themes, the paste stylesheet and its small script, plus helpers the
 * paste pages share (times, sizes, links, badges).
 *
 * Times are the suite's `LocalTime` (UTC text, shown in the viewer's zone by tailyard.js).
 *
 * @example
 *   <PastePage ctx={ctx} title="Help">…</PastePage>
 */
import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets.js';
import { Layout } from '../layout.js';
import { LocalTime } from '../local-time.js';
import type { PageCtx } from './models.js';

/**
 * The paste icon, served at `/favicon.svg` (a browser asks the site's root for its icon, so it
 * is not one of the static files under `/.tailyard/static/`).
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0f766e"/><path d="M10 7h9l5 5v13H10z" fill="#fff"/><path d="M19 7v5h5" fill="#99f6e4"/></svg>`;

/** The paste app's stylesheets and script, for the shared layout and the standalone pages. */
export function PasteHead() {
  return (
    <>
      <link rel="stylesheet" href={assetUrl('hljs-light.css')} media="(prefers-color-scheme: light)" />
      <link rel="stylesheet" href={assetUrl('hljs-dark.css')} media="(prefers-color-scheme: dark)" />
      <link rel="stylesheet" href={assetUrl('paste.css')} />
      <meta name="htmx-config" content='{"includeIndicatorStyles":false,"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},{"code":"400","swap":true,"error":false},{"code":"[45]..","swap":false,"error":true}]}' />
      <script src={assetUrl('paste.js')} defer></script>
    </>
  );
}

export function PastePage(props: { ctx: PageCtx; title: string; children?: Child }) {
  const { ctx } = props;
  const nav = [
    ...(ctx.canCreate ? [{ href: '/', label: 'New paste' }] : []),
    ...(ctx.canListAll ? [{ href: '/paste/list', label: 'All pastes' }] : []),
    ...(ctx.canListOwn ? [{ href: '/paste/mine', label: 'My pastes' }] : []),
    ...(ctx.viewer !== undefined ? [{ href: '/help', label: 'Help' }] : []),
  ];
  return (
    <Layout title={props.title} frame={ctx.frame} brand={ctx.brand} icon="/favicon.svg" tagline="Pastebin for your tailnet" nav={nav} head={<PasteHead />}>
      {props.children}
    </Layout>
  );
}

/**
 * An RFC 3339 UTC time in the suite's date format (`LocalTime`).
 *
 * @example <When iso="2024-05-01T12:00:00.000Z" />
 */
export function When(props: { iso: string }) {
  return <LocalTime iso={props.iso} />;
}

/** `1.5 KiB`-style sizes. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1 << 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

export const pasteHref = (id: string, action?: 'raw' | 'dl' | 'md' | 'org' | 'reveal'): string => `/paste/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** The visibility and lifetime markers shown next to a paste's name. */
export function Badges(props: { unlisted: boolean; burn: boolean; expiresAt: string | null }) {
  return (
    <>
      {props.unlisted && <span class="badge">unlisted</span>}
      {props.burn && <span class="badge warn">burns after reading</span>}
      {props.expiresAt && (
        <span class="badge">
          expires <When iso={props.expiresAt} />
        </span>
      )}
    </>
  );
}
