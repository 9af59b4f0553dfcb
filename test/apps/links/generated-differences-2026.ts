/**
 * golink's recorded answers (test/fixtures/oracle/golink/generated-2026.tsv, seed 2026) that tailyard does
 * not give, by category; the ids are lines of generated-2026.tsv. Written by scripts/differential
 * (`npm run differential -- golink --seed 2026`). An entry whose comment starts with `deliberate:` is a
 * difference on purpose (docs/compatibility.md, golink); any other is still to fix. Remove an id
 * once its case matches: the replay test (generated-oracle.test.ts) fails until you do.
 */
import type { GolinkCategory } from '../../support/golink-generated.js';

export const EXPECTED_DIFFERENCES: Record<GolinkCategory, readonly number[]> = {
  'ascii': [],
  'raw-non-ascii': [
    172, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /wik\xe4i → golink 0; tailyard 404
    180, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /un\xc3K\x9ci/x.\xc3\xa9y/' → golink 0; tailyard 404
    183, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /TE\xc3\x9fs\xf0\x9f\x98c/x%2fy/. → golink 0; tailyard 404
    185, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /nos\xc3lash[]/_?x=+ → golink 0; tailyard 404
    193, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /tp\xc0\xafath → golink 0; tailyard 404
    198, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xe4ifp?q=%7B%7B.Path%7D%7D&x=1&&y\xc3\xa9=2&x=%20 → golink 0; tailyard 404
    200, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\x80\xc3\xbcbLAnk?y=a%2Fb&X\x80=Y&k=v;w → golink 0; tailyard 404
    202, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /t\xce\xa3p\xffath\xfe/A → golink 0; tailyard 404
    204, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xe2\x80\xae\xf0\x9f\x98 → golink 0; tailyard 404
    205, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3uNi/b/A\xc4\xb0?p=% → golink 0; tailyard 404
    207, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3\xf0\x9f\x98\x9fl\xffow → golink 0; tailyard 404
    213, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\x80K\xc2\xa0 → golink 0; tailyard 404
    217, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /L\xe5\x90\x8d\xe5\x89\xce\xa3\x8dow\xc3\xa9/`/_/[y]/a → golink 0; tailyard 404
    228, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /f\xc3\xbcrag\xef\xc3\xa9\xbf\xbd/ → golink 0; tailyard 404
    230, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /K\xc3IfP → golink 0; tailyard 404
    235, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xef\xbf\xbd\xe4q/ → golink 0; tailyard 404
  ],
  'raw-backslash': [],
  'long-target': [],
  'tolower-invalid-utf8': [],
  'dot-segments': [],
  'asterisk': [],
  'absolute-form': [],
  'keep-alive': [
    442, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xf0\xc3\x9c\x9f\x98\x80LO\xc3\x9cW → golink 0; tailyard 404
    443, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /q/%zz?e=&f=1#frag → golink 0; tailyard 400
    483, // deliberate: golink panics on an unknown name that is not valid UTF-8 and drops the connection; tailyard answers 404: GET /\xc3gH → golink 0; tailyard 404
    484, // deliberate: golink had dropped this connection after its panic; tailyard goes on answering: GET /UnI → golink 0; tailyard 302 https://ex.com/%C3%BC
  ],
};
