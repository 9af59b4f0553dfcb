/**
 * No writer runs a checkpoint that waits for readers: with Litestream replicating, its read
 * transaction is always open, so a RESTART, TRUNCATE or FULL checkpoint by tailyard blocks every
 * writer of that database for the busy timeout and then fails (paste's scrub did, issue 20).
 * Litestream checkpoints itself; a writer may only ask for a PASSIVE one (see storage.ts). This
 * reads every source file, so a new call anywhere fails here, naming the file and line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** Every .ts/.tsx/.js/.mjs file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** `name:line: text` of each checkpoint other than PASSIVE in `sources`. */
function blockingCheckpoints(sources: Array<{ name: string; text: string }>): string[] {
  const call = /wal_checkpoint\s*\(\s*(?!passive\s*\))|sqlite3_wal_checkpoint/i;
  return sources.flatMap(({ name, text }) => text.split('\n').flatMap((line, i) => (call.test(line) ? [`${name}:${i + 1}: ${line.trim()}`] : [])));
}

describe('checkpoints', () => {
  it('are PASSIVE wherever tailyard asks for one', () => {
    const files = ['src', 'bin', 'scripts'].flatMap((d) => sources(join(root, d)));
    expect(files.length).toBeGreaterThan(100);
    expect(blockingCheckpoints(files.map((f) => ({ name: relative(root, f), text: readFileSync(f, 'utf8') })))).toEqual([]);
  });

  it('are found in every spelling a writer could use', () => {
    // A mode chosen at run time counts too: only a literal PASSIVE is known to be harmless.
    const dynamic = 'db.exec(`PRAGMA wal_checkpoint($' + '{mode})`);';
    const text = ["db.pragma('wal_checkpoint(TRUNCATE)');", 'db.pragma("wal_checkpoint( restart )");', dynamic, "db.pragma('wal_checkpoint(PASSIVE)');", 'db.pragma("wal_checkpoint");'].join('\n');
    expect(blockingCheckpoints([{ name: 'probe.ts', text }])).toEqual([
      "probe.ts:1: db.pragma('wal_checkpoint(TRUNCATE)');",
      'probe.ts:2: db.pragma("wal_checkpoint( restart )");',
      `probe.ts:3: ${dynamic}`,
    ]);
  });
});
