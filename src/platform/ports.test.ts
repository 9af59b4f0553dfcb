import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineApp } from './app.js';
import { resolveConfig } from './config.js';
import { appListener, listenFailure, portClashes } from './ports.js';

const app = (id: string, defaultDevPort: number) =>
  defineApp({
    apiVersion: 1,
    id,
    title: id,
    defaultHostname: id,
    defaultDevPort,
    defaultCapName: `example.com/cap/${id}`,
    fullAccessCaps: [],
    configSchema: z.object({}),
    migrations: [],
    create: () => {
      throw new Error('not mounted here');
    },
  });

const apps = [app('links', 8080), app('notes', 8080), app('todo', 8079)];

describe('portClashes', () => {
  it('names each listener that wants an address an earlier one has, where both came from, and the key', () => {
    expect(portClashes(resolveConfig({}, apps), { notes: '/srv/notes.mjs', todo: '/srv/todo.mjs' })).toEqual([
      'app "notes" (/srv/notes.mjs) wants dev port 8080 on 127.0.0.1, which app "links" (built in) already has; set serve.notes.devPort (or --notes-port) to a free port',
      'app "todo" (/srv/todo.mjs) wants dev port 8079 on 127.0.0.1, which the admin listener already has; set serve.todo.devPort (or --todo-port) to a free port',
    ]);
  });

  it('lets port 0, other loopback addresses and disabled apps be', () => {
    const config = { admin: { listen: '127.0.0.1:0' }, serve: { notes: { devHost: '127.0.0.2' }, todo: { enabled: false } } };
    expect(portClashes(resolveConfig(config, apps))).toEqual([]);
  });

  it('checks the port each mode listens on, and in managed mode the tailnet name', () => {
    const managed = { mode: 'managed', serve: { notes: { devPort: 9000, backendPort: 18080, hostname: 'links' } } };
    expect(portClashes(resolveConfig(managed, apps))).toEqual([
      'app "notes" (built in) wants the tailnet name "links", which app "links" (built in) already has; set serve.notes.hostname to another name',
      'app "notes" (built in) wants backend port 18080 on 127.0.0.2, which app "links" (built in) already has; set serve.notes.backendPort to a free port',
    ]);
    const host = { mode: 'host', serve: { notes: { hostPort: 80 }, todo: { hostPort: 80 } } };
    expect(portClashes(resolveConfig(host, apps))).toEqual(['app "todo" (built in) wants host port 80, which app "notes" (built in) already has; set serve.todo.hostPort to a free port']);
  });
});

/** A bind error as Node raises it (code, address, port). */
const bindError = (code: string, address: string, port: number) => Object.assign(new Error(`listen ${code}: ${address}:${port}`), { code, syscall: 'listen', address, port });

describe('listenFailure', () => {
  it('names the listener, the address, the cause in words and the key and flag to change', () => {
    expect(String(listenFailure(bindError('EADDRINUSE', '127.0.0.1', 8080), appListener('links', 'dev')))).toBe(
      'ConfigError: app "links" (built in) cannot listen on 127.0.0.1:8080: the address is in use (another program, or another tailyard, listens there); set serve.links.devPort (or --links-port) to a free port, or stop that program',
    );
    expect(String(listenFailure(bindError('EACCES', '::', 80), appListener('notes', 'host', '/srv/notes.mjs')))).toBe(
      'ConfigError: app "notes" (/srv/notes.mjs) cannot listen on [::]:80: permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE); set serve.notes.hostPort to a port from 1024 up',
    );
    const admin = { who: 'the admin listener', key: 'admin.listen', flag: '--admin-listen' };
    expect(String(listenFailure(Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' }), admin, '127.0.0.9:8079'))).toBe(
      "ConfigError: the admin listener cannot listen on 127.0.0.9:8079: the address is not one of this machine's; set admin.listen (or --admin-listen)",
    );
  });

  it('leaves any other error as it is', () => {
    const other = Object.assign(new Error('boom'), { code: 'EMFILE' });
    expect(listenFailure(other, appListener('links', 'dev'))).toBe(other);
  });
});
