#!/usr/bin/env bash
# Builds the composition functions of this module (function-go-templating
# and function-auto-ready) for this machine, or for linux/$ARCH with
# `--linux ARCH` (the runtime images of their packages), and prints the
# folder that holds both binaries. Cached under ~/.cache/kaws, keyed by a
# hash of the module's files: a warm call returns at once.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
goos="" goarch=""
if [[ "${1:-}" == "--linux" ]]; then goos=linux goarch="${2:?--linux needs an architecture}"; fi
key="$(cd "$here" && find . -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' -o -name '*.sh' \) -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-12)"
cache_root="${KAWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kaws}"
out="$cache_root/functions/$key${goarch:+-linux-$goarch}"
if [[ -x "$out/function-go-templating" && -x "$out/function-auto-ready" ]]; then
  echo "$out"
  exit 0
fi
mkdir -p "$out"
(
  cd "$here"
  export GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0
  [[ -n "$goos" ]] && export GOOS="$goos" GOARCH="$goarch"
  echo "building the composition functions (cached under $cache_root)..." >&2
  for f in function-go-templating function-auto-ready; do
    go build -trimpath -ldflags "-s -w" -o "$out/$f.tmp" "./cmd/$f"
    mv "$out/$f.tmp" "$out/$f"
  done
) >&2
echo "$out"
