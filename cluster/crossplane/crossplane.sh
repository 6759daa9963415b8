#!/usr/bin/env bash
# Prints the path of Crossplane core (github.com/crossplane/crossplane/v2,
# the version this module's go.mod names: `crossplane core start` and
# `crossplane rbac-manager start`), built once from the Go module proxy and
# cached under ~/.cache/kaws. With `--crds` it prints instead the folder of
# Crossplane's own CRDs in that module (cluster/crds), which the local stack
# installs before starting core.
#
# go.mod requires github.com/crossplane/crossplane/apis/v2 v2.4.0 itself:
# core v2.4.0's go.mod names apis v2.3.4 and replaces it with its own folder,
# a replace that does not apply here, and core does not build against v2.3.4.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${1:-}" == "--crds" ]]; then
  cd "$here"
  dir="$(GOWORK=off GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json github.com/crossplane/crossplane/v2 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  echo "$dir/cluster/crds"
  exit 0
fi

# Like hack/cached-tool.sh, plus the version core reports: it checks a
# package's `spec.crossplane.version` constraint against it, and a binary
# built without it has none ("invalid semantic version").
version="$(sed -n 's#^\s*github.com/crossplane/crossplane/v2 \(v[^ ]*\).*#\1#p' "$here/go.mod")"
key="$(cat "$here/go.mod" "$here/go.sum" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-12)"
cache_root="${KAWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kaws}"
out="$cache_root/crossplane-core/$key/crossplane"
if [[ -x "$out" ]]; then
  echo "$out"
  exit 0
fi
mkdir -p "$(dirname "$out")"
(
  cd "$here"
  export GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0
  echo "building Crossplane core $version (cold: minutes on 2 cores; cached under $cache_root)..." >&2
  go build -trimpath -ldflags "-s -w -X github.com/crossplane/crossplane-runtime/v2/pkg/version.version=$version" \
    -o "$out.tmp" github.com/crossplane/crossplane/v2/cmd/crossplane
) >&2
mv "$out.tmp" "$out"
echo "$out"
