// Command demo brings the local stack up (control plane, moto, provider),
// applies examples and shows them Ready, then holds until Ctrl-C.
//
// Environment:
//
//	DEMO_EXAMPLES  comma-separated examples, relative to examples/ and
//	               without .yaml (default "s3/bucket"); a directory applies
//	               all its YAML files.
//	DEMO_HOLD=0    tear down and exit once the examples are Ready.
//	CROSSPLANE=1   run Crossplane in the stack and install the package made
//	               by `make xpkg` (DEMO_XPKG, the Makefile sets it) with
//	               `crossplane xpkg install`, every group activated.
//	               Then an example compositions/<api> (network, eks, app)
//	               installs the composition functions (DEMO_FUNCTIONS, the
//	               folder `make functions-xpkg` wrote, and DEMO_FUNCTIONS_VERSION;
//	               the Makefile sets both), applies every XRD and Composition
//	               and the API's xr.yaml, and shows its tree Ready with
//	               `crossplane resource trace`.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

const readyTimeout = 3 * time.Minute

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx)
	if err != nil && ctx.Err() != nil {
		err = errors.New("interrupted")
	}
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "demo: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) (err error) {
	withXP := os.Getenv("CROSSPLANE") == "1"
	o := local.Options{Name: "demo", Log: os.Stderr}
	if withXP {
		o.Name, o.Crossplane, o.Activations = "demo-crossplane", true, []string{"*"}
	}
	stack, err := local.Start(ctx, o)
	if err != nil {
		return fmt.Errorf("cannot start the local stack: %w", err)
	}
	defer func() {
		fmt.Fprintln(os.Stderr, "demo: tearing the stack down...")
		err = errors.Join(err, stack.Stop())
	}()
	if withXP {
		file := os.Getenv("DEMO_XPKG")
		if file == "" {
			return errors.New("CROSSPLANE=1 needs DEMO_XPKG, the package file (make demo CROSSPLANE=1 builds and sets it)")
		}
		fmt.Fprintf(os.Stderr, "demo: installing %s with crossplane xpkg install...\n", filepath.Base(file))
		ref, err := stack.InstallProvider(ctx, file, "demo", "provider-aws", 5*time.Minute)
		if err != nil {
			return err
		}
		cli, _ := stack.CLI(ctx)
		defer fmt.Printf("\nexport KUBECONFIG=%s\n%s resource trace provider.pkg.crossplane.io/provider-aws    # %s\n%s resource trace <kind>.<group>/<name> -n <namespace>\nkubectl get providers,providerrevisions,managedresourcedefinitions\n",
			stack.Kubeconfig, cli, ref, cli)
	}

	names, xrNames := splitCompositions(exampleNames())
	if len(xrNames) > 0 {
		if !withXP {
			return fmt.Errorf("examples %v are compositions: they need Crossplane (make demo CROSSPLANE=1)", xrNames)
		}
		if err := demoCompositions(ctx, stack, xrNames); err != nil {
			return err
		}
		if len(names) == 0 {
			return hold(ctx, stack)
		}
	}
	objs, err := applyExamples(ctx, stack, names)
	if err != nil {
		return err
	}
	managed := managedOnly(objs)
	fmt.Fprintf(os.Stderr, "demo: waiting up to %s for %d managed resources to become Ready...\n", readyTimeout, len(managed))
	waitErr := stack.WaitReady(ctx, managed, readyTimeout)
	printTable(ctx, stack, managed)
	if waitErr != nil {
		return waitErr
	}
	printSecrets(ctx, stack, managed)
	for _, o := range objs {
		if _, ok, _ := unstructured.NestedFieldNoCopy(o.Object, "spec", "forProvider"); !ok {
			fmt.Printf("also applied: %s (not a managed resource: nothing reports Ready; the local stack runs no pods)\n", local.Describe(o))
		}
	}
	return hold(ctx, stack)
}

// hold prints the kubectl line and, unless DEMO_HOLD=0, waits for Ctrl-C.
func hold(ctx context.Context, stack *local.Stack) error {
	fmt.Printf("\nexport KUBECONFIG=%s; kubectl get managed -A\n", stack.Kubeconfig)
	fmt.Println("(kubectl is not part of the stack: install it if that command is not found)")
	if os.Getenv("DEMO_HOLD") == "0" {
		return nil
	}
	fmt.Println("\nThe stack is up. Press Ctrl-C to tear it down.")
	<-ctx.Done()
	return nil
}

// splitCompositions separates the compositions/<api> examples (returned as
// <api>) from the others.
func splitCompositions(names []string) (others, apis []string) {
	for _, n := range names {
		if api, ok := strings.CutPrefix(strings.Trim(n, "/"), "compositions/"); ok {
			apis = append(apis, api)
			continue
		}
		others = append(others, n)
	}
	return others, apis
}

// demoCompositions installs the composition functions, applies every XRD
// and Composition, then each API's xr.yaml, waits for the XRs to be Ready
// and shows each tree with `crossplane resource trace`.
func demoCompositions(ctx context.Context, stack *local.Stack, apis []string) error {
	dir, version := os.Getenv("DEMO_FUNCTIONS"), os.Getenv("DEMO_FUNCTIONS_VERSION")
	if dir == "" || version == "" {
		return errors.New("compositions need DEMO_FUNCTIONS and DEMO_FUNCTIONS_VERSION, the function packages (make demo CROSSPLANE=1 builds and sets them)")
	}
	fmt.Fprintf(os.Stderr, "demo: installing the composition functions %v...\n", local.FunctionPackages)
	if err := stack.InstallFunctions(ctx, dir, version, 5*time.Minute); err != nil {
		return err
	}
	xrds, err := stack.ApplyCompositions(ctx, 2*time.Minute)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "demo: %d composite resource definitions offered\n", len(xrds))
	var xrs []*unstructured.Unstructured
	for _, api := range apis {
		f := filepath.Join(stack.Root, "examples", "compositions", filepath.FromSlash(api), "xr.yaml")
		objs, err := stack.ApplyFile(ctx, f, false)
		if err != nil {
			return fmt.Errorf("example compositions/%s: %w", api, err)
		}
		fmt.Fprintf(os.Stderr, "demo: applied %s\n", relTo(stack.Root, f))
		xrs = append(xrs, objs...)
	}
	const xrTimeout = 8 * time.Minute
	fmt.Fprintf(os.Stderr, "demo: waiting up to %s for %d composite resources to become Ready...\n", xrTimeout, len(xrs))
	waitErr := stack.WaitReady(ctx, xrs, xrTimeout)
	for _, xr := range xrs {
		ref := strings.ToLower(xr.GetKind()) + "." + xr.GroupVersionKind().Group + "/" + xr.GetName()
		out, err := stack.Crossplane(ctx, "resource", "trace", ref, "-n", xr.GetNamespace())
		if err != nil {
			return err
		}
		fmt.Printf("\n$ crossplane resource trace %s -n %s\n%s", ref, xr.GetNamespace(), out)
	}
	return waitErr
}

// exampleNames returns $DEMO_EXAMPLES split at commas, or "s3/bucket".
func exampleNames() []string {
	var names []string
	for _, n := range strings.Split(os.Getenv("DEMO_EXAMPLES"), ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return []string{"s3/bucket"}
	}
	return names
}

// applyExamples applies each named example (examples/<name>.yaml, or every
// YAML file of the directory examples/<name>).
func applyExamples(ctx context.Context, stack *local.Stack, names []string) ([]*unstructured.Unstructured, error) {
	var all []*unstructured.Unstructured
	for _, name := range names {
		files, err := exampleFiles(filepath.Join(stack.Root, "examples"), name)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			objs, err := stack.ApplyFile(ctx, f, false)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(os.Stderr, "demo: applied %s (%d objects)\n", relTo(stack.Root, f), len(objs))
			all = append(all, objs...)
		}
	}
	return all, nil
}

func exampleFiles(dir, name string) ([]string, error) {
	path := filepath.Join(dir, filepath.FromSlash(name))
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		files, err := local.YAMLFiles(path)
		if err == nil && len(files) == 0 {
			err = fmt.Errorf("example directory %s has no YAML files", path)
		}
		return files, err
	}
	if _, err := os.Stat(path + ".yaml"); err != nil {
		return nil, fmt.Errorf("example %q not found: neither %s.yaml nor a directory %s exists", name, path, path)
	}
	return []string{path + ".yaml"}, nil
}

// managedOnly keeps the managed resources (objects with spec.forProvider):
// only they report Ready and Synced.
func managedOnly(objs []*unstructured.Unstructured) []*unstructured.Unstructured {
	var managed []*unstructured.Unstructured
	for _, o := range objs {
		if _, ok, _ := unstructured.NestedFieldNoCopy(o.Object, "spec", "forProvider"); ok {
			managed = append(managed, o)
		}
	}
	return managed
}

func printTable(ctx context.Context, stack *local.Stack, objs []*unstructured.Unstructured) {
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "\nKIND\tNAMESPACE\tNAME\tREADY\tSYNCED\tEXTERNAL-NAME")
	for _, o := range objs {
		if cur, err := stack.Get(ctx, o); err == nil {
			o = cur
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", o.GetKind(), o.GetNamespace(), o.GetName(),
			orDash(local.ConditionOf(o, "Ready").Status), orDash(local.ConditionOf(o, "Synced").Status),
			orDash(o.GetAnnotations()["crossplane.io/external-name"]))
	}
	_ = w.Flush()
}

// printSecrets lists the connection secrets the managed resources wrote and
// their keys (never their values): what an application next to them reads.
func printSecrets(ctx context.Context, stack *local.Stack, objs []*unstructured.Unstructured) {
	var rows []string
	for _, o := range objs {
		name, _, _ := unstructured.NestedString(o.Object, "spec", "writeConnectionSecretToRef", "name")
		if name == "" {
			continue
		}
		s := &unstructured.Unstructured{}
		s.SetAPIVersion("v1")
		s.SetKind("Secret")
		s.SetNamespace(o.GetNamespace())
		s.SetName(name)
		keys := "(not written yet)"
		if cur, err := stack.Get(ctx, s); err == nil {
			data, _, _ := unstructured.NestedMap(cur.Object, "data")
			ks := make([]string, 0, len(data))
			for k := range data {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			keys = strings.Join(ks, ", ")
		}
		rows = append(rows, fmt.Sprintf("%s/%s (of %s %s)\t%s", o.GetNamespace(), name, o.GetKind(), o.GetName(), keys))
	}
	if len(rows) == 0 {
		return
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "\nCONNECTION SECRET\tKEYS")
	for _, r := range rows {
		fmt.Fprintln(w, r)
	}
	_ = w.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func relTo(root, path string) string {
	if rel, err := filepath.Rel(root, path); err == nil {
		return rel
	}
	return path
}
