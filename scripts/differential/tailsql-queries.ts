/**
 * SQL text for the generated tailsql requests, by category of issue 19. Each generator takes the
 * random source and returns a query and the source it runs on (main, other, odd: see
 * test/fixtures/oracle/tailsql/generated.hujson). Nothing here is random at import time.
 *
 * @example const { sql, src } = QUERIES['scan-error'](r);
 */
import type { TailsqlCategory } from '../../test/support/tailsql-generated.js';
import type { Random } from './random.js';

export interface Query {
  sql: string;
  src: 'main' | 'other' | 'odd';
}

type Generator = (r: Random) => Query;

const main = (sql: string): Query => ({ sql, src: 'main' });
const odd = (sql: string): Query => ({ sql, src: 'odd' });

const LITERALS = [
  '1', '-1', '0', '1.5', '-0.0', '0.1+0.2', '1e20', '1e21', '1e-7', '1e-6', '123456789012345678', '9223372036854775807',
  '-9223372036854775808', '9223372036854775808', '2.5e-10', '1/3.0', '2/3', '5 % 3', "'x'", "''", "'it''s'", "'ü'", 'null',
  "x'00ff'", "x''", "x'41'", 'true', 'false', "'a' || 'b'", "cast('12' as integer)", 'cast(1.9 as integer)', "cast(x'4142' as text)",
  'typeof(1.0)', 'round(2.5)', 'round(-2.5)', 'round(1.005, 2)', 'abs(-7)', 'char(65, 66)', "unicode('é')", "hex('ü')", "quote('a''b')",
  "replace('aXbX', 'X', '-')", "instr('hello', 'l')", "printf('%08.3f', 3.14159)", "printf('%d%%', 50)", 'coalesce(null, 2)',
  "iif(1, 'y', 'n')", 'nullif(1, 1)', "length('ü名')", "lower('ÄB')", "upper('straße')", "trim('  x  ')", "ltrim('xxa', 'x')",
  'zeroblob(3)', "json_array(1, 'a', null)", "json_object('a', 1)", "json('[1, 2]')", "json_extract('{\"a\":{\"b\":[1,2]}}', '$.a.b')",
  "date('2024-02-28', '+1 day')", "datetime(0, 'unixepoch')", "julianday('2000-01-01')", "strftime('%s', '2024-01-01')", '1 = 1',
  "'a' < 'b'", '1 in (1, 2)', '5 between 1 and 10', "'abc' like 'A%'", "'abc' glob 'a*'", 'max(1, 2.5)', "min('a', 'b')",
  '1e308', '4.9e-324', '100.0', '1e15', '1e16', '123.456e3', '0x10', '-0x7fffffffffffffff', "'<b>&</b>'", "'https://ex.com/x?y'",
  "'{\"k\":[1,null]}'", "'select 1 from t'", "'line1' || char(10) || 'line2'", "'tab' || char(9)", "' '",
];
const COLUMNS = ['id', 'name', 'email', 'title', 'score', 'big', 'avatar', 'joined', 'active'];

const ORDINARY: Generator[] = [
  (r) => main(`select * from users order by id${r.chance(0.5) ? ` limit ${r.between(0, 5)}` : ''}`),
  (r) => main(`select id, name from users where id = ${r.between(0, 5)}`),
  (r) => main(`select ${r.some(COLUMNS, 4, ', ')} from users order by id ${r.pick(['asc', 'desc'])}`),
  (r) => main(`select kind, count(*) n from events group by kind order by ${r.pick(['kind', 'n desc, kind'])}`),
  (r) => main(`select * from events where user_id = ${r.between(1, 5)} order by id limit ${r.between(1, 12)}`),
  (r) => main(`select count(*) from events where at >= '2024-05-${String(r.between(1, 31)).padStart(2, '0')}'`),
  (r) => main(`select id, json_extract(payload, '$.k') as k from events where id between ${r.between(1, 100)} and ${r.between(100, 130)} order by id`),
  () => main('select user_id, min(at), max(at), count(*) from events group by user_id order by user_id'),
  (r) => main(`select e.id, u.name, e.kind from events e join users u on u.id = e.user_id where e.id < ${r.between(2, 40)} order by e.id`),
  () => main('select * from active_users'),
  (r) => main(`select typeof(big), big, big + ${r.between(-3, 3)}, score * ${r.between(-3, 3)} from users order by id`),
  () => main('select hex(avatar), length(avatar), avatar, typeof(avatar) from users order by id'),
  () => main('select joined, date(joined), strftime(\'%Y\', joined), typeof(joined) from users order by id'),
  () => main('select active, not active, active is null from users order by id'),
  (r) => main(`select name from users where name like '${r.pick(['a', 'b', 'ü', '', '%'])}%' order by id`),
  (r) => main(`select group_concat(kind, '${r.pick([',', ' | ', ''])}') from (select kind from events where id < ${r.between(2, 20)} order by id)`),
  (r) => main(`select sum(id), avg(id), total(id), min(id), max(id) from events where user_id = ${r.between(0, 5)}`),
  (r) => main(`select upper(name), lower(name), length(name), substr(name, ${r.between(-2, 3)}, ${r.between(0, 4)}) from users order by id`),
  (r) => main(`select * from users where id = ${r.between(100, 999)}`),
  () => main('select id, kind from events where 0'),
  (r) => main(`select ${r.pick(LITERALS)}${r.chance(0.6) ? ' as v' : ''}`),
  (r) => main(`select ${r.pick(LITERALS)}, ${r.pick(LITERALS)}`),
  (r) => main(`select ${r.pick(LITERALS)} as "${r.pick(['a b', 'ü', 'x', 'A', '1', ''])}", ${r.pick(LITERALS)} as ${r.pick(['b', 'B', 'x'])}`),
  (r) => main(r.pick(['named:kinds', 'named:mascots', 'named:nope', 'meta:nope', 'named:', 'NAMED:kinds', ' named:kinds'])),
  () => main('select type, name, tbl_name from sqlite_schema order by name'),
  (r) => main(`select name, type, pk from pragma_table_info('${r.pick(['users', 'events', 'nope'])}') order by cid`),
  (r) => main(`values (1, 'a'), (${r.between(2, 9)}, 'b')`),
  (r) => main(`with x(a) as (values (1), (2), (3)) select a * ${r.between(-2, 5)} as m from x`),
  (r) => ({ sql: r.pick(['select * from t order by a', 'select b, a from t where a = 1', 'select count(*), max(a) from t', 'select * from users', 'select a, b is null from t order by a desc']), src: 'other' }),
  (r) => main(`select * from nope_${r.between(1, 99)}`),
  (r) =>
    main(
      r.pick([
        'selec 1', 'select', 'select 1 from', 'select (1', "select 'abc", 'select * from users where', 'select 1 +', 'drop table users',
        'delete from users', 'update users set name = 1', 'create table x (a)', "attach database ':memory:' as m", 'detach m', 'vacuum',
        'create temp table x (a)', 'select 1 as temp', "select 'attach'", 'select 1 -- vacuum', 'begin', 'commit', 'rollback',
        'savepoint a', 'reindex', 'analyze', 'select load_extension(\'x\')', "select 'vacuum' as v", 'select 1 as "temp"',
      ]),
    ),
  (r) => odd(r.pick(['select * from ints order by id', 'select i, i + 1 from ints order by id', 'select b, hex(b), typeof(b) from blobs order by id', 'select * from mixed order by id', 'select id, typeof(v), v from mixed order by id'])),
  (r) => odd(`select id, label, r from reals where abs(r) < 1e308 and id ${r.pick(['<', '>='])} ${r.between(2, 19)} order by id`),
  (r) => odd(`select label, t from texts where id in (${[1, 14, 16, 17, 18, 19, 20, 21, 22, 23].filter(() => r.chance(0.5)).join(', ') || '1'}) order by id`),
  (r) => main(`explain query plan select * from events where user_id = ${r.between(1, 4)}`),
];

const SIMPLE = ['select 1', 'select 2 as b', "select 'x'", 'select * from users order by id', 'select count(*) from users', 'select name from users where id = 1', 'values (3)', 'select 1 where 0', 'pragma foreign_keys', "select ';' as semi"];
const BAD = ['select * from nope', 'selec 1', 'create table x (a)', 'delete from users', "attach database 'x' as y", 'vacuum', 'drop table users', 'begin', 'commit', 'select 1 as temp'];
const SEPARATORS = [';', '; ', ';\n', ';;', ' ; '];
const TRAILERS = ['', ';', '; -- c', '; /* c */', ';\n', ' -- end'];

const EMPTY = ['', ' ', ';', ';;', ' ; ', '-- x', '--', '/* c */', '/**/;', '; -- x', '-- x\n;', '\n', '\t', '/* a */ /* b */', '-- a\n-- b', ';\n;', '/* unterminated', '-- x\nselect 1', '/* c */ select 2'];

const INFINITY: Generator[] = [
  (r) => main(`select ${r.pick(['1e999', '-1e999', '1e308 * 10', '-1e308 * 10', 'abs(-1e999)', '9e999 as a, 1 as b', '1 as a, -9e999 as b', '1e999 - 1e999', "cast('inf' as real)", "json_object('a', 1e999)"])}`),
  (r) => main(`select x from (select 1 x union all select ${r.pick(['1e999', '-1e999'])} union all select 2)`),
  (r) => main(`select id, case when id = ${r.between(1, 300)} then ${r.pick(['1e999', '-1e999'])} else id * 1.5 end as v from events order by id`),
  (r) => odd(r.pick(['select r from reals order by id', 'select * from reals order by id', 'select max(r) from reals', 'select min(r) from reals', 'select sum(r) from reals', 'select avg(r) from reals', 'select total(r) from reals', 'select label, r from reals where id in (2, 3)', 'select r * 0 from reals where id = 2'])),
];

const SCAN_ERRORS: Generator[] = [
  () => main('select abs(x) from (select 1 x union all select -9223372036854775808)'),
  () => main("select json(p) from (select '1' p union all select 'x')"),
  (r) => main(`select case when id > ${r.between(1, 300)} then json('{') else id end as v from events order by id`),
  (r) => main(`select id, abs(case when id = ${r.between(1, 300)} then -9223372036854775808 else id end) as a from events order by id`),
  (r) => main(`select id, json_extract(case when id = ${r.between(1, 300)} then 'x' else payload end, '$.k') as k from events order by id`),
  (r) => odd(r.pick(['select sum(i) from ints', 'select abs(i) from ints order by id', 'select i * 2 from ints order by id', "select json(t) from texts where id in (21, 1) order by id"])),
  (r) => main(r.pick(["select json('x')", "select printf('%.*c', 2000000000, 'x')", 'select zeroblob(2000000000)', 'select 9223372036854775807 + 1', 'select abs(-9223372036854775808)'])),
];

const INVALID_TEXTS = ['FF41', '4180', 'C3', 'C0AF', 'EDA080', 'E4BD', '636166E9', 'FE', '6869FF7468657265', 'F09F98', 'C328', 'F8888080', '80BF'];
const INVALID_UTF8: Generator[] = [
  (r) => odd(`select t from texts where id = ${r.pick([2, 3, 4, 5, 6, 7, 8, 11, 26, 27, 28])}`),
  () => odd('select label, t from texts order by id'),
  (r) => main(`select cast(x'${r.pick(INVALID_TEXTS)}' as text) as v`),
  (r) => main(`select cast(x'${r.pick(INVALID_TEXTS)}' as text) || '${r.pick(['tail', 'ü', ''])}' as v, ${r.between(0, 9)} as n`),
  (r) => odd(`select length(t), hex(t), t from texts where id in (${r.between(2, 8)}, ${r.between(26, 28)}) order by id`),
  (r) => odd(`select ${r.pick(['upper(t)', 'lower(t)', 'substr(t, 2)', "t || ','", 'quote(t)', "replace(t, 'a', 'b')"])} as v from texts where id = ${r.pick([2, 3, 8, 28])}`),
  () => odd("select t from texts where t like 'caf%'"),
];

const NUL: Generator[] = [
  (r) => main(r.pick(["select 'a' || char(0) || 'b' as v", 'select char(0)', "select cast(x'00' as text) as v", "select cast(x'410042' as text) as v", "select x'00' as b", "select length('a' || char(0) || 'b')", 'select char(0) as c, 1 as d', "select 'x' || char(0) as v, char(0) || 'y' as w"])),
  (r) => odd(`select ${r.pick(['t', 'label, t', 'hex(t), t', 'length(t), t'])} from texts where id in (${r.pick(['9', '10', '11', '9, 10, 11', '9, 14'])}) order by id`),
  () => odd('select b from blobs where id in (2, 9) order by id'),
];

const PRAGMAS = [
  'pragma foreign_keys', 'PRAGMA foreign_keys', 'pragma main.foreign_keys', 'pragma table_info(users)', 'pragma index_list(events)', 'pragma user_version',
  'pragma application_id', 'pragma query_only', 'pragma recursive_triggers', 'pragma encoding', 'pragma page_size', 'pragma journal_mode',
  'pragma cache_size', 'pragma busy_timeout', 'pragma automatic_index', 'pragma defer_foreign_keys', 'pragma ignore_check_constraints',
  'pragma reverse_unordered_selects', 'pragma trusted_schema', 'pragma temp_store', 'pragma synchronous', 'pragma locking_mode',
  'pragma foreign_key_list(events)', 'pragma table_xinfo(users)', 'select * from pragma_foreign_keys', 'pragma foreign_key_check',
  'pragma integrity_check', 'pragma quick_check', 'pragma schema_version', 'pragma case_sensitive_like', 'pragma cell_size_check',
];

const DOUBLE_QUOTED = [
  'select "vacuum"', 'select "x"', 'select "name" from users order by id', 'select * from users where name = "bob" order by id', 'select "id" from users order by id',
  'select "nope" from users', 'select "a""b"', 'select count("x") from users', 'select "attach"', 'select "temp" as t', 'select upper("abc")', 'select "" as e',
  'select id from users where "x" = "x" order by id', "select 'single', \"double\"", 'select "ü"', 'select length("abc")', 'select "1" + 1',
  'select name from users where title = "mascot"',
];

const FOREVER = 'with recursive c(x) as (select 1 union all select x + 1 from c)';

/** Generators by category; `timeout` and `row-cap` are fixed lists (see tailsql-requests.ts). */
export const QUERIES: Record<Exclude<TailsqlCategory, 'unparseable-query-string' | 'path-cleaning' | 'timeout' | 'row-cap'>, Generator> = {
  ordinary: (r) => r.pick(ORDINARY)(r),
  'multi-statement': (r) => {
    const parts = Array.from({ length: r.between(2, 3) }, () => (r.chance(0.2) ? r.pick(BAD) : r.pick(SIMPLE)));
    const lead = r.chance(0.1) ? ';' : '';
    return { sql: lead + parts.map((p, i) => (i ? r.pick(SEPARATORS) : '') + p).join('') + r.pick(TRAILERS), src: r.chance(0.8) ? 'main' : 'other' };
  },
  'empty-query': (r) => ({ sql: r.pick(EMPTY), src: r.chance(0.8) ? 'main' : 'other' }),
  'infinity-json': (r) => r.pick(INFINITY)(r),
  'scan-error': (r) => r.pick(SCAN_ERRORS)(r),
  'invalid-utf8': (r) => r.pick(INVALID_UTF8)(r),
  nul: (r) => r.pick(NUL)(r),
  pragma: (r) => ({ sql: r.pick(PRAGMAS), src: r.pick(['main', 'main', 'other', 'odd'] as const) }),
  'double-quoted-literal': (r) => main(r.pick(DOUBLE_QUOTED)),
};

export const TIMEOUT_QUERIES = [`${FOREVER} select count(*) from c`, `${FOREVER} select max(x) from c`, `${FOREVER} select x from c where x < 0`];

export function rowCapQuery(rows: number): string {
  return `with recursive c(x) as (select 1 union all select x + 1 from c limit ${rows}) select x from c`;
}
