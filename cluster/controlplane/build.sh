#!/usr/bin/env bash
# Builds kube-apiserver and etcd for envtest from the Go module proxy into a cache
# directory, and prints that directory (KUBEBUILDER_ASSETS) on stdout.
#
# No binary download works on our machines, so the control plane is compiled from
# source: this directory is a wrapper module that requires k8s.io/kubernetes and
# go.etcd.io/etcd/server/v3 as tools. Cold build: 10-20 min on 2 cores. Warm: the
# cache directory is keyed by a hash of the wrapper module, so a rerun returns at once.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
k8s_version="v1.35.4"
key="$(cat "$here/go.mod" "$here/go.sum" "$here/build.sh" | sha256sum | cut -c1-12)"
cache_root="${KAWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kaws}"
out="$cache_root/controlplane/$key"

if [[ -x "$out/kube-apiserver" && -x "$out/etcd" ]]; then
  echo "$out"
  exit 0
fi

mkdir -p "$out.tmp"
major="${k8s_version#v}"; major="${major%%.*}"
minor="${k8s_version#v*.}"; minor="${minor%%.*}"
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=${k8s_version}"
ldflags+=" -X k8s.io/component-base/version.gitMajor=${major} -X k8s.io/component-base/version.gitMinor=${minor}"
ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=${k8s_version}"

(
  cd "$here"
  export GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
  echo "building kube-apiserver ${k8s_version} (cold build takes 10-20 min)..." >&2
  go build -trimpath -ldflags "$ldflags" -o "$out.tmp/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
  echo "building etcd..." >&2
  go build -trimpath -ldflags "-s -w" -o "$out.tmp/etcd" go.etcd.io/etcd/server/v3
) >&2

rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out"
