#!/usr/bin/env bash
# Builds the crossplane CLI (github.com/crossplane/cli/v2, the version this
# module's go.mod names) from the Go module proxy into a cache directory, and
# prints the binary's path on stdout.
#
# `go install ...@latest` cannot work here (the proxy does not list versions),
# so this directory is a small tools module with a `tool` directive for the
# CLI. Cold build: about 20 min on 2 cores. Warm: the binary is keyed by a
# hash of the module, so a rerun returns at once.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
key="$(cat "$here/go.mod" "$here/go.sum" "$here/crossplane.sh" | sha256sum | cut -c1-12)"
cache_root="${KAWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kaws}"
out="$cache_root/crossplane/$key/crossplane"

if [[ -x "$out" ]]; then
  echo "$out"
  exit 0
fi

mkdir -p "$(dirname "$out")"
(
  cd "$here"
  export GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0
  echo "building the crossplane CLI $(go list -m -f '{{.Version}}' github.com/crossplane/cli/v2) (cold build takes about 20 min)..." >&2
  go build -trimpath -ldflags "-s -w" -o "$out.tmp" github.com/crossplane/cli/v2/cmd/crossplane
) >&2
mv "$out.tmp" "$out"
echo "$out"
