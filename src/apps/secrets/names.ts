/**
 * The one rule for secret names, shared by every way in (the HTTP API, the in-process API other
 * apps use): not empty, and at most `maxNameBytes` bytes of UTF-8 (`apps.secrets.maxNameBytes`).
 *
 * A name over the limit cannot exist, so it is refused before the access check and before any
 * audit entry: the refusal tells nothing, and a caller without grants cannot grow the audit log
 * with huge names.
 *
 * @example
 *   checkSecretName('prod/db', 1024); // ok
 *   checkSecretName('x'.repeat(2000), 1024); // throws SecretsError('name-too-long', 'the limit is 1024 bytes of UTF-8')
 */
import { Buffer } from 'node:buffer';
import { SecretsError } from './errors.js';

/**
 * Throws {@link SecretsError} `empty-name` or `name-too-long` (both 400) unless `name` is a
 * name that may exist.
 *
 * @example
 *   checkSecretName(req.name, config.maxNameBytes);
 */
export function checkSecretName(name: string, maxBytes: number): void {
  if (name === '') throw new SecretsError('empty-name');
  // Every UTF-16 unit takes at least one UTF-8 byte, so a huge name is refused without counting.
  if (name.length > maxBytes || Buffer.byteLength(name, 'utf8') > maxBytes) {
    throw new SecretsError('name-too-long', `the limit is ${maxBytes} bytes of UTF-8`);
  }
}
