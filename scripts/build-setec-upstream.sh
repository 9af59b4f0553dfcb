#!/usr/bin/env bash
# Builds bench/setec-upstream (setec's own server package behind a small main of ours, for the
# tailnet benchmark's upstream comparison) into the test-binary cache outside the repository,
# keyed by the hash of its sources, and prints the binary's path on its last line. The setec
# version in its go.mod must be the one scripts/build-test-binaries.sh pins.
#   --print-path   only print where the binary is (exit 0 when built, 2 when not)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
src="$here/bench/setec-upstream"

pinned=$(sed -n 's/^SETEC_VERSION=//p' "$here/scripts/build-test-binaries.sh")
used=$(sed -n 's/^\tgithub.com\/tailscale\/setec \(v[^ ]*\).*/\1/p' "$src/go.mod")
if [ "$pinned" != "$used" ]; then
  echo "build-setec-upstream: bench/setec-upstream/go.mod uses setec $used but scripts/build-test-binaries.sh pins $pinned; update go.mod (go get github.com/tailscale/setec@$pinned && go mod tidy)" >&2
  exit 1
fi

cache_root="${TAILYARD_BIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tailyard-test-bin}"
hash=$(cat "$src/main.go" "$src/go.mod" "$src/go.sum" | sha256sum | cut -c1-12)
out="$cache_root/setec-upstream-$hash/setec-upstream"

if [ "${1:-}" = "--print-path" ]; then
  echo "$out"
  [ -x "$out" ] || exit 2
  exit 0
fi
if [ ! -x "$out" ]; then
  if ! command -v go >/dev/null 2>&1; then
    echo "build-setec-upstream: Go is not installed" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$out")"
  echo "build-setec-upstream: building setec $pinned's server behind bench/setec-upstream/main.go" >&2
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$out.tmp" . && mv "$out.tmp" "$out")
fi
echo "$out"
