/**
 * The notes database, `<data>/notes.db`: numbered migrations, run by the platform in order, each
 * once. Add new ones at the end; never change one that has shipped (data directories have it).
 */

/** @type {import('tailyard/app').Migration[]} */
export const migrations = [
  {
    version: 1,
    name: 'create notes',
    up: `CREATE TABLE notes (
      id INTEGER PRIMARY KEY,
      body TEXT NOT NULL,
      author TEXT NOT NULL,
      created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    )`,
  },
];
