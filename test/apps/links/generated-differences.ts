/**
 * golink's recorded answers (test/fixtures/oracle/golink/generated.tsv) that tailyard does not give,
 * by category; the ids are lines of generated.tsv. Written by scripts/differential
 * (`npm run differential -- golink`). An entry whose comment starts with `deliberate:` is a
 * difference on purpose (docs/compatibility.md, golink); any other is still to fix. Remove an id
 * once its case matches: the replay test (generated-oracle.test.ts) fails until you do.
 */
import type { GolinkCategory } from '../../support/golink-generated.js';

export const EXPECTED_DIFFERENCES: Record<GolinkCategory, readonly number[]> = {
  'ascii': [],
  'raw-non-ascii': [
    704, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\x80 → golink 0; tailyard 404
    708, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /T\xe4ESc/<b\xc3\xbc>/^?e= → golink 0; tailyard 404
    709, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /w\xf0\x9f\x98iki\xc3\xa9 → golink 0; tailyard 404
    715, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /r\xe4el/x%2fy/\xffa%20b → golink 0; tailyard 404
    718, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xff.aL\xc2\xa0L\xc4\xb0 → golink 0; tailyard 404
    720, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /frag-)\xc3\xc3\xbc\x9f/%E4?&q=%E4 → golink 0; tailyard 404
    724, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /sel\xc3\xe2\x80\xae\x9ff[/(x)?e=&e=&p=% → golink 0; tailyard 404
    729, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3\xe4\xbcG//A\xc3/a,b/%3F → golink 0; tailyard 404
    734, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /teS\xed\xa0\x80C/_ → golink 0; tailyard 404
    735, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /nKosla\xc2\xa0\xffsh/| → golink 0; tailyard 404
    739, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /re%6C\xff/%0A/"/a;b/%E4?a=%zz&k=v;w&X=Y → golink 0; tailyard 404
    744, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /SElF\xff/%23 → golink 0; tailyard 404
    750, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xe2\x80\xfe\xaeifp-\xef\xbf\xbd → golink 0; tailyard 404
    753, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /t\xed\xa0\x80paTH\xc3\xbc(] → golink 0; tailyard 404
    768, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /t\x80path\xc3\x9c/MiXeD//~t/ → golink 0; tailyard 404
    772, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /plu\xed\xa0\x80s/a;b\xc3\x9f/a%20b → golink 0; tailyard 404
    775, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /Q\xed\xa0\x80/a%2Bb/\xce\xa3"/x%2F\xef\xbf\xbdy → golink 0; tailyard 404
    780, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /lo\xc3\xef\xbf\xbd\xa9w\xc3\x9c → golink 0; tailyard 404
    781, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /reKl(,\xe4 → golink 0; tailyard 404
    782, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3EnC/?b=2&\xc3\xbc\xc3\x9ca=1 → golink 0; tailyard 404
    788, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3\x9c\xc0\xaffrag/a/|/"/'?&\xc3\xa9x=%20 → golink 0; tailyard 404
    794, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xe5\x90\x8dK\xe5\x89\x8dsel\xc0\xaf%66/a → golink 0; tailyard 404
    796, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc4\xb0\xe4\xc3\x9c → golink 0; tailyard 404
    803, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /R\xf0\x9f\x98eL/..K/a/b?x=%20&e=&k=v;w → golink 0; tailyard 404
    805, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /tpes\xe5\x90\xef\xbf\xbd\x8d\xe5\x89\x8dc\xe5\x90\x8d\xe5\x89\x8d?a=%zz&=v → g…
    806, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /SE\xc3\xa9Lf\xed\xa0\x80 → golink 0; tailyard 404
    809, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /NOs%6CAs\xe4H}[/ → golink 0; tailyard 404
    812, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3tesc/` → golink 0; tailyard 404
    820, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc4\xef\xbf\xbd\xb0i\xe2\x80\xaeFp?x=+&f=1#frag → golink 0; tailyard 404
    828, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3\xbc\xce\xa9\x80 → golink 0; tailyard 404
    829, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /wiki\xc4\xb0\xc0\xaf/<\xffb>/<b>/%00/. → golink 0; tailyard 404
    841, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xf0\x9f\x98\xe4q\xc3\x9f(/x%2fy/. → golink 0; tailyard 404
    844, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /Re\xc4\xb0L\xf0\x9f\x98[ → golink 0; tailyard 404
    859, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xce\xa3\xce\xa3\xff → golink 0; tailyard 404
    860, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /tpes\xc3\xa9c\xc3\x9f\xfe → golink 0; tailyard 404
    864, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xfe\xe2\x80\xae → golink 0; tailyard 404
    869, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc2\xa0\xc0\xaf → golink 0; tailyard 404
    877, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /s\xfeelf\xe4/%25/[y] → golink 0; tailyard 404
    879, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /qonl\x80Y[/^?u=a+b → golink 0; tailyard 404
    884, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /sel\x80f/a;b/~t?f=1#frag → golink 0; tailyard 404
    885, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xf0\x9f\x98EnC\xf0\x9f\x98?p=%&a=1\xc3\xa9&a=2&=v → golink 0; tailyard 404
    887, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /wIKI\xfe/%00?x=+ → golink 0; tailyard 404
    889, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\x80\xed\xa0\x80 → golink 0; tailyard 404
    894, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xf0\x9f\x98\xc3\x9f → golink 0; tailyard 404
    899, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /i\xc0\xaf-FP/%23/_ → golink 0; tailyard 404
    901, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\x80\xc4\xb0 → golink 0; tailyard 404
    904, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /UnI\xfe → golink 0; tailyard 404
    909, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /u\xc0\xafni?=v → golink 0; tailyard 404
    914, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /Tr-\x80im?=v → golink 0; tailyard 404
    916, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /s\xffElF-/?z=%\xce\xa3C3%\xc3\x9fBC → golink 0; tailyard 404
    920, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /p\xc3\xa9\xce\xa3%63t-\xc3?x=+ → golink 0; tailyard 404
    925, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /s\xed\xa0\x80e-lf?x=+ → golink 0; tailyard 404
    938, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3\xc3\x9f → golink 0; tailyard 404
    941, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xff\xc3\xa9\xc4\xb0 → golink 0; tailyard 404
    942, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /t\xfeesc\xff/%00/./a,b?x=1&&y=2&x → golink 0; tailyard 404
    947, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /n\xc3ope\xed\xa0\x80?q=%E4 → golink 0; tailyard 404
    955, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /b\xed\xf0\x9f\x98\x80\xa0\x80laNK\xc0\xaf → golink 0; tailyard 404
    956, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3\x9f\xe2\x80\xae\xff → golink 0; tailyard 404
    960, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /enc\xefK\xbf\xbd[\xce\xa9 → golink 0; tailyard 404
    965, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /loW\xfe/x%2fy → golink 0; tailyard 404
    979, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /noSL\xe5\x90\xce\xa3\x8d\xe5\x89\x8dash → golink 0; tailyard 404
    981, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\x80self/(x\xfe)/a\xe2\x80\xae → golink 0; tailyard 404
    986, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc0\xafenc/^/^\xc3\xbc → golink 0; tailyard 404
    993, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /fr\xf0\x9f\x98ag/~t/a+\xe5\x90\x8d\xe5\x89\x8db/%C3%BC\xc3\x9f/%E4 → golink 0;…
    997, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /SELF\x80 → golink 0; tailyard 404
  ],
  'raw-backslash': [],
  'long-target': [],
  'tolower-invalid-utf8': [],
  'dot-segments': [],
  'asterisk': [],
  'absolute-form': [],
  'keep-alive': [
    1595, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /tp\xc0\xafesc?a=1&a=2&b=2&a=1 → golink 0; tailyard 404
    1596, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET http://user@go/qonly/x.y/%E4/.?=v&f=1#frag → golink 0; tailyard 302 https://ex.com/?=v&f=1%23frag&x=1&x=…
    1618, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xfffrag-/b?e=&q=%E4 → golink 0; tailyard 404
    1619, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /%6Cow/%CE%A3%ED%A0%80%2F?x=1&x=+ → golink 0; tailyard 302 https://ex.com/%CF%83%EF%BF%BD%EF%BF%BD%EF%BF…
    1620, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /plus → golink 0; tailyard 302 https://ex.com/a+b
    1621, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /gh/%2E/ → golink 0; tailyard 302 https://github.com/./
    1648, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xe5\x90\x8d\xe5\x89\x8d\xc3 → golink 0; tailyard 404
    1649, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /\w\ikI → golink 0; tailyard 404
    1683, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /lo\xc0\xaf\xfew\xc3\x9c?=v → golink 0; tailyard 404
    1690, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\x80\xc2\xa0ifp-\xc4\xb0 → golink 0; tailyard 404
    1691, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /tesc/"?u=a+b → golink 0; tailyard 302 https://ex.com/s?q=%22&u=a+b
    1831, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /no\xffsl\xf0\x9f\x98\x80AS%48 → golink 0; tailyard 404
    1832, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /NoS-LASH → golink 0; tailyard 302 https://ex.com
    1833, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /Bl\AnK/x%2fy/.?e=&y=a%2Fb → golink 0; tailyard 404
    1873, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /iF-p,\x80)/%0A → golink 0; tailyard 404
    1874, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /t-pesc/..?z=%C3%BC&a=%zz → golink 0; tailyard 302 https://ex.com/..?z=%C3%BC
    1972, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /tp\xffesc?X\xc3\xbc=Y → golink 0; tailyard 404
    1973, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /q-only/'?x=1&&y=2 → golink 0; tailyard 302 https://ex.com/?x=1&x=2%2F%27&x=1&y=2
    1974, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /tpAtH/x\%2Fy?x=1&x=1\ → golink 0; tailyard 302 https://ex.org/x/x%5C/y/y?x=1&x=1%5C
    2077, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xed\xa0\x80\xe5\x90\x8d\xe5\x89\x8d\xed\xa0\x80 → golink 0; tailyard 404
    2078, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET http://GO/enC/'?b=2&a=1 → golink 0; tailyard 302 http://host.com/foo%2f/bar/'?a=1&b=2
  ],
};
