import { describe, expect, it } from 'vitest';
import { checkReadOnly } from './readonly.js';
import { statements, tokenize, UnterminatedError } from './tokenizer.js';

describe('tokenize', () => {
  it('skips comments and keeps quoted text whole, as SQLite reads it', () => {
    const words = tokenize("/* ' */ ATTACH 'x.db' AS y; -- '", 'sqlite').map((t) => t.text);
    expect(words).toEqual(['ATTACH', "'x.db'", 'AS', 'y', ';']);
    expect(tokenize("select 'it''s', \"a\"\"b\", [c d], `e`", 'sqlite').map((t) => [t.kind, t.value || t.text])).toEqual([
      ['word', 'SELECT'],
      ['string', "'it''s'"],
      ['punct', ','],
      ['quoted-ident', 'a"b'],
      ['punct', ','],
      ['quoted-ident', 'c d'],
      ['punct', ','],
      ['quoted-ident', 'e'],
    ]);
  });

  it('knows PostgreSQL dollar quotes, E-strings and nested comments', () => {
    const t = tokenize("select $x$ ; delete $x$, E'\\' ; ', $$;$$ /* a /* b */ ; */ from t", 'postgres');
    expect(statements(t)).toHaveLength(1);
    expect(t.filter((x) => x.kind === 'string')).toHaveLength(3);
  });

  it('lets an SQLite block comment run to the end, and refuses unterminated quotes', () => {
    expect(tokenize('select 1 /* never closed', 'sqlite').map((t) => t.text)).toEqual(['select', '1']);
    expect(() => tokenize("select 'x", 'sqlite')).toThrow(UnterminatedError);
    expect(() => tokenize('select 1 /* x', 'postgres')).toThrow(UnterminatedError);
  });

  it('splits statements at top-level semicolons only', () => {
    expect(statements(tokenize("select ';'; ; select 2;", 'sqlite'))).toHaveLength(2);
  });
});

describe('checkReadOnly (SQLite)', () => {
  const ok = (sql: string) => expect(checkReadOnly(sql, 'sqlite'), sql).toMatchObject({ ok: true });
  const refused = (sql: string, why: RegExp) => {
    const v = checkReadOnly(sql, 'sqlite');
    expect(v.ok, sql).toBe(false);
    if (!v.ok) expect(v.reason, sql).toMatch(why);
  };

  it('allows queries, including words tailsql refused by mistake', () => {
    ok('select temp from readings');
    ok('select 1 /* attach */');
    ok("select 'VACUUM'");
    ok('  values (1), (2)');
    ok('with recursive c(x) as (select 1 union all select x + 1 from c) select x from c limit 3');
    ok('select 1;');
    ok('select 1; -- trailing comment');
    ok('explain query plan select * from t');
    ok('explain select 1');
  });

  it('allows reporting PRAGMAs in their reading form', () => {
    ok('pragma table_info(users)');
    ok("PRAGMA main.table_info('users')");
    ok('pragma user_version');
    ok('PRAGMA index_list([users])');
  });

  it('refuses every bypass of tailsql blocklist', () => {
    refused("/* ' */ ATTACH 'x.db' AS y; -- '", /ATTACH is not allowed/);
    refused("/* ' */ VACUUM INTO '/tmp/copy.db'; -- '", /VACUUM is not allowed/);
    refused('create view "temp".users as select 1 as name', /CREATE is not allowed/);
    refused('aTtAcH database \'secrets.db\' as s', /ATTACH/);
    refused('with x as (select 1) delete from t', /WITH … DELETE is not allowed/);
    refused('with x as (select 1) insert into t select * from x', /WITH … INSERT/);
    refused('detach s', /DETACH/);
    refused('begin', /BEGIN/);
    refused('select 1; delete from t', /DELETE is not allowed/);
    refused("select 1; select 'x;'; attach 'x.db' as y", /ATTACH/);
  });

  it('cuts several statements as SQLite prepares them, each checked, the last marked', () => {
    const v = checkReadOnly("select 1; ;select ';' as semi ; values (3) -- end", 'sqlite');
    expect(v).toEqual({
      ok: true,
      kind: 'SELECT',
      statements: [
        { sql: 'select 1;', last: false, kind: 'SELECT' },
        { sql: "select ';' as semi ;", last: false, kind: 'SELECT' },
        { sql: ' values (3) -- end', last: true, kind: 'VALUES' },
      ],
    });
    // Only nothing at all after a `;` makes its statement the last.
    expect(checkReadOnly('select 1; select 2;', 'sqlite')).toMatchObject({ statements: [{ last: false }, { last: true }] });
    expect(checkReadOnly('select 1; select 2; -- c', 'sqlite')).toMatchObject({ statements: [{ last: false }, { last: false }] });
  });

  it('lets through text with no statement, and text SQLite itself refuses as a syntax error', () => {
    for (const sql of ['-- nothing', ';', ';;', '/* c */', '/* never closed']) expect(checkReadOnly(sql, 'sqlite'), sql).toEqual({ ok: true, kind: 'EMPTY', statements: [] });
    for (const sql of ['selec 1', 'named:kinds', "select 'unterminated", '(select 1)', "'x'"]) {
      expect(checkReadOnly(sql, 'sqlite'), sql).toMatchObject({ ok: true, statements: [{ sql, last: true }] });
    }
    // What comes before an unclosed quote is still checked.
    refused("vacuum; select 'x", /VACUUM/);
    refused("attach 'x.db' as y '", /ATTACH/);
  });

  it('marks the reading form of PRAGMA journal_mode, which SQLite calls a writer', () => {
    expect(checkReadOnly('pragma journal_mode', 'sqlite')).toMatchObject({ statements: [{ readsJournalMode: true }] });
    expect(checkReadOnly('pragma main.journal_mode', 'sqlite')).toMatchObject({ statements: [{ readsJournalMode: true }] });
    refused('pragma journal_mode = wal', /setting a PRAGMA/);
    expect(checkReadOnly('pragma user_version', 'sqlite')).toMatchObject({ statements: [{ sql: 'pragma user_version', last: true }] });
    expect(checkReadOnly('pragma user_version', 'sqlite')).not.toMatchObject({ statements: [{ readsJournalMode: true }] });
  });

  it('refuses parameters, which nothing binds, and leaves the same characters in text alone', () => {
    refused('select ?', /^\? is a query parameter, and the console has no value for it/);
    refused('select * from t where id = ?1', /^\?1 is a query parameter/);
    refused('select :name, @x, $y', /^:name is a query parameter/);
    refused('select @x', /^@x is a query parameter/);
    refused('select $y', /^\$y is a query parameter/);
    ok("select '?', ':name', \"@x\" from t -- ?");
    ok('select 1 /* :x */');
  });

  it('refuses writing and acting PRAGMAs, even under EXPLAIN', () => {
    refused('pragma query_only=0', /setting a PRAGMA/);
    refused('pragma query_only(0)', /argument form/);
    refused('PRAGMA hard_heap_limit=1', /setting/);
    refused('pragma hard_heap_limit', /only PRAGMAs that report/);
    refused('pragma wal_checkpoint', /only PRAGMAs that report/);
    refused('explain pragma query_only=0', /EXPLAIN PRAGMA/);
    refused('explain query plan delete from t', /DELETE/);
    refused('pragma user_version(3)', /argument form/);
  });
});

describe('checkReadOnly (PostgreSQL)', () => {
  it('allows queries, TABLE, SHOW and EXPLAIN with options', () => {
    for (const sql of ['select 1', 'TABLE users', 'show search_path', 'explain (analyze, format json) select 1', 'explain analyze verbose select 1']) {
      expect(checkReadOnly(sql, 'postgres'), sql).toMatchObject({ ok: true });
    }
  });

  it('refuses transaction control, COPY, SET and multi-statement text', () => {
    for (const [sql, why] of [
      ['COMMIT; DELETE FROM t', /only one statement/],
      ['commit', /manages transactions/],
      ["copy t to program 'id'", /COPY/],
      ['set default_transaction_read_only = off', /SET/],
      ["do $$ begin delete from t; end $$", /DO/],
      ['explain analyze delete from t', /DELETE/],
      ['with d as (select 1) update t set a = 1', /WITH … UPDATE/],
    ] as const) {
      const v = checkReadOnly(sql, 'postgres');
      expect(v.ok, sql).toBe(false);
      if (!v.ok) expect(v.reason, sql).toMatch(why);
    }
  });
});

describe('checkReadOnly: text that is no statement', () => {
  it('passes a typo or a stray word on to the parser, which names the syntax error (not "read-only")', () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      for (const sql of ['SELEC 1', 'selct * from t', 'sho search_path', '1 + 1', '(select 1)']) {
        expect(checkReadOnly(sql, dialect), `${dialect}: ${sql}`).toMatchObject({ ok: true, kind: 'SYNTAX-ERROR' });
      }
      expect(checkReadOnly('explain selec 1', dialect)).toMatchObject({ ok: true });
    }
  });

  it('still refuses every real statement that is not a query, including ones only the other dialect has', () => {
    for (const sql of ['reindex', 'analyze', 'release x', 'end', 'replace into t values (1)']) expect(checkReadOnly(sql, 'sqlite').ok, sql).toBe(false);
    const pg = [
      "load 'x'", 'checkpoint', 'listen x', 'notify x', 'lock t', 'discard all', 'prepare p as select 1', 'execute p', 'cluster',
      'refresh materialized view v', 'security label on table t is null', 'comment on table t is null', 'reassign owned by a to b',
      'import foreign schema s from server x into y', 'call p()', 'abort', 'fetch c', 'move c', 'close c', 'declare c cursor for select 1',
      'deallocate p', 'unlisten x', 'vacuum', 'truncate t', 'merge into t using s on true when matched then delete',
    ];
    for (const sql of pg) {
      expect(checkReadOnly(sql, 'postgres').ok, sql).toBe(false);
    }
  });

  it('remembers recent verdicts per dialect: the same text, the same answer, never another dialect’s', () => {
    expect(checkReadOnly('select 1; select 2', 'sqlite').ok).toBe(true);
    expect(checkReadOnly('select 1; select 2', 'postgres').ok).toBe(false);
    const first = checkReadOnly('select 1; select 2', 'sqlite');
    expect(checkReadOnly('select 1; select 2', 'sqlite')).toBe(first);
    const long = `select '${'x'.repeat(5000)}'`;
    expect(checkReadOnly(long, 'sqlite')).not.toBe(checkReadOnly(long, 'sqlite'));
    expect(checkReadOnly(long, 'sqlite').ok).toBe(true);
  });
});
