/**
 * A tailnet app for tailyard, from outside its source tree: shared notes, where a grant decides
 * who may read and who may write. Run it with
 *
 *   tailyard serve --app ./notes.mjs            (or "plugins": ["./notes.mjs"] in the config)
 *
 * and it gets what the built-in apps get: its own node `notes` on the tailnet in managed mode
 * (http://127.0.0.1:8090 in dev mode), the caller's identity on every request, its own database
 * (`<data>/notes.db`) and audit log (`<data>/notes.audit.db`), its config section
 * (`apps.notes`) and flag, and `tailyard notes …` subcommands. It uses only `tailyard/app`.
 *
 * Module map: notes.mjs (this declaration), config.mjs (apps.notes and the flag), schema.mjs
 * (migrations), store.mjs (SQL), access.mjs (what a grant allows), errors.mjs (errors → HTTP),
 * routes.mjs + page.mjs (the web UI), cli.mjs (subcommands), notes.css, test/ (node:test).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineApp } from 'tailyard/app';
import { registerNotesCli } from './cli.mjs';
import { NotesConfig, notesFlags } from './config.mjs';
import { notesErrors } from './errors.mjs';
import { notesRoutes } from './routes.mjs';
import { migrations } from './schema.mjs';
import { notesStore } from './store.mjs';

const cssFile = fileURLToPath(new URL('./notes.css', import.meta.url));
// The platform serves app files as cacheable forever: a content hash in the URL changes with the file.
const cssUrl = `/.tailyard/static/notes.css?v=${createHash('sha256').update(readFileSync(cssFile)).digest('hex').slice(0, 12)}`;

export default defineApp({
  apiVersion: 1,
  id: 'notes',
  title: 'Notes',
  defaultHostname: 'notes',
  defaultDevPort: 8090,
  defaultCapName: 'example.com/cap/notes',
  // What the dev caller holds (`tailyard serve` in dev mode), unless --dev-caps says otherwise.
  fullAccessCaps: [{ write: true }],
  configSchema: NotesConfig,
  flags: notesFlags,
  migrations,
  errors: notesErrors,
  assets: { 'notes.css': cssFile },
  // The SQL console may list this as a read-only source (its appSources setting).
  sqlViews: ({ database }) => ({ label: 'notes (plugin)', database, views: { notes: 'SELECT id, body, author, created FROM notes' } }),
  create(ctx) {
    return notesRoutes(ctx, notesStore(ctx.db), cssUrl);
  },
  registerCli: registerNotesCli,
});
