/**
 * tailsql's recorded answers (test/fixtures/oracle/tailsql/generated.jsonl, seed 19)
 * that tailyard does not give yet (issue 19), by category; the ids are lines of generated.jsonl. Written by
 * scripts/differential (`npm run differential -- tailsql --seed 19`). Remove an id once
 * its case matches: the replay test (generated-oracle.test.ts) fails until you do, so this list
 * only shrinks. The ids left are deliberate or known differences; each category's reason, as
 * docs/compatibility.md (tailsql) gives it, heads its list (REASONS in
 * scripts/differential/tailsql.ts).
 */
import type { TailsqlCategory } from '../../support/tailsql-generated.js';

export const EXPECTED_DIFFERENCES: Record<TailsqlCategory, readonly number[]> = {
  'ordinary': [
    // Deliberate: read-only refusals are made before SQLite sees the text and name the reason (docs/compatibility.md, tailsql).
    46, // GET /csv?q=create%20table%20x%20(a)&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: CREATE is not allo… (status, body)
    77, // GET /csv?src=main&q=commit → tailsql 500 "SQL logic error: cannot commit - no tra…; tailyard 400 "[400] invalid query: COMMIT is not allo… (status, body)
    213, // GET /json?q=begin&src=main → tailsql 200 ""; tailyard 400 "[400] invalid query: BEGIN is not allow… (status, type, body)
    220, // GET /json?src=main&q=drop+table+users → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: DROP is not allowe… (status, body)
    230, // GET /?src=main&q=drop%20table%20users → tailsql 200 page {"columns":[],"rows":[],"error":"attempt…; tailyard 200 page {"columns":[],"rows":[],"error":"[400] i… (page)
    245, // GET /json?q=vacuum&src=main → tailsql 400 "[400] invalid query: statement \"VACUUM…; tailyard 400 "[400] invalid query: VACUUM is not allo… (body)
    293, // GET /json?q=drop%20table%20users&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: DROP is not allowe… (status, body)
    312, // GET /json?q=vacuum → tailsql 400 "[400] invalid query: statement \"VACUUM…; tailyard 400 "[400] invalid query: VACUUM is not allo… (body)
    463, // GET /json?src=main&q=select+1+as+temp → tailsql 400 "[400] invalid query: statement \"TEMP\"…; tailyard 200 "{\"temp\":1}\n" (status, type, body)
    554, // GET /json?q=create%20table%20x%20(a)&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: CREATE is not allo… (status, body)
  ],
  'multi-statement': [
    // Deliberate: read-only refusals are made before SQLite sees the text and name the reason (docs/compatibility.md, tailsql).
    562, // GET /json?q=select%20'x'%3Bcommit%3B%3Bselect%20'%3B'%20as%20semi%3B%20--%20c&src=main → tailsql 200 "{\"semi\":\";\"}\n"; tailyard 400 "[400] invalid query: COMMIT is not allo… (status, type, body)
    564, // GET /csv?q=commit%3B%3Bselect%20'x'%3B%0Aselect%202%20as%20b%3B%20%2F*%20c%20*%2F&src=main → tailsql 500 "SQL logic error: cannot commit - no tra…; tailyard 400 "[400] invalid query: COMMIT is not all…
    566, // GET /json?q=%3Bvacuum%3B+select+name+from+users+where+id+%3D+1%3Bselect+1+where+0+--+end&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: VACUUM is …
    570, // GET /json?q=attach%20database%20'x'%20as%20y%3Bvalues%20(3)%3B%20--%20c&src=main → tailsql 400 "[400] invalid query: statement \"ATTACH…; tailyard 400 "[400] invalid query: ATTACH is not allo… (body)
    572, // GET /csv?q=attach%20database%20'x'%20as%20y%20%3B%20selec%201%20--%20end&src=main → tailsql 400 "[400] invalid query: statement \"ATTACH…; tailyard 400 "[400] invalid query: ATTACH is not allo… (body)
    576, // GET /json?q=%3Bselect%20'%3B'%20as%20semi%3B%3Bdelete%20from%20users%20%3B%20select%20*%20from%20users%20order%20by%20id&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 …
    579, // GET /csv?q=values+%283%29%3B%3Battach+database+%27x%27+as+y&src=main → tailsql 200 ""; tailyard 400 "[400] invalid query: ATTACH is not allo… (status, type, body)
    583, // GET /json?src=main&q=selec%201%20%3B%20attach%20database%20'x'%20as%20y → tailsql 400 "[400] invalid query: statement \"ATTACH…; tailyard 400 "[400] invalid query: ATTACH is not allo… (body)
    584, // GET /csv?q=select%201%20where%200%3B%0Aselect%20*%20from%20users%20order%20by%20id%3B%20begin%3B%20--%20c&src=main → tailsql 200 "id,name,email,title,score,big,avatar,jo…; tailyard 400 "[400] invalid …
    585, // GET /json?src=main&q=drop+table+users+%3B+select+1+where+0%3B+--+c → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: DROP is not allowe… (status, body)
    592, // GET /json?src=other&q=select+count%28*%29+from+users%3B%0Acommit%3Bselect+1%3B+%2F*+c+*%2F → tailsql 500 "SQL logic error: no such table: users (…; tailyard 400 "[400] invalid query: COMMIT is not all…
    604, // GET /csv?q=%3Bselect%20'x'%3B%20select%20count(*)%20from%20users%3B%20begin&src=other → tailsql 500 "SQL logic error: no such table: users (…; tailyard 400 "[400] invalid query: BEGIN is not allow… (s…
    607, // GET /json?q=%3Bselect+2+as+b%3B%3Battach+database+%27x%27+as+y%3B+%2F*+c+*%2F&src=main → tailsql 500 "SQL logic error: database y is already …; tailyard 400 "[400] invalid query: ATTACH is not allo… (…
    608, // GET /json?q=values+%283%29%3B+delete+from+users+%3B+select+2+as+b%3B+%2F*+c+*%2F&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: DELETE is not allo…
    616, // GET /json?src=main&q=select+*+from+users+order+by+id%3B+vacuum+--+end → tailsql 400 "[400] invalid query: statement \"VACUUM…; tailyard 400 "[400] invalid query: VACUUM is not allo… (body)
    619, // GET /json?q=create+table+x+%28a%29%3B%0Adelete+from+users+--+end&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: CREATE is not allo… (status, body)
    620, // GET /?q=select+1%3B+select+%27x%27%3B%0Abegin%3B&src=other → tailsql 200 page {"columns":[],"rows":[]}; tailyard 200 page {"columns":[],"rows":[],"error":"[400] i… (page)
    622, // GET /csv?src=other&q=select%202%20as%20b%20%3B%20commit%20--%20end → tailsql 200 ""; tailyard 400 "[400] invalid query: COMMIT is not allo… (status, type, body)
    623, // GET /json?src=main&q=create%20table%20x%20(a)%3B%20pragma%20foreign_keys%20%3B%20select%20'%3B'%20as%20semi%3B → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid quer…
    624, // GET /?q=%3Bbegin%3B+select+name+from+users+where+id+%3D+1%3B+%2F*+c+*%2F&src=other → tailsql 200 page {"columns":[],"rows":[],"error":"SQL log…; tailyard 200 page {"columns":[],"rows":[],"error":"[400…
    625, // GET /json?q=delete+from+users%3B%3Bselect+count%28*%29+from+users → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: DELETE is not allo… (status, body)
    626, // GET /csv?q=select+1+as+temp%3Bselect+count%28*%29+from+users%3B&src=main → tailsql 400 "[400] invalid query: statement \"TEMP\"…; tailyard 200 "count(*)\n4\n" (status, type, body)
    629, // GET /?q=values+%283%29+%3B+vacuum%3B&src=main → tailsql 200 page {"columns":[],"rows":[],"error":"[400] i…; tailyard 200 page {"columns":[],"rows":[],"error":"[400] i… (page)
    631, // GET /json?q=values+%283%29%3B%0Aselect+%27%3B%27+as+semi%3B%0Aattach+database+%27x%27+as+y+--+end&src=main → tailsql 400 "[400] invalid query: statement \"ATTACH…; tailyard 400 "[400] invalid query: A…
    634, // GET /json?q=create+table+x+%28a%29%3B%3Bselect+1%3B&src=main → tailsql 500 "attempt to write a readonly database (8…; tailyard 400 "[400] invalid query: CREATE is not allo… (status, body)
    637, // GET /csv?q=attach+database+%27x%27+as+y+%3B+values+%283%29%3B+--+c&src=main → tailsql 400 "[400] invalid query: statement \"ATTACH…; tailyard 400 "[400] invalid query: ATTACH is not allo… (body)
    638, // GET /csv?q=select%201%20where%200%3B%20select%20count(*)%20from%20users%3B%20attach%20database%20'x'%20as%20y%3B%20%2F*%20c%20*%2F&src=main → tailsql 400 "[400] invalid query: statement \"ATTACH…; tai…
    644, // GET /csv?q=vacuum+%3B+select+2+as+b%3Bbegin%3B+--+c&src=main → tailsql 400 "[400] invalid query: statement \"VACUUM…; tailyard 400 "[400] invalid query: VACUUM is not allo… (body)
  ],
  'empty-query': [],
  'infinity-json': [],
  'scan-error': [
    // Deliberate: a value over SQLite's length limit is reported as an error, where tailsql's SQLite answers NULL (docs/compatibility.md, tailsql).
    758, // GET /csv?q=select+printf%28%27%25.*c%27%2C+2000000000%2C+%27x%27%29 → tailsql 200 "\"printf('%.*c', 2000000000, 'x')\"\n\n…; tailyard 500 "string or blob too big (18)\n" (status, type, body)
    759, // GET /json?src=main&q=select%20printf('%25.*c'%2C%202000000000%2C%20'x') → tailsql 200 "{\"printf('%.*c', 2000000000, 'x')\":nu…; tailyard 500 "string or blob too big (18)\n" (status, type, body)
    766, // GET /?q=select+printf%28%27%25.*c%27%2C+2000000000%2C+%27x%27%29 → tailsql 200 page {"columns":["printf('%.*c', 2000000000, …; tailyard 200 page {"columns":[],"rows":[],"error":"string … (page)
    783, // GET /csv?src=main&q=select%20printf('%25.*c'%2C%202000000000%2C%20'x') → tailsql 200 "\"printf('%.*c', 2000000000, 'x')\"\n\n…; tailyard 500 "string or blob too big (18)\n" (status, type, body)
    786, // GET /csv?src=main&q=select+printf%28%27%25.*c%27%2C+2000000000%2C+%27x%27%29 → tailsql 200 "\"printf('%.*c', 2000000000, 'x')\"\n\n…; tailyard 500 "string or blob too big (18)\n" (status, type, body)
    790, // GET /json?q=select+printf%28%27%25.*c%27%2C+2000000000%2C+%27x%27%29&src=main → tailsql 200 "{\"printf('%.*c', 2000000000, 'x')\":nu…; tailyard 500 "string or blob too big (18)\n" (status, type, body)
  ],
  'timeout': [],
  'invalid-utf8': [],
  'nul': [],
  'unparseable-query-string': [],
  'path-cleaning': [],
  'pragma': [
    // Deliberate: query_only is a read-only gate, and readers wait 5 s for a writer's lock (docs/compatibility.md, tailsql).
    937, // GET /json?q=pragma%20query_only&src=main → tailsql 200 "{\"query_only\":0}\n"; tailyard 200 "{\"query_only\":1}\n" (body)
    950, // GET /csv?src=odd&q=pragma+busy_timeout → tailsql 200 "timeout\n0\n"; tailyard 200 "timeout\n5000\n" (body)
    975, // GET /json?q=pragma%20busy_timeout&src=other → tailsql 200 "{\"timeout\":0}\n"; tailyard 200 "{\"timeout\":5000}\n" (body)
  ],
  'double-quoted-literal': [
    // Deliberate: better-sqlite3 is built with SQLITE_DQS=0 and cannot enable them (docs/compatibility.md, tailsql).
    981, // GET /json?src=main&q=select+%22temp%22+as+t → tailsql 200 "{\"t\":\"temp\"}\n"; tailyard 500 "SQL logic error: no such column: \"temp… (status, type, body)
    982, // GET /?src=main&q=select%20%22nope%22%20from%20users → tailsql 200 page {"columns":["\"nope\""],"rows":[["nope"]…; tailyard 200 page {"columns":[],"rows":[],"error":"SQL log… (page)
    983, // GET /json?q=select%20%22temp%22%20as%20t → tailsql 200 "{\"t\":\"temp\"}\n"; tailyard 500 "SQL logic error: no such column: \"temp… (status, type, body)
    984, // GET /json?src=main&q=select+count%28%22x%22%29+from+users → tailsql 200 "{\"count(\\\"x\\\")\":4}\n"; tailyard 500 "SQL logic error: no such column: \"x\" … (status, type, body)
    986, // GET /csv?q=select+%22vacuum%22&src=main → tailsql 200 "\"\"\"vacuum\"\"\"\nvacuum\n"; tailyard 500 "SQL logic error: no such column: \"vacu… (status, type, body)
    987, // GET /json?q=select+name+from+users+where+title+%3D+%22mascot%22 → tailsql 200 "{\"name\":\"amelie\"}\n"; tailyard 500 "SQL logic error: no such column: \"masc… (status, type, body)
    988, // GET /csv?q=select%20%22vacuum%22&src=main → tailsql 200 "\"\"\"vacuum\"\"\"\nvacuum\n"; tailyard 500 "SQL logic error: no such column: \"vacu… (status, type, body)
    989, // GET /json?q=select+%22%C3%BC%22&src=main → tailsql 200 "{\"\\\"ü\\\"\":\"ü\"}\n"; tailyard 500 "SQL logic error: no such column: \"ü\" … (status, type, body)
    990, // GET /json?q=select%20%22vacuum%22&src=main → tailsql 200 "{\"\\\"vacuum\\\"\":\"vacuum\"}\n"; tailyard 500 "SQL logic error: no such column: \"vacu… (status, type, body)
    991, // GET /json?q=select%20%22temp%22%20as%20t&src=main → tailsql 200 "{\"t\":\"temp\"}\n"; tailyard 500 "SQL logic error: no such column: \"temp… (status, type, body)
    993, // GET /csv?q=select%20id%20from%20users%20where%20%22x%22%20%3D%20%22x%22%20order%20by%20id&src=main → tailsql 200 "id\n1\n2\n3\n4\n"; tailyard 500 "SQL logic error: no such column: \"x\" … (status, typ…
    994, // GET /csv?q=select%20'single'%2C%20%22double%22&src=main → tailsql 200 "'single',\"\"\"double\"\"\"\nsingle,dou…; tailyard 500 "SQL logic error: no such column: \"doub… (status, type, body)
    995, // GET /csv?q=select%20count(%22x%22)%20from%20users&src=main → tailsql 200 "\"count(\"\"x\"\")\"\n4\n"; tailyard 500 "SQL logic error: no such column: \"x\" … (status, type, body)
    996, // GET /json?src=main&q=select%20%22attach%22 → tailsql 200 "{\"\\\"attach\\\"\":\"attach\"}\n"; tailyard 500 "SQL logic error: no such column: \"atta… (status, type, body)
    998, // GET /json?q=select%20%22nope%22%20from%20users → tailsql 200 "{\"\\\"nope\\\"\":\"nope\"}\n{\"\\\"nop…; tailyard 500 "SQL logic error: no such column: \"nope… (status, type, body)
    999, // GET /json?src=main&q=select+%22attach%22 → tailsql 200 "{\"\\\"attach\\\"\":\"attach\"}\n"; tailyard 500 "SQL logic error: no such column: \"atta… (status, type, body)
    1000, // GET /csv?q=select%20%22%22%20as%20e&src=main → tailsql 200 "e\n\n"; tailyard 500 "SQL logic error: no such column: \"\" -… (status, type, body)
    1001, // GET /?q=select+%22vacuum%22&src=main → tailsql 200 page {"columns":["\"vacuum\""],"rows":[["vacu…; tailyard 200 page {"columns":[],"rows":[],"error":"SQL log… (page)
    1002, // GET /json?q=select+%22x%22&src=main → tailsql 200 "{\"\\\"x\\\"\":\"x\"}\n"; tailyard 500 "SQL logic error: no such column: \"x\" … (status, type, body)
    1003, // GET /csv?q=select%20name%20from%20users%20where%20title%20%3D%20%22mascot%22&src=main → tailsql 200 "name\namelie\n"; tailyard 500 "SQL logic error: no such column: \"masc… (status, type, body)
    1004, // GET /json?q=select+%22attach%22&src=main → tailsql 200 "{\"\\\"attach\\\"\":\"attach\"}\n"; tailyard 500 "SQL logic error: no such column: \"atta… (status, type, body)
    1005, // GET /csv?src=main&q=select%20%22temp%22%20as%20t → tailsql 200 "t\ntemp\n"; tailyard 500 "SQL logic error: no such column: \"temp… (status, type, body)
    1007, // GET /json?src=main&q=select+%22x%22 → tailsql 200 "{\"\\\"x\\\"\":\"x\"}\n"; tailyard 500 "SQL logic error: no such column: \"x\" … (status, type, body)
    1008, // GET /json?q=select+upper%28%22abc%22%29&src=main → tailsql 200 "{\"upper(\\\"abc\\\")\":\"ABC\"}\n"; tailyard 500 "SQL logic error: no such column: \"abc\… (status, type, body)
    1009, // GET /json?q=select%20%22nope%22%20from%20users&src=main → tailsql 200 "{\"\\\"nope\\\"\":\"nope\"}\n{\"\\\"nop…; tailyard 500 "SQL logic error: no such column: \"nope… (status, type, body)
    1010, // GET /csv?src=main&q=select+*+from+users+where+name+%3D+%22bob%22+order+by+id → tailsql 200 "id,name,email,title,score,big,avatar,jo…; tailyard 500 "SQL logic error: no such column: \"bob\… (status, ty…
    1011, // GET /csv?src=main&q=select+%22vacuum%22 → tailsql 200 "\"\"\"vacuum\"\"\"\nvacuum\n"; tailyard 500 "SQL logic error: no such column: \"vacu… (status, type, body)
    1012, // GET /json?q=select%20id%20from%20users%20where%20%22x%22%20%3D%20%22x%22%20order%20by%20id&src=main → tailsql 200 "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n{\"…; tailyard 500 "SQL logic error: no such colu…
    1013, // GET /json?q=select+%27single%27%2C+%22double%22&src=main → tailsql 200 "{\"\\\"double\\\"\":\"double\",\"'singl…; tailyard 500 "SQL logic error: no such column: \"doub… (status, type, body)
    1014, // GET /?q=select%20%22%22%20as%20e → tailsql 200 page {"columns":["e"],"rows":[[""]]}; tailyard 200 page {"columns":[],"rows":[],"error":"SQL log… (page)
    1015, // GET /json?src=main&q=select%20'single'%2C%20%22double%22 → tailsql 200 "{\"\\\"double\\\"\":\"double\",\"'singl…; tailyard 500 "SQL logic error: no such column: \"doub… (status, type, body)
  ],
  'row-cap': [
    // Deliberate: exports stream the whole result; there is no silent 10 000-row cap (docs/compatibility.md, tailsql).
    1118, // GET /json?q=with%20recursive%20c(x)%20as%20(select%201%20union%20all%20select%20x%20%2B%201%20from%20c%20limit%2010001)%20select%20x%20from%20c → tailsql 200 108894 bytes, sha256 45119cd2d2bd; tailyar…
    1119, // GET /csv?q=with%20recursive%20c(x)%20as%20(select%201%20union%20all%20select%20x%20%2B%201%20from%20c%20limit%2010001)%20select%20x%20from%20c → tailsql 200 48896 bytes, sha256 c43a24cb06e6; tailyard …
    1120, // GET /json?q=with%20recursive%20c(x)%20as%20(select%201%20union%20all%20select%20x%20%2B%201%20from%20c%20limit%2012345)%20select%20x%20from%20c → tailsql 200 108894 bytes, sha256 45119cd2d2bd; tailyar…
    1121, // GET /csv?q=with%20recursive%20c(x)%20as%20(select%201%20union%20all%20select%20x%20%2B%201%20from%20c%20limit%2012345)%20select%20x%20from%20c → tailsql 200 48896 bytes, sha256 c43a24cb06e6; tailyard …
  ],
};
