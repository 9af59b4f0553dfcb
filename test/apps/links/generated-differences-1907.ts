/**
 * golink's recorded answers (test/fixtures/oracle/golink/generated-1907.tsv, seed 1907) that tailyard does
 * not give, by category; the ids are lines of generated-1907.tsv. Written by scripts/differential
 * (`npm run differential -- golink --seed 1907`). An entry whose comment starts with `deliberate:` is a
 * difference on purpose (docs/compatibility.md, golink); any other is still to fix. Remove an id
 * once its case matches: the replay test (generated-oracle.test.ts) fails until you do.
 */
import type { GolinkCategory } from '../../support/golink-generated.js';

export const EXPECTED_DIFFERENCES: Record<GolinkCategory, readonly number[]> = {
  'ascii': [],
  'raw-non-ascii': [
    167, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xe4IFp?p=% → golink 0; tailyard 404
    180, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xed\xa0\x80\xf0\x9f\x98\x80\xe5\x90\x8d\xe5\x89\x8d → golink 0; tailyard 404
    182, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc0\xaf\xe4 → golink 0; tailyard 404
    186, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xe2\x80\xc3\xed\xa0\x80\xaeq → golink 0; tailyard 404
    189, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /uN\xc3\x9f\xff\xc3\xa9I → golink 0; tailyard 404
    194, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3\xa9\xfe → golink 0; tailyard 404
    203, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /l\xe4ow/"/{x}/a+b → golink 0; tailyard 404
    205, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xffENC/%25/./%23?x&a=%zz → golink 0; tailyard 404
    206, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc0\xaf → golink 0; tailyard 404
    217, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /KK\xc3 → golink 0; tailyard 404
    219, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3\xf0\x9f\x98\x80 → golink 0; tailyard 404
    225, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /s\x80ELf → golink 0; tailyard 404
  ],
  'raw-backslash': [],
  'long-target': [],
  'tolower-invalid-utf8': [],
  'dot-segments': [],
  'asterisk': [],
  'absolute-form': [],
  'keep-alive': [
    381, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xffTESC → golink 0; tailyard 404
    382, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /%252e/enc?=v&=v&q=%7B%7B.Path%7D%7D → golink 0; tailyard 404
    383, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET HTTPS://GO/WIKi-?x=1&&y=2&=v&f=1#frag → golink 0; tailyard 302 https://wiki.example.org/home?=v&f=1%23fr…
    384, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /e-nC}/a/%zz?q=%E4&a=%zz → golink 0; tailyard 400
    482, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3\x9f\xff\xc3\xa9 → golink 0; tailyard 404
    483, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /rel/`\xf0\x9f\x98/a/b/^/ → golink 0; tailyard 302 /cs/%60%F0%9F%98/a/b/%5E/
    484, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /wiKI/'/%3F? → golink 0; tailyard 302 https://wiki.example.org/home/'/?
    489, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xe2\x80\xae\x80 → golink 0; tailyard 404
  ],
};
