# provider-aws — every command CI and developers run.
SHELL := /usr/bin/env bash
export GOTOOLCHAIN := local
export GOFLAGS := -buildvcs=false

OUTPUT  ?= _output
GO_TEST_FLAGS ?=

.PHONY: all build generate check-generate vet unit e2e test demo bench controlplane moto clean

all: build

## build: compile every package and the provider binary into _output/bin.
build:
	go build ./...
	go build -trimpath -ldflags="-s -w" -o $(OUTPUT)/bin/provider ./cmd/provider

## generate: deepcopy, CRDs (package/crds) and crossplane methods (angryjet).
generate:
	cd apis && go generate -tags generate ./...
	gofmt -w apis

## check-generate: fail when `make generate` would change any file.
check-generate: generate
	@if [ -n "$$(git status --porcelain -- apis package)" ]; then \
	  echo "generated files are out of date; run 'make generate' and commit:"; \
	  git status --porcelain -- apis package; git --no-pager diff --stat -- apis package; exit 1; fi

vet:
	go vet ./...

## unit: unit tests (no stack needed).
unit:
	go test $(GO_TEST_FLAGS) $$(go list ./... | grep -v /test/e2e)

## controlplane: build (or reuse from ~/.cache) kube-apiserver and etcd for envtest.
controlplane:
	@bash cluster/controlplane/build.sh

## moto: make sure the moto server is importable (installs moto[server]==5.2.1 where missing).
moto:
	@bash cluster/moto.sh

## e2e: end-to-end tests against the local stack (control plane + moto + provider process).
e2e: controlplane moto
	KUBEBUILDER_ASSETS=$$(bash cluster/controlplane/build.sh) go test -count=1 -timeout 30m $(GO_TEST_FLAGS) ./test/e2e/...

## test: everything CI checks.
test: build vet check-generate unit e2e

## demo: bring the local stack up, apply examples, show them Ready.
demo: controlplane moto
	KUBEBUILDER_ASSETS=$$(bash cluster/controlplane/build.sh) go run ./cluster/local/cmd/demo

## bench: BENCH_N buckets (default 200) against the local stack.
bench: controlplane moto
	KUBEBUILDER_ASSETS=$$(bash cluster/controlplane/build.sh) go run ./cluster/local/cmd/bench

clean:
	rm -rf $(OUTPUT)
