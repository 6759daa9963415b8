package crossplane

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	corev1 "k8s.io/api/core/v1"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/cluster/local"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
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
		cmd := exec.CommandContext(context.Background(), "make", "--no-print-directory", "functions-xpkg", "VERSION="+xpFunctionsVersion, "OUTPUT="+out, "ARCH="+runtime.GOARCH)
		cmd.Dir = s.Root
		if b, merr := cmd.CombinedOutput(); merr != nil {
			err = fmt.Errorf("make functions-xpkg: %w\n%s", merr, b)
			return
		}
		err = s.InstallFunctions(context.Background(), filepath.Join(s.Root, out, "xpkg"), xpFunctionsVersion, xpInstallTimeout)
	})
	if err != nil {
		t.Fatalf("cannot install the composition functions: %v", err)
	}
}

// compositionsReady makes the stack ready for the examples' XRs: every
// group activated, the provider and the composition functions installed,
// every example's XRD and Composition applied and offered by Crossplane.
func compositionsReady(t *testing.T, s *local.Stack) {
	t.Helper()
	setActivations(t, s, "*")
	installProvider(t, s)
	installFunctions(t, s)
	if _, err := s.ApplyCompositions(t.Context(), time.Minute); err != nil {
		t.Fatal(err)
	}
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

// composed returns the resources the XR composes, and theirs when they are
// composites themselves (an XKubernetesCluster's XNetwork), depth first.
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
		if u.GroupVersionKind().Group == "platform.kaws.dev" { // a composite
			out = append(out, composed(t, s, u)...)
		}
	}
	return out
}

// kinds counts the resources by kind.
func kinds(objs []*unstructured.Unstructured) map[string]int {
	n := map[string]int{}
	for _, o := range objs {
		n[o.GetKind()]++
	}
	return n
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

	xr := applyXR(t, s, readXR(t, s, "network", "team-a", "e2e-net"))
	xr = waitXRReady(t, s, xr, 2*readyTimeout)
	parts := composed(t, s, xr)
	if diff := cmp.Diff(map[string]int{"VPC": 1, "Subnet": 4, "InternetGateway": 1, "RouteTable": 2, "NATGateway": 1, "ElasticIP": 1}, kinds(parts)); diff != "" {
		t.Fatalf("the XNetwork's composed resources (-want +got):\n%s", diff)
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

// readXR reads an example's xr.yaml with the XR renamed.
func readXR(t *testing.T, s *local.Stack, example, from, to string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Root, "examples", "compositions", example, "xr.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "name: "+from+"\n") {
		t.Fatalf("examples/compositions/%s/xr.yaml has no XR named %s", example, from)
	}
	return strings.Replace(string(b), "name: "+from+"\n", "name: "+to+"\n", 1)
}

// byKind returns the first of objs of the kind whose name has the suffix.
func byKind(t *testing.T, objs []*unstructured.Unstructured, kind, suffix string) *unstructured.Unstructured {
	t.Helper()
	for _, o := range objs {
		if o.GetKind() == kind && strings.HasSuffix(o.GetName(), suffix) {
			return o
		}
	}
	t.Fatalf("no composed %s named *%s among %v", kind, suffix, objs)
	return nil
}

// testCompositionKubernetesCluster: an XKubernetesCluster becomes an
// XNetwork (and its resources), the cluster and node roles with their
// policies, the cluster, a node group, three add-ons and the admin's access
// entry and policy; the XR is Ready; its kubeconfig Secret loads with
// client-go and holds a presigned GetCallerIdentity token for the cluster;
// a node count changed on the XR reaches the node group in moto; deleting
// the XR leaves no cluster, role or VPC in moto.
func testCompositionKubernetesCluster(t *testing.T, s *local.Stack) {
	ctx := t.Context()

	const name = "e2e-k8s"
	y := strings.Replace(readXR(t, s, "eks", "prod", name), "nodeCount: 3", "nodeCount: 2", 1)
	xr := applyXR(t, s, y)
	xr = waitXRReady(t, s, xr, 3*readyTimeout)
	parts := composed(t, s, xr)
	if diff := cmp.Diff(map[string]int{
		"XNetwork": 1, "VPC": 1, "Subnet": 4, "InternetGateway": 1, "RouteTable": 2, "NATGateway": 1, "ElasticIP": 1,
		"Role": 2, "RolePolicyAttachment": 4, "Cluster": 1, "Nodegroup": 1, "Addon": 3, "AccessEntry": 1, "AccessPolicyAssociation": 1,
	}, kinds(parts)); diff != "" {
		t.Fatalf("the XKubernetesCluster's composed resources (-want +got):\n%s", diff)
	}
	traceAllReady(t, s, xr, parts)

	// The kubeconfig reaches the XR's consumer: the Secret the XR names.
	api := eks.NewFromConfig(s.AWSConfig("us-east-1"))
	cluster := xpGet(t, s, byKind(t, parts, "Cluster", name))
	clusterName := cluster.GetAnnotations()["crossplane.io/external-name"]
	c, err := api.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(clusterName)})
	if err != nil {
		t.Fatal(err)
	}
	secret, _, _ := unstructured.NestedString(xr.Object, "status", "kubeconfigSecretName")
	if secret != name+"-kubeconfig" {
		t.Errorf("the XR's status.kubeconfigSecretName is %q, want %q", secret, name+"-kubeconfig")
	}
	tok, err := eksToken(ctx, t, s.Client, name+"-kubeconfig", clusterName, aws.ToString(c.Cluster.Endpoint))
	if err != nil {
		t.Fatalf("the XR's kubeconfig Secret: %v", err)
	}
	eksCheckToken(t, tok)

	// The node count of the XR reaches the node group, and moto.
	ngMR := byKind(t, parts, "Nodegroup", "-workers")
	if err := s.Client.Patch(ctx, xr.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(`{"spec":{"nodeCount":3}}`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 2*readyTimeout, "the node count of the XR to reach moto's node group", func(ctx context.Context) (bool, error) {
		ng, err := s.Get(ctx, ngMR)
		if err != nil {
			return false, nil //nolint:nilerr // Retried until the timeout.
		}
		out, err := api.DescribeNodegroup(ctx, &eks.DescribeNodegroupInput{ClusterName: aws.String(clusterName), NodegroupName: aws.String(ng.GetAnnotations()["crossplane.io/external-name"])})
		if err != nil {
			return false, err
		}
		sc := out.Nodegroup.ScalingConfig
		return sc != nil && aws.ToInt32(sc.DesiredSize) == 3 && aws.ToInt32(sc.MaxSize) == 6, nil
	})
	waitXRReady(t, s, xr, readyTimeout)

	roles := []string{}
	for _, r := range parts {
		if r.GetKind() == "Role" {
			roles = append(roles, xpGet(t, s, r).GetAnnotations()["crossplane.io/external-name"])
		}
	}
	vpcID := xpGet(t, s, byKind(t, parts, "VPC", name)).GetAnnotations()["crossplane.io/external-name"]
	deleteXR(t, s, xr, parts, 4*readyTimeout)
	if _, err := api.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(clusterName)}); !ekskit.IsNotFound(err) {
		t.Errorf("moto still has EKS cluster %s after the XKubernetesCluster was deleted (%v)", clusterName, err)
	}
	iamAPI := iam.NewFromConfig(s.AWSConfig("us-east-1"))
	for _, r := range roles {
		if _, err := iamAPI.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(r)}); err == nil {
			t.Errorf("moto still has IAM role %s after the XKubernetesCluster was deleted", r)
		}
	}
	if vpcs, err := ec2.NewFromConfig(s.AWSConfig("us-east-1")).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}}); err == nil && len(vpcs.Vpcs) > 0 {
		t.Errorf("moto still has VPC %s after the XKubernetesCluster was deleted", vpcID)
	}
}

// testCompositionAppBackend: an XAppBackend for a cluster becomes a queue
// with its dead-letter queue, a table, a role whose one policy allows
// exactly that queue and that table, a pod identity association and the
// app's Secret (queue URL and table name), which the app's Deployment
// reads; deleting the XR leaves no queue, table or role in moto.
func testCompositionAppBackend(t *testing.T, s *local.Stack) {
	ctx := t.Context()

	// The cluster the pods run in exists already (TestCompositionKubernetesCluster
	// composes one): here it is made in moto directly.
	const cluster = "e2e-app-cluster"
	api := eks.NewFromConfig(s.AWSConfig("us-east-1"))
	if _, err := api.CreateCluster(ctx, &eks.CreateClusterInput{
		Name:               aws.String(cluster),
		RoleArn:            aws.String("arn:aws:iam::123456789012:role/e2e-app-cluster"),
		ResourcesVpcConfig: &ekstypes.VpcConfigRequest{SubnetIds: []string{"subnet-0e2e0001", "subnet-0e2e0002"}},
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = api.DeleteCluster(context.Background(), &eks.DeleteClusterInput{Name: aws.String(cluster)})
	})

	const name = "e2e-app"
	y := strings.Replace(readXR(t, s, "app", "orders", name), "clusterName: prod", "clusterName: "+cluster, 1)
	xr := applyXR(t, s, y)
	xr = waitXRReady(t, s, xr, 3*readyTimeout)
	parts := composed(t, s, xr)
	if diff := cmp.Diff(map[string]int{"Queue": 2, "Table": 1, "Role": 1, "PodIdentityAssociation": 1, "Secret": 1}, kinds(parts)); diff != "" {
		t.Fatalf("the XAppBackend's composed resources (-want +got):\n%s", diff)
	}
	var managed []*unstructured.Unstructured
	for _, p := range parts {
		if p.GetKind() != "Secret" {
			managed = append(managed, p)
		}
	}
	traceAllReady(t, s, xr, managed)

	// The app's Secret: the queue's URL and ARN and the table's name and
	// ARN, as moto has them.
	queueName := xpGet(t, s, byKind(t, parts, "Queue", name)).GetAnnotations()["crossplane.io/external-name"]
	tableName := xpGet(t, s, byKind(t, parts, "Table", name)).GetAnnotations()["crossplane.io/external-name"]
	sqsAPI := sqs.NewFromConfig(s.AWSConfig("us-east-1"))
	q, err := sqsAPI.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(queueName)})
	if err != nil {
		t.Fatalf("moto's queue %q: %v", queueName, err)
	}
	qa, err := sqsAPI.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatal(err)
	}
	queueArn := qa.Attributes[string(sqstypes.QueueAttributeNameQueueArn)]
	tab, err := dynamodb.NewFromConfig(s.AWSConfig("us-east-1")).DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(tableName)})
	if err != nil {
		t.Fatalf("moto's table %q: %v", tableName, err)
	}
	tableArn := aws.ToString(tab.Table.TableArn)
	sec := &corev1.Secret{}
	if err := s.Client.Get(ctx, client.ObjectKey{Namespace: "default", Name: name + "-backend"}, sec); err != nil {
		t.Fatalf("the app's Secret: %v", err)
	}
	got := map[string]string{}
	for k, v := range sec.Data {
		got[k] = string(v)
	}
	want := map[string]string{"QUEUE_URL": aws.ToString(q.QueueUrl), "QUEUE_ARN": queueArn, "TABLE_NAME": tableName, "TABLE_ARN": tableArn, "AWS_REGION": "us-east-1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the app's Secret %s-backend (-want +got):\n%s", name, diff)
	}

	// The role's policies: one inline policy naming exactly those two ARNs.
	role := xpGet(t, s, byKind(t, parts, "Role", name+"-app")).GetAnnotations()["crossplane.io/external-name"]
	iamAPI := iam.NewFromConfig(s.AWSConfig("us-east-1"))
	pols, err := iamAPI.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String(role)})
	if err != nil {
		t.Fatal(err)
	}
	attached, err := iamAPI.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
	if err != nil {
		t.Fatal(err)
	}
	if len(pols.PolicyNames) != 1 || len(attached.AttachedPolicies) != 0 {
		t.Fatalf("role %s has inline policies %v and attached %d, want one inline policy", role, pols.PolicyNames, len(attached.AttachedPolicies))
	}
	rp, err := iamAPI.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(pols.PolicyNames[0])})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{queueArn, tableArn}, policyResources(t, aws.ToString(rp.PolicyDocument)), cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("the resources role %s's policy allows (-want +got):\n%s", role, diff)
	}

	// The pod identity association binds the service account to the role.
	pia, err := api.ListPodIdentityAssociations(ctx, &eks.ListPodIdentityAssociationsInput{ClusterName: aws.String(cluster)})
	if err != nil {
		t.Fatal(err)
	}
	if len(pia.Associations) != 1 || aws.ToString(pia.Associations[0].ServiceAccount) != "orders" || aws.ToString(pia.Associations[0].Namespace) != "default" {
		t.Errorf("moto's pod identity associations of %s: %+v, want one for default/orders", cluster, pia.Associations)
	}

	// The app's Deployment, reading the Secret, is accepted.
	b, err := os.ReadFile(filepath.Join(s.Root, "examples", "compositions", "app", "deployment.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dep := strings.NewReplacer("name: orders-backend", "name: "+name+"-backend", "name: orders\n", "name: "+name+"\n").Replace(string(b))
	if _, err := s.Apply(ctx, []byte(dep), true); err != nil {
		t.Errorf("the app's Deployment is refused: %v", err)
	}

	deleteXR(t, s, xr, parts, 3*readyTimeout)
	if _, err := sqsAPI.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(queueName)}); err == nil {
		t.Errorf("moto still has queue %s after the XAppBackend was deleted", queueName)
	}
	if _, err := iamAPI.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)}); err == nil {
		t.Errorf("moto still has role %s after the XAppBackend was deleted", role)
	}
	if _, err := dynamodb.NewFromConfig(s.AWSConfig("us-east-1")).DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(tableName)}); err == nil {
		t.Errorf("moto still has table %s after the XAppBackend was deleted", tableName)
	}
}

// policyResources returns the Resource values of an IAM policy document
// (IAM returns it URL-encoded).
func policyResources(t *testing.T, doc string) []string {
	t.Helper()
	if d, err := url.QueryUnescape(doc); err == nil {
		doc = d
	}
	var p struct {
		Statement []struct {
			Resource any
		}
	}
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatalf("the policy does not parse: %v\n%s", err, doc)
	}
	var out []string
	for _, st := range p.Statement {
		switch r := st.Resource.(type) {
		case string:
			out = append(out, r)
		case []any:
			for _, x := range r {
				out = append(out, fmt.Sprint(x))
			}
		}
	}
	return out
}
