package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// TestExamplesServerSideDryRun applies every example with a server-side dry
// run: the real API server validates each against its CRD (schema, CEL
// rules, defaults) without persisting anything. examples/compositions is
// Crossplane's (XRDs, Compositions, XRs and render goldens): `make render`
// validates it offline and the composition tests apply it with Crossplane.
func TestExamplesServerSideDryRun(t *testing.T) {
	all, err := local.YAMLFiles(examplesDir())
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range all {
		if rel, _ := filepath.Rel(examplesDir(), f); !strings.HasPrefix(filepath.ToSlash(rel), "compositions/") {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		t.Fatalf("no examples: %s has no YAML files", examplesDir())
	}
	for _, f := range files {
		rel, _ := filepath.Rel(examplesDir(), f)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			objs, err := stack.ApplyFile(t.Context(), f, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(objs) == 0 {
				t.Fatalf("%s holds no objects", rel)
			}
			for _, o := range objs {
				t.Logf("accepted %s", local.Describe(o))
			}
		})
	}
}
