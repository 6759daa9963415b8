package e2e

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
)

// eksPodIdentity returns the pod identity association as moto reports it,
// or nil when gone.
func eksPodIdentity(ctx context.Context, cluster, id string) (*ekstypes.PodIdentityAssociation, error) {
	return eksFound(func(o *eks.DescribePodIdentityAssociationOutput) *ekstypes.PodIdentityAssociation {
		return o.Association
	})(eksClient().DescribePodIdentityAssociation(ctx, &eks.DescribePodIdentityAssociationInput{ClusterName: aws.String(cluster), AssociationId: aws.String(id)}))
}

// eksPodIdentityRolesYAML is the workload role (trusted by EKS Pod
// Identity) and a target role it may chain to.
const eksPodIdentityRolesYAML = `
apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata: {name: e2e-ekspia-app, namespace: default}
spec:
  forProvider:
    assumeRolePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}'
---
apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata: {name: e2e-ekspia-target, namespace: default}
spec:
  forProvider:
    assumeRolePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["sts:AssumeRole","sts:TagSession"]}]}'
`

// eksPodIdentityYAML is the association of the service account apps/<name>
// of the cluster e2e-ekspia with the role e2e-ekspia-app; the rest of
// forProvider is to fill in.
const eksPodIdentityYAML = `
apiVersion: eks.kaws.dev/v1alpha1
kind: PodIdentityAssociation
metadata: {name: e2e-ekspia-%[1]s, namespace: default}
spec:
  forProvider:
    region: us-east-1
    clusterNameRef: {name: e2e-ekspia}
    namespace: apps
    serviceAccount: %[1]s
    roleArnRef: {name: e2e-ekspia-app}
    tags: {team: e2e}
%[2]s`

var associationID = regexp.MustCompile(`^a-[a-z0-9]{17}$`)

func TestEKSPodIdentityAssociationLifecycle(t *testing.T) {
	// Its own cluster; the calls it counts are its kind's own, and it does
	// not restart the provider (TestEKSClusterLifecycle does: not parallel).
	t.Parallel()
	const cluster = "e2e-ekspia"
	base := eksBase(t, cluster, 125)
	roles := apply(t, eksPodIdentityRolesYAML)
	waitReady(t, time.Minute, roles...)
	appRole, targetRole := eksAtProvider(t, roles[0], "arn"), eksAtProvider(t, roles[1], "arn")
	objs := apply(t, fmt.Sprintf(eksPodIdentityYAML, "app", ""))
	waitReady(t, 2*time.Minute, objs...)
	cr := objs[0]

	// The external name is the ID EKS assigned.
	id := meta.GetExternalName(get(t, cr))
	if !associationID.MatchString(id) {
		t.Fatalf("external name %q is not an association ID", id)
	}
	a, err := eksPodIdentity(t.Context(), cluster, id)
	if err != nil || a == nil {
		t.Fatalf("association %s not in moto: %v", id, err)
	}
	if aws.ToString(a.Namespace) != "apps" || aws.ToString(a.ServiceAccount) != "app" || aws.ToString(a.RoleArn) != appRole ||
		aws.ToString(a.TargetRoleArn) != "" || aws.ToBool(a.DisableSessionTags) || a.Tags["team"] != "e2e" {
		t.Fatalf("association in moto is not as specified (role %s): %+v", appRole, a)
	}
	if eksAtProvider(t, cr, "associationId") != id || eksAtProvider(t, cr, "arn") != aws.ToString(a.AssociationArn) {
		t.Fatalf("status.atProvider is not the association's: %v", get(t, cr).Object["status"])
	}

	t.Run("update target role and session tags", func(t *testing.T) {
		apply(t, fmt.Sprintf(eksPodIdentityYAML, "app", "    targetRoleArn: "+targetRole+"\n    disableSessionTags: true\n"))
		var ext string
		waitFor(t, driftTimeout, "target role and session tags updated in moto", func(ctx context.Context) (bool, error) {
			a, err := eksPodIdentity(ctx, cluster, id)
			if err != nil || a == nil {
				return false, err
			}
			ext = aws.ToString(a.ExternalId)
			return aws.ToString(a.TargetRoleArn) == targetRole && aws.ToBool(a.DisableSessionTags) && ext != "", nil
		})
		waitFor(t, driftTimeout, "the external ID in the status", func(ctx context.Context) (bool, error) {
			u, err := stack.Get(ctx, cr)
			if err != nil {
				return false, nil //nolint:nilerr // Retried until the timeout.
			}
			got, _, _ := unstructuredString(u, "status", "atProvider", "externalId")
			return got == ext, nil
		})
		waitReady(t, driftTimeout, cr)
	})

	t.Run("drift corrected", func(t *testing.T) {
		_, err := eksClient().UpdatePodIdentityAssociation(t.Context(), &eks.UpdatePodIdentityAssociationInput{ClusterName: aws.String(cluster), AssociationId: aws.String(id),
			DisableSessionTags: aws.Bool(false)})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, driftTimeout, "session tags disabled again in moto", func(ctx context.Context) (bool, error) {
			a, err := eksPodIdentity(ctx, cluster, id)
			if err != nil || a == nil {
				return false, err
			}
			return aws.ToBool(a.DisableSessionTags), nil
		})
	})

	t.Run("existing association adopted", func(t *testing.T) {
		// An association made outside the provider is found by its service
		// account and adopted, not created again.
		out, err := eksClient().CreatePodIdentityAssociation(t.Context(), &eks.CreatePodIdentityAssociationInput{ClusterName: aws.String(cluster),
			Namespace: aws.String("apps"), ServiceAccount: aws.String("worker"), RoleArn: aws.String(appRole), Tags: map[string]string{"team": "e2e"}})
		if err != nil {
			t.Fatal(err)
		}
		before := apiCalls(t, "CreatePodIdentityAssociation")
		adopted := apply(t, fmt.Sprintf(eksPodIdentityYAML, "worker", ""))
		waitReady(t, 2*time.Minute, adopted...)
		if got, want := meta.GetExternalName(get(t, adopted[0])), aws.ToString(out.Association.AssociationId); got != want {
			t.Fatalf("external name %q, want the existing association %s", got, want)
		}
		if n := apiCalls(t, "CreatePodIdentityAssociation") - before; n != 0 {
			t.Fatalf("CreatePodIdentityAssociation called %v times for an existing association", n)
		}
		deleteAndWait(t, 2*time.Minute, adopted[0])
		if a, err := eksPodIdentity(t.Context(), cluster, aws.ToString(out.Association.AssociationId)); err != nil || a != nil {
			t.Fatalf("adopted association still in moto after delete: %+v, %v", a, err)
		}
	})

	deleteAndWait(t, 2*time.Minute, cr)
	if a, err := eksPodIdentity(t.Context(), cluster, id); err != nil || a != nil {
		t.Fatalf("association still in moto after delete: %+v, %v", a, err)
	}
	eksDeleteAll(t, roles)
	eksDeleteAll(t, base)
}
