#!/usr/bin/env bash
# Builds golangci-lint (the version hack/lint/go.mod names, from the Go module
# proxy) into a cache directory and prints the binary's path on stdout.
#
# hack/lint is a small tools module with a `tool` directive, so the linter's
# dependencies stay out of the provider's go.mod. Cold build: a few minutes
# on 2 cores. Warm: the binary is keyed by a hash of the module, so a rerun
# returns at once.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
key="$(cat "$here/go.mod" "$here/go.sum" "$here/golangci-lint.sh" | sha256sum | cut -c1-12)"
cache_root="${KAWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kaws}"
out="$cache_root/golangci-lint/$key/golangci-lint"

if [[ -x "$out" ]]; then
  echo "$out"
  exit 0
fi

mkdir -p "$(dirname "$out")"
(
  cd "$here"
  export GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0
  echo "building golangci-lint $(go list -m -f '{{.Version}}' github.com/golangci/golangci-lint/v2) (cold build takes a few minutes)..." >&2
  go build -trimpath -ldflags "-s -w" -o "$out.tmp" github.com/golangci/golangci-lint/v2/cmd/golangci-lint
) >&2
mv "$out.tmp" "$out"
echo "$out"
