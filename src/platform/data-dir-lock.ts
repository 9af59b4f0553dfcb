/**
 * One tailyard per data directory. `tailyard serve` (any `startPlatform`) and `tailyard restore`
 * take `<data>/tailyard.lock` before they open anything and hold it until they end; two servers
 * on one directory would each continue the audit chains from their own idea of the tail and
 * fork them. The operating system drops the lock when the holder dies, even by SIGKILL.
 *
 * Beside the lock, `<data>/tailyard.lock.json` (0600) names the holder, so the one refused can
 * say who it is: `{"pid": 4242, "ports": [{"name": "links", "port": 8080}, …]}`. It is written
 * when the lock is taken (no ports yet) and again once every listener is up, and removed on
 * release. A record left by a killed holder is recognised by its dead pid.
 *
 * Neither file is part of a backup, and neither is ever opened by the holder with `fs` (see
 * `file-lock.ts`).
 *
 * @example
 *   const lock = lockDataDir('/var/lib/tailyard'); // throws DataDirInUseError
 *   lock.record([{ name: 'links', port: 8080 }, { name: 'admin', port: 8079 }]);
 *   lock.release();
 */
import fs from 'node:fs';
import path from 'node:path';
import { holdFileLock } from './file-lock.js';

export const DATA_DIR_LOCK = 'tailyard.lock';
export const DATA_DIR_HOLDER = 'tailyard.lock.json';

/** A listener of the holding process: an app id or `admin`, and its local port. */
export interface ListenerPort {
  readonly name: string;
  readonly port: number;
}

/** Who holds a data directory, as recorded beside the lock. */
export interface DataDirHolder {
  readonly pid: number;
  readonly ports: readonly ListenerPort[];
}

/** Another tailyard holds the data directory. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder | undefined,
  ) {
    super(inUseMessage(dataDir, holder));
  }
}

export interface DataDirLock {
  /** The data directory, absolute. */
  readonly dataDir: string;
  /** Records the listeners of this process beside the lock. */
  record(ports: readonly ListenerPort[]): void;
  /** Removes the record and releases the lock (idempotent). */
  release(): void;
}

/**
 * Takes the data directory `dir` (created 0700 if missing) for this process; throws
 * {@link DataDirInUseError} naming the holder when another tailyard has it.
 *
 * @example
 *   const lock = lockDataDir(dataDir);
 *   try { … } finally { lock.release(); }
 */
export function lockDataDir(dir: string): DataDirLock {
  const dataDir = path.resolve(dir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const held = holdFileLock(path.join(dataDir, DATA_DIR_LOCK));
  if (!held) throw new DataDirInUseError(dataDir, readHolder(dataDir));
  const holderFile = path.join(dataDir, DATA_DIR_HOLDER);
  let released = false;
  const record = (ports: readonly ListenerPort[]) => writeHolder(holderFile, { pid: process.pid, ports });
  try {
    record([]);
  } catch (err) {
    held.release();
    throw err;
  }
  return {
    dataDir,
    record,
    release(): void {
      if (released) return;
      released = true;
      fs.rmSync(holderFile, { force: true });
      held.release();
    },
  };
}

/**
 * The refusal: `data directory /data is in use by another tailyard (pid 4242, ports links 8080, admin 8079)`.
 *
 * @example
 *   inUseMessage('/data', { pid: 7, ports: [] }) // '… (pid 7, ports none open yet: it is starting)'
 */
export function inUseMessage(dataDir: string, holder: DataDirHolder | undefined): string {
  const who = holder
    ? `pid ${holder.pid}, ports ${holder.ports.length ? holder.ports.map((p) => `${p.name} ${p.port}`).join(', ') : 'none open yet: it is starting'}`
    : 'pid unknown, ports unknown';
  return `data directory ${dataDir} is in use by another tailyard (${who})`;
}

/** The holder recorded beside the lock, if the record is readable and its process alive. */
function readHolder(dataDir: string): DataDirHolder | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(dataDir, DATA_DIR_HOLDER), 'utf8'));
  } catch {
    return undefined; // not written yet (the holder is just starting), or not readable
  }
  const holder = parsed as Partial<DataDirHolder>;
  if (!Number.isSafeInteger(holder.pid) || !Array.isArray(holder.ports)) return undefined;
  const ports = holder.ports.filter((p): p is ListenerPort => typeof p?.name === 'string' && Number.isSafeInteger(p?.port));
  return isAlive(holder.pid as number) ? { pid: holder.pid as number, ports } : undefined;
}

/** Writes the record whole (a reader never sees half of it), 0600. */
function writeHolder(file: string, holder: DataDirHolder): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
