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

// eksAccessEntry returns the access entry as moto reports it, or nil when
// gone.
func eksAccessEntry(ctx context.Context, cluster, principal string) (*ekstypes.AccessEntry, error) {
	return eksFound(func(o *eks.DescribeAccessEntryOutput) *ekstypes.AccessEntry { return o.AccessEntry })(eksClient().DescribeAccessEntry(ctx, &eks.DescribeAccessEntryInput{ClusterName: aws.String(cluster), PrincipalArn: aws.String(principal)}))
}

// sortedGroups returns the Kubernetes groups of an access entry, sorted.
func sortedGroups(e *ekstypes.AccessEntry) []string {
	g := slices.Clone(e.KubernetesGroups)
	slices.Sort(g)
	return g
}

// eksAccessEntryRoleYAML is a principal: an IAM role of the provider.
func eksAccessEntryRoleYAML(name string) string {
	return fmt.Sprintf(`
apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata: {name: %s, namespace: default}
spec:
  forProvider:
    assumeRolePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}'
`, name)
}

// eksAccessEntryYAML is an access entry of the cluster e2e-eksae for the
// role e2e-eksae-admin (username and groups to fill in).
const eksAccessEntryYAML = `
apiVersion: eks.kaws.dev/v1alpha1
kind: AccessEntry
metadata: {name: e2e-eksae-admin, namespace: default}
spec:
  forProvider:
    region: us-east-1
    clusterNameRef: {name: e2e-eksae}
    principalArnRef: {name: e2e-eksae-admin}
    type: STANDARD
    username: %s
    kubernetesGroups: %s
    tags: {team: e2e}
`

func TestEKSAccessEntryLifecycle(t *testing.T) {
	// Its own cluster; the calls it counts are its kind's own, and it does
	// not restart the provider (TestEKSClusterLifecycle does: not parallel).
	t.Parallel()
	const cluster = "e2e-eksae"
	base := eksBase(t, cluster, 123)
	roles := apply(t, eksAccessEntryRoleYAML("e2e-eksae-admin"))
	waitReady(t, time.Minute, roles...)
	principal := eksAtProvider(t, roles[0], "arn")
	objs := apply(t, fmt.Sprintf(eksAccessEntryYAML, "platform", "[platform-viewers]"))
	waitReady(t, 2*time.Minute, objs...)
	cr := objs[0]

	e, err := eksAccessEntry(t.Context(), cluster, principal)
	if err != nil || e == nil {
		t.Fatalf("access entry of %s not in moto: %v", principal, err)
	}
	if aws.ToString(e.Type) != "STANDARD" || aws.ToString(e.Username) != "platform" || !slices.Equal(e.KubernetesGroups, []string{"platform-viewers"}) || e.Tags["team"] != "e2e" {
		t.Fatalf("access entry in moto is not as specified: %+v", e)
	}
	if got := eksAtProvider(t, cr, "arn"); got != aws.ToString(e.AccessEntryArn) {
		t.Fatalf("status.atProvider.arn %q, want %q", got, aws.ToString(e.AccessEntryArn))
	}
	if got := meta.GetExternalName(get(t, cr)); got != cluster+"/"+principal {
		t.Fatalf("external name %q, want %s/%s", got, cluster, principal)
	}

	t.Run("update username and groups", func(t *testing.T) {
		apply(t, fmt.Sprintf(eksAccessEntryYAML, "platform-admin", "[platform-viewers, platform-editors]"))
		waitFor(t, driftTimeout, "username and groups updated in moto", func(ctx context.Context) (bool, error) {
			e, err := eksAccessEntry(ctx, cluster, principal)
			if err != nil || e == nil {
				return false, err
			}
			return aws.ToString(e.Username) == "platform-admin" && slices.Equal(sortedGroups(e), []string{"platform-editors", "platform-viewers"}), nil
		})
		waitReady(t, driftTimeout, cr)
	})

	t.Run("drift corrected", func(t *testing.T) {
		_, err := eksClient().UpdateAccessEntry(t.Context(), &eks.UpdateAccessEntryInput{ClusterName: aws.String(cluster), PrincipalArn: aws.String(principal), KubernetesGroups: []string{}})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, driftTimeout, "groups restored in moto", func(ctx context.Context) (bool, error) {
			e, err := eksAccessEntry(ctx, cluster, principal)
			if err != nil || e == nil {
				return false, err
			}
			return slices.Equal(sortedGroups(e), []string{"platform-editors", "platform-viewers"}), nil
		})
	})

	deleteAndWait(t, 2*time.Minute, cr)
	if e, err := eksAccessEntry(t.Context(), cluster, principal); err != nil || e != nil {
		t.Fatalf("access entry still in moto after delete: %+v, %v", e, err)
	}
	eksDeleteAll(t, roles)
	eksDeleteAll(t, base)
}
