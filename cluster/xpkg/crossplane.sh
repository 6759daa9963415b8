#!/usr/bin/env bash
# Prints the path of the crossplane CLI (github.com/crossplane/cli/v2, the
# version this module's go.mod names), built once from the Go module proxy
# (about 15-20 min cold on 2 cores) and cached under ~/.cache/kaws.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$here/../../hack/cached-tool.sh" "$here" github.com/crossplane/cli/v2/cmd/crossplane crossplane
