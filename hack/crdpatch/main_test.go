package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// crd is a managed resource's CRD as controller-gen writes it, cut down;
// kind is the providerConfigRef.kind schema.
func crd(kind string) string {
	return `---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things.test.kaws.dev
spec:
  group: test.kaws.dev
  versions:
  - name: v1alpha1
    schema:
      openAPIV3Schema:
        properties:
          spec:
            properties:
              forProvider:
                type: object
              providerConfigRef:
                properties:
` + kind + `
                  name:
                    type: string
                type: object
            type: object
        type: object
    served: true
    storage: true
`
}

const (
	plainKind = `                  kind:
                    description: Kind of the referenced object.
                    type: string`
	enumKind = `                  kind:
                    description: Kind of the referenced object.
                    enum:
                    - ClusterProviderConfig
                    - ProviderConfig
                    type: string`
)

// notManaged is a CRD without spec.forProvider (e.g. a ProviderConfig).
const notManaged = `---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: providerconfigs.kaws.dev
spec:
  versions:
  - name: v1alpha1
    schema:
      openAPIV3Schema:
        properties:
          spec:
            properties:
              region:
                maxLength: 32
                type: string
            type: object
        type: object
`

func TestPatch(t *testing.T) {
	cases := map[string]struct {
		reason  string
		in      string
		want    string
		wantErr string
	}{
		"ManagedResource": {
			reason: "A managed resource's providerConfigRef.kind gets the enum.",
			in:     crd(plainKind),
			want:   crd(enumKind),
		},
		"Idempotent": {
			reason: "A CRD patched before comes back byte for byte.",
			in:     crd(enumKind),
			want:   crd(enumKind),
		},
		"NotManaged": {
			reason: "A CRD without spec.forProvider is left as it is (numbers included).",
			in:     notManaged,
			want:   notManaged,
		},
		"NoKind": {
			reason:  "A managed resource without providerConfigRef.kind is an error, not silently skipped.",
			in:      strings.Replace(crd(plainKind), "              providerConfigRef:", "              otherRef:", 1),
			wantErr: "without spec.providerConfigRef.properties.kind",
		},
		"NotYAML": {
			reason:  "A file that is not YAML is an error.",
			in:      "spec: [",
			wantErr: "cannot parse CRD",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := patch([]byte(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("\n%s\npatch(...): want error containing %q, got %v", tc.reason, tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("\n%s\npatch(...): %v", tc.reason, err)
			}
			if diff := cmp.Diff(tc.want, string(got)); diff != "" {
				t.Errorf("\n%s\npatch(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	managed := filepath.Join(dir, "test.kaws.dev_things.yaml")
	other := filepath.Join(dir, "kaws.dev_providerconfigs.yaml")
	if err := os.WriteFile(managed, []byte(crd(plainKind)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, []byte(notManaged), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 2 { // the second run must change nothing
		if err := run(dir); err != nil {
			t.Fatalf("run %d: %v", i+1, err)
		}
		for f, want := range map[string]string{managed: crd(enumKind), other: notManaged} {
			got, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, string(got)); diff != "" {
				t.Errorf("run %d: %s: -want, +got:\n%s", i+1, filepath.Base(f), diff)
			}
		}
	}
	if err := run(t.TempDir()); err == nil {
		t.Errorf("run(empty dir): want an error, got none")
	}
}
