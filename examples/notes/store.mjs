/**
 * The notes table, SQL only.
 *
 * @example
 *   const store = notesStore(ctx.db);
 *   const id = store.add('buy milk', 'amy@example.com');
 *   store.list(50) // [{ id, body, author, created }, …] newest first
 */

/** @typedef {{ id: number; body: string; author: string; created: string }} Note */

/** @param {import('tailyard/app').AppContext['db']} db */
export function notesStore(db) {
  const insert = db.prepare('INSERT INTO notes (body, author) VALUES (?, ?)');
  const newest = db.prepare('SELECT id, body, author, created FROM notes ORDER BY id DESC LIMIT ?');
  return {
    /** @param {string} body @param {string} author @returns {number} the new note's id */
    add: (body, author) => Number(insert.run(body, author).lastInsertRowid),
    /** @param {number} limit @returns {Note[]} */
    list: (limit) => /** @type {Note[]} */ (newest.all(limit)),
  };
}
