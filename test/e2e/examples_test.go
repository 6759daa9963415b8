package e2e

import (
	"path/filepath"
	"testing"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// TestExamplesServerSideDryRun applies every example with a server-side dry
// run: the real API server validates each against its CRD (schema, CEL
// rules, defaults) without persisting anything.
func TestExamplesServerSideDryRun(t *testing.T) {
	files, err := local.YAMLFiles(examplesDir())
	if err != nil {
		t.Fatal(err)
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
