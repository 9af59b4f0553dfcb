/**
 * `SecretsClient`: the setec API from TypeScript, for tailyard's secrets app or setec itself.
 *
 * Each method is one `POST <server>/api/<method>` with setec's two headers. Values are bytes
 * (`Uint8Array`; strings are UTF-8 encoded for you). Identity comes from the network (the
 * tailnet), so there are no credentials to configure.
 *
 * @example
 *   const client = new SecretsClient({ server: 'https://setec.example.ts.net' });
 *   const v = await client.put('prod/db', 'hunter2');
 *   await client.activate('prod/db', v);
 *   const { value } = await client.get('prod/db');
 */
import { Buffer } from 'node:buffer';
import { errorForStatus, SecretsApiError } from './errors.js';

/** A secret's value and version. */
export interface SecretValue {
  value: Uint8Array;
  version: number;
}

/** A secret's metadata. */
export interface SecretInfo {
  name: string;
  versions: number[];
  activeVersion: number;
}

export interface ClientOptions {
  /** Base URL, e.g. `https://setec.example.ts.net` or `http://127.0.0.1:8082` (a path prefix is kept). */
  server: string;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number;
}

/** Anything a value can be given as. */
export type ValueInput = Uint8Array | string;

export class SecretsClient {
  readonly server: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(opts: ClientOptions) {
    if (!opts.server) throw new Error('SecretsClient: server URL is required');
    this.server = opts.server.replace(/\/+$/, '');
    this.#fetch = opts.fetch ?? fetch;
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** Every secret the caller may `info`, by name. */
  async list(): Promise<SecretInfo[]> {
    const raw = (await this.#call('list', {})) as WireInfo[] | null;
    return (raw ?? []).map(fromWireInfo);
  }

  /** The active value. */
  get(name: string): Promise<SecretValue> {
    return this.getVersion(name, 0);
  }

  /** A specific version (0 = the active one). */
  async getVersion(name: string, version: number): Promise<SecretValue> {
    return fromWireValue(await this.#call('get', { Name: name, Version: version, UpdateIfChanged: false }));
  }

  /**
   * The active value if its version is not `version`; throws `ValueNotChangedError` otherwise.
   * With `version` 0 this is a plain get.
   */
  async getIfChanged(name: string, version: number): Promise<SecretValue> {
    if (version === 0) return this.get(name);
    return fromWireValue(await this.#call('get', { Name: name, Version: version, UpdateIfChanged: true }));
  }

  async info(name: string): Promise<SecretInfo> {
    return fromWireInfo((await this.#call('info', { Name: name })) as WireInfo);
  }

  /** Stores a value and returns its version. Only a secret's first version is activated. */
  async put(name: string, value: ValueInput): Promise<number> {
    const v = await this.#call('put', { Name: name, Value: b64(value) });
    if (typeof v !== 'number') throw new SecretsApiError(200, 'put returned a non-number');
    return v;
  }

  /** Stores a value as exactly `version` (never used before for this name) and activates it. */
  async createVersion(name: string, version: number, value: ValueInput): Promise<void> {
    await this.#call('create-version', { Name: name, Version: version, Value: b64(value) });
  }

  async activate(name: string, version: number): Promise<void> {
    await this.#call('activate', { Name: name, Version: version });
  }

  /** Deletes one (inactive) version. */
  async deleteVersion(name: string, version: number): Promise<void> {
    await this.#call('delete-version', { Name: name, Version: version });
  }

  /** Deletes a secret and all its versions (a missing secret is not an error). */
  async delete(name: string): Promise<void> {
    await this.#call('delete', { Name: name });
  }

  async #call(method: string, body: unknown): Promise<unknown> {
    const res = await this.#fetch(`${this.server}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' },
      body: JSON.stringify(body),
      redirect: 'follow',
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    const text = await res.text();
    if (res.status !== 200) throw errorForStatus(res.status, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SecretsApiError(200, `${method}: the server answered invalid JSON`);
    }
  }
}

interface WireInfo {
  Name: string;
  Versions: number[] | null;
  ActiveVersion: number;
}

function fromWireInfo(w: WireInfo): SecretInfo {
  return { name: w.Name, versions: w.Versions ?? [], activeVersion: w.ActiveVersion };
}

function fromWireValue(raw: unknown): SecretValue {
  const w = raw as { Value?: string | null; Version?: number };
  return { value: new Uint8Array(Buffer.from(w.Value ?? '', 'base64')), version: w.Version ?? 0 };
}

function b64(value: ValueInput): string {
  return (typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value.buffer, value.byteOffset, value.byteLength)).toString('base64');
}
