/**
 * Paste ids: random UUIDv4 strings, as tclip makes them. A paste link is a capability URL (on
 * Funnel, knowing the id is the only thing between the internet and the paste), so ids come from
 * the CSPRNG and carry 122 random bits; they are never derived from content, time or a counter.
 *
 * @example
 *   const id = newPasteId();   // '3b241101-e2bb-4255-8caf-4136c566a962'
 *   isPasteId(id)              // true
 */
import { randomUUID } from 'node:crypto';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The number of random bits in an id (a UUIDv4 fixes 6 of its 128 bits). */
export const ID_RANDOM_BITS = 122;

/** A new paste id (lower-case UUIDv4, 36 characters). */
export function newPasteId(): string {
  return randomUUID();
}

/**
 * Whether `s` has the shape of a paste id; anything else cannot name a paste, so lookups can
 * answer 404 without touching the database.
 */
export function isPasteId(s: string): boolean {
  return UUID_V4.test(s);
}
