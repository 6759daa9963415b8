// Command sdkclient writes, for each service kit, the type that implements
// the kit's API interface on the AWS SDK's client (`make generate`):
// zz_generated.sdkclient.go, one method per operation, each calling the
// SDK client's method of the same name through a method value.
//
// Why not hand the SDK's *Client to the interface, as it satisfies it: go-cmp
// (which every kind compares with, and crossplane-runtime too) calls
// reflect.Type.Method, and once a binary does that the linker keeps every
// exported method of every type stored in an interface, and of every type
// those types' descriptors refer to (struct fields included). An
// *ec2.Client in an interface then links all ~600 EC2 operations with their
// serializers, most of the provider's binary and resident pages it never
// needed. The generated type is what is stored instead: it holds the
// client's method values (closures), not the client, so nothing the linker
// sees as reflectable refers to the client's type, and only the operations
// a kit calls are linked.
//
// With -check it writes nothing and fails when a file is not what it would
// write (`make check-generate`).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// A kit is a package with an API interface implemented on an SDK client.
type kit struct {
	// pkg is the kit's import path, relative to the module.
	pkg string
	// sdk is the import path of the SDK's service package.
	sdk string
}

const module = "github.com/kaws-dev/provider-aws/"

var kits = []kit{
	{"internal/controller/dynamodb/dynamodbkit", "github.com/aws/aws-sdk-go-v2/service/dynamodb"},
	{"internal/controller/ec2/ec2kit", "github.com/aws/aws-sdk-go-v2/service/ec2"},
	{"internal/controller/ecr/ecrkit", "github.com/aws/aws-sdk-go-v2/service/ecr"},
	{"internal/controller/eks/ekskit", "github.com/aws/aws-sdk-go-v2/service/eks"},
	{"internal/controller/iam/iamkit", "github.com/aws/aws-sdk-go-v2/service/iam"},
	{"internal/controller/kms/kmskit", "github.com/aws/aws-sdk-go-v2/service/kms"},
	{"internal/controller/s3/bucket", "github.com/aws/aws-sdk-go-v2/service/s3"},
	{"internal/controller/sns/snskit", "github.com/aws/aws-sdk-go-v2/service/sns"},
	{"internal/controller/sqs/sqskit", "github.com/aws/aws-sdk-go-v2/service/sqs"},
}

// File is the name of the generated file in each kit.
const File = "zz_generated.sdkclient.go"

func main() {
	check := flag.Bool("check", false, "fail when a generated file is stale instead of writing it")
	flag.Parse()
	if err := run(*check); err != nil {
		fmt.Fprintf(os.Stderr, "sdkclient: %v\n", err)
		os.Exit(1)
	}
}

func run(check bool) error {
	paths := make([]string, len(kits))
	for i, k := range kits {
		paths[i] = module + k.pkg
	}
	// The kits are loaded for their API interfaces alone: a stale generated
	// file (an operation added to API) is a type error elsewhere in the
	// package, which is why errors are not fatal here.
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedFiles}, paths...)
	if err != nil {
		return err
	}
	byPath := map[string]*packages.Package{}
	for _, p := range pkgs {
		byPath[p.PkgPath] = p
	}
	var stale []string
	for _, k := range kits {
		p := byPath[module+k.pkg]
		if p == nil || p.Types == nil {
			return fmt.Errorf("cannot load %s", k.pkg)
		}
		src, err := generate(p.Types, k.sdk)
		if err != nil {
			return fmt.Errorf("%s: %w", k.pkg, err)
		}
		path := filepath.Join(k.pkg, File)
		if check {
			if cur, err := os.ReadFile(path); err != nil || !bytes.Equal(cur, src) {
				stale = append(stale, path)
			}
			continue
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
	}
	if len(stale) > 0 {
		return fmt.Errorf("stale, run `make generate`: %s", strings.Join(stale, ", "))
	}
	return nil
}

// generate returns the source of the kit's sdkClient: the methods of its
// API interface, each calling the SDK client's method.
func generate(kit *types.Package, sdk string) ([]byte, error) {
	obj := kit.Scope().Lookup("API")
	if obj == nil {
		return nil, fmt.Errorf("no type API")
	}
	iface, ok := obj.Type().Underlying().(*types.Interface)
	if !ok {
		return nil, fmt.Errorf("API is not an interface")
	}
	svc := sdk[strings.LastIndex(sdk, "/")+1:]
	imports := map[string]string{sdk: svc}
	qualifier := func(p *types.Package) string {
		if p == kit {
			return ""
		}
		if name, ok := imports[p.Path()]; ok {
			return name
		}
		imports[p.Path()] = p.Name()
		return p.Name()
	}
	var fields, assigns, methods bytes.Buffer
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		sig, ok := m.Type().(*types.Signature)
		if !ok || !sig.Variadic() || sig.Params().Len() != 3 || sig.Results().Len() != 2 {
			return nil, fmt.Errorf("API.%s is not an SDK operation (ctx, input, ...options) (output, error)", m.Name())
		}
		p, r := sig.Params(), sig.Results()
		opts, ok := p.At(2).Type().(*types.Slice)
		if !ok {
			return nil, fmt.Errorf("API.%s: the options are not variadic", m.Name())
		}
		ctx, in := types.TypeString(p.At(0).Type(), qualifier), types.TypeString(p.At(1).Type(), qualifier)
		opt := types.TypeString(opts.Elem(), qualifier)
		out, err := types.TypeString(r.At(0).Type(), qualifier), types.TypeString(r.At(1).Type(), qualifier)
		field := strings.ToLower(m.Name()[:1]) + m.Name()[1:]
		fmt.Fprintf(&fields, "\t%s func(%s, %s, ...%s) (%s, %s)\n", field, ctx, in, opt, out, err)
		fmt.Fprintf(&assigns, "\t\t%s: c.%s,\n", field, m.Name())
		fmt.Fprintf(&methods, "\n// %s calls the SDK's %s.%s.\nfunc (c *sdkClient) %s(ctx %s, in %s, o ...%s) (%s, %s) {\n\treturn c.%s(ctx, in, o...)\n}\n",
			m.Name(), svc, m.Name(), m.Name(), ctx, in, opt, out, err, field)
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by hack/sdkclient (make generate). DO NOT EDIT.\n\npackage %s\n\nimport (\n", kit.Name())
	paths := make([]string, 0, len(imports))
	for path := range imports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	std := true
	for _, path := range paths {
		if first, _, _ := strings.Cut(path, "/"); std && strings.Contains(first, ".") {
			std = false
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "\t%q\n", path)
	}
	fmt.Fprintf(&b, ")\n\n// sdkClient implements API on the SDK's %[1]s client, with the client's\n"+
		"// method values: it, not the *%[1]s.Client, is what an API holds, and it does\n"+
		"// not refer to the client's type, so that the binary links only the\n"+
		"// operations API names (see hack/sdkclient).\ntype sdkClient struct {\n%[2]s}\n\nvar _ API = &sdkClient{}\n\n"+
		"// newSDKClient returns c as an API.\nfunc newSDKClient(c *%[1]s.Client) *sdkClient {\n\treturn &sdkClient{\n%[3]s\t}\n}\n",
		svc, fields.String(), assigns.String())
	b.Write(methods.Bytes())
	return format.Source(b.Bytes())
}
