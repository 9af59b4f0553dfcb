/**
 * The standalone "fancy" reading view of a Markdown or Org paste (tclip's fancypost): just the
 * rendered document in a readable column, titled by its first heading, without the author.
 *
 * @example <FancyPage title="Release notes" body={html} back="/paste/…" />
 */
import { raw } from 'hono/html';
import { assetUrl } from '../assets.js';
import { PasteHead } from './page.js';

export function FancyPage(props: { title: string; body: string; back: string }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href={assetUrl('tailyard.css')} />
        <PasteHead />
      </head>
      <body class="fancy">
        <main>
          <article class="prose">{raw(props.body)}</article>
          <p class="muted">
            <a href={props.back}>View the paste</a>
          </p>
        </main>
      </body>
    </html>
  );
}
