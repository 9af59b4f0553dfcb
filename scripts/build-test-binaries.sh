#!/usr/bin/env bash
# Builds the pinned Go binaries the test suites need (tailscaled, tailscale, headscale, the setec CLI)
# with `go install`, cached by version outside the repository and reused when present, plus
# tailscaled/tailscale of a current release (TAILSCALE_CURRENT_VERSION) in a directory of their own:
# the tailnet suite checks that behaviour which changed upstream (grant changes raise no IPN-bus
# event since v1.100) is handled on both. Its `go` line (1.26.6 for v1.102.3) must not be newer
# than the local Go, since builds run with the local toolchain.
# Also the replication suites' Litestream and S3-compatible store (versitygw), in a directory of
# their own named by their versions.
# Prints the cache's bin directory on its last line.
#   --print-dir           only print that directory, without building; exit status 0 when
#                         tailscaled, tailscale and headscale are all there, 2 when some are missing
#                         (tests use this to find the binaries cheaply).
#   --print-current-dir   the same for the current release's tailscaled and tailscale.
#   --print-replication-dir  the same for litestream and versitygw.
set -euo pipefail

TAILSCALE_VERSION=v1.98.10
HEADSCALE_VERSION=v0.29.2
SETEC_VERSION=v0.0.0-20260415230416-802071d7d5bf
TAILSCALE_CURRENT_VERSION=v1.102.3
LITESTREAM_VERSION=v0.5.18
VERSITYGW_VERSION=v1.8.0

cache_root="${TAILYARD_BIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tailyard-test-bin}"
bin="$cache_root/ts-$TAILSCALE_VERSION-hs-$HEADSCALE_VERSION-setec-${SETEC_VERSION##*-}"
current="$cache_root/ts-$TAILSCALE_CURRENT_VERSION"
replication="$cache_root/litestream-$LITESTREAM_VERSION-versitygw-$VERSITYGW_VERSION"

if [ "${1:-}" = "--print-dir" ]; then
  echo "$bin"
  for b in tailscaled tailscale headscale; do [ -x "$bin/$b" ] || exit 2; done
  exit 0
fi
if [ "${1:-}" = "--print-current-dir" ]; then
  echo "$current"
  for b in tailscaled tailscale; do [ -x "$current/$b" ] || exit 2; done
  exit 0
fi
if [ "${1:-}" = "--print-replication-dir" ]; then
  echo "$replication"
  for b in litestream versitygw; do [ -x "$replication/$b" ] || exit 2; done
  exit 0
fi
mkdir -p "$bin"

if ! command -v go >/dev/null 2>&1; then
  echo "build-test-binaries: Go is not installed; the tailnet and setec-CLI suites need it" >&2
  exit 1
fi

export GOBIN="$bin" CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--trimpath}"
build() { # build NAME MODULE@VERSION
  if [ -x "$bin/$1" ]; then return 0; fi
  echo "build-test-binaries: go install $2" >&2
  go install "$2"
}
build tailscaled tailscale.com/cmd/tailscaled@$TAILSCALE_VERSION
build tailscale tailscale.com/cmd/tailscale@$TAILSCALE_VERSION
# `go install headscale@v` fails on the proxy's version list (403 for that module), so build the
# downloaded module in place instead; `go mod download` verifies it against the checksum database.
if [ ! -x "$bin/headscale" ]; then
  echo "build-test-binaries: building headscale $HEADSCALE_VERSION" >&2
  dir=$(cd "$(mktemp -d)" && go mod download -json "github.com/juanfont/headscale@$HEADSCALE_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  (cd "$dir" && go build -o "$bin/headscale" ./cmd/headscale)
fi
build setec github.com/tailscale/setec/cmd/setec@$SETEC_VERSION
if [ ! -x "$current/tailscaled" ] || [ ! -x "$current/tailscale" ]; then
  mkdir -p "$current"
  echo "build-test-binaries: go install tailscale.com/cmd/{tailscaled,tailscale}@$TAILSCALE_CURRENT_VERSION" >&2
  GOBIN="$current" go install "tailscale.com/cmd/tailscaled@$TAILSCALE_CURRENT_VERSION" "tailscale.com/cmd/tailscale@$TAILSCALE_CURRENT_VERSION"
fi
# Litestream prints the module version it was built from (`litestream version` → v0.5.18), which
# tailyard checks before it replicates.
for tool in "litestream github.com/benbjohnson/litestream/cmd/litestream@$LITESTREAM_VERSION" "versitygw github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION"; do
  set -- $tool
  if [ ! -x "$replication/$1" ]; then
    mkdir -p "$replication"
    echo "build-test-binaries: go install $2" >&2
    GOBIN="$replication" go install "$2"
  fi
done
echo "$bin"
