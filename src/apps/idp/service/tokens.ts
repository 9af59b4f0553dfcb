/**
 * Random identifiers and their stored form. Sizes are tsidp's (reference §4.5): client IDs,
 * codes, access and refresh tokens and `jti`s are 32 hex characters (128 bits), client secrets
 * 64 (256 bits). Only SHA-256 hashes are stored, and compared in constant time.
 *
 * @example
 *   const code = randomHex(16); store.saveCode(hashToken(code), …);
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `bytes` random bytes as lower-case hex. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** The stored form of a code, token or client secret: hex SHA-256. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `secret` hashes to `storedHash`, in constant time. */
export function secretMatches(secret: string, storedHash: string | null): boolean {
  if (storedHash === null) return false;
  const a = Buffer.from(hashToken(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Unix seconds now (the clock tests can move). */
export type Clock = () => number;

export const systemClock: Clock = () => Math.floor(Date.now() / 1000);
