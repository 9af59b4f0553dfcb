/**
 * `/help`: how to paste from a terminal (tclip's CLI, `tailyard paste`, curl, Emacs), the JSON
 * API, search syntax, lifetimes and visibility.
 *
 * @example <HelpPage ctx={ctx} origin="https://paste.tail1234.ts.net" maxBytes="10 MiB" lifetimes={["1h", "never"]} languages={r.languageOptions()} />
 */
import type { LanguageList, LifetimeChoice, PageCtx } from './models.js';
import { PastePage } from './page.js';

export function HelpPage(props: { ctx: PageCtx; origin: string; maxBytes: string; lifetimes: readonly LifetimeChoice[]; languages: LanguageList }) {
  const o = props.origin;
  return (
    <PastePage ctx={props.ctx} title="Help">
      <h1>Help</h1>
      <p>
        Everyone on the tailnet can paste here; nobody needs a login or a token, because the tailnet already knows who is calling. A paste
        link is unguessable: share it with whoever should read the paste.
      </p>

      <h2>From a terminal</h2>
      <p>With tailyard's own command (it speaks tclip's protocol, so it also works against a tclip server):</p>
      <pre>{`cat build.log | tailyard paste --server ${o}
tailyard paste main.go --server ${o} --expires 1d
tailyard paste secret.txt --burn --unlisted   # server from TAILYARD_PASTE_SERVER`}</pre>
      <p>tclip's own CLI works unchanged:</p>
      <pre>{`cat build.log | tclip -target ${o}
tclip -target ${o} main.go`}</pre>
      <p>With curl (a form post; add Accept: text/plain to get the link back instead of a redirect):</p>
      <pre>{`curl ${o}/api/post -H 'Accept: text/plain' -F filename=notes.md -F content=@notes.md
curl ${o}/api/post -H 'Accept: text/plain' --data-urlencode content@build.log -d filename=build.log -d expires=1w`}</pre>
      <p>
        From Emacs, tclip's <code>tclip.el</code> works with <code>(setq tclip-server "{o}")</code>.
      </p>

      <h2>Posting: POST /api/post</h2>
      <p>
        Form fields (<code>application/x-www-form-urlencoded</code> or <code>multipart/form-data</code>, where <code>content</code> may be a
        file part), or a JSON object with the same names:
      </p>
      <dl class="facts">
        <dt>content</dt>
        <dd>the text, UTF-8, at most {props.maxBytes}</dd>
        <dt>filename</dt>
        <dd>optional; picks the highlighting; empty means "untitled" (or the uploaded file's name)</dd>
        <dt>expires</dt>
        <dd>{props.lifetimes.join(', ')}</dd>
        <dt>unlisted</dt>
        <dd>1: never shown in lists or search</dd>
        <dt>burn</dt>
        <dd>1: deleted once someone other than you has read it</dd>
        <dt>language</dt>
        <dd>optional highlight.js language id instead of detection, e.g. go, python, markdown</dd>
      </dl>
      <p>
        The answer depends on <code>Accept</code>: <code>text/plain</code> gets 200 and the paste's URL; <code>application/json</code> gets
        201 and <code>{'{"id", "url", "rawUrl", "expiresAt"}'}</code>; anything else a 303 redirect to the paste.
      </p>

      <h2>Reading and listing</h2>
      <dl class="facts">
        <dt>GET /paste/ID</dt>
        <dd>the paste; with Accept: application/json its metadata and content</dd>
        <dt>GET /paste/ID/raw</dt>
        <dd>the text as text/plain</dd>
        <dt>GET /paste/ID/dl</dt>
        <dd>a download under its filename</dd>
        <dt>GET /paste/ID/md, /org</dt>
        <dd>the reading view of a Markdown or Org paste</dd>
        <dt>GET /api/pastes?mine=1&amp;q=…&amp;page=N</dt>
        <dd>pastes as JSON, 25 per page: everyone's listed ones, or yours with mine=1, optionally searched</dd>
        <dt>DELETE /paste/ID, POST /api/delete/ID</dt>
        <dd>delete a paste (yours, or any as an admin)</dd>
      </dl>

      <h2>Search</h2>
      <p>
        Search looks at names and contents of listed pastes: words, <code>"a phrase"</code>, <code>prefix*</code>, <code>OR</code>,{' '}
        <code>NOT</code>, parentheses, and <code>filename:x</code> or <code>content:x</code>.
      </p>

      <h2>Viewing</h2>
      <p>
        Click a line number to link to that line (<code>#L12</code>); shift-click another to link a range (<code>#L12-L20</code>). Pastes
        are highlighted on the server; pick another language above the code if the guess is wrong. The picker offers the common
        languages; any of these works as <code>?lang=ID</code> on a paste, or as the <code>language</code> field when posting:
      </p>
      <p class="languages">
        {props.languages.map((l) => (
          <>
            <code title={l.name}>{l.id}</code>{' '}
          </>
        ))}
      </p>
    </PastePage>
  );
}
