package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// kitPackage type-checks src as package kit.
func kitPackage(t *testing.T, src string) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "kit.go", "package kit\n"+src, 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := (&types.Config{}).Check("example.com/kit", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// sdkTypes stand in for an SDK package's (and context.Context, which the
// type checker would need export data for).
const sdkTypes = `
type Context interface{}
type Options struct{}
type Client struct{}
type GetThingInput struct{}
type GetThingOutput struct{}
type PutThingInput struct{}
type PutThingOutput struct{}
`

func TestGenerate(t *testing.T) {
	type want struct {
		has []string
		err string
	}
	cases := map[string]struct {
		reason string
		src    string
		want   want
	}{
		"Operations": {
			reason: "Each operation of API, embedded ones included, is a method calling the client's method value.",
			src: sdkTypes + `
type Tagger interface {
	PutThing(ctx Context, in *PutThingInput, o ...func(*Options)) (*PutThingOutput, error)
}
type API interface {
	Tagger
	GetThing(ctx Context, in *GetThingInput, o ...func(*Options)) (*GetThingOutput, error)
}`,
			want: want{has: []string{
				"type sdkClient struct {\n\tgetThing func(Context, *GetThingInput, ...func(*Options)) (*GetThingOutput, error)\n\tputThing func(",
				"\t\tgetThing: c.GetThing,\n\t\tputThing: c.PutThing,\n",
				"func (c *sdkClient) GetThing(ctx Context, in *GetThingInput, o ...func(*Options)) (*GetThingOutput, error) {\n\treturn c.getThing(ctx, in, o...)\n}",
				"func (c *sdkClient) PutThing(",
				"var _ API = &sdkClient{}",
			}},
		},
		"NotAnOperation": {
			reason: "A method that is not (ctx, input, ...options) (output, error) is refused, naming it.",
			src:    sdkTypes + "\ntype API interface {\n\tGetThing(ctx Context) error\n}",
			want:   want{err: "API.GetThing is not an SDK operation"},
		},
		"NoAPI": {
			reason: "A kit without an API type is refused.",
			src:    sdkTypes,
			want:   want{err: "no type API"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			src, err := generate(kitPackage(t, tc.src), "example.com/sdk/kit")
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if !strings.Contains(gotErr, tc.want.err) || (tc.want.err == "") != (err == nil) {
				t.Errorf("\n%s\ngenerate(...): want error containing %q, got %v", tc.reason, tc.want.err, err)
			}
			for _, h := range tc.want.has {
				if !strings.Contains(string(src), h) {
					t.Errorf("\n%s\ngenerate(...): want the source to contain\n%s\ngot:\n%s", tc.reason, h, src)
				}
			}
		})
	}
}

// TestGeneratedFilesCurrent fails when a kit's zz_generated.sdkclient.go is
// not what `make generate` writes (an operation added to API without it).
func TestGeneratedFilesCurrent(t *testing.T) {
	t.Chdir("../..")
	if err := run(true); err != nil {
		t.Error(err)
	}
}

// TestKitsListed fails when a kit declares an API on an SDK client without
// being in kits: its SDK client would be handed to an interface by hand.
func TestKitsListed(t *testing.T) {
	listed := map[string]bool{}
	for _, k := range kits {
		listed[k.pkg] = true
	}
	var missing []string
	for _, dir := range []string{"../../internal/controller"} {
		svcs, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, svc := range svcs {
			kit := "internal/controller/" + svc.Name() + "/" + svc.Name() + "kit"
			if _, err := os.Stat("../../" + kit); err == nil && !listed[kit] {
				missing = append(missing, kit)
			}
		}
	}
	if diff := cmp.Diff([]string(nil), missing); diff != "" {
		t.Errorf("service kits missing from hack/sdkclient's kits: -want, +got:\n%s", diff)
	}
}
