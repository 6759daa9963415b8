package e2e

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
)

const iamEKSClusterPolicy = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"

// iamAttached returns the ARNs of the managed policies attached to a role.
func iamAttached(ctx context.Context, role string) (map[string]bool, error) {
	out, err := iamClient().ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
	if err != nil {
		return nil, err
	}
	m := map[string]bool{}
	for _, p := range out.AttachedPolicies {
		m[aws.ToString(p.PolicyArn)] = true
	}
	return m, nil
}

func TestIAMRolePolicyAttachmentLifecycle(t *testing.T) {
	const role = "e2e-iam-rpa-role"
	ctx := t.Context()
	objs := apply(t, `apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata:
  name: `+role+`
  namespace: default
  labels: {e2e: rpa}
spec:
  forProvider:
    assumeRolePolicy: '`+iamEKSTrust+`'
---
apiVersion: iam.kaws.dev/v1alpha1
kind: Policy
metadata:
  name: e2e-iam-rpa-policy
  namespace: default
spec:
  forProvider:
    document: '`+iamDescribePolicy+`'
---
apiVersion: iam.kaws.dev/v1alpha1
kind: RolePolicyAttachment
metadata:
  name: e2e-iam-rpa-own
  namespace: default
spec:
  forProvider:
    roleNameRef: {name: `+role+`}
    policyArnRef: {name: e2e-iam-rpa-policy}
---
apiVersion: iam.kaws.dev/v1alpha1
kind: RolePolicyAttachment
metadata:
  name: e2e-iam-rpa-managed
  namespace: default
spec:
  forProvider:
    roleNameSelector:
      matchLabels: {e2e: rpa}
    policyArn: `+iamEKSClusterPolicy+`
`)
	roleObj, policyObj, own, managedAttachment := objs[0], objs[1], objs[2], objs[3]
	waitReady(t, readyTimeout, objs...)

	policyARN := iamStatusARN(t, policyObj)
	got, err := iamAttached(ctx, role)
	if err != nil || !got[policyARN] || !got[iamEKSClusterPolicy] {
		t.Fatalf("attached policies in moto: %v, %v; want %s and %s", got, err, policyARN, iamEKSClusterPolicy)
	}
	if en := get(t, managedAttachment).GetAnnotations()["crossplane.io/external-name"]; en != role+"/"+iamEKSClusterPolicy {
		t.Errorf("external name %q, want %q", en, role+"/"+iamEKSClusterPolicy)
	}

	// Out of band: detach the AWS-managed policy. The provider re-attaches it.
	if _, err := iamClient().DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(iamEKSClusterPolicy)}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the provider to re-attach "+iamEKSClusterPolicy, func(ctx context.Context) (bool, error) {
		got, err := iamAttached(ctx, role)
		return got[iamEKSClusterPolicy], err
	})

	// An unknown policy ARN: Synced=False with AWS's NoSuchEntity.
	unknown := apply(t, `apiVersion: iam.kaws.dev/v1alpha1
kind: RolePolicyAttachment
metadata:
  name: e2e-iam-rpa-unknown
  namespace: default
spec:
  forProvider:
    roleName: `+role+`
    policyArn: arn:aws:iam::123456789012:policy/does-not-exist
`)
	iamWaitSyncedMessage(t, unknown[0], "cannot attach policy", "NoSuchEntity")
	deleteAndWait(t, goneTimeout, unknown[0])

	// Deleting the Role while policies are attached: the condition names them.
	if err := stack.Client.Delete(ctx, roleObj); err != nil {
		t.Fatal(err)
	}
	iamWaitSyncedMessage(t, roleObj, "DeleteConflict", iamEKSClusterPolicy, policyARN, "retried")

	// Delete the attachments: the role and the policy go too.
	deleteAndWait(t, goneTimeout, own)
	deleteAndWait(t, goneTimeout, managedAttachment)
	deleteAndWait(t, goneTimeout, roleObj)
	deleteAndWait(t, goneTimeout, policyObj)
	if _, err := iamClient().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)}); !iamkit.IsNotFound(err) {
		t.Fatalf("role still in moto after delete: %v", err)
	}
	if _, err := iamClient().GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(policyARN)}); !iamkit.IsNotFound(err) {
		t.Fatalf("policy still in moto after delete: %v", err)
	}
}
