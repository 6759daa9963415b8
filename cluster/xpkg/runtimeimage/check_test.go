package runtimeimage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
)

const (
	providerDoc = "apiVersion: meta.pkg.crossplane.io/v1\nkind: Provider\nmetadata:\n  name: provider-aws\n"
	crdA        = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: buckets.s3.kaws.dev\n"
	crdB        = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: vpcs.ec2.kaws.dev\n"
	example     = "apiVersion: s3.kaws.dev/v1alpha1\nkind: Bucket\nmetadata:\n  name: logs\n"
)

// pkgFile writes a package file: the runtime image plus a layer holding
// package.yaml with docs.
func pkgFile(t *testing.T, dir string, entrypoint []string, docs ...string) string {
	t.Helper()
	img, err := Build(Options{Binary: write(t, dir, "provider", "ELF"), CABundle: write(t, dir, "ca.pem", "PEM"), Arch: "amd64"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := layerOf([]file{{"package.yaml", 0o644, []byte(strings.Join(docs, "---\n"))}, {examplesFile, 0o644, []byte(example + "---\n" + example)}})
	if err != nil {
		t.Fatal(err)
	}
	if img, err = mutate.AppendLayers(img, l); err != nil {
		t.Fatal(err)
	}
	if entrypoint != nil {
		cf, _ := img.ConfigFile()
		cf = cf.DeepCopy()
		cf.Config = v1.Config{Entrypoint: entrypoint}
		if img, err = mutate.ConfigFile(img, cf); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "p.xpkg")
	if err := Write(p, "provider-aws:test", img); err != nil {
		t.Fatal(err)
	}
	return p
}

func crdDir(t *testing.T, crds ...string) string {
	t.Helper()
	d := t.TempDir()
	for i, c := range crds {
		if err := os.WriteFile(filepath.Join(d, string(rune('a'+i))+".yaml"), []byte(c), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func TestCheck(t *testing.T) {
	cases := map[string]struct {
		reason     string
		docs       []string
		crds       []string
		entrypoint []string
		want       *Package
		err        string
	}{
		"Complete": {
			reason: "A package with the Provider, every CRD and the runtime image passes.",
			docs:   []string{providerDoc, crdB, crdA, example}, crds: []string{crdA, crdB},
			want: &Package{Provider: "provider-aws", CRDs: []string{"buckets.s3.kaws.dev", "vpcs.ec2.kaws.dev"}, Examples: 3, Binary: true, Entrypoint: []string{BinaryPath}},
		},
		"MissingCRD": {
			reason: "A package without one of the CRDs fails, naming both lists.",
			docs:   []string{providerDoc, crdA}, crds: []string{crdA, crdB},
			err: "the package's CRDs [buckets.s3.kaws.dev] differ",
		},
		"NoProvider": {
			reason: "A package without a Provider fails.",
			docs:   []string{crdA}, crds: []string{crdA},
			err: "the package has no Provider",
		},
		"WrongEntrypoint": {
			reason: "A runtime image that does not start the provider fails.",
			docs:   []string{providerDoc, crdA}, crds: []string{crdA}, entrypoint: []string{"/bin/sh"},
			err: "entrypoint is [/bin/sh]",
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			p := pkgFile(t, t.TempDir(), tc.entrypoint, tc.docs...)
			got, err := Check(p, crdDir(t, tc.crds...))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("%s\nCheck(): error %v, want one containing %q", tc.reason, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s\nCheck(): %v", tc.reason, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nCheck(): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
