package e2e

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

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// The composition tests: the XRDs and Compositions of examples/compositions
// applied to the stack with Crossplane, with the composition functions of
// cluster/functions installed as packages and run by the stack's package
// runtime, and their XRs reconciled into moto by the installed provider.

const xpFunctionsVersion = "v0.0.1-e2e"

var xpFunctionsOnce sync.Once

// installFunctions builds the function packages (make functions-xpkg) and
// installs them, once.
func installFunctions(t *testing.T, s *local.Stack) {
	t.Helper()
	var err error
	xpFunctionsOnce.Do(func() {
		out, rerr := filepath.Rel(s.Root, filepath.Join(s.Dir, "functions-xpkg"))
		if rerr != nil {
			err = rerr
			return
		}
		cmd := exec.CommandContext(context.Background(), "make", "--no-print-directory", "functions-xpkg", "VERSION="+xpFunctionsVersion, "OUTPUT="+out)
		cmd.Dir = s.Root
		if b, merr := cmd.CombinedOutput(); merr != nil {
			err = fmt.Errorf("make functions-xpkg: %w\n%s", merr, b)
			return
		}
		for _, fn := range []string{"function-go-templating", "function-auto-ready"} {
			f := filepath.Join(s.Root, out, "xpkg", fn+"-"+xpFunctionsVersion+"-amd64.xpkg")
			if err = s.InstallFunction(context.Background(), f, xpFunctionsVersion, fn, xpInstallTimeout); err != nil {
				return
			}
		}
	})
	if err != nil {
		t.Fatalf("cannot install the composition functions: %v", err)
	}
}

// applyComposition applies an example's XRD and Composition and waits for
// the XR's CRD.
func applyComposition(t *testing.T, s *local.Stack, example, xrCRD string) {
	t.Helper()
	dir := filepath.Join(s.Root, "examples", "compositions", example)
	for _, f := range []string{"definition.yaml", "composition.yaml"} {
		if _, err := s.ApplyFile(t.Context(), filepath.Join(dir, f), false); err != nil {
			t.Fatalf("apply %s/%s: %v", example, f, err)
		}
	}
	waitFor(t, time.Minute, "the XRD's CRD "+xrCRD, func(ctx context.Context) (bool, error) {
		return crdEstablished(ctx, s, xrCRD)
	})
}

// applyXR applies an XR, retrying while Crossplane is starting its
// controller (the API server serves the CRD before that).
func applyXR(t *testing.T, s *local.Stack, y string) *unstructured.Unstructured {
	t.Helper()
	var objs []*unstructured.Unstructured
	waitFor(t, time.Minute, "the XR to be accepted", func(ctx context.Context) (bool, error) {
		var err error
		objs, err = s.Apply(ctx, []byte(y), false)
		return err == nil, nil
	})
	return objs[0]
}

// composed returns the composed resources the XR references.
func composed(t *testing.T, s *local.Stack, xr *unstructured.Unstructured) []*unstructured.Unstructured {
	t.Helper()
	refs, _, _ := unstructured.NestedSlice(xpGet(t, s, xr).Object, "spec", "crossplane", "resourceRefs")
	var out []*unstructured.Unstructured
	for _, r := range refs {
		m, _ := r.(map[string]any)
		u := &unstructured.Unstructured{}
		u.SetAPIVersion(fmt.Sprint(m["apiVersion"]))
		u.SetKind(fmt.Sprint(m["kind"]))
		u.SetName(fmt.Sprint(m["name"]))
		u.SetNamespace(xr.GetNamespace())
		out = append(out, u)
	}
	return out
}

// waitXRReady waits for the XR to be Ready, reporting its ResourcesReady
// condition (which names what is not ready, and why) when it is not.
func waitXRReady(t *testing.T, s *local.Stack, xr *unstructured.Unstructured, timeout time.Duration) *unstructured.Unstructured {
	t.Helper()
	if err := s.WaitReady(t.Context(), []*unstructured.Unstructured{xr}, timeout); err != nil {
		cur, _ := s.Get(context.Background(), xr)
		conds := ""
		if cur != nil {
			c, _, _ := unstructured.NestedSlice(cur.Object, "status", "conditions")
			conds = fmt.Sprint(c)
		}
		t.Fatalf("%v\nconditions: %s\n--- provider log ---\n%s", err, conds, s.ProviderLogTail(30))
	}
	return xpGet(t, s, xr)
}

// traceAllReady runs `crossplane resource trace` on the XR and checks that
// every row (the XR and each composed resource) is Synced and Ready.
func traceAllReady(t *testing.T, s *local.Stack, xr *unstructured.Unstructured, want []*unstructured.Unstructured) {
	t.Helper()
	ref := strings.ToLower(xr.GetKind()) + "." + xr.GroupVersionKind().Group + "/" + xr.GetName()
	out, err := s.Crossplane(t.Context(), "resource", "trace", ref, "-n", xr.GetNamespace())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range append([]*unstructured.Unstructured{xr}, want...) {
		if !traceReady(out, o.GetKind(), o.GetName()) {
			t.Errorf("crossplane resource trace does not show %s Ready:\n%s", local.Describe(o), out)
		}
	}
}

// deleteXR deletes the XR and waits until it and every composed resource
// are gone (Crossplane deletes them through their owner references; the
// provider deletes them in AWS first).
func deleteXR(t *testing.T, s *local.Stack, xr *unstructured.Unstructured, parts []*unstructured.Unstructured, timeout time.Duration) {
	t.Helper()
	if err := s.Client.Delete(t.Context(), xr); err != nil && !kerrors.IsNotFound(err) {
		t.Fatal(err)
	}
	waitFor(t, timeout, "the XR and its composed resources to be gone", func(ctx context.Context) (bool, error) {
		for _, o := range append([]*unstructured.Unstructured{xr}, parts...) {
			if _, err := s.Get(ctx, o); !kerrors.IsNotFound(err) {
				return false, nil //nolint:nilerr // Retried until the timeout.
			}
		}
		return true, nil
	})
}

// testCompositionNetwork: an XNetwork becomes a VPC, four subnets, an
// internet gateway, two route tables, a NAT gateway and its address in
// moto; the XR is Ready with their IDs in its status; deleting it leaves
// nothing in moto.
func testCompositionNetwork(t *testing.T, s *local.Stack) {
	ctx := t.Context()
	setActivations(t, s, "*")
	installProvider(t, s)
	installFunctions(t, s)
	applyComposition(t, s, "network", "xnetworks.platform.kaws.dev")

	b, err := os.ReadFile(filepath.Join(s.Root, "examples", "compositions", "network", "xr.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	xr := applyXR(t, s, strings.ReplaceAll(string(b), "name: team-a", "name: e2e-net"))
	xr = waitXRReady(t, s, xr, 2*readyTimeout)
	parts := composed(t, s, xr)
	if len(parts) != 10 {
		t.Fatalf("the XNetwork composes %d resources, want 10: %v", len(parts), parts)
	}
	traceAllReady(t, s, xr, parts)

	// moto holds what the status says.
	vpcID, _, _ := unstructured.NestedString(xr.Object, "status", "vpcId")
	pub, _, _ := unstructured.NestedStringSlice(xr.Object, "status", "publicSubnetIds")
	priv, _, _ := unstructured.NestedStringSlice(xr.Object, "status", "privateSubnetIds")
	nat, _, _ := unstructured.NestedString(xr.Object, "status", "natGatewayId")
	if vpcID == "" || len(pub) != 2 || len(priv) != 2 || nat == "" {
		t.Fatalf("the XR's status lacks IDs: vpc %q, public %v, private %v, NAT %q", vpcID, pub, priv, nat)
	}
	api := ec2.NewFromConfig(s.AWSConfig("us-east-1"))
	subnets, err := api.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sn := range subnets.Subnets {
		got = append(got, aws.ToString(sn.SubnetId)+"="+aws.ToString(sn.CidrBlock)+"@"+aws.ToString(sn.AvailabilityZone))
	}
	slices.Sort(got)
	want := []string{pub[0] + "=10.20.0.0/24@us-east-1a", pub[1] + "=10.20.1.0/24@us-east-1b", priv[0] + "=10.20.100.0/24@us-east-1a", priv[1] + "=10.20.101.0/24@us-east-1b"}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("moto's subnets of %s: got %v, want %v", vpcID, got, want)
	}
	rts, err := api.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}})
	if err != nil {
		t.Fatal(err)
	}
	routesToNAT := 0
	for _, rt := range rts.RouteTables {
		for _, r := range rt.Routes {
			if aws.ToString(r.NatGatewayId) == nat && aws.ToString(r.DestinationCidrBlock) == "0.0.0.0/0" {
				routesToNAT++
			}
		}
	}
	if routesToNAT != 1 {
		t.Errorf("moto has %d default routes to NAT gateway %s, want 1", routesToNAT, nat)
	}

	deleteXR(t, s, xr, parts, 3*readyTimeout)
	vpcs, err := api.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}})
	if err == nil && len(vpcs.Vpcs) > 0 {
		t.Errorf("moto still has VPC %s after the XNetwork was deleted", vpcID)
	}
	nats, err := api.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{nat}})
	if err == nil {
		for _, g := range nats.NatGateways {
			if g.State != ec2types.NatGatewayStateDeleted && g.State != ec2types.NatGatewayStateDeleting {
				t.Errorf("moto's NAT gateway %s is %s after the XNetwork was deleted", nat, g.State)
			}
		}
	}
}
