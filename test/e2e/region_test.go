package e2e

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
	"github.com/kaws-dev/provider-aws/cluster/local"
)

// regionConfigYAML is a namespace with moto's credentials and a
// ProviderConfig "pc" pointing at moto in region.
func regionConfigYAML(ns, region string) string {
	return fmt.Sprintf(`apiVersion: v1
kind: Namespace
metadata: {name: %[1]s}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: %[1]s}
stringData:
  credentials: |
    [default]
    aws_access_key_id = testing
    aws_secret_access_key = testing
---
apiVersion: kaws.dev/v1alpha1
kind: ProviderConfig
metadata: {name: pc, namespace: %[1]s}
spec:
  region: %[2]s
  credentials:
    source: Secret
    secretRef: {name: creds, key: credentials}
  endpoint: {url: %[3]q, s3UsePathStyle: true}
`, ns, region, stack.MotoURL)
}

// regionMRsYAML is a VPC, two subnets and an EKS cluster in them, all using
// the ProviderConfig "pc" and none naming a region.
func regionMRsYAML(ns, name string) string {
	return fmt.Sprintf(`apiVersion: ec2.kaws.dev/v1alpha1
kind: VPC
metadata: {name: %[2]s, namespace: %[1]s}
spec:
  providerConfigRef: {kind: ProviderConfig, name: pc}
  forProvider: {cidrBlock: 10.77.0.0/16}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata: {name: %[2]s-a, namespace: %[1]s}
spec:
  providerConfigRef: {kind: ProviderConfig, name: pc}
  forProvider: {vpcIdRef: {name: %[2]s}, cidrBlock: 10.77.1.0/24}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata: {name: %[2]s-b, namespace: %[1]s}
spec:
  providerConfigRef: {kind: ProviderConfig, name: pc}
  forProvider: {vpcIdRef: {name: %[2]s}, cidrBlock: 10.77.2.0/24}
---
apiVersion: eks.kaws.dev/v1alpha1
kind: Cluster
metadata: {name: %[2]s, namespace: %[1]s}
spec:
  providerConfigRef: {kind: ProviderConfig, name: pc}
  forProvider:
    roleArn: arn:aws:iam::123456789012:role/e2e-region
    resourcesVpcConfig:
      subnetIdRefs: [{name: %[2]s-a}, {name: %[2]s-b}]
`, ns, name)
}

// eksClusterNames lists the EKS clusters moto holds in region.
func eksClusterNames(ctx context.Context, region string) ([]string, error) {
	out, err := eks.NewFromConfig(stack.AWSConfig(region)).ListClusters(ctx, &eks.ListClustersInput{})
	if err != nil {
		return nil, err
	}
	return out.Clusters, nil
}

// ec2SubnetsWithCIDR returns the subnets in region whose range is cidr.
func ec2SubnetsWithCIDR(ctx context.Context, region, cidr string) ([]ec2types.Subnet, error) {
	out, err := ec2Client(region).DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{
		{Name: aws.String("cidr-block"), Values: []string{cidr}}}})
	if err != nil {
		return nil, err
	}
	return out.Subnets, nil
}

// creationGrace bounds the reconciler's creation grace period (its default,
// the longest any kind uses).
const creationGrace = 30 * time.Second

// TestRegionPinnedWhenProviderConfigChanges checks that managed resources
// that take their region from their ProviderConfig keep it: the provider
// writes the region into spec.forProvider.region at the first observation,
// so a later change of the config's region never makes it look for the
// resources elsewhere, find nothing and create them again there.
func TestRegionPinnedWhenProviderConfigChanges(t *testing.T) {
	t.Parallel()
	const (
		ns      = "e2e-region"
		name    = "e2e-region"
		regionA = "eu-west-1"
		regionB = "eu-central-1"
	)
	ctx := t.Context()
	apply(t, regionConfigYAML(ns, regionA))
	objs := apply(t, regionMRsYAML(ns, name))
	vpc, subnets, cluster := objs[0], objs[1:3], objs[3]
	waitReady(t, 3*time.Minute, objs...)

	for _, o := range objs {
		if got, _, _ := unstructuredString(get(t, o), "spec", "forProvider", "region"); got != regionA {
			t.Errorf("%s: spec.forProvider.region %q after the first observation, want the config's %q", local.Describe(o), got, regionA)
		}
	}
	vpcID := ec2ExternalName(t, vpc)
	identity := ec2Identity(t, vpc)
	subnetIDs := []string{ec2ExternalName(t, subnets[0]), ec2ExternalName(t, subnets[1])}

	// The config moves to region B. Every MR is observed at least twice
	// after that (--poll is pollInterval; the counters prove the polls),
	// and after the reconciler's creation grace period (during which a
	// resource it created and no longer finds is not created again).
	describes := func() float64 { return apiCalls(t, "DescribeCluster") + apiCalls(t, "DescribeVpcs") }
	before := describes()
	apply(t, regionConfigYAML(ns, regionB))
	until := time.Now().Add(3 * pollInterval)
	for _, o := range objs {
		if at, err := time.Parse(time.RFC3339, get(t, o).GetAnnotations()["crossplane.io/external-create-succeeded"]); err == nil {
			if u := at.Add(creationGrace + 2*pollInterval); u.After(until) {
				until = u
			}
		}
	}
	time.Sleep(time.Until(until))
	waitFor(t, time.Minute, "two more observations of the cluster and the VPC", func(context.Context) (bool, error) {
		return describes() >= before+4, nil
	})

	// Exactly one cluster of that name and one VPC with that ID (and
	// identity and range), both in region A; none in region B.
	if cs, err := eksClusterNames(ctx, regionA); err != nil || !slices.Contains(cs, name) {
		t.Errorf("EKS clusters in %s: %v, %v; want %s there", regionA, cs, err, name)
	}
	if cs, err := eksClusterNames(ctx, regionB); err != nil || slices.Contains(cs, name) {
		t.Errorf("EKS clusters in %s: %v, %v; want no %s (a second cluster)", regionB, cs, err, name)
	}
	if v, err := ec2VPC(ctx, regionA, vpcID); err != nil || v == nil {
		t.Errorf("VPC %s in %s: found %t, %v; want it there", vpcID, regionA, v != nil, err)
	}
	for r, want := range map[string]int{regionA: 1, regionB: 0} {
		if vs, err := ec2VPCsTagged(ctx, r, identity); err != nil || len(vs) != want {
			t.Errorf("VPCs tagged %s in %s: %d, %v; want %d", identity, r, len(vs), err, want)
		}
		if vs, err := ec2VPCsWithCIDR(ctx, r, "10.77.0.0/16"); err != nil || len(vs) != want {
			t.Errorf("VPCs with 10.77.0.0/16 in %s: %d, %v; want %d", r, len(vs), err, want)
		}
		for _, cidr := range []string{"10.77.1.0/24", "10.77.2.0/24"} {
			if ss, err := ec2SubnetsWithCIDR(ctx, r, cidr); err != nil || len(ss) != want || (want == 1 && !slices.Contains(subnetIDs, aws.ToString(ss[0].SubnetId))) {
				t.Errorf("subnets with %s in %s: %d, %v; want %d of %v", cidr, r, len(ss), err, want, subnetIDs)
			}
		}
	}

	// The MRs are still Ready and Synced, in region A, and still name the
	// same resources.
	if err := stack.WaitReady(ctx, objs, 5*time.Second); err != nil {
		t.Errorf("after the config's region changed: %v", err)
	}
	for _, o := range objs {
		if got, _, _ := unstructuredString(get(t, o), "spec", "forProvider", "region"); got != regionA {
			t.Errorf("%s: spec.forProvider.region %q after the config's region changed, want %q", local.Describe(o), got, regionA)
		}
	}
	if got := ec2ExternalName(t, vpc); got != vpcID {
		t.Errorf("VPC external name %q after the config's region changed, want %q", got, vpcID)
	}

	// Clean up: the cluster, the subnets, the VPC, then the config.
	deleteAndWait(t, 3*time.Minute, cluster)
	for _, o := range []*unstructured.Unstructured{subnets[0], subnets[1], vpc} {
		deleteAndWait(t, goneTimeout, o)
	}
	if cs, err := eksClusterNames(ctx, regionA); err != nil || slices.Contains(cs, name) {
		t.Errorf("EKS clusters in %s after delete: %v, %v; want no %s", regionA, cs, err, name)
	}
	if v, err := ec2VPC(ctx, regionA, vpcID); err != nil || v != nil {
		t.Errorf("VPC %s in %s after delete: found %t, %v; want it gone", vpcID, regionA, v != nil, err)
	}
	// The test control plane runs no garbage collector: the usages of the
	// deleted MRs are deleted here, so the config can go.
	if err := stack.Client.DeleteAllOf(ctx, &v1alpha1.ProviderConfigUsage{}, client.InNamespace(ns)); err != nil {
		t.Fatal(err)
	}
	pc := &unstructured.Unstructured{}
	pc.SetAPIVersion("kaws.dev/v1alpha1")
	pc.SetKind("ProviderConfig")
	pc.SetNamespace(ns)
	pc.SetName("pc")
	deleteAndWait(t, goneTimeout, pc)
}
