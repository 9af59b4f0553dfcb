/**
 * The notes app's routes: `GET /` (the page), `POST /notes` (a form post: adds a note, records
 * it in the audit log, and sends the browser back to the list), `GET /notes.json` (the list for
 * scripts). Each asks the caller's grant first (`access.mjs`).
 */
import { Hono } from 'tailyard/app';
import { notesAccess } from './access.mjs';
import { BadNote, NotAllowed } from './errors.mjs';
import { notesPage } from './page.mjs';

const LIST_LIMIT = 200;

/**
 * @param {import('tailyard/app').AppContext<import('./config.mjs').NotesConfigValues>} ctx
 * @param {ReturnType<typeof import('./store.mjs').notesStore>} store
 * @param {string} css the stylesheet's URL
 */
export function notesRoutes(ctx, store, css) {
  const { config } = ctx;
  /** @param {import('tailyard/app').Caller} caller @param {'read' | 'write'} need */
  const demand = (caller, need) => {
    if (!notesAccess(caller, ctx.capName, ctx.log)[need]) throw new NotAllowed(`${caller.login || 'this caller'} may not ${need} notes`);
  };

  /** @type {import('tailyard/app').Hono<import('tailyard/app').AppEnv>} */
  const app = new Hono();
  app.get('/', (c) => {
    const caller = c.get('caller');
    demand(caller, 'read');
    const canWrite = notesAccess(caller, ctx.capName, ctx.log).write;
    return c.html(notesPage({ heading: config.heading, notes: store.list(LIST_LIMIT), canWrite, maxLength: config.maxLength, css, login: caller.login }));
  });
  app.get('/notes.json', (c) => {
    demand(c.get('caller'), 'read');
    return c.json(store.list(LIST_LIMIT));
  });
  app.post('/notes', async (c) => {
    const caller = c.get('caller');
    demand(caller, 'write');
    const form = await c.req.parseBody();
    const body = typeof form.body === 'string' ? form.body.trim() : '';
    if (body === '') throw new BadNote('a note needs some text');
    if (body.length > config.maxLength) throw new BadNote(`a note is at most ${config.maxLength} characters (this one has ${body.length})`);
    const id = store.add(body, caller.login);
    // Returns once the entry is on disk; if it cannot be written the request fails (500).
    ctx.audit.append({ action: 'note.create', id, by: caller.login, length: body.length });
    return c.redirect(`/#note-${id}`, 303);
  });
  return app;
}
