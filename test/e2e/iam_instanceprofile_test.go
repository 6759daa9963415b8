package e2e

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
)

func iamInstanceProfileYAML(role, extra string) string {
	return `apiVersion: iam.kaws.dev/v1alpha1
kind: InstanceProfile
metadata:
  name: e2e-iam-profile
  namespace: default
spec:
  forProvider:
    path: /e2e/
    roleNameRef: {name: ` + role + `}
    tags: {team: platform}
` + extra
}

func iamProfileRole(ctx context.Context) (string, map[string]string, error) {
	out, err := iamClient().GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("e2e-iam-profile")})
	if err != nil {
		return "", nil, err
	}
	role := ""
	if len(out.InstanceProfile.Roles) > 0 {
		role = aws.ToString(out.InstanceProfile.Roles[0].RoleName)
	}
	return role, iamkit.FromTags(out.InstanceProfile.Tags), nil
}

func TestIAMInstanceProfileLifecycle(t *testing.T) {
	ctx := t.Context()
	roles := apply(t, `apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata:
  name: e2e-iam-profile-a
  namespace: default
spec:
  forProvider:
    assumeRolePolicy: '`+iamEKSTrust+`'
---
apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata:
  name: e2e-iam-profile-b
  namespace: default
spec:
  forProvider:
    assumeRolePolicy: '`+iamEKSTrust+`'
`)
	objs := apply(t, iamInstanceProfileYAML("e2e-iam-profile-a", ""))
	waitReady(t, readyTimeout, append(objs, roles...)...)

	if role, tags, err := iamProfileRole(ctx); err != nil || role != "e2e-iam-profile-a" || tags["team"] != "platform" {
		t.Fatalf("instance profile in moto: role %q, tags %v, %v", role, tags, err)
	}

	// Update: the other role. A resolved reference is not resolved again
	// (resolve policy IfNotPresent), so roleName is set with the new reference.
	apply(t, iamInstanceProfileYAML("e2e-iam-profile-b", "    roleName: e2e-iam-profile-b\n"))
	waitFor(t, driftTimeout, "role e2e-iam-profile-b in the instance profile", func(ctx context.Context) (bool, error) {
		role, _, err := iamProfileRole(ctx)
		return role == "e2e-iam-profile-b", err
	})

	// Out of band: remove the role and the tag. The provider restores both.
	if _, err := iamClient().RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{
		InstanceProfileName: aws.String("e2e-iam-profile"), RoleName: aws.String("e2e-iam-profile-b")}); err != nil {
		t.Fatal(err)
	}
	if _, err := iamClient().UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: aws.String("e2e-iam-profile"), TagKeys: []string{"team"}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the provider to revert the out-of-band changes", func(ctx context.Context) (bool, error) {
		role, tags, err := iamProfileRole(ctx)
		return role == "e2e-iam-profile-b" && tags["team"] == "platform", err
	})

	// Delete: the role is removed and the instance profile deleted; then the roles.
	deleteAndWait(t, goneTimeout, objs[0])
	if _, err := iamClient().GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("e2e-iam-profile")}); !iamkit.IsNotFound(err) {
		t.Fatalf("instance profile still in moto after delete: %v", err)
	}
	for _, r := range roles {
		deleteAndWait(t, goneTimeout, r)
	}
}
