#!/usr/bin/env bash
# Builds kube-controller-manager (the same k8s.io/kubernetes version as
# build.sh's kube-apiserver, from the wrapper module in controller-manager/,
# kept apart so that build.sh's cache key does not change) into a cache
# directory and prints the binary's path. The stack with Crossplane runs
# its garbage collector: Crossplane deletes a composite's composed
# resources through their owner references, as in any cluster. Cold: a few
# minutes on 2 cores once kube-apiserver is built; warm: at once.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
k8s_version="v1.35.4"
key="$(cat "$here/controller-manager/go.mod" "$here/controller-manager/go.sum" "$here/controller-manager.sh" | sha256sum | cut -c1-12)"
cache_root="${KAWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kaws}"
out="$cache_root/controller-manager/$key/kube-controller-manager"

if [[ -x "$out" ]]; then
  echo "$out"
  exit 0
fi

mkdir -p "$(dirname "$out")"
major="${k8s_version#v}"; major="${major%%.*}"
minor="${k8s_version#v*.}"; minor="${minor%%.*}"
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=${k8s_version}"
ldflags+=" -X k8s.io/component-base/version.gitMajor=${major} -X k8s.io/component-base/version.gitMinor=${minor}"
ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=${k8s_version}"
(
  cd "$here/controller-manager"
  export GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly
  echo "building kube-controller-manager ${k8s_version} (cached under $cache_root)..." >&2
  go build -trimpath -ldflags "$ldflags" -o "$out.tmp" k8s.io/kubernetes/cmd/kube-controller-manager
) >&2
mv "$out.tmp" "$out"
echo "$out"
