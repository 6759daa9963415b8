package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/kmskit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// kmsClient returns a KMS client for moto in us-east-1.
func kmsClient() *kms.Client { return kms.NewFromConfig(stack.AWSConfig("us-east-1")) }

// kmsPolicy is a key policy that gives the account root full access (what
// AWS's default policy does); kmsPolicyReordered means the same.
const (
	kmsPolicy          = `{"Version":"2012-10-17","Statement":[{"Sid":"root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`
	kmsPolicyReordered = `{"Statement":{"Resource":"*","Action":["kms:*"],"Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Effect":"Allow","Sid":"root"},"Version":"2012-10-17"}`
	kmsOtherPolicy     = `{"Version":"2012-10-17","Statement":[{"Sid":"other","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:Describe*","Resource":"*"}]}`
)

// kmsKeyYAML is a Key named name with the given forProvider lines (indented
// by four spaces) after its region.
func kmsKeyYAML(name, annotations, forProvider string) string {
	return fmt.Sprintf(`apiVersion: kms.kaws.dev/v1alpha1
kind: Key
metadata:
  name: %s
  namespace: default
  annotations: {%s}
spec:
  forProvider:
    region: us-east-1
%s`, name, annotations, forProvider)
}

// kmsAtProvider returns status.atProvider.<field> of o.
func kmsAtProvider(t *testing.T, o *unstructured.Unstructured, field string) string {
	t.Helper()
	s, _, _ := unstructured.NestedString(get(t, o).Object, "status", "atProvider", field)
	return s
}

// kmsKey returns the key's metadata in moto.
func kmsKey(ctx context.Context, id string) (*types.KeyMetadata, error) {
	out, err := kmsClient().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	if err != nil {
		return nil, err
	}
	return out.KeyMetadata, nil
}

// kmsKeyTags returns the key's tags in moto.
func kmsKeyTags(ctx context.Context, id string) (map[string]string, error) {
	out, err := kmsClient().ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(id)})
	if err != nil {
		return nil, err
	}
	return kmskit.FromTags(out.Tags), nil
}

// kmsKeyPolicy returns the key's policy in moto.
func kmsKeyPolicy(ctx context.Context, id string) (string, error) {
	out, err := kmsClient().GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String("default")})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Policy), nil
}

// kmsKeyMatches is a waitFor condition: the key id in moto has the
// description, state, tag env and a policy that means pol, and still its
// identity tag.
func kmsKeyMatches(id, description string, state types.KeyState, env, pol string) func(ctx context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		md, err := kmsKey(ctx, id)
		if err != nil {
			return false, err
		}
		tg, err := kmsKeyTags(ctx, id)
		if err != nil {
			return false, err
		}
		p, err := kmsKeyPolicy(ctx, id)
		if err != nil {
			return false, err
		}
		return aws.ToString(md.Description) == description && md.KeyState == state && tg["env"] == env &&
			tg[tags.KeyManagedBy] != "" && policy.Equal(p, pol), nil
	}
}

// kmsWrites are the KMS operations that change a key: none may run while a
// Ready key's spec and AWS agree.
var kmsWrites = []string{"UpdateKeyDescription", "PutKeyPolicy", "EnableKeyRotation", "DisableKeyRotation", "EnableKey", "DisableKey", "KMS/TagResource", "KMS/UntagResource"}

func kmsWriteCalls(t *testing.T) map[string]float64 {
	t.Helper()
	m := map[string]float64{}
	for _, op := range kmsWrites {
		m[op] = apiCalls(t, op)
	}
	return m
}

func TestKMSKeyLifecycle(t *testing.T) {
	t.Parallel()
	const name = "e2e-kms-key-lifecycle"
	ctx := t.Context()
	spec := func(description string, enabled bool, tagLines, pol string) string {
		return fmt.Sprintf(`    description: %s
    enabled: %t
    enableKeyRotation: true
    pendingWindowInDays: 7
    policy: '%s'
    tags:
%s`, description, enabled, pol, tagLines)
	}
	objs := apply(t, kmsKeyYAML(name, "", spec("first", true, "      team: platform\n", kmsPolicy)))
	waitReady(t, readyTimeout, objs...)
	k := objs[0]

	// Created in moto as written, with the identity tag; the key ID is the
	// external name.
	id := ec2ExternalName(t, k)
	md, err := kmsKey(ctx, id)
	if err != nil {
		t.Fatalf("key %q in moto: %v", id, err)
	}
	if aws.ToString(md.Description) != "first" || md.KeyState != types.KeyStateEnabled || md.KeySpec != types.KeySpecSymmetricDefault {
		t.Errorf("key in moto: description %q, state %s, spec %s; want first, Enabled, SYMMETRIC_DEFAULT", aws.ToString(md.Description), md.KeyState, md.KeySpec)
	}
	if got := kmsAtProvider(t, k, "arn"); got != aws.ToString(md.Arn) {
		t.Errorf("status.atProvider.arn %q, want %q", got, aws.ToString(md.Arn))
	}
	tg, err := kmsKeyTags(ctx, id)
	if err != nil || tg["team"] != "platform" || tg[tags.KeyManagedBy] != ec2Identity(t, k) {
		t.Errorf("tags in moto: %v, %v; want team=platform and the identity tag", tg, err)
	}
	if p, err := kmsKeyPolicy(ctx, id); err != nil || !policy.Equal(p, kmsPolicy) {
		t.Errorf("policy in moto: %s, %v; want %s", p, err, kmsPolicy)
	}
	if r, err := kmsClient().GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(id)}); err != nil || !r.KeyRotationEnabled {
		t.Errorf("rotation in moto: %v, %v; want enabled", r, err)
	}

	// Steady state: polls only read, and the same policy in another form
	// is no change.
	apply(t, kmsKeyYAML(name, "", spec("first", true, "      team: platform\n", kmsPolicyReordered)))
	before := kmsWriteCalls(t)
	time.Sleep(3 * pollInterval)
	waitReady(t, readyTimeout, objs...)
	if after := kmsWriteCalls(t); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("KMS writes in steady state: before %v, after %v", before, after)
	}

	// Update: description, a tag, disabled.
	apply(t, kmsKeyYAML(name, "", spec("second", false, "      team: platform\n      env: dev\n", kmsPolicy)))
	waitFor(t, driftTimeout, "the update in moto", kmsKeyMatches(id, "second", types.KeyStateDisabled, "dev", kmsPolicy))
	waitReady(t, readyTimeout, objs...)

	// Out of band: description, policy, state and tags changed with the SDK.
	c := kmsClient()
	for _, err := range []error{
		func() error {
			_, err := c.UpdateKeyDescription(ctx, &kms.UpdateKeyDescriptionInput{KeyId: aws.String(id), Description: aws.String("rogue")})
			return err
		}(),
		func() error {
			_, err := c.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String("default"), Policy: aws.String(kmsOtherPolicy)})
			return err
		}(),
		func() error { _, err := c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String(id)}); return err }(),
		func() error {
			_, err := c.UntagResource(ctx, &kms.UntagResourceInput{KeyId: aws.String(id), TagKeys: []string{"env"}})
			return err
		}(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	waitFor(t, driftTimeout, "the drift to be corrected", kmsKeyMatches(id, "second", types.KeyStateDisabled, "dev", kmsPolicy))
	t.Logf("drift corrected in %s", time.Since(start).Round(100*time.Millisecond))

	// Immutable fields are refused at admission, saying what to do.
	if _, err := stack.Apply(ctx, []byte(kmsKeyYAML(name, "", "    keySpec: HMAC_256\n")), true); err == nil || !strings.Contains(err.Error(), "create a new Key") {
		t.Errorf("changing keySpec: got %v, want an error saying to create a new Key", err)
	}

	// Delete: the key is PendingDeletion in moto, after the spec's 7 days.
	deleteAndWait(t, goneTimeout, k)
	md, err = kmsKey(ctx, id)
	if err != nil || md.KeyState != types.KeyStatePendingDeletion {
		t.Fatalf("key %s after delete: %v, %v; want PendingDeletion", id, md, err)
	}
	if d := time.Until(aws.ToTime(md.DeletionDate)); d < 6*24*time.Hour || d > 8*24*time.Hour {
		t.Errorf("deletion date %s: want in 7 days", md.DeletionDate)
	}
}

// TestKMSKeyImport adopts existing keys by external name: one Observe-only,
// and one PendingDeletion, which is never Ready and says how to restore it.
func TestKMSKeyImport(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	c := kmsClient()
	create := func(desc string) string {
		out, err := c.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String(desc), Tags: []types.Tag{{TagKey: aws.String("owner"), TagValue: aws.String("ops")}}})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.KeyMetadata.KeyId)
	}

	// Observe-only: Ready with AWS's view, nothing written.
	imported := create("imported")
	objs := apply(t, kmsKeyYAML("e2e-kms-key-import", "crossplane.io/external-name: "+imported, "")+"  managementPolicies: [Observe]\n")
	waitReady(t, readyTimeout, objs...)
	if got := kmsAtProvider(t, objs[0], "keyId"); got != imported {
		t.Errorf("status.atProvider.keyId %q, want %q", got, imported)
	}
	deleteAndWait(t, goneTimeout, objs[0])
	if md, err := kmsKey(ctx, imported); err != nil || md.KeyState != types.KeyStateEnabled {
		t.Errorf("imported key after deleting its Observe-only Key: %v, %v; want Enabled", md, err)
	}

	// PendingDeletion: Synced=False naming CancelKeyDeletion; deleting the
	// Key is then immediate.
	pending := create("pending")
	if _, err := c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(pending), PendingWindowInDays: aws.Int32(7)}); err != nil {
		t.Fatal(err)
	}
	objs = apply(t, kmsKeyYAML("e2e-kms-key-pending", "crossplane.io/external-name: "+pending, "    description: pending\n"))
	msg := ec2WaitSyncedFalse(t, objs[0], "scheduled for deletion", "CancelKeyDeletion")
	t.Logf("Synced=False: %s", msg)
	if s, _, err := ec2Condition(ctx, objs[0], "Ready"); err != nil || s == "True" {
		t.Errorf("Ready of a key that is PendingDeletion: %q, %v; want not True", s, err)
	}
	deleteAndWait(t, goneTimeout, objs[0])
}

// TestKMSBucketKeyReference: a Bucket whose kmsMasterKeyIDRef names a Key
// encrypts with that key's ARN in moto.
func TestKMSBucketKeyReference(t *testing.T) {
	t.Parallel()
	const name = "e2e-kms-bucket-key"
	ctx := t.Context()
	objs := apply(t, kmsKeyYAML(name, "", "    pendingWindowInDays: 7\n")+`---
apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata:
  name: `+name+`
  namespace: default
spec:
  forProvider:
    region: us-east-1
    serverSideEncryption:
      sseAlgorithm: aws:kms
      kmsMasterKeyIDRef:
        name: `+name+`
`)
	waitReady(t, readyTimeout, objs...)
	arn := kmsAtProvider(t, objs[0], "arn")
	out, err := stack.S3Client("us-east-1").GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(name)})
	if err != nil || len(out.ServerSideEncryptionConfiguration.Rules) == 0 {
		t.Fatalf("bucket encryption in moto: %v, %v", out, err)
	}
	if got := aws.ToString(out.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID); arn == "" || got != arn {
		t.Errorf("bucket's KMS key in moto %q, want the Key's ARN %q", got, arn)
	}
	deleteAndWait(t, goneTimeout, objs[1])
	deleteAndWait(t, goneTimeout, objs[0])
}

// TestKMSKeyNoLeakWhenProviderDiesAfterCreate kills the provider right after
// CreateKey, before the key ID is saved: the restarted provider finds the
// key by its identity tag instead of creating a second one. It restarts the
// provider, so it does not run in parallel.
func TestKMSKeyNoLeakWhenProviderDiesAfterCreate(t *testing.T) {
	const name = "e2e-kms-key-crash"
	ctx := t.Context()
	t.Setenv(mr.EnvCrashAfterCreate, "Key")
	t.Cleanup(func() {
		_ = os.Unsetenv(mr.EnvCrashAfterCreate)
		restartProvider(t)
	})
	restartProvider(t)

	objs := apply(t, kmsKeyYAML(name, "", "    description: "+name+"\n    pendingWindowInDays: 7\n"))
	k := objs[0]
	waitFor(t, time.Minute, "the provider to exit after CreateKey", func(context.Context) (bool, error) {
		return stack.ProviderPID() == 0, nil
	})
	if n := ec2ExternalName(t, k); n != "" {
		t.Fatalf("external name after the crash: got %q, want none", n)
	}

	t.Setenv(mr.EnvCrashAfterCreate, "")
	restartProvider(t)
	waitReady(t, readyTimeout, k)

	// Exactly one key carries the identity, and it is the recorded one.
	identity := ec2Identity(t, k)
	var tagged []string
	p := kms.NewListKeysPaginator(kmsClient(), &kms.ListKeysInput{})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range out.Keys {
			if tg, err := kmsKeyTags(ctx, aws.ToString(e.KeyId)); err == nil && tg[tags.KeyManagedBy] == identity {
				tagged = append(tagged, aws.ToString(e.KeyId))
			}
		}
	}
	if len(tagged) != 1 || tagged[0] != ec2ExternalName(t, k) {
		t.Fatalf("keys tagged %s in moto: %v; want exactly the recorded %s", identity, tagged, ec2ExternalName(t, k))
	}
	deleteAndWait(t, goneTimeout, k)
}
