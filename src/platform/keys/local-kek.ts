/**
 * A key-encryption key kept in a local file, for deployments without a cloud KMS.
 * (`kek-source.ts` decides when one may be created and checks it is the one the data names.)
 *
 * File format: the 32-byte key as 64 hexadecimal characters, optionally followed by a newline
 * (so it can be inspected, copied and backed up as text). The file must be private to its
 * owner: a group- or world-accessible file (`mode & 0o077`) is refused, as is one of the wrong
 * length. Losing the file makes everything sealed under it unreadable, so it is created only on
 * request, with mode 0600 and a loud warning to back it up.
 *
 * DEKs are wrapped with XChaCha20-Poly1305 under the key, authenticating the caller's AAD.
 * This keeps the KEK on the same disk as the data it protects: it guards backups and stray
 * copies of the database, not a compromised host. Prefer a KMS where one is available.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/ciphers/utils.js';
import type { Logger } from 'pino';
import { aeadOpen, aeadSeal, type KekProvider } from './envelope.js';

const KEY_BYTES = 32;
const KEY_FILE = /^([0-9a-fA-F]{64})\r?\n?$/;

/** Options of {@link LocalKek.openOrCreate}. */
export interface OpenKekOptions {
  /** Generate the key file if it does not exist (otherwise a missing file is an error). */
  create: boolean;
  log: Pick<Logger, 'warn'>;
}

/**
 * A KEK held in memory, loaded from (or created as) a key file.
 *
 * @example
 *   const kek = LocalKek.openOrCreate(path.join(dataDir, 'notes.key'), { create: true, log });
 */
export class LocalKek implements KekProvider {
  /** `local:` and a fingerprint of the key (not the key itself). */
  readonly id: string;
  readonly #key: Uint8Array;

  /** Takes ownership of a 32-byte key. */
  constructor(key: Uint8Array) {
    if (key.length !== KEY_BYTES) throw new Error(`a local KEK must be ${KEY_BYTES} bytes, got ${key.length}`);
    this.#key = key;
    this.id = `local:${createHash('sha256').update('tailyard local KEK id v1\n').update(key).digest('hex').slice(0, 16)}`;
  }

  /**
   * Loads the key file at `file`; with `create`, first generates it if it is missing.
   * Throws if the file is readable by group or others, is not a regular file, or is malformed.
   *
   * @example
   *   const kek = LocalKek.openOrCreate('/var/lib/tailyard/notes.key', { create: false, log });
   */
  static openOrCreate(file: string, opts: OpenKekOptions): LocalKek {
    if (opts.create && createKeyFile(file)) {
      opts.log.warn(
        { path: file },
        'CREATED A NEW KEY FILE. Back it up somewhere safe now: without it, nothing sealed under it can ever be decrypted.',
      );
    }
    return new LocalKek(readKeyFile(file));
  }

  async wrap(dek: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    return aeadSeal(this.#key, aad, dek);
  }

  async unwrap(wrapped: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    return aeadOpen(this.#key, aad, wrapped, `a data key with KEK ${this.id}`);
  }

  /** Zeroes the key in memory (on shutdown). */
  destroy(): void {
    this.#key.fill(0);
  }
}

/** Writes a new key file with mode 0600; false if the file already exists. */
function createKeyFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`cannot create KEK file ${file}: ${(err as Error).message}`, { cause: err });
  }
  const text = utf8ToBytes(`${bytesToHex(randomBytes(KEY_BYTES))}\n`);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw new Error(`cannot write KEK file ${file}: ${(err as Error).message}`, { cause: err });
  } finally {
    text.fill(0);
    fs.closeSync(fd);
  }
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
  return true;
}

/** Reads and checks the key file through one descriptor, so the checks apply to what is read. */
function readKeyFile(file: string): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing ? `KEK file ${file} does not exist (create it, or enable key creation)` : `cannot open KEK file ${file}`,
      { cause: err },
    );
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(`KEK file ${file} is not a regular file`);
    if ((st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new Error(`refusing KEK file ${file}: mode ${mode} lets group or others access it; run chmod 600 ${file}`);
    }
    const content = fs.readFileSync(fd);
    try {
      const m = KEY_FILE.exec(content.toString('latin1'));
      if (m === null || m[1] === undefined) {
        throw new Error(
          `KEK file ${file} must hold exactly ${KEY_BYTES * 2} hex characters (${KEY_BYTES} bytes) and an optional newline; it has ${content.length} bytes`,
        );
      }
      return hexToBytes(m[1]);
    } finally {
      content.fill(0);
    }
  } finally {
    fs.closeSync(fd);
  }
}
