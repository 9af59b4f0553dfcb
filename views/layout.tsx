/**
 * The shared page shell: header with the app's name, main content, footer. Every page works
 * without JavaScript; htmx is loaded (deferred) to make forms and search nicer.
 *
 * @example
 *   c.html(<Layout title="go/ links" brand="go/" tagline="Short links for your tailnet"><p>hi</p></Layout>)
 */
import type { Child } from 'hono/jsx';
import { assetUrl } from './assets.js';
import './render-mode.js';

export interface NavLink {
  href: string;
  label: string;
}

export interface LayoutProps {
  /** The document title. */
  title: string;
  /** The name in the header, e.g. `go/`. */
  brand: string;
  tagline?: string;
  nav?: NavLink[];
  /** Extra `<head>` elements (e.g. an OpenSearch link). */
  head?: Child;
  children?: Child;
}

export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href={assetUrl('tailyard.css')} />
        <script src={assetUrl('htmx.min.js')} defer></script>
        {props.head}
      </head>
      <body>
        <header class="site">
          <div class="wrap">
            <a class="brand" href="/">
              {props.brand}
            </a>
            {props.tagline && <span class="tagline">{props.tagline}</span>}
            {props.nav && (
              <nav aria-label="main">
                {props.nav.map((l) => (
                  <a href={l.href}>{l.label}</a>
                ))}
              </nav>
            )}
          </div>
        </header>
        <main class="wrap" id="main">
          {props.children}
        </main>
        <footer class="site">
          <div class="wrap">tailyard — utilities for your tailnet</div>
        </footer>
      </body>
    </html>
  );
}
