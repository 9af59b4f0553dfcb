/**
 * tailsql's recorded answers (test/fixtures/oracle/tailsql/generated-2026.jsonl, seed 2026)
 * that tailyard does not give yet (issue 19), by category; the ids are lines of generated-2026.jsonl. Written by
 * scripts/differential (`npm run differential -- tailsql --seed 2026`). Remove an id once
 * its case matches: the replay test (generated-oracle.test.ts) fails until you do, so this list
 * only shrinks. The ids left are deliberate or known differences; each category's reason, as
 * docs/compatibility.md (tailsql) gives it, heads its list (REASONS in
 * scripts/differential/tailsql.ts).
 */
import type { TailsqlCategory } from '../../support/tailsql-generated.js';

export const EXPECTED_DIFFERENCES: Record<TailsqlCategory, readonly number[]> = {
  'ordinary': [
    // Deliberate: read-only refusals are made before SQLite sees the text and name the reason (docs/compatibility.md, tailsql).
    51, // GET /json?q=reindex → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: REINDEX is not all… (status, body)
    71, // GET /json?src=main&q=commit → tailsql 500 "SQL logic error: cannot commit - no tra…; tailyard 400 "[400] invalid query: COMMIT is not allo… (status, body)
    95, // GET /csv?q=commit → tailsql 500 "SQL logic error: cannot commit - no tra…; tailyard 400 "[400] invalid query: COMMIT is not allo… (status, body)
    121, // GET /?src=main&q=reindex → tailsql 200 page {"columns":[],"rows":[],"error":"attempt…; tailyard 200 page {"columns":[],"rows":[],"error":"[400] i… (page)
    135, // GET /csv?q=reindex&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: REINDEX is not all… (status, body)
    162, // GET /json?q=delete%20from%20users&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: DELETE is not allo… (status, body)
    186, // GET /csv?q=analyze&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: ANALYZE is not all… (status, body)
  ],
  'multi-statement': [
    // Deliberate: read-only refusals are made before SQLite sees the text and name the reason (docs/compatibility.md, tailsql).
    194, // GET /json?q=select%20count(*)%20from%20users%3B%3Bselect%201%3Bbegin&src=main → tailsql 200 ""; tailyard 400 "[400] invalid query: BEGIN is not allow… (status, type, body)
    196, // GET /csv?q=select%201%20as%20temp%3B%3Bselect%20'x'%3Bselect%20name%20from%20users%20where%20id%20%3D%201%3B&src=other → tailsql 400 "[400] invalid query: statement \"TEMP\"…; tailyard 500 "SQL logic …
    199, // GET /json?q=values+%283%29%3Bpragma+foreign_keys%3Bbegin%3B+--+c → tailsql 500 "SQL logic error: cannot start a transac…; tailyard 400 "[400] invalid query: BEGIN is not allow… (status, body)
    201, // GET /csv?q=%3Bselect+1%3B+selec+1%3B+drop+table+users%3B%0A&src=other → tailsql 500 "SQL logic error: near \"selec\": syntax…; tailyard 400 "[400] invalid query: DROP is not allowe… (status, body)
    212, // GET /json?q=%3Bpragma%20foreign_keys%3B%3Bvacuum%3B%20%2F*%20c%20*%2F → tailsql 500 "SQL logic error: cannot VACUUM from wit…; tailyard 400 "[400] invalid query: VACUUM is not allo… (status, body)
    214, // GET /json?q=select+1%3B%0Acreate+table+x+%28a%29%3B+select+1%3B → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: CREATE is not allo… (status, body)
    217, // GET /json?q=values%20(3)%20%3B%20select%201%20as%20temp%3Bselect%20name%20from%20users%20where%20id%20%3D%201&src=main → tailsql 400 "[400] invalid query: statement \"TEMP\"…; tailyard 200 "{\"name\":…
    219, // GET /json?q=select+1+where+0+%3B+select+count%28*%29+from+users%3Bbegin+--+end&src=main → tailsql 500 "SQL logic error: cannot start a transac…; tailyard 400 "[400] invalid query: BEGIN is not allow… …
  ],
  'empty-query': [],
  'infinity-json': [],
  'scan-error': [],
  'timeout': [],
  'invalid-utf8': [],
  'nul': [],
  'unparseable-query-string': [],
  'path-cleaning': [],
  'pragma': [],
  'double-quoted-literal': [
    // Deliberate: better-sqlite3 is built with SQLITE_DQS=0 and cannot enable them (docs/compatibility.md, tailsql).
    333, // GET /json?q=select%20%22temp%22%20as%20t&src=main → tailsql 200 "{\"t\":\"temp\"}\n"; tailyard 500 "SQL logic error: no such column: \"temp… (status, type, body)
    334, // GET /json?q=select%20%22a%22%22b%22&src=main → tailsql 200 "{\"\\\"a\\\"\\\"b\\\"\":\"a\\\"b\"}\n"; tailyard 500 "SQL logic error: no such column: \"a\"b… (status, type, body)
    335, // GET /?q=select%20name%20from%20users%20where%20title%20%3D%20%22mascot%22&src=main → tailsql 200 page {"columns":["name"],"rows":[["amelie"]]}; tailyard 200 page {"columns":[],"rows":[],"error":"SQL l…
    336, // GET /?q=select+%221%22+%2B+1&src=main → tailsql 200 page {"columns":["\"1\" + 1"],"rows":[["2"]]}; tailyard 200 page {"columns":[],"rows":[],"error":"SQL log… (page)
    338, // GET /json?src=main&q=select%20%22vacuum%22 → tailsql 200 "{\"\\\"vacuum\\\"\":\"vacuum\"}\n"; tailyard 500 "SQL logic error: no such column: \"vacu… (status, type, body)
    339, // GET /csv?q=select+*+from+users+where+name+%3D+%22bob%22+order+by+id&src=main → tailsql 200 "id,name,email,title,score,big,avatar,jo…; tailyard 500 "SQL logic error: no such column: \"bob\… (status, ty…
    340, // GET /json?q=select+%22vacuum%22&src=main → tailsql 200 "{\"\\\"vacuum\\\"\":\"vacuum\"}\n"; tailyard 500 "SQL logic error: no such column: \"vacu… (status, type, body)
    341, // GET /json?q=select%20count(%22x%22)%20from%20users&src=main → tailsql 200 "{\"count(\\\"x\\\")\":4}\n"; tailyard 500 "SQL logic error: no such column: \"x\" … (status, type, body)
    342, // GET /csv?src=main&q=select+%27single%27%2C+%22double%22 → tailsql 200 "'single',\"\"\"double\"\"\"\nsingle,dou…; tailyard 500 "SQL logic error: no such column: \"doub… (status, type, body)
    343, // GET /csv?q=select+%22a%22%22b%22&src=main → tailsql 200 "\"\"\"a\"\"\"\"b\"\"\"\n\"a\"\"b\"\n"; tailyard 500 "SQL logic error: no such column: \"a\"b… (status, type, body)
    344, // GET /?q=select+%22attach%22&src=main → tailsql 200 page {"columns":["\"attach\""],"rows":[["atta…; tailyard 200 page {"columns":[],"rows":[],"error":"SQL log… (page)
  ],
  'row-cap': [
    // Deliberate: exports stream the whole result; there is no silent 10 000-row cap (docs/compatibility.md, tailsql).
    384, // GET /json?q=with%20recursive%20c(x)%20as%20(select%201%20union%20all%20select%20x%20%2B%201%20from%20c%20limit%2010001)%20select%20x%20from%20c → tailsql 200 108894 bytes, sha256 45119cd2d2bd; tailyar…
  ],
};
