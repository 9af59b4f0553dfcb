/**
 * The notes app on a started tailyard, as its users meet it: in-process through `startPlatform`
 * (the page and form, the grants, the audit entries, counted by `tailyard audit verify`), then through the `tailyard` command installed
 * beside it (`serve --app ./notes.mjs` with the flag, and the `notes` subcommands). Run with
 * `npm test` (node:test); `tailyard` must be installed (`npm install`).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startPlatform, suite } from 'tailyard';
import notes from '../notes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tailyardBin = join(root, 'node_modules/.bin/tailyard');
const BUILT_IN = ['links', 'paste', 'secrets', 'sql', 'idp'];

/** @type {string[]} */
const dirs = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'notes-example-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A platform hosting only the notes app, in dev mode, as `login` with the grant values `caps`
 * (the app's full access when undefined).
 *
 * @param {{ login: string; caps?: unknown[]; notes?: Record<string, unknown> }} o
 */
async function startNotes(o) {
  const dataDir = tempDir();
  /** @type {{ login: string; capsFile?: string }} */
  const dev = { login: o.login };
  if (o.caps) {
    // What `tailyard serve --dev-caps FILE` reads: the dev caller's grants, by capability name.
    dev.capsFile = join(tempDir(), 'caps.json');
    writeFileSync(dev.capsFile, JSON.stringify({ 'example.com/cap/notes': o.caps }));
  }
  const platform = await startPlatform({
    config: { dataDir, dev, log: { level: 'silent' }, admin: { enabled: false }, serve: { notes: { devPort: 0 } }, apps: { notes: o.notes ?? {} } },
    apps: [notes],
    ...suite(),
  });
  const url = String(platform.urls.notes?.[0]).replace(/\/$/, '');
  return { dataDir, url, close: () => platform.close() };
}

/** Runs the installed `tailyard` command in the example's folder. @param {string[]} args */
function tailyard(args) {
  return spawnSync(tailyardBin, args, { cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...process.env, TAILYARD_CONFIG: '' } });
}

/** @param {string} url @param {Record<string, string>} fields @param {Record<string, string>} [headers] */
function post(url, fields, headers = {}) {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), headers, redirect: 'manual' });
}

describe('the notes app on a started platform', () => {
  it('adds a note from a plain form post and lists it, escaped, with an audit entry', async (t) => {
    const s = await startNotes({ login: 'amy@example.com' });
    t.after(s.close);
    const page = await fetch(`${s.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post" action="\/notes">[\s\S]*<textarea id="body" name="body" maxlength="2000" required>/);

    // What a browser sends for a form on the page itself.
    const added = await post(`${s.url}/notes`, { body: '<b>ship it</b> on Friday' }, { 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(added.status, 303);
    assert.equal(added.headers.get('location'), '/#note-1');
    const list = await (await fetch(`${s.url}/`)).text();
    assert.match(list, /<li id="note-1">&lt;b&gt;ship it&lt;\/b&gt; on Friday<div class="meta">amy@example\.com, \d{4}-\d\d-\d\dT/);
    assert.deepEqual((await (await fetch(`${s.url}/notes.json`)).json()).map((/** @type {{ id: number; body: string; author: string }} */ n) => [n.id, n.body, n.author]), [
      [1, '<b>ship it</b> on Friday', 'amy@example.com'],
    ]);

    // One audit entry per note, in a sound chain (checked beside the running server).
    const verify = tailyard(['--app', './notes.mjs', 'audit', 'verify', '--app', 'notes', '--data', s.dataDir]);
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, /^notes: .*ok, 1 entries/m);

    const css = await fetch(`${s.url}/.tailyard/static/notes.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  });

  it('refuses an empty or too long note (page, JSON or text by Accept) and a cross-site post, keeping nothing', async (t) => {
    const s = await startNotes({ login: 'amy@example.com', notes: { maxLength: 10 } });
    t.after(s.close);
    const page = await post(`${s.url}/notes`, { body: 'eleven char' }, { Accept: 'text/html' });
    assert.equal(page.status, 400);
    assert.match(await page.text(), /a note is at most 10 characters \(this one has 11\)/i);
    const json = await post(`${s.url}/notes`, { body: '   ' }, { Accept: 'application/json' });
    assert.deepEqual([json.status, await json.json()], [400, { error: 'bad_note', message: 'a note needs some text' }]);
    const crossSite = await post(`${s.url}/notes`, { body: 'hi' }, { 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(crossSite.status, 403);
    assert.deepEqual(await (await fetch(`${s.url}/notes.json`)).json(), []);
  });

  it('lets a reader read without the form, and refuses writing; without a grant, refuses reading', async (t) => {
    const reader = await startNotes({ login: 'rita@example.com', caps: [{ read: true }] });
    t.after(reader.close);
    const page = await (await fetch(`${reader.url}/`)).text();
    assert.doesNotMatch(page, /<form/);
    assert.match(page, /writing needs the grant/);
    const write = await post(`${reader.url}/notes`, { body: 'hello' });
    assert.deepEqual([write.status, await write.text()], [403, 'rita@example.com may not write notes (ask an admin for the notes grant)\n']);

    const stranger = await startNotes({ login: 'sam@example.com', caps: [] });
    t.after(stranger.close);
    const refused = await fetch(`${stranger.url}/notes.json`, { headers: { Accept: 'application/json' } });
    assert.deepEqual([refused.status, await refused.json()], [403, { error: 'forbidden', message: 'sam@example.com may not read notes', hint: 'ask an admin for the notes grant' }]);
  });
});

describe('the notes app through the tailyard command', () => {
  it('serves it with --app and its flag, and its subcommands work on the same data', async () => {
    const dataDir = tempDir();
    const config = join(dataDir, 'tailyard.hujson');
    const serveOff = Object.fromEntries(BUILT_IN.map((id) => [id, { enabled: false }]));
    writeFileSync(config, JSON.stringify({ admin: { listen: '127.0.0.1:0' }, serve: { ...serveOff, notes: { devPort: 0 } } }));
    const child = spawn(tailyardBin, ['serve', '--config', config, '--app', './notes.mjs', '--data', dataDir, '--notes-max-length', '5'], {
      cwd: root,
      env: { ...process.env, TAILYARD_CONFIG: '', TAILYARD_DEV_LOGIN: 'amy@example.com', TAILYARD_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d) => {
          err += d;
          const m = /^\s+notes\s+(http:\/\/\S+?)\/?$/m.exec(err);
          if (/ready in \d+ ms/.test(err) && m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`tailyard serve exited ${code}: ${err}`)));
      });
      const tooLong = await post(`${url}/notes`, { body: 'sixsix' });
      assert.deepEqual([tooLong.status, await tooLong.text()], [400, 'a note is at most 5 characters (this one has 6)\n']);
      assert.equal((await post(`${url}/notes`, { body: 'hi' })).status, 303);

      // Safe while serving: the subcommands read and append beside the server.
      const add = tailyard(['notes', 'add', 'ship', '--app', './notes.mjs', '--data', dataDir]);
      assert.deepEqual([add.status, add.stdout], [0, 'note 2\n'], add.stderr);
      const list = tailyard(['notes', 'list', '--app', './notes.mjs', '--data', dataDir]);
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /^2\tcli:\S+\tship\n1\tamy@example\.com\thi\n$/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const verify = tailyard(['--app', './notes.mjs', 'audit', 'verify', '--app', 'notes', '--data', dataDir]);
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, /^notes: .*notes\.audit\.db: ok, 2 entries/m);
  });
});
