#!/usr/bin/env bash
# Builds a Go tool from a small tools module (a folder with a go.mod whose
# `tool` directive names it, so its dependencies stay out of the provider's
# go.mod) into ~/.cache/kaws and prints the binary's path on stdout.
#
#   hack/cached-tool.sh <module dir> <package> <name>
#
# `go install ...@latest` cannot work here (the proxy does not list versions
# of every module), so the version is the one the tools module's go.mod names.
# The binary is keyed by a hash of that go.mod and go.sum (and this script):
# a warm call returns at once, a changed version builds anew.
set -euo pipefail

dir="$(cd "$1" && pwd)" pkg="$2" name="$3"
key="$(cat "$dir/go.mod" "$dir/go.sum" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-12)"
cache_root="${KAWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kaws}"
out="$cache_root/$name/$key/$name"

if [[ -x "$out" ]]; then
  echo "$out"
  exit 0
fi

mkdir -p "$(dirname "$out")"
(
  cd "$dir"
  export GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0
  echo "building $name $(go list -m -f '{{.Version}}' "$(go list -f '{{.Module.Path}}' "$pkg")") (cold: minutes on 2 cores; cached under $cache_root)..." >&2
  go build -trimpath -ldflags "-s -w" -o "$out.tmp" "$pkg"
) >&2
mv "$out.tmp" "$out"
echo "$out"
