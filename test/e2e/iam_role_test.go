package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
)

const iamEKSTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// iamEKSTrustReordered means the same as iamEKSTrust, written differently.
const iamEKSTrustReordered = `{
      "Statement": [ { "Action": ["sts:AssumeRole"],
                       "Principal": { "Service": "eks.amazonaws.com" },
                       "Effect": "Allow" } ],
      "Version": "2012-10-17" }`

const iamDescribePolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}`

func iamRoleYAML(name, trust string, maxSession int, tags, inline string) string {
	return fmt.Sprintf(`apiVersion: iam.kaws.dev/v1alpha1
kind: Role
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    assumeRolePolicy: '%s'
    maxSessionDuration: %d
    tags: {%s}
%s`, name, strings.ReplaceAll(trust, "\n", " "), maxSession, tags, inline)
}

func iamGetRole(ctx context.Context, name string) (*iam.GetRoleOutput, error) {
	return iamClient().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
}

func TestIAMRoleLifecycle(t *testing.T) {
	const name = "e2e-iam-role"
	ctx := t.Context()
	objs := apply(t, iamRoleYAML(name, iamEKSTrust, 3600, "team: platform", ""))
	waitReady(t, readyTimeout, objs...)

	// Created in moto as written.
	out, err := iamGetRole(ctx, name)
	if err != nil {
		t.Fatalf("GetRole: %v", err)
	}
	if got := iamkit.DecodeDocument(aws.ToString(out.Role.AssumeRolePolicyDocument)); !policy.Equal(got, iamEKSTrust) {
		t.Errorf("assume role policy in moto: %s", got)
	}
	if got := aws.ToInt32(out.Role.MaxSessionDuration); got != 3600 {
		t.Errorf("maxSessionDuration in moto: %d, want 3600", got)
	}
	if got := iamkit.FromTags(out.Role.Tags); !cmp.Equal(got, map[string]string{"team": "platform"}) {
		t.Errorf("tags in moto: %v", got)
	}
	if arn := get(t, objs[0]).Object["status"].(map[string]any)["atProvider"].(map[string]any)["arn"]; arn != aws.ToString(out.Role.Arn) {
		t.Errorf("status.atProvider.arn %v, want %s", arn, aws.ToString(out.Role.Arn))
	}

	// Update: maxSessionDuration, a tag and an inline policy.
	inline := "    inlinePolicies:\n      - name: describe\n        policy: '" + iamDescribePolicy + "'\n"
	apply(t, iamRoleYAML(name, iamEKSTrust, 7200, "team: platform, env: dev", inline))
	waitFor(t, driftTimeout, "maxSessionDuration 7200, tag env and the inline policy in moto", func(ctx context.Context) (bool, error) {
		out, err := iamGetRole(ctx, name)
		if err != nil {
			return false, err
		}
		ip, err := iamClient().GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String("describe")})
		if iamkit.IsNotFound(err) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		return aws.ToInt32(out.Role.MaxSessionDuration) == 7200 && iamkit.FromTags(out.Role.Tags)["env"] == "dev" &&
			policy.Equal(iamkit.DecodeDocument(aws.ToString(ip.PolicyDocument)), iamDescribePolicy), nil
	})
	waitReady(t, readyTimeout, objs...)

	// Out of band: remove a tag and change the trust policy. The provider reverts both.
	if _, err := iamClient().UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String(name), TagKeys: []string{"env"}}); err != nil {
		t.Fatal(err)
	}
	other := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	if _, err := iamClient().UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String(name), PolicyDocument: aws.String(other)}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	waitFor(t, driftTimeout, "the provider to revert the out-of-band changes", func(ctx context.Context) (bool, error) {
		out, err := iamGetRole(ctx, name)
		if err != nil {
			return false, err
		}
		return iamkit.FromTags(out.Role.Tags)["env"] == "dev" &&
			policy.Equal(iamkit.DecodeDocument(aws.ToString(out.Role.AssumeRolePolicyDocument)), iamEKSTrust), nil
	})
	t.Logf("drift corrected in %s", time.Since(start).Round(100*time.Millisecond))
	waitReady(t, readyTimeout, objs...)

	// The same trust policy with other key order, list form and whitespace
	// is no change: no UpdateAssumeRolePolicy over several polls.
	before := apiCalls(t, "UpdateAssumeRolePolicy")
	apply(t, iamRoleYAML(name, iamEKSTrustReordered, 7200, "team: platform, env: dev", inline))
	time.Sleep(3 * pollInterval)
	waitReady(t, readyTimeout, objs...)
	if after := apiCalls(t, "UpdateAssumeRolePolicy"); after != before {
		t.Errorf("UpdateAssumeRolePolicy calls grew from %v to %v after re-applying an equal policy", before, after)
	}

	// Delete: gone from moto, with its inline policy.
	deleteAndWait(t, goneTimeout, objs[0])
	if _, err := iamGetRole(ctx, name); !iamkit.IsNotFound(err) {
		t.Fatalf("role still in moto after delete: %v", err)
	}
}

func TestIAMRoleInvalidPolicy(t *testing.T) {
	ctx := t.Context()
	// Not JSON: rejected by the provider before any AWS call.
	objs := apply(t, iamRoleYAML("e2e-iam-bad-json", `{"Version": "2012-10-17", "Statement": [`, 3600, "", ""))
	iamWaitSyncedMessage(t, objs[0], "spec.forProvider.assumeRolePolicy is not a valid JSON policy document")
	if _, err := iamGetRole(ctx, "e2e-iam-bad-json"); !iamkit.IsNotFound(err) {
		t.Errorf("a role with an invalid policy exists in moto: %v", err)
	}
	deleteAndWait(t, goneTimeout, objs[0])

	// JSON, but not a valid policy: real IAM answers MalformedPolicyDocument,
	// which the provider surfaces with its code (unit-tested for roles;
	// TestIAMPolicyLifecycle checks it end to end for a Policy).
	t.Log("moto 5.2.1 does not validate trust policies: CreateRole accepts a malformed AssumeRolePolicyDocument, so MalformedPolicyDocument for a Role is covered by unit tests")
}
