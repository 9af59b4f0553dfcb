#!/usr/bin/env bash
# examples/notes as a plugin author gets it: tailyard packed (`npm pack` of this repository) and
# installed from that tarball into a copy of the example outside the repository, so nothing
# resolves through the repository's own files. Then the example's type check (the published
# .d.ts files with skipLibCheck off: they must resolve with only tailyard installed) and its tests
# (node:test, against a started platform and the installed `tailyard` command).
#
#   bash scripts/test-example.sh           # builds (npm pack runs `prepare`)
#   bash scripts/test-example.sh --built   # dist/ is fresh (CI, right after `npm ci`): pack as it is
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/tailyard-example-XXXXXX")
trap 'rm -rf "$work"' EXIT

pack_flags=()
[ "${1:-}" = "--built" ] && pack_flags+=(--ignore-scripts)
npm pack "${pack_flags[@]}" --loglevel=warn --pack-destination "$work" >/dev/null
cp -r examples/notes "$work/notes"
rm -rf "$work/notes/node_modules" "$work/notes/package-lock.json"
cd "$work/notes"
npm install --no-audit --no-fund --prefer-offline --ignore-scripts "$work"/tailyard-*.tgz >/dev/null

# better-sqlite3 compiles from source here (no prebuilt binary can be downloaded), which takes
# minutes: the repository's copy was compiled by its `npm ci` on this machine, for this Node,
# from the same release when the versions match; otherwise it is built here.
theirs=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
ours=$(node -p "require('$repo/node_modules/better-sqlite3/package.json').version" 2>/dev/null || true)
if [ "$theirs" = "$ours" ] && [ -f "$repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ]; then
  mkdir -p node_modules/better-sqlite3/build/Release
  cp "$repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node" node_modules/better-sqlite3/build/Release/
else
  echo "example: building better-sqlite3 $theirs (the repository has ${ours:-none})" >&2
  npm rebuild better-sqlite3 >/dev/null
fi

echo "example: installed from $(basename "$work"/tailyard-*.tgz) in $((SECONDS - started)) s; type check and tests" >&2
npm run --silent typecheck
npm test
