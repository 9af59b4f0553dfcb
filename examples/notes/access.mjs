/**
 * What a grant allows. The capability (`example.com/cap/notes` unless `serve.notes.capName`
 * renames it) carries values such as `{"read": true}` or `{"write": true}`; writing includes
 * reading. In a tailnet policy file:
 *
 *   "grants": [
 *     { "src": ["group:eng"], "dst": ["tag:apps"], "app": { "example.com/cap/notes": [{ "write": true }] } },
 *     { "src": ["autogroup:member"], "dst": ["tag:apps"], "app": { "example.com/cap/notes": [{ "read": true }] } }
 *   ]
 *
 * @example notesAccess(caller, ctx.capName, ctx.log) // { read: true, write: false }
 */
import { capValues, z } from 'tailyard/app';

const NotesCap = z.object({ read: z.boolean().optional(), write: z.boolean().optional() });

/**
 * @param {import('tailyard/app').Caller} caller
 * @param {string} capName
 * @param {import('tailyard/app').AppContext['log']} log
 */
export function notesAccess(caller, capName, log) {
  const values = capValues(caller, capName, NotesCap, log);
  const write = values.some((v) => v.write === true);
  return { read: write || values.some((v) => v.read === true), write };
}
