#!/usr/bin/env bash
# Prints the path of golangci-lint, built once (a few minutes cold) from the
# version hack/lint/go.mod names and cached under ~/.cache/kaws.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$here/../cached-tool.sh" "$here" github.com/golangci/golangci-lint/v2/cmd/golangci-lint golangci-lint
