/**
 * The notes app's own config section, `apps.notes` (how it is hosted is `serve.notes`, the
 * platform's), and the `tailyard serve` flag that sets one of its keys.
 *
 * @example
 *   // tailyard.hujson
 *   { "plugins": ["./notes.mjs"], "apps": { "notes": { "heading": "Team notes", "maxLength": 500 } } }
 *   // or: tailyard serve --app ./notes.mjs --notes-max-length 500   (env TAILYARD_NOTES_MAX_LENGTH)
 */
import { z } from 'tailyard/app';

export const NotesConfig = z
  .object({
    /** The page's heading. */
    heading: z.string().min(1).default('Notes'),
    /** The longest note, in characters. */
    maxLength: z.number().int().min(1).max(100_000).default(2000),
  })
  .strict();

/** @typedef {import('tailyard/app').z.output<typeof NotesConfig>} NotesConfigValues */

/** @type {import('tailyard/app').AppFlag[]} */
export const notesFlags = [{ flag: 'notes-max-length', key: 'maxLength', kind: 'number', description: 'the longest note, in characters (default 2000)' }];
