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

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
)

// eksAddon returns the add-on as moto reports it, or nil when gone.
func eksAddon(ctx context.Context, cluster, name string) (*ekstypes.Addon, error) {
	return eksFound(func(o *eks.DescribeAddonOutput) *ekstypes.Addon { return o.Addon })(eksClient().DescribeAddon(ctx, &eks.DescribeAddonInput{ClusterName: aws.String(cluster), AddonName: aws.String(name)}))
}

// eksAddonYAML is the add-on's IRSA role and the add-on (version and
// configuration values to fill in) of the cluster e2e-eksaddon.
const eksAddonYAML = `
apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata: {name: e2e-eksaddon-cni, namespace: default}
spec:
  forProvider:
    assumeRolePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}'
---
apiVersion: eks.kaws.dev/v1alpha1
kind: Addon
metadata: {name: e2e-eksaddon-vpc-cni, namespace: default}
spec:
  forProvider:
    region: us-east-1
    clusterNameRef: {name: e2e-eksaddon}
    addonName: vpc-cni
    addonVersion: %s
    serviceAccountRoleArnRef: {name: e2e-eksaddon-cni}
    configurationValues: '%s'
    resolveConflicts: OVERWRITE
    tags: {team: e2e}
`

func TestEKSAddonLifecycle(t *testing.T) {
	// Its own cluster; the calls it counts are its kind's own, and it does
	// not restart the provider (TestEKSClusterLifecycle does: not parallel).
	t.Parallel()
	const cluster, name = "e2e-eksaddon", "vpc-cni"
	base := eksBase(t, cluster, 122)
	objs := apply(t, fmt.Sprintf(eksAddonYAML, "v1.19.0-eksbuild.1", `{"env": {"ENABLE_PREFIX_DELEGATION": "true"}}`))
	waitReady(t, 2*time.Minute, objs...)
	role, cr := objs[0], objs[1]

	a, err := eksAddon(t.Context(), cluster, name)
	if err != nil || a == nil {
		t.Fatalf("add-on not in moto: %v", err)
	}
	roleARN := eksAtProvider(t, role, "arn")
	if a.Status != ekstypes.AddonStatusActive || aws.ToString(a.AddonVersion) != "v1.19.0-eksbuild.1" || aws.ToString(a.ServiceAccountRoleArn) != roleARN ||
		!sameJSON(aws.ToString(a.ConfigurationValues), `{"env": {"ENABLE_PREFIX_DELEGATION": "true"}}`) || a.Tags["team"] != "e2e" {
		t.Fatalf("add-on in moto is not as specified (role %s): %+v", roleARN, a)
	}
	u := get(t, cr)
	if got := eksAtProvider(t, cr, "arn"); got != aws.ToString(a.AddonArn) {
		t.Fatalf("status.atProvider.arn %q, want %q", got, aws.ToString(a.AddonArn))
	}
	if got := eksAtProvider(t, cr, "status"); got != "ACTIVE" {
		t.Fatalf("status.atProvider.status %q, want ACTIVE", got)
	}
	if got := meta.GetExternalName(u); got != cluster+"/"+name {
		t.Fatalf("external name %q, want %s/%s", got, cluster, name)
	}

	t.Run("update version and configuration", func(t *testing.T) {
		before := apiCalls(t, "UpdateAddon")
		apply(t, fmt.Sprintf(eksAddonYAML, "v1.20.0-eksbuild.1", `{"env": {"ENABLE_PREFIX_DELEGATION": "false"}}`))
		waitFor(t, driftTimeout, "version and configuration updated in moto", func(ctx context.Context) (bool, error) {
			a, err := eksAddon(ctx, cluster, name)
			if err != nil || a == nil {
				return false, err
			}
			return aws.ToString(a.AddonVersion) == "v1.20.0-eksbuild.1" && sameJSON(aws.ToString(a.ConfigurationValues), `{"env": {"ENABLE_PREFIX_DELEGATION": "false"}}`), nil
		})
		eksWaitSettled(t, cr)
		if n := apiCalls(t, "UpdateAddon") - before; n != 1 {
			t.Fatalf("UpdateAddon calls: %v, want 1 (version and configuration together)", n)
		}
	})

	t.Run("drift corrected", func(t *testing.T) {
		_, err := eksClient().UpdateAddon(t.Context(), &eks.UpdateAddonInput{ClusterName: aws.String(cluster), AddonName: aws.String(name),
			ConfigurationValues: aws.String(`{"env": {"WARM_IP_TARGET": "5"}}`)})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, driftTimeout, "configuration restored in moto", func(ctx context.Context) (bool, error) {
			a, err := eksAddon(ctx, cluster, name)
			if err != nil || a == nil {
				return false, err
			}
			return sameJSON(aws.ToString(a.ConfigurationValues), `{"env": {"ENABLE_PREFIX_DELEGATION": "false"}}`), nil
		})
		eksWaitSettled(t, cr)
	})

	t.Run("listed", func(t *testing.T) {
		// The Cluster controller lists the add-ons of a cluster whose
		// deletion EKS refuses, to name them.
		out, err := eksClient().ListAddons(t.Context(), &eks.ListAddonsInput{ClusterName: aws.String(cluster)})
		if err != nil {
			t.Fatal(err)
		}
		if !cmp.Equal(out.Addons, []string{name}) {
			t.Fatalf("ListAddons %v, want [%s]", out.Addons, name)
		}
	})

	deleteAndWait(t, 2*time.Minute, cr)
	if a, err := eksAddon(t.Context(), cluster, name); err != nil || a != nil {
		t.Fatalf("add-on still in moto after delete: %+v, %v", a, err)
	}
	deleteAndWait(t, 2*time.Minute, role)
	eksDeleteAll(t, base)
}

// sameJSON says whether two JSON documents are equal, ignoring spacing.
func sameJSON(a, b string) bool {
	compact := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return compact(a) == compact(b)
}
