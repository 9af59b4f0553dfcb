import { describe, expect, it } from 'vitest';
import { createLogger } from './logging.js';
import { chooseLogFormat, prettyLine, prettyStream } from './log-pretty.js';

/** 2026-12-07 12:04:05 in local time, so the expected clock reads the same in every zone. */
const at = new Date(2026, 11, 7, 12, 4, 5).getTime();
const json = (o: Record<string, unknown>) => JSON.stringify({ time: at, svc: 'tailyard', pid: 1, ...o });

describe('chooseLogFormat', () => {
  it('is pretty on a terminal and JSON elsewhere, unless one is asked for', () => {
    expect(chooseLogFormat('auto', true)).toBe('pretty');
    expect(chooseLogFormat('auto', false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });
});

describe('prettyLine', () => {
  it('writes a request as method, path, status, duration and caller', () => {
    const line = json({ level: 30, app: 'links', reqId: 'r1', method: 'GET', path: '/docs', route: '/:short', status: 200, ms: 3.1, login: 'carol@example.com', msg: 'request' });
    expect(prettyLine(line, { color: false })).toBe('12:04:05 INFO  links    GET /docs 200 3.1ms carol@example.com\n');
  });

  it('names a route where the path is kept out of the log', () => {
    const line = json({ level: 30, app: 'paste', method: 'GET', route: '/:id', status: 404, ms: 1, msg: 'request' });
    expect(prettyLine(line, { color: false })).toBe('12:04:05 INFO  paste    GET /:id 404 1ms\n');
  });

  it('writes a message with its other fields as key=value, quoting what needs it', () => {
    const line = json({ level: 40, app: 'secrets', path: '/tmp/d/secrets.key', note: 'two words', n: 2, msg: 'created a key file' });
    expect(prettyLine(line, { color: false })).toBe('12:04:05 WARN  secrets  created a key file path=/tmp/d/secrets.key note="two words" n=2\n');
  });

  it('puts an error\'s stack on the lines below, and colours the level when asked', () => {
    const line = json({ level: 60, err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at f (x.js:1:1)' }, msg: 'uncaught exception' });
    expect(prettyLine(line, { color: false })).toBe('12:04:05 FATAL tailyard uncaught exception Error: boom\n    at f (x.js:1:1)\n');
    expect(prettyLine(json({ level: 50, msg: 'x' }), { color: true })).toBe('\x1b[2m12:04:05\x1b[0m \x1b[31mERROR\x1b[0m tailyard x\n');
  });

  it('passes a line that is not JSON through', () => {
    expect(prettyLine('plain', { color: false })).toBe('plain\n');
  });
});

describe('a pretty logger', () => {
  it('writes what pino logs as readable lines to its destination', () => {
    const lines: string[] = [];
    const log = createLogger('info', prettyStream({ write: (s: string) => lines.push(s) }, false) as never);
    log.child({ app: 'idp' }).info({ clients: 2 }, 'ready');
    expect(lines).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d INFO {2}idp {6}ready clients=2\n$/)]);
  });
});
