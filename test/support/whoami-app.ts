/**
 * A small app that proves the app interface (and lets the tailnet suite see identities): it
 * reports the caller, counts visits in its own database, and guards one route with a grant.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { defineApp, type AppEnv } from '../../src/platform/app.js';
import { capValues } from '../../src/platform/identity.js';
import { bodyLimit } from '../../src/platform/middleware.js';

const WhoamiCap = z.object({ allow: z.boolean() });

export const whoamiApp = defineApp({
  apiVersion: 1,
  id: 'whoami',
  title: 'whoami',
  defaultHostname: 'whoami',
  defaultDevPort: 8090,
  defaultCapName: 'example.com/cap/whoami',
  fullAccessCaps: [{ allow: true }],
  configSchema: z.object({ greeting: z.string().default('hello') }).strict(),
  // Stands in for a route that authenticates its client itself (an OAuth token endpoint).
  csrfExempt: [{ method: 'POST', path: '/self-authenticated' }],
  migrations: [
    { version: 1, name: 'visits', up: 'CREATE TABLE visits (id INTEGER PRIMARY KEY, login TEXT NOT NULL)' },
    { version: 2, name: 'notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)' },
  ],
  create({ db, config, capName, log }) {
    const addVisit = db.prepare('INSERT INTO visits (login) VALUES (?)');
    const addNote = db.prepare('INSERT INTO notes (body) VALUES (?)');
    const app = new Hono<AppEnv>();
    app.get('/', (c) => c.text(`${config.greeting}, ${c.get('caller').login}\n`));
    app.get('/whoami', (c) => {
      const caller = c.get('caller');
      addVisit.run(caller.login);
      return c.json({
        kind: caller.kind,
        login: caller.login,
        displayName: caller.displayName,
        nodeName: caller.nodeName,
        nodeFQDN: caller.nodeFQDN,
        tags: caller.tags,
        isTagged: caller.isTagged,
        addresses: caller.addresses,
        caps: caller.caps(capName),
      });
    });
    app.get('/private', (c) => {
      const allowed = capValues(c.get('caller'), capName, WhoamiCap, log).some((v) => v.allow);
      return allowed ? c.text('secret garden\n') : c.text('forbidden: needs the whoami grant {"allow": true}\n', 403);
    });
    app.post('/notes', bodyLimit(1024), async (c) => {
      const form = await c.req.parseBody();
      addNote.run(String(form.body ?? ''));
      return c.text('saved\n', 201);
    });
    app.delete('/notes', (c) => {
      db.exec('DELETE FROM notes');
      return c.body(null, 204);
    });
    app.post('/self-authenticated', (c) => c.text('client authenticated by its own credentials\n'));
    app.get('/slow', async (c) => {
      await new Promise((r) => setTimeout(r, Number(c.req.query('ms') ?? 300)));
      return c.text('done\n');
    });
    return app;
  },
});
