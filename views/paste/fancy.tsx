/**
 * The standalone "fancy" reading view of a Markdown or Org paste (tclip's fancypost): just the
 * rendered document in a readable column, titled by its first heading, without the author.
 *
 * @example <FancyPage title="Release notes" body={html} back="/paste/…" />
 */
import { raw } from 'hono/html';
import { Document } from '../layout.js';
import { PasteHead } from './page.js';

export function FancyPage(props: { title: string; body: string; back: string }) {
  return (
    <Document title={props.title} icon="/favicon.svg" head={<PasteHead />} bodyClass="fancy">
      <main>
        <article class="prose">{raw(props.body)}</article>
        <p class="muted">
          <a href={props.back}>View the paste</a>
        </p>
      </main>
    </Document>
  );
}
