package e2e

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
)

// The access policies TestEKSAccessPolicyAssociationLifecycle associates.
const (
	eksAdminPolicy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
	eksViewPolicy  = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
)

// eksAccessScopes returns the scopes of the access policies associated with
// a principal's access entry, by policy ARN, as "type" or
// "namespace:ns1,ns2" (namespaces sorted).
func eksAccessScopes(ctx context.Context, cluster, principal string) (map[string]string, error) {
	out, err := eksClient().ListAssociatedAccessPolicies(ctx, &eks.ListAssociatedAccessPoliciesInput{ClusterName: aws.String(cluster), PrincipalArn: aws.String(principal)})
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, p := range out.AssociatedAccessPolicies {
		m[aws.ToString(p.PolicyArn)] = scopeString(p.AccessScope)
	}
	return m, nil
}

func scopeString(s *ekstypes.AccessScope) string {
	if s == nil {
		return ""
	}
	if s.Type != ekstypes.AccessScopeTypeNamespace {
		return string(s.Type)
	}
	ns := slices.Clone(s.Namespaces)
	slices.Sort(ns)
	return fmt.Sprintf("namespace:%v", ns)
}

// eksAccessPolicyYAML is the access entry of the role e2e-eksapa-admin in
// the cluster e2e-eksapa with two access policies: cluster admin for the
// whole cluster, and view for namespaces (to fill in).
const eksAccessPolicyYAML = `
apiVersion: eks.kaws.dev/v1alpha1
kind: AccessEntry
metadata: {name: e2e-eksapa-admin, namespace: default}
spec:
  forProvider:
    region: us-east-1
    clusterNameRef: {name: e2e-eksapa}
    principalArnRef: {name: e2e-eksapa-admin}
---
apiVersion: eks.kaws.dev/v1alpha1
kind: AccessPolicyAssociation
metadata: {name: e2e-eksapa-admin-cluster, namespace: default}
spec:
  forProvider:
    region: us-east-1
    clusterNameRef: {name: e2e-eksapa}
    principalArnRef: {name: e2e-eksapa-admin}
    policyArn: ` + eksAdminPolicy + `
    accessScope: {type: cluster}
---
apiVersion: eks.kaws.dev/v1alpha1
kind: AccessPolicyAssociation
metadata: {name: e2e-eksapa-admin-view, namespace: default}
spec:
  forProvider:
    region: us-east-1
    clusterNameRef: {name: e2e-eksapa}
    principalArnRef: {name: e2e-eksapa-admin}
    policyArn: ` + eksViewPolicy + `
    accessScope: {type: namespace, namespaces: %s}
`

func TestEKSAccessPolicyAssociationLifecycle(t *testing.T) {
	// Its own cluster; the calls it counts are its kind's own, and it does
	// not restart the provider (TestEKSClusterLifecycle does: not parallel).
	t.Parallel()
	const cluster = "e2e-eksapa"
	base := eksBase(t, cluster, 124)
	roles := apply(t, eksAccessEntryRoleYAML("e2e-eksapa-admin"))
	waitReady(t, time.Minute, roles...)
	principal := eksAtProvider(t, roles[0], "arn")
	objs := apply(t, fmt.Sprintf(eksAccessPolicyYAML, "[team-a]"))
	waitReady(t, 2*time.Minute, objs...)
	entry, admin, view := objs[0], objs[1], objs[2]

	got, err := eksAccessScopes(t.Context(), cluster, principal)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{eksAdminPolicy: "cluster", eksViewPolicy: "namespace:[team-a]"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("access policies in moto %v, want %v", got, want)
	}
	if at := eksAtProvider(t, admin, "associatedAt"); at == "" {
		t.Fatalf("status.atProvider.associatedAt is not set: %v", get(t, admin).Object["status"])
	}
	if got := meta.GetExternalName(get(t, view)); got != cluster+"/"+principal+"/"+eksViewPolicy {
		t.Fatalf("external name %q, want %s/%s/%s", got, cluster, principal, eksViewPolicy)
	}

	t.Run("update scope", func(t *testing.T) {
		apply(t, fmt.Sprintf(eksAccessPolicyYAML, "[team-a, team-b]"))
		waitFor(t, driftTimeout, "the view scope updated in moto", func(ctx context.Context) (bool, error) {
			got, err := eksAccessScopes(ctx, cluster, principal)
			return err == nil && got[eksViewPolicy] == "namespace:[team-a team-b]" && got[eksAdminPolicy] == "cluster", err
		})
		waitReady(t, driftTimeout, view)
	})

	t.Run("drift corrected", func(t *testing.T) {
		_, err := eksClient().AssociateAccessPolicy(t.Context(), &eks.AssociateAccessPolicyInput{ClusterName: aws.String(cluster), PrincipalArn: aws.String(principal),
			PolicyArn: aws.String(eksViewPolicy), AccessScope: &ekstypes.AccessScope{Type: ekstypes.AccessScopeTypeCluster}})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, driftTimeout, "the view scope restored in moto", func(ctx context.Context) (bool, error) {
			got, err := eksAccessScopes(ctx, cluster, principal)
			return err == nil && got[eksViewPolicy] == "namespace:[team-a team-b]", err
		})
	})

	t.Run("disassociated on delete", func(t *testing.T) {
		deleteAndWait(t, 2*time.Minute, view)
		got, err := eksAccessScopes(t.Context(), cluster, principal)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string]string{eksAdminPolicy: "cluster"}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("access policies in moto after deleting the view association %v, want %v", got, want)
		}
	})

	deleteAndWait(t, 2*time.Minute, admin)
	if got, err := eksAccessScopes(t.Context(), cluster, principal); err != nil || len(got) != 0 {
		t.Fatalf("access policies in moto after deleting both: %v, %v", got, err)
	}
	deleteAndWait(t, 2*time.Minute, entry)
	eksDeleteAll(t, roles)
	eksDeleteAll(t, base)
}
