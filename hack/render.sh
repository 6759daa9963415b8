#!/usr/bin/env bash
# make render: every example under examples/compositions rendered offline
# with `crossplane composition render` (CLI v2.5.0, Crossplane core's own
# render engine via --crossplane-binary) against the composition functions
# run here as processes (the Development runtime), compared with the golden
# file next to it, and validated with `crossplane resource validate`
# against package/crds, the examples' XRDs and Crossplane's CRDs.
#
# Each example folder holds definition.yaml, composition.yaml and xr.yaml;
# observed.yaml, when present, is a second render with those composed
# resources observed (their IDs and conditions), golden in
# rendered-observed.yaml. UPDATE=1 rewrites the golden files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

cli="$(bash cluster/xpkg/crossplane.sh)"
core="$(bash cluster/crossplane/crossplane.sh)"
xpcrds="$(bash cluster/crossplane/crossplane.sh --crds)"
fns="$(bash cluster/functions/build.sh)"

tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Functions.yaml for the Development runtime: each function at its port.
: >"$tmp/functions.yaml"
for fn in function-go-templating function-auto-ready; do
  port="$(freeport)"
  "$fns/$fn" --insecure --address "127.0.0.1:$port" --metrics-address "" >"$tmp/$fn.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
  cat >>"$tmp/functions.yaml" <<YAML
---
apiVersion: pkg.crossplane.io/v1
kind: Function
metadata:
  name: $fn
  annotations:
    render.crossplane.io/runtime: Development
    render.crossplane.io/runtime-development-target: 127.0.0.1:$port
spec:
  package: $fn
YAML
done

# `crossplane resource validate` reads Crossplane's own schemas from its
# cache, as the package of the image --crossplane-image names.
mkdir -p "$tmp/cache/kaws/crossplane@v2.4.0"
for f in "$xpcrds"/*.yaml; do cat "$f"; echo "---"; done >"$tmp/cache/kaws/crossplane@v2.4.0/package.yaml"

# Every example's XRD: a composition may compose another's XR.
xrds="$(ls examples/compositions/*/definition.yaml | paste -sd, -)"

failed=0
render() { # dir, golden, extra args...
  local dir="$1" golden="$2"; shift 2
  local got="$tmp/$(basename "$dir")-$(basename "$golden")"
  "$cli" composition render "$dir/xr.yaml" "$dir/composition.yaml" "$tmp/functions.yaml" \
    --xrd "$dir/definition.yaml" --crossplane-binary "$core" --include-full-xr "$@" >"$got"
  if [[ "${UPDATE:-}" == 1 ]]; then
    cp "$got" "$golden"
    echo "render: wrote $golden"
  elif ! diff -u "$golden" "$got"; then
    echo "render: $golden is not what the composition renders (UPDATE=1 make render rewrites it; review the diff)" >&2
    failed=1
  fi
  # Results (kind: Result) are not resources with a schema.
  python3 - "$got" "$got.resources" <<'PY'
import sys
docs = open(sys.argv[1]).read().split("\n---\n")
keep = [d for d in docs if "\nkind: Result\n" not in "\n" + d + "\n"]
open(sys.argv[2], "w").write("\n---\n".join(keep))
PY
  if ! "$cli" resource validate "package/crds,$xrds" "$got.resources" \
      --cache-dir "$tmp/cache" --crossplane-image kaws/crossplane:v2.4.0 --error-on-missing-schemas --skip-success-results >"$got.validate" 2>&1; then
    cat "$got.validate" >&2
    echo "render: $golden does not validate against package/crds and the XRDs of examples/compositions" >&2
    failed=1
  fi
}

n=0
for dir in examples/compositions/*/; do
  dir="${dir%/}"
  [[ -f "$dir/xr.yaml" ]] || continue
  render "$dir" "$dir/rendered.yaml"
  if [[ -f "$dir/observed.yaml" ]]; then
    render "$dir" "$dir/rendered-observed.yaml" --observed-resources "$dir/observed.yaml"
  fi
  n=$((n + 1))
done
if [[ "$failed" != 0 ]]; then
  for fn in function-go-templating function-auto-ready; do echo "--- $fn log"; tail -20 "$tmp/$fn.log"; done >&2
  exit 1
fi
echo "render: $n compositions rendered, golden and valid"
