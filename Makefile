# provider-aws — every command CI and developers run.
SHELL := /usr/bin/env bash
export GOTOOLCHAIN := local
# -trimpath keeps the source directory out of the build cache's keys, so a
# fresh clone in another folder (as CI makes) reuses the compiled packages.
export GOFLAGS := -buildvcs=false -trimpath

OUTPUT  ?= _output
GO_TEST_FLAGS ?=

.PHONY: all build generate check-generate vet lint unit render e2e test demo bench controlplane moto crossplane xpkg clean

all: build

## build: compile every package and the provider binary into _output/bin.
build:
	go build ./...
	go build -trimpath -ldflags="-s -w" -o $(OUTPUT)/bin/provider ./cmd/provider

## generate: deepcopy, CRDs (package/crds), crossplane methods (angryjet) and the kits' SDK clients (hack/sdkclient).
generate:
	cd apis && go generate -tags generate ./...
	gofmt -w apis
	go run ./hack/sdkclient

## check-generate: fail when `make generate` would change any file.
check-generate: generate
	@if [ -n "$$(git status --porcelain -- apis package ':(glob)internal/**/zz_generated.*')" ]; then \
	  echo "generated files are out of date; run 'make generate' and commit:"; \
	  git status --porcelain -- apis package ':(glob)internal/**/zz_generated.*'; git --no-pager diff --stat -- apis package ':(glob)internal/**/zz_generated.*'; exit 1; fi

## iam-policy: the least-privilege IAM policies in docs/iam, from the kits' API interfaces (hack/iampolicy).
.PHONY: iam-policy check-iam-policy
iam-policy:
	go run ./hack/iampolicy -dir docs/iam

## check-iam-policy: fail when docs/iam is not what `make iam-policy` writes (`make unit` checks it too).
check-iam-policy:
	go run ./hack/iampolicy -dir docs/iam -check

vet:
	@unformatted="$$(gofmt -l $$(git ls-files '*.go'))"; if [ -n "$$unformatted" ]; then \
	  echo "gofmt would change these files; run gofmt -w on them:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
	cd cluster/xpkg && GOWORK=off go vet ./runtimeimage/ ./cmd/...
	cd cluster/functions && GOWORK=off go vet ./...
	$(MAKE) --no-print-directory lint

## lint: golangci-lint (built from hack/lint/go.mod, cached) with .golangci.yml.
lint:
	$$(bash hack/lint/golangci-lint.sh) run ./...

## unit: unit tests (no stack needed), and the moto extension's tests
## (cluster/moto: checked against botocore's EKS model, and driven with boto3).
unit: moto
	go test $(GO_TEST_FLAGS) $$(go list ./... | grep -v /test/e2e)
	python3 -m unittest cluster/moto/test_server.py
	cd cluster/xpkg && GOWORK=off go test $(GO_TEST_FLAGS) ./runtimeimage/ ./cmd/...
	cd cluster/functions && GOWORK=off go test $(GO_TEST_FLAGS) ./...

## render: every examples/compositions XR rendered offline against the
## composition functions (cluster/functions), compared with its golden file
## and validated against package/crds (hack/render.sh; UPDATE=1 rewrites).
render:
	@bash hack/render.sh

## xpkg: the provider package (runtime image embedded) in $(OUTPUT)/xpkg, for
## `crossplane xpkg push` / `crossplane xpkg install`. ARCH (default amd64)
## picks the binary's architecture; VERSION labels image and file.
ARCH    ?= amd64
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
XPKG_DIR = $(OUTPUT)/xpkg
xpkg:
	@mkdir -p $(XPKG_DIR)
	CGO_ENABLED=0 GOOS=linux GOARCH=$(ARCH) go build -trimpath -ldflags="-s -w" -o $(XPKG_DIR)/provider-linux-$(ARCH) ./cmd/provider
	cd cluster/xpkg && GOWORK=off go run ./cmd/runtime-image -binary $(CURDIR)/$(XPKG_DIR)/provider-linux-$(ARCH) \
	  -arch $(ARCH) -version $(VERSION) -tag provider-aws:$(VERSION) -out $(CURDIR)/$(XPKG_DIR)/runtime-$(ARCH).tar
	@# The package's examples are the managed resources; examples/compositions is Crossplane's (see docs/compositions.md).
	rm -rf $(XPKG_DIR)/examples && cp -r examples $(XPKG_DIR)/examples && rm -rf $(XPKG_DIR)/examples/compositions
	$$(bash cluster/xpkg/crossplane.sh) xpkg build --package-root package --examples-root $(XPKG_DIR)/examples \
	  --embed-runtime-image-tarball $(XPKG_DIR)/runtime-$(ARCH).tar --package-file $(XPKG_DIR)/provider-aws-$(VERSION)-$(ARCH).xpkg
	cd cluster/xpkg && GOWORK=off go run ./cmd/check-xpkg -crds $(CURDIR)/package/crds $(CURDIR)/$(XPKG_DIR)/provider-aws-$(VERSION)-$(ARCH).xpkg

## functions-xpkg: packages of the composition functions (cluster/functions) in
## $(OUTPUT)/xpkg, for the stack with Crossplane (the composition e2e tests).
FUNCTIONS = function-go-templating function-auto-ready
.PHONY: functions-xpkg
functions-xpkg:
	@mkdir -p $(XPKG_DIR)
	@bins="$$(bash cluster/functions/build.sh --linux $(ARCH))" && for fn in $(FUNCTIONS); do \
	  (cd cluster/xpkg && GOWORK=off go run ./cmd/runtime-image -binary "$$bins/$$fn" -path /usr/local/bin/$$fn -title $$fn \
	    -arch $(ARCH) -version $(VERSION) -tag $$fn:$(VERSION) -out $(CURDIR)/$(XPKG_DIR)/$$fn-runtime-$(ARCH).tar) && \
	  $$(bash cluster/xpkg/crossplane.sh) xpkg build --package-root cluster/functions/package/$$fn \
	    --embed-runtime-image-tarball $(XPKG_DIR)/$$fn-runtime-$(ARCH).tar --package-file $(XPKG_DIR)/$$fn-$(VERSION)-$(ARCH).xpkg || exit 1; \
	done

## controlplane: build (or reuse from ~/.cache) kube-apiserver and etcd for envtest.
controlplane:
	@bash cluster/controlplane/build.sh

## moto: make sure the moto server is importable (installs moto[server]==5.2.1 where missing).
moto:
	@bash cluster/moto.sh

## crossplane: build (or reuse from ~/.cache) Crossplane core for the stack with Crossplane.
crossplane:
	@bash cluster/crossplane/crossplane.sh >/dev/null
	@bash cluster/controlplane/controller-manager.sh >/dev/null

## e2e: end-to-end tests against the local stack (control plane + moto + provider
## process) and against the stack with Crossplane, which installs the package.
e2e: controlplane moto crossplane
	KUBEBUILDER_ASSETS=$$(bash cluster/controlplane/build.sh) go test -count=1 -timeout 30m $(GO_TEST_FLAGS) ./test/e2e/...

## test: everything CI checks.
test: build vet check-generate unit render xpkg e2e

## demo: bring the local stack up, apply examples, show them Ready.
## CROSSPLANE=1: with Crossplane in the stack, the package installed by it.
## DEMO_EXAMPLES=compositions/<api> (with CROSSPLANE=1) also builds the
## composition functions' packages.
DEMO_COMPOSITIONS = $(if $(filter 1,$(CROSSPLANE)),$(findstring compositions/,$(DEMO_EXAMPLES)))
demo: controlplane moto $(if $(filter 1,$(CROSSPLANE)),xpkg crossplane) $(if $(DEMO_COMPOSITIONS),functions-xpkg)
	KUBEBUILDER_ASSETS=$$(bash cluster/controlplane/build.sh) $(if $(filter 1,$(CROSSPLANE)),CROSSPLANE=1 DEMO_XPKG=$(CURDIR)/$(XPKG_DIR)/provider-aws-$(VERSION)-$(ARCH).xpkg) \
	  $(if $(DEMO_COMPOSITIONS),DEMO_FUNCTIONS=$(CURDIR)/$(XPKG_DIR) DEMO_FUNCTIONS_VERSION=$(VERSION)) go run ./cluster/local/cmd/demo

## bench: BENCH_N resources (default 200; a list such as 200,1000,2000 runs each on a fresh stack) of
## BENCH_KIND (s3, the default, sqs, dynamodb, ec2 or mixed) against the local stack; BENCH_RATE,
## BENCH_POLL (the provider's --poll, default 1m; the steady state is one poll), BENCH_ARGS (extra provider
## flags), BENCH_CEILING=0 (skip the emulator's ceiling), BENCH_CREDS (assume-role, the default, or secret).
## See docs/benchmarks.md.
bench: controlplane moto
	KUBEBUILDER_ASSETS=$$(bash cluster/controlplane/build.sh) go run ./cluster/local/cmd/bench

clean:
	rm -rf $(OUTPUT)
