/**
 * The notes page: the list, newest first, and a form to add one. A plain HTML form posting to
 * `/notes`, so it works without JavaScript; `html` escapes every value put into it.
 *
 * @example c.html(notesPage({ heading: 'Notes', notes, canWrite: true, maxLength: 2000, css: '/.tailyard/static/notes.css?v=…' }))
 */
import { html } from 'tailyard/app';

/**
 * @param {{ heading: string; notes: import('./store.mjs').Note[]; canWrite: boolean; maxLength: number; css: string; login: string }} p
 */
export function notesPage(p) {
  return html`<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${p.heading}</title>
    <link rel="stylesheet" href="${p.css}" />
  </head>
  <body>
    <h1>${p.heading}</h1>
    ${
      p.canWrite
        ? html`<form method="post" action="/notes">
            <label for="body">New note, as ${p.login}</label>
            <textarea id="body" name="body" maxlength="${p.maxLength}" required></textarea>
            <button type="submit">Add</button>
          </form>`
        : html`<p class="meta">You may read these notes; writing needs the grant <code>{"write": true}</code>.</p>`
    }
    ${
      p.notes.length === 0
        ? html`<p>No notes yet.</p>`
        : html`<ol>
            ${p.notes.map((n) => html`<li id="note-${n.id}">${n.body}<div class="meta">${n.author}, ${n.created}</div></li>`)}
          </ol>`
    }
  </body>
</html>`;
}
