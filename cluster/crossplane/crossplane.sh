#!/usr/bin/env bash
# Prints the path of Crossplane core (github.com/crossplane/crossplane/v2,
# the version this module's go.mod names: `crossplane core start` and
# `crossplane rbac-manager start`), built once from the Go module proxy and
# cached under ~/.cache/kaws. With `--crds` it prints instead the folder of
# Crossplane's own CRDs in that module (cluster/crds), which the local stack
# installs before starting core.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${1:-}" == "--crds" ]]; then
  cd "$here"
  dir="$(GOWORK=off GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json github.com/crossplane/crossplane/v2 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  echo "$dir/cluster/crds"
  exit 0
fi
exec bash "$here/../../hack/cached-tool.sh" "$here" github.com/crossplane/crossplane/v2/cmd/crossplane crossplane-core
