package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
)

func iamPolicyDoc(bucket string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + bucket + `/*"}]}`
}

func iamPolicyYAML(name, doc, tags string) string {
	return fmt.Sprintf(`apiVersion: iam.kaws.dev/v1alpha1
kind: Policy
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    description: e2e policy
    document: '%s'
    tags: {%s}
`, name, doc, tags)
}

// iamStatusARN returns status.atProvider.arn of an object, or "".
func iamStatusARN(t *testing.T, o *unstructured.Unstructured) string {
	t.Helper()
	arn, _, _ := unstructured.NestedString(get(t, o).Object, "status", "atProvider", "arn")
	return arn
}

// iamDefaultDocument returns the default version's document of a policy.
func iamDefaultDocument(ctx context.Context, arn string) (string, error) {
	p, err := iamClient().GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
	if err != nil {
		return "", err
	}
	v, err := iamClient().GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: p.Policy.DefaultVersionId})
	if err != nil {
		return "", err
	}
	return iamkit.DecodeDocument(aws.ToString(v.PolicyVersion.Document)), nil
}

func TestIAMPolicyLifecycle(t *testing.T) {
	const name = "e2e-iam-policy"
	ctx := t.Context()
	objs := apply(t, iamPolicyYAML(name, iamPolicyDoc("b0"), "team: platform"))
	waitReady(t, readyTimeout, objs...)

	arn := iamStatusARN(t, objs[0])
	if arn != "arn:aws:iam::123456789012:policy/"+name {
		t.Fatalf("status.atProvider.arn = %q", arn)
	}
	if d, err := iamDefaultDocument(ctx, arn); err != nil || !policy.Equal(d, iamPolicyDoc("b0")) {
		t.Fatalf("default document in moto: %s, %v", d, err)
	}

	// Six document changes: each becomes the new default version, and AWS's
	// limit of five versions is respected by deleting the oldest.
	for i := 1; i <= 6; i++ {
		want := iamPolicyDoc(fmt.Sprintf("b%d", i))
		apply(t, iamPolicyYAML(name, want, "team: platform"))
		waitFor(t, driftTimeout, fmt.Sprintf("document change %d as the default version in moto", i), func(ctx context.Context) (bool, error) {
			d, err := iamDefaultDocument(ctx, arn)
			return policy.Equal(d, want), err
		})
	}
	vs, err := iamClient().ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(vs.Versions); n > 5 {
		t.Errorf("policy has %d versions after 6 changes, want at most 5", n)
	}
	t.Logf("%d versions after 6 document changes", len(vs.Versions))
	waitReady(t, readyTimeout, objs...)

	// Out of band: remove the tag. The provider puts it back.
	if _, err := iamClient().UntagPolicy(ctx, &iam.UntagPolicyInput{PolicyArn: aws.String(arn), TagKeys: []string{"team"}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the provider to restore the tag", func(ctx context.Context) (bool, error) {
		p, err := iamClient().GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
		if err != nil {
			return false, err
		}
		return iamkit.FromTags(p.Policy.Tags)["team"] == "platform", nil
	})

	// The same document written differently: no new version.
	before := apiCalls(t, "CreatePolicyVersion")
	apply(t, iamPolicyYAML(name, `{ "Statement": [ { "Resource": ["arn:aws:s3:::b6/*"], "Action": ["s3:GetObject"], "Effect": "Allow" } ], "Version": "2012-10-17" }`, "team: platform"))
	time.Sleep(3 * pollInterval)
	waitReady(t, readyTimeout, objs...)
	if after := apiCalls(t, "CreatePolicyVersion"); after != before {
		t.Errorf("CreatePolicyVersion calls grew from %v to %v after re-applying an equal document", before, after)
	}

	// Delete: gone from moto, with its versions.
	deleteAndWait(t, goneTimeout, objs[0])
	if _, err := iamClient().GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(arn)}); !iamkit.IsNotFound(err) {
		t.Fatalf("policy still in moto after delete: %v", err)
	}

	// JSON that is not a valid policy: AWS's MalformedPolicyDocument is surfaced.
	bad := apply(t, iamPolicyYAML("e2e-iam-policy-malformed", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}`, ""))
	iamWaitSyncedMessage(t, bad[0], "cannot create IAM policy", "MalformedPolicyDocument")
	deleteAndWait(t, goneTimeout, bad[0])

	// Not JSON: rejected before any AWS call.
	notJSON := apply(t, iamPolicyYAML("e2e-iam-policy-not-json", `{"Version":`, ""))
	iamWaitSyncedMessage(t, notJSON[0], "spec.forProvider.document is not a valid JSON policy document")
	deleteAndWait(t, goneTimeout, notJSON[0])
}
