package crossplane

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	appsv1 "k8s.io/api/apps/v1"
	authnv1 "k8s.io/api/authentication/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	extv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	xpextv1alpha1 "github.com/crossplane/crossplane/apis/v2/apiextensions/v1alpha1"
	pkgv1 "github.com/crossplane/crossplane/apis/v2/pkg/v1"
	pkgv1beta1 "github.com/crossplane/crossplane/apis/v2/pkg/v1beta1"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// The tests in this file install the package with a real Crossplane, in a
// stack of its own (local.Options.Crossplane): Crossplane core with the
// External package runtime, its RBAC manager, a loopback registry, and the
// stack as the package runtime, running the provider as the service account
// Crossplane's RBAC manager binds its permissions to. TestCrossplane's
// subtests share that stack (Crossplane's RBAC manager always serves
// metrics on :8080, so one such stack runs at a time) and run one after
// another, because safe-start must see the provider installed with only
// one group active.

const (
	xpProvider       = "provider-aws"
	xpActivation     = "kaws-e2e"
	xpInstallTimeout = 4 * time.Minute
)

var (
	xpOnce  sync.Once
	xpStack *local.Stack
	xpErr   error
)

// crossplaneStack starts the shared Crossplane stack on first use.
func crossplaneStack(t *testing.T) *local.Stack {
	t.Helper()
	xpOnce.Do(func() {
		xpStack, xpErr = local.Start(context.Background(), local.Options{
			Name:       stackName() + "-crossplane",
			Poll:       pollInterval,
			Region:     "us-east-1",
			Debug:      os.Getenv("E2E_DEBUG") != "",
			Log:        os.Stderr,
			Crossplane: true,
		})
	})
	if xpErr != nil {
		t.Fatalf("cannot start the stack with Crossplane: %v", xpErr)
	}
	return xpStack
}

// stopCrossplaneStack stops the shared Crossplane stack, if it was started.
func stopCrossplaneStack() error {
	if xpStack == nil {
		return nil
	}
	return xpStack.Stop()
}

// xpkg builds the package (make xpkg) with a version of its own, once per
// version, and returns the file.
var xpkgs sync.Map // version → path

func buildXpkg(t *testing.T, s *local.Stack, version string) string {
	t.Helper()
	if p, ok := xpkgs.Load(version); ok {
		return p.(string)
	}
	out, err := filepath.Rel(s.Root, filepath.Join(s.Dir, "xpkg-"+version)) // the Makefile wants it relative
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), "make", "--no-print-directory", "xpkg", "VERSION="+version, "OUTPUT="+out)
	cmd.Dir = s.Root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make xpkg VERSION=%s: %v\n%s", version, err, b)
	}
	p := filepath.Join(s.Root, out, "xpkg", "provider-aws-"+version+"-amd64.xpkg")
	xpkgs.Store(version, p)
	return p
}

// pushXpkg builds and pushes a version of the package to the stack's
// registry and returns its reference.
func pushXpkg(t *testing.T, s *local.Stack, version string) string {
	t.Helper()
	ref := s.Registry + "/provider-aws:" + version
	if _, err := s.Crossplane(t.Context(), "xpkg", "push", "--package-files="+buildXpkg(t, s, version), ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

// setActivations creates or replaces the test's activation policy.
func setActivations(t *testing.T, s *local.Stack, activations ...string) {
	t.Helper()
	p := &xpextv1alpha1.ManagedResourceActivationPolicy{ObjectMeta: metav1.ObjectMeta{Name: xpActivation}}
	acts := make([]xpextv1alpha1.ActivationPolicy, len(activations))
	for i, a := range activations {
		acts[i] = xpextv1alpha1.ActivationPolicy(a)
	}
	err := s.Client.Get(t.Context(), client.ObjectKeyFromObject(p), p)
	switch {
	case kerrors.IsNotFound(err):
		p.Spec.Activations = acts
		err = s.Client.Create(t.Context(), p)
	case err == nil:
		p.Spec.Activations = acts
		err = s.Client.Update(t.Context(), p)
	}
	if err != nil {
		t.Fatalf("cannot set activation policy %s to %v: %v", xpActivation, activations, err)
	}
}

// installProvider installs the package's first version, unless an earlier
// test did, and waits for the Provider to be Installed and Healthy, and for
// the ClusterProviderConfig "default" pointing at moto.
func installProvider(t *testing.T, s *local.Stack) *pkgv1.Provider {
	t.Helper()
	p := &pkgv1.Provider{}
	if err := s.Client.Get(t.Context(), client.ObjectKey{Name: xpProvider}, p); kerrors.IsNotFound(err) {
		ref := pushXpkg(t, s, "v0.0.1-e2e.1")
		if _, err := s.Crossplane(t.Context(), "xpkg", "install", "provider", ref, xpProvider); err != nil {
			t.Fatal(err)
		}
	}
	p = waitProviderHealthy(t, s, "")
	waitFor(t, xpInstallTimeout, "the ClusterProviderConfig CRD", func(ctx context.Context) (bool, error) {
		return crdEstablished(ctx, s, "clusterproviderconfigs.kaws.dev")
	})
	if err := s.Bootstrap(t.Context()); err != nil {
		t.Fatal(err)
	}
	return p
}

// waitProviderHealthy waits until the Provider is Installed and Healthy and,
// when pkg is set, runs that package.
func waitProviderHealthy(t *testing.T, s *local.Stack, pkg string) *pkgv1.Provider {
	t.Helper()
	p := &pkgv1.Provider{}
	err := wait.PollUntilContextTimeout(t.Context(), pollEvery, xpInstallTimeout, true, func(ctx context.Context) (bool, error) {
		if err := s.Client.Get(ctx, client.ObjectKey{Name: xpProvider}, p); err != nil {
			return false, nil //nolint:nilerr // Retried until the timeout.
		}
		return p.GetCondition(pkgv1.TypeInstalled).Status == corev1.ConditionTrue &&
			p.GetCondition(pkgv1.TypeHealthy).Status == corev1.ConditionTrue &&
			(pkg == "" || p.Spec.Package == pkg) && s.ProviderPID() != 0, nil
	})
	if err != nil {
		revs := &pkgv1.ProviderRevisionList{}
		_ = s.Client.List(context.Background(), revs)
		var b strings.Builder
		fmt.Fprintf(&b, "Provider %s: %+v\n", xpProvider, p.Status.Conditions)
		for _, r := range revs.Items {
			fmt.Fprintf(&b, "ProviderRevision %s (%s): %+v\n", r.Name, r.Spec.DesiredState, r.Status.Conditions)
		}
		t.Fatalf("waiting %s for Provider %s Installed and Healthy (package %q): %v\n%s--- provider log ---\n%s",
			xpInstallTimeout, xpProvider, pkg, err, b.String(), s.ProviderLogTail(20))
	}
	return p
}

func crdEstablished(ctx context.Context, s *local.Stack, name string) (bool, error) {
	crd := &extv1.CustomResourceDefinition{}
	if err := s.Client.Get(ctx, client.ObjectKey{Name: name}, crd); err != nil {
		return false, client.IgnoreNotFound(err)
	}
	for _, c := range crd.Status.Conditions {
		if c.Type == extv1.Established && c.Status == extv1.ConditionTrue {
			return true, nil
		}
	}
	return false, nil
}

// providerCRDs returns the names of the CRDs of the provider's groups that
// exist in the stack.
func providerCRDs(t *testing.T, s *local.Stack) []string {
	t.Helper()
	l := &extv1.CustomResourceDefinitionList{}
	if err := s.Client.List(t.Context(), l); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range l.Items {
		if strings.HasSuffix(c.Spec.Group, "kaws.dev") {
			names = append(names, c.Name)
		}
	}
	slices.Sort(names)
	return names
}

// packageCRDs returns the names of the CRDs in package/crds.
func packageCRDs(t *testing.T, root string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "package", "crds", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no CRDs in package/crds (%v)", err)
	}
	var names []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		crd := &extv1.CustomResourceDefinition{}
		if err := yaml.Unmarshal(b, crd); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		names = append(names, crd.Name)
	}
	slices.Sort(names)
	return names
}

// providerIdentity asks the API server who the provider's kubeconfig
// (from the process's environment) authenticates as.
func providerIdentity(t *testing.T, s *local.Stack) string {
	t.Helper()
	env, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", s.ProviderPID()))
	if err != nil {
		t.Fatal(err)
	}
	var kubeconfig string
	for _, kv := range strings.Split(string(env), "\x00") {
		if v, ok := strings.CutPrefix(kv, "KUBECONFIG="); ok {
			kubeconfig = v
		}
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		t.Fatalf("cannot read the provider's kubeconfig %q: %v", kubeconfig, err)
	}
	kc := kubernetes.NewForConfigOrDie(cfg)
	r, err := kc.AuthenticationV1().SelfSubjectReviews().Create(t.Context(), &authnv1.SelfSubjectReview{}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("cannot review the provider's identity: %v", err)
	}
	return r.Status.UserInfo.Username
}

// providerForbidden returns the lines of the provider's log where the API
// server refused it something.
func providerForbidden(s *local.Stack) []string {
	var out []string
	for _, l := range strings.Split(s.ProviderLogTail(100000), "\n") {
		if strings.Contains(l, "forbidden") || strings.Contains(l, "is not allowed") {
			out = append(out, l)
		}
	}
	return out
}

// TestCrossplane runs the tests that share the stack with Crossplane, one
// after another in this order: safe-start needs the first install, with
// only the S3 group active; the others activate every group and replace
// the provider's process. Then the compositions' tests run side by side.
// This suite is its own test binary, which go test runs beside test/e2e's.
func TestCrossplane(t *testing.T) {
	s := crossplaneStack(t)
	t.Run("SafeStartActivation", func(t *testing.T) { testSafeStartActivation(t, s) })
	t.Run("InstallsPackage", func(t *testing.T) { testCrossplaneInstallsPackage(t, s) })
	t.Run("ProviderConfigDefaults", func(t *testing.T) { testCrossplaneProviderConfigDefaults(t, s) })
	t.Run("Compositions", func(t *testing.T) {
		// One XR each, with its own names: they run side by side.
		compositionsReady(t, s)
		for name, test := range map[string]func(*testing.T, *local.Stack){
			"Network": testCompositionNetwork, "KubernetesCluster": testCompositionKubernetesCluster, "AppBackend": testCompositionAppBackend,
		} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				test(t, s)
			})
		}
	})
}

// testCrossplaneInstallsPackage: the package installed by Crossplane, its
// CRDs through MRDs, the provider running with Crossplane's RBAC only, and
// an upgrade that adopts the resources.
func testCrossplaneInstallsPackage(t *testing.T, s *local.Stack) {
	ctx := t.Context()

	// Every kind of the package, through its MRD and an activation policy.
	setActivations(t, s, "*")
	p := installProvider(t, s)
	want := packageCRDs(t, s.Root)
	waitFor(t, xpInstallTimeout, "every CRD of package/crds", func(ctx context.Context) (bool, error) {
		for _, n := range want {
			if ok, err := crdEstablished(ctx, s, n); !ok || err != nil {
				return false, err
			}
		}
		return true, nil
	})
	mrds := &xpextv1alpha1.ManagedResourceDefinitionList{}
	if err := s.Client.List(ctx, mrds); err != nil {
		t.Fatal(err)
	}
	if len(mrds.Items) == 0 {
		t.Fatal("the package manager created no ManagedResourceDefinition")
	}
	for _, m := range mrds.Items {
		if m.Spec.State != xpextv1alpha1.ManagedResourceDefinitionActive {
			t.Errorf("MRD %s is %q, want Active", m.Name, m.Spec.State)
		}
	}

	// The provider runs as the service account Crossplane made it, with
	// what Crossplane's RBAC manager grants that account and nothing else.
	rev := p.Status.CurrentRevision
	if got, want := providerIdentity(t, s), "system:serviceaccount:"+local.CrossplaneNamespace+":"+rev; got != want {
		t.Fatalf("the provider authenticates as %q, want %q", got, want)
	}

	bucket := xpBucket(t, s, "xp-install")
	vpc := xpApply(t, s, ec2VPCYAML("xp-install", "us-east-1", "10.77.0.0/16", ""))[0]
	if err := s.WaitReady(ctx, []*unstructured.Unstructured{bucket, vpc}, readyTimeout); err != nil {
		t.Fatalf("%v\n--- provider log ---\n%s", err, s.ProviderLogTail(30))
	}
	vpcID := xpGet(t, s, vpc).GetAnnotations()["crossplane.io/external-name"]
	for _, o := range []*unstructured.Unstructured{bucket, vpc} {
		out, err := s.Crossplane(ctx, "resource", "trace", strings.ToLower(o.GetKind())+"."+o.GroupVersionKind().Group+"/"+o.GetName(), "-n", o.GetNamespace())
		if err != nil {
			t.Fatal(err)
		}
		if !traceReady(out, o.GetKind(), o.GetName()) {
			t.Errorf("crossplane resource trace does not show %s Ready:\n%s", local.Describe(o), out)
		}
	}
	if f := providerForbidden(s); len(f) > 0 {
		t.Fatalf("the provider was refused permissions Crossplane did not grant:\n%s", strings.Join(f, "\n"))
	}

	// Upgrade: a second version installed over the first takes over the
	// same resources, without creating them again.
	oldPID := s.ProviderPID()
	ref2 := pushXpkg(t, s, "v0.0.1-e2e.2")
	if _, err := s.Crossplane(ctx, "xpkg", "update", "provider", ref2, xpProvider); err != nil {
		t.Fatal(err)
	}
	p = waitProviderHealthy(t, s, ref2)
	// The Provider can report Healthy for the old revision a moment after
	// its package changed: wait for the new revision and its process.
	waitFor(t, xpInstallTimeout, "the new revision to be current and its provider to run", func(ctx context.Context) (bool, error) {
		if err := s.Client.Get(ctx, client.ObjectKey{Name: xpProvider}, p); err != nil {
			return false, client.IgnoreNotFound(err)
		}
		pid := s.ProviderPID()
		return p.Status.CurrentRevision != rev && p.GetCondition(pkgv1.TypeHealthy).Status == corev1.ConditionTrue &&
			pid != 0 && pid != oldPID, nil
	})
	if got, want := providerIdentity(t, s), "system:serviceaccount:"+local.CrossplaneNamespace+":"+p.Status.CurrentRevision; got != want {
		t.Fatalf("after the upgrade the provider authenticates as %q, want %q", got, want)
	}
	// The new provider reconciles the resources: a changed tag reaches moto.
	bucket = xpBucketTagged(t, s, "xp-install", "upgraded")
	waitFor(t, readyTimeout, "the upgraded provider to tag the bucket", func(ctx context.Context) (bool, error) {
		tags, err := xpBucketTags(ctx, s, "xp-install")
		return err == nil && tags["stage"] == "upgraded", nil
	})
	if err := s.WaitReady(ctx, []*unstructured.Unstructured{bucket, vpc}, readyTimeout); err != nil {
		t.Fatalf("after the upgrade: %v", err)
	}
	if got := xpGet(t, s, vpc).GetAnnotations()["crossplane.io/external-name"]; got != vpcID {
		t.Fatalf("after the upgrade the VPC is %s, was %s (created again?)", got, vpcID)
	}
	vpcs, err := ec2.NewFromConfig(s.AWSConfig("us-east-1")).DescribeVpcs(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, v := range vpcs.Vpcs {
		if v.CidrBlock != nil && *v.CidrBlock == "10.77.0.0/16" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("moto has %d VPCs of 10.77.0.0/16 after the upgrade, want 1", n)
	}
	if f := providerForbidden(s); len(f) > 0 {
		t.Fatalf("the provider was refused permissions Crossplane did not grant:\n%s", strings.Join(f, "\n"))
	}
}

// testCrossplaneProviderConfigDefaults: the arguments a
// DeploymentRuntimeConfig passes are accepted by the binary.
func testCrossplaneProviderConfigDefaults(t *testing.T, s *local.Stack) {
	ctx := t.Context()
	setActivations(t, s, "*")
	installProvider(t, s)

	// The arguments a DeploymentRuntimeConfig gives the package-runtime
	// container, as platform teams set them.
	args := []string{"--poll=1m", "--max-reconcile-rate=20", "--debug", "--leader-election"}
	drc := &pkgv1beta1.DeploymentRuntimeConfig{ObjectMeta: metav1.ObjectMeta{Name: "kaws-e2e-args"}}
	drc.Spec.DeploymentTemplate = &pkgv1beta1.DeploymentTemplate{Spec: &appsv1.DeploymentSpec{
		// The CRD requires a selector; an empty one keeps Crossplane's.
		Selector: &metav1.LabelSelector{},
	}}
	drc.Spec.DeploymentTemplate.Spec.Template.Spec.Containers = []corev1.Container{{Name: "package-runtime", Args: args}}
	if err := s.Client.Create(ctx, drc); err != nil && !kerrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
	oldPID := s.ProviderPID()
	setRuntimeConfig(t, s, drc.Name)
	t.Cleanup(func() { setRuntimeConfig(t, s, "default") })
	waitFor(t, xpInstallTimeout, "the provider to restart with the runtime config's arguments", func(context.Context) (bool, error) {
		pid := s.ProviderPID()
		if pid == 0 || pid == oldPID {
			return false, nil
		}
		cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if err != nil {
			return false, nil //nolint:nilerr // The process may be replaced; retried.
		}
		got := strings.Split(strings.TrimRight(string(cmdline), "\x00"), "\x00")
		for _, a := range args {
			if !slices.Contains(got, a) {
				return false, nil
			}
		}
		return true, nil
	})
	waitProviderHealthy(t, s, "")

	// Leader election: the provider holds the lease in its namespace.
	waitFor(t, readyTimeout, "the provider to hold its leader election lease", func(ctx context.Context) (bool, error) {
		l := &coordinationv1.Lease{}
		if err := s.Client.Get(ctx, client.ObjectKey{Namespace: local.CrossplaneNamespace, Name: "crossplane-leader-election-provider-aws"}, l); err != nil {
			return false, nil //nolint:nilerr // Retried until the timeout.
		}
		return l.Spec.HolderIdentity != nil && *l.Spec.HolderIdentity != "", nil
	})
	// And it reconciles, at debug level.
	b := xpBucket(t, s, "xp-args")
	if err := s.WaitReady(ctx, []*unstructured.Unstructured{b}, readyTimeout); err != nil {
		t.Fatalf("with the runtime config's arguments: %v\n%s", err, s.ProviderLogTail(30))
	}
	if !strings.Contains(s.ProviderLogTail(2000), "DEBUG") {
		t.Errorf("with --debug the provider's log has no debug line:\n%s", s.ProviderLogTail(20))
	}
	if f := providerForbidden(s); len(f) > 0 {
		t.Fatalf("the provider was refused permissions Crossplane did not grant:\n%s", strings.Join(f, "\n"))
	}
}

// setRuntimeConfig points the Provider at a DeploymentRuntimeConfig.
func setRuntimeConfig(t *testing.T, s *local.Stack, name string) {
	t.Helper()
	p := &pkgv1.Provider{}
	if err := s.Client.Get(context.Background(), client.ObjectKey{Name: xpProvider}, p); err != nil {
		t.Fatal(err)
	}
	p.Spec.RuntimeConfigReference = &pkgv1.RuntimeConfigReference{Name: name}
	if err := s.Client.Update(context.Background(), p); err != nil {
		t.Fatalf("cannot set the Provider's runtime config to %s: %v", name, err)
	}
}

// xpApply applies YAML to the Crossplane stack.
func xpApply(t *testing.T, s *local.Stack, y string) []*unstructured.Unstructured {
	t.Helper()
	objs, err := s.Apply(t.Context(), []byte(y), false)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return objs
}

func xpGet(t *testing.T, s *local.Stack, o *unstructured.Unstructured) *unstructured.Unstructured {
	t.Helper()
	cur, err := s.Get(t.Context(), o)
	if err != nil {
		t.Fatalf("get %s: %v", local.Describe(o), err)
	}
	return cur
}

func xpBucket(t *testing.T, s *local.Stack, name string) *unstructured.Unstructured {
	t.Helper()
	return xpBucketTagged(t, s, name, "installed")
}

func xpBucketTagged(t *testing.T, s *local.Stack, name, stage string) *unstructured.Unstructured {
	t.Helper()
	return xpApply(t, s, fmt.Sprintf(`apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    tags:
      stage: %s
`, name, stage))[0]
}

// bucketTags reads a bucket's tags from the Crossplane stack's moto.
func xpBucketTags(ctx context.Context, s *local.Stack, name string) (map[string]string, error) {
	out, err := s.S3Client("us-east-1").GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: &name})
	if err != nil {
		return nil, err
	}
	tags := map[string]string{}
	for _, t := range out.TagSet {
		tags[*t.Key] = *t.Value
	}
	return tags, nil
}

// traceReady says whether `crossplane resource trace` shows the resource
// (its row "Kind/name (namespace)", at any depth of the tree) Synced and
// Ready.
func traceReady(out, kind, name string) bool {
	for _, l := range strings.Split(out, "\n") {
		// Rows below the root start with the tree's drawing ("├─ ", "│  └─ ").
		f := strings.Fields(strings.TrimLeft(l, "│├└─ "))
		if len(f) >= 4 && f[0] == kind+"/"+name {
			if strings.HasPrefix(f[1], "(") { // the namespace column
				f = f[1:]
			}
			return f[1] == "True" && f[2] == "True"
		}
	}
	return false
}
