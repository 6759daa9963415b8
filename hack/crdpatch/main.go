// Command crdpatch is the last step of `make generate`: it edits the CRDs
// that controller-gen wrote where a marker cannot say what is needed,
// because the field comes from a type of another module.
//
// Today it makes spec.providerConfigRef.kind of every managed resource an
// enum of ClusterProviderConfig and ProviderConfig: crossplane's
// ProviderConfigReference (embedded through xpv2.ManagedResourceSpec)
// declares the kind as any string, so a typo would only show when the
// provider looks the config up.
//
// Usage: go run ./hack/crdpatch DIR (every *.yaml in DIR, rewritten in
// place). It is idempotent, and a file it does not change is not written.
// It fails on a managed resource's CRD (one whose spec has forProvider)
// without spec.providerConfigRef.kind, so a change of crossplane's types
// cannot make it skip a CRD silently.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/pkg/errors"
	"sigs.k8s.io/yaml"
)

// ProviderConfigKinds are the kinds a managed resource's
// spec.providerConfigRef may name.
var ProviderConfigKinds = []string{"ClusterProviderConfig", "ProviderConfig"}

// header starts every file controller-gen writes.
const header = "---\n"

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: crdpatch DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "crdpatch:", err)
		os.Exit(1)
	}
}

// run patches every CRD file in dir.
func run(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return errors.Wrapf(err, "cannot list the CRDs in %s", dir)
	}
	if len(files) == 0 {
		return errors.Errorf("no CRDs (*.yaml) in %s", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		in, err := os.ReadFile(f)
		if err != nil {
			return errors.Wrap(err, "cannot read CRD")
		}
		out, err := patch(in)
		if err != nil {
			return errors.Wrap(err, f)
		}
		if bytes.Equal(in, out) {
			continue
		}
		if err := os.WriteFile(f, out, 0o644); err != nil {
			return errors.Wrap(err, "cannot write CRD")
		}
	}
	return nil
}

// patch returns the CRD in with the enum on spec.providerConfigRef.kind of
// every version, when it is a managed resource's CRD. The result is
// formatted as controller-gen formats (sigs.k8s.io/yaml, keys sorted), so
// a CRD that needs no change comes back byte for byte.
func patch(in []byte) ([]byte, error) {
	var crd map[string]any
	if err := yaml.Unmarshal(in, &crd); err != nil {
		return nil, errors.Wrap(err, "cannot parse CRD")
	}
	versions, _ := get(crd, "spec", "versions").([]any)
	for _, v := range versions {
		ver, _ := v.(map[string]any)
		spec, _ := get(ver, "schema", "openAPIV3Schema", "properties", "spec", "properties").(map[string]any)
		if _, managed := spec["forProvider"]; !managed {
			continue
		}
		kind, ok := get(spec, "providerConfigRef", "properties", "kind").(map[string]any)
		if !ok {
			return nil, errors.Errorf("version %v: a managed resource without spec.providerConfigRef.properties.kind", ver["name"])
		}
		enum := make([]any, len(ProviderConfigKinds))
		for i, k := range ProviderConfigKinds {
			enum[i] = k
		}
		kind["enum"] = enum
	}
	out, err := yaml.Marshal(crd)
	if err != nil {
		return nil, errors.Wrap(err, "cannot write CRD")
	}
	return append([]byte(header), out...), nil
}

// get follows keys through nested maps; nil when one is missing.
func get(m map[string]any, keys ...string) any {
	var cur any = m
	for _, k := range keys {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[k]
	}
	return cur
}
