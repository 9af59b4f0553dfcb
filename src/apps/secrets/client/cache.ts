/**
 * The `SecretStore`'s optional file cache, in setec's cache format (reference §4.3), so a
 * service can start with its last known secrets while the secrets server is unreachable:
 *
 *   {"prod/db":{"secret":{"Value":"aHVudGVyMg==","Version":3},"lastAccess":"1760000000"}}
 *
 * Written atomically (temporary file, fsync, rename) with mode 0600 in a 0700 directory; a
 * path that is not a regular file is refused. The cache holds secret values in the clear: put
 * it only where the service's own secrets may live.
 *
 * @example
 *   const cache = new FileCache('/var/cache/myapp/secrets.json');
 *   const entries = cache.read(); // {} when missing
 */
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretValue } from './client.js';

/** One cached secret. */
export type CacheEntries = Record<string, SecretValue>;

export class FileCache {
  constructor(readonly file: string) {}

  /** The cached secrets; `{}` when the file does not exist. Throws if it is not a valid cache. */
  read(): CacheEntries {
    let text: string;
    try {
      const st = fs.lstatSync(this.file);
      if (!st.isFile()) throw new Error(`secret cache ${this.file} is not a regular file`);
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    const raw = JSON.parse(text) as unknown;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`secret cache ${this.file} is not a JSON object`);
    const out: CacheEntries = {};
    for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
      const s = (entry as { secret?: { Value?: unknown; Version?: unknown } } | null)?.secret;
      if (typeof s?.Value !== 'string' || typeof s.Version !== 'number' || s.Version <= 0) continue;
      out[name] = { value: new Uint8Array(Buffer.from(s.Value, 'base64')), version: s.Version };
    }
    return out;
  }

  /** Replaces the cache with `entries`, atomically. */
  write(entries: CacheEntries): void {
    const dir = path.dirname(this.file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const now = String(Math.floor(Date.now() / 1000));
    const doc: Record<string, unknown> = {};
    for (const [name, s] of Object.entries(entries)) {
      doc[name] = { secret: { Value: Buffer.from(s.value).toString('base64'), Version: s.version }, lastAccess: now };
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(doc));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }
}
