import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ensureQueryLogSchema } from './schema.js';
import { QueryLog } from './store.js';

describe('query log', () => {
  it('upgrades a tailsql state file in place and keeps its view success-only', () => {
    const db = new Database(':memory:');
    // tailsql's schema before `elapsed` was added, with a logged query.
    db.exec(`CREATE TABLE queries (query_id INTEGER PRIMARY KEY AUTOINCREMENT, query TEXT NOT NULL, UNIQUE (query));
      CREATE TABLE raw_query_log (author TEXT NULL, source TEXT NOT NULL, query_id INTEGER NOT NULL REFERENCES queries (query_id),
        timestamp TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')));
      CREATE VIEW query_log AS SELECT author, source, query, timestamp FROM raw_query_log JOIN queries USING (query_id);
      INSERT INTO queries (query) VALUES ('select 1');
      INSERT INTO raw_query_log (author, source, query_id) VALUES ('old@example.com', 'main', 1);`);
    ensureQueryLogSchema(db);
    ensureQueryLogSchema(db);
    const log = new QueryLog(db);
    log.record({ author: 'amy@example.com', node: 'amy-laptop', source: 'main', query: 'select 1', elapsedUs: 1234.6, rows: 1, outcome: 'ok' });
    log.record({ author: 'amy@example.com', node: 'amy-laptop', source: 'main', query: 'delete from t', elapsedUs: 0, rows: null, outcome: 'refused', error: 'no' });
    log.flush();
    expect(db.prepare('SELECT author, source, query, elapsed FROM query_log ORDER BY timestamp').all()).toEqual([
      { author: 'old@example.com', source: 'main', query: 'select 1', elapsed: null },
      { author: 'amy@example.com', source: 'main', query: 'select 1', elapsed: 1235 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM queries').get()).toEqual({ n: 2 });
    const history = log.history('amy@example.com');
    expect(history.map((h) => [h.query, h.outcome, h.rowCount, h.error])).toEqual([
      ['delete from t', 'refused', null, 'no'],
      ['select 1', 'ok', 1, null],
    ]);
    expect(history[0]?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  });
});
