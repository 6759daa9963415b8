package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// eksNodegroup returns the node group as moto reports it, or nil when gone.
func eksNodegroup(ctx context.Context, cluster, name string) (*ekstypes.Nodegroup, error) {
	return eksFound(func(o *eks.DescribeNodegroupOutput) *ekstypes.Nodegroup { return o.Nodegroup })(eksClient().DescribeNodegroup(ctx, &eks.DescribeNodegroupInput{ClusterName: aws.String(cluster), NodegroupName: aws.String(name)}))
}

// eksTaints returns the taints of a node group as key=value:effect.
func eksTaints(n *ekstypes.Nodegroup) map[string]string {
	m := map[string]string{}
	for _, t := range n.Taints {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value) + ":" + string(t.Effect)
	}
	return m
}

const eksNodegroupBaseYAML = `
apiVersion: ec2.kaws.dev/v1alpha1
kind: VPC
metadata: {name: e2e-eksng, namespace: default}
spec:
  forProvider: {region: us-east-1, cidrBlock: 10.121.0.0/16}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata: {name: e2e-eksng-a, namespace: default}
spec:
  forProvider: {region: us-east-1, vpcIdRef: {name: e2e-eksng}, cidrBlock: 10.121.1.0/24, availabilityZone: us-east-1a}
---
apiVersion: ec2.kaws.dev/v1alpha1
kind: Subnet
metadata: {name: e2e-eksng-b, namespace: default}
spec:
  forProvider: {region: us-east-1, vpcIdRef: {name: e2e-eksng}, cidrBlock: 10.121.2.0/24, availabilityZone: us-east-1b}
---
apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata: {name: e2e-eksng-cluster, namespace: default}
spec:
  forProvider:
    assumeRolePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
---
apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata: {name: e2e-eksng-node, namespace: default}
spec:
  forProvider:
    assumeRolePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
---
apiVersion: eks.kaws.dev/v1alpha1
kind: Cluster
metadata: {name: e2e-eksng, namespace: default}
spec:
  forProvider:
    region: us-east-1
    version: "1.35"
    roleArnRef: {name: e2e-eksng-cluster}
    resourcesVpcConfig:
      subnetIdRefs: [{name: e2e-eksng-a}, {name: e2e-eksng-b}]
`

const eksNodegroupYAML = `
apiVersion: eks.kaws.dev/v1alpha1
kind: Nodegroup
metadata: {name: e2e-eksng-workers, namespace: default}
spec:
  forProvider:
    region: us-east-1
    clusterNameRef: {name: e2e-eksng}
    nodeRoleRef: {name: e2e-eksng-node}
    subnetRefs: [{name: e2e-eksng-a}, {name: e2e-eksng-b}]
    instanceTypes: [m5.large]
    scalingConfig: {minSize: 1, maxSize: %d%s}
    labels: %s
    taints: %s
    tags: {team: e2e}
`

func TestEKSNodegroupLifecycle(t *testing.T) {
	// Its own cluster; the calls it counts are its kind's own, and it does
	// not restart the provider (TestEKSClusterLifecycle does: not parallel).
	t.Parallel()
	const cluster, name = "e2e-eksng", "e2e-eksng-workers"
	base := apply(t, eksNodegroupBaseYAML)
	ng := apply(t, fmt.Sprintf(eksNodegroupYAML, 3, ", desiredSize: 2", "{role: worker}", "[{key: dedicated, value: a, effect: NO_SCHEDULE}]"))
	waitReady(t, 3*time.Minute, append(base, ng...)...)

	n, err := eksNodegroup(t.Context(), cluster, name)
	if err != nil || n == nil {
		t.Fatalf("node group not in moto: %v", err)
	}
	if aws.ToInt32(n.ScalingConfig.DesiredSize) != 2 || aws.ToInt32(n.ScalingConfig.MaxSize) != 3 || len(n.Subnets) != 2 || n.InstanceTypes[0] != "m5.large" {
		t.Fatalf("node group in moto is not as specified: %+v", n)
	}

	t.Run("update scaling, labels and taints", func(t *testing.T) {
		apply(t, fmt.Sprintf(eksNodegroupYAML, 4, ", desiredSize: 3", "{role: worker, tier: b}", "[{key: dedicated, value: b, effect: NO_SCHEDULE}, {key: gpu, value: x, effect: NO_EXECUTE}]"))
		waitFor(t, driftTimeout, "scaling, labels and taints updated in moto", func(ctx context.Context) (bool, error) {
			n, err := eksNodegroup(ctx, cluster, name)
			if err != nil || n == nil {
				return false, err
			}
			return aws.ToInt32(n.ScalingConfig.DesiredSize) == 3 && aws.ToInt32(n.ScalingConfig.MaxSize) == 4 &&
				cmp.Equal(n.Labels, map[string]string{"role": "worker", "tier": "b"}) &&
				cmp.Equal(eksTaints(n), map[string]string{"dedicated": "b:NO_SCHEDULE", "gpu": "x:NO_EXECUTE"}), nil
		})
	})

	t.Run("drift corrected", func(t *testing.T) {
		_, err := eksClient().UpdateNodegroupConfig(t.Context(), &eks.UpdateNodegroupConfigInput{ClusterName: aws.String(cluster), NodegroupName: aws.String(name),
			Labels: &ekstypes.UpdateLabelsPayload{RemoveLabels: []string{"tier"}}})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, driftTimeout, "labels restored in moto", func(ctx context.Context) (bool, error) {
			n, err := eksNodegroup(ctx, cluster, name)
			if err != nil || n == nil {
				return false, err
			}
			return cmp.Equal(n.Labels, map[string]string{"role": "worker", "tier": "b"}), nil
		})
	})

	t.Run("desiredSize unmanaged when omitted", func(t *testing.T) {
		apply(t, fmt.Sprintf(eksNodegroupYAML, 4, "", "{role: worker, tier: b}", "[{key: dedicated, value: b, effect: NO_SCHEDULE}, {key: gpu, value: x, effect: NO_EXECUTE}]"))
		_, err := eksClient().UpdateNodegroupConfig(t.Context(), &eks.UpdateNodegroupConfigInput{ClusterName: aws.String(cluster), NodegroupName: aws.String(name),
			ScalingConfig: &ekstypes.NodegroupScalingConfig{MinSize: aws.Int32(1), MaxSize: aws.Int32(4), DesiredSize: aws.Int32(1)}})
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(3 * pollInterval)
		n, err := eksNodegroup(t.Context(), cluster, name)
		if err != nil || n == nil {
			t.Fatalf("node group not in moto: %v", err)
		}
		if got := aws.ToInt32(n.ScalingConfig.DesiredSize); got != 1 {
			t.Fatalf("desiredSize in moto is %d after 3 polls, want 1 (not managed)", got)
		}
		u := get(t, ng[0])
		if s, _ := eksCondition(u, "Synced"); s != "True" {
			t.Fatalf("node group not Synced: %v", u.Object["status"])
		}
	})

	t.Run("version upgrade", func(t *testing.T) {
		// Created without a version, the node group got moto's default
		// (1.19, older than its cluster) and the provider copied the version
		// (not the AMI release, which EKS moves on upgrades) into the spec.
		// Raising the version is one UpdateNodegroupVersion without a
		// release: EKS picks the version's latest, and the spec, which has
		// none, does not pull it back.
		cr := ng[0]
		if v, _, _ := unstructured.NestedString(get(t, cr).Object, "spec", "forProvider", "releaseVersion"); v != "" {
			t.Fatalf("spec.forProvider.releaseVersion %q late-initialized, want it unset", v)
		}
		before := apiCalls(t, "UpdateNodegroupVersion")
		eksPatch(t, cr, `{"spec":{"forProvider":{"version":"1.35"}}}`)
		waitFor(t, driftTimeout, "the node group at 1.35 in moto", func(ctx context.Context) (bool, error) {
			n, err := eksNodegroup(ctx, cluster, name)
			if err != nil || n == nil {
				return false, err
			}
			return aws.ToString(n.Version) == "1.35" && strings.HasPrefix(aws.ToString(n.ReleaseVersion), "1.35."), nil
		})
		eksWaitSettled(t, cr)
		if n := apiCalls(t, "UpdateNodegroupVersion") - before; n != 1 {
			t.Fatalf("UpdateNodegroupVersion calls: %v, want 1", n)
		}

		// A release version given is sent.
		eksPatch(t, cr, `{"spec":{"forProvider":{"releaseVersion":"1.35.0-20260101"}}}`)
		waitFor(t, driftTimeout, "the node group's AMI release in moto", func(ctx context.Context) (bool, error) {
			n, err := eksNodegroup(ctx, cluster, name)
			if err != nil || n == nil {
				return false, err
			}
			return aws.ToString(n.ReleaseVersion) == "1.35.0-20260101", nil
		})
		eksWaitSettled(t, cr)
		if n := apiCalls(t, "UpdateNodegroupVersion") - before; n != 2 {
			t.Fatalf("UpdateNodegroupVersion calls: %v, want 2", n)
		}

		// Newer than the cluster (1.35): EKS refuses it, the provider says so.
		eksPatch(t, cr, `{"spec":{"forProvider":{"version":"1.36"}}}`)
		waitFor(t, driftTimeout, "Synced=False with EKS's refusal", func(ctx context.Context) (bool, error) {
			u, err := stack.Get(ctx, cr)
			if err != nil {
				return false, nil //nolint:nilerr // Retried until the timeout.
			}
			st, msg := eksCondition(u, "Synced")
			return st == "False" && strings.Contains(msg, "InvalidParameterException") && strings.Contains(msg, "cluster with Kubernetes version 1.35"), nil
		})
		if n, err := eksNodegroup(t.Context(), cluster, name); err != nil || n == nil || aws.ToString(n.Version) != "1.35" {
			t.Fatalf("node group in moto after a refused update: %v, %v", n, err)
		}
		eksPatch(t, cr, `{"spec":{"forProvider":{"version":"1.35"}}}`)
		eksWaitSettled(t, cr)
	})

	t.Run("delete cluster and node group at once", func(t *testing.T) {
		cr := base[len(base)-1]
		if err := stack.Client.Delete(t.Context(), cr); err != nil {
			t.Fatal(err)
		}
		deleteAndWait(t, 2*time.Minute, ng[0])
		deleteAndWait(t, 2*time.Minute, cr)
		if n, err := eksNodegroup(t.Context(), cluster, name); err != nil || n != nil {
			t.Fatalf("node group still in moto: %v", err)
		}
		if c, err := eksDescribe(t.Context(), cluster); err != nil || c != nil {
			t.Fatalf("cluster still in moto: %v", err)
		}
	})

	for i := len(base) - 2; i >= 0; i-- {
		deleteAndWait(t, 2*time.Minute, base[i])
	}
}
