//go:build generate

// Package apis holds the go:generate directives of `make generate`.

// Remove generated CRDs first so that a removed kind's CRD does not survive.
// Generated Go files are overwritten in place: angryjet type-checks the
// package before it generates, and the ModernManaged assertions need them.
//go:generate rm -rf ../package/crds

// Deepcopy methods and CRDs.
//go:generate go tool controller-gen object:headerFile=../hack/boilerplate.go.txt paths=./...
//go:generate go tool controller-gen crd:crdVersions=v1,allowDangerousTypes=true paths=./... output:artifacts:config=../package/crds

// What markers cannot say about fields of crossplane's embedded types:
// spec.providerConfigRef.kind of every managed resource is an enum of
// ClusterProviderConfig and ProviderConfig.
//go:generate go run ../hack/crdpatch ../package/crds

// Crossplane managed, provider config and reference resolver methods.
//go:generate go tool angryjet generate-methodsets --header-file=../hack/boilerplate.go.txt ./...

package apis
