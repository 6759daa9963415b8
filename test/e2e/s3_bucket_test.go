package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
	"github.com/kaws-dev/provider-aws/cluster/local"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
)

// driftTimeout bounds how long the provider may take to correct an
// out-of-band change: a few polls (the e2e stack polls every 5 s).
const driftTimeout = 6 * pollInterval

func s3c() *s3.Client { return stack.S3Client("us-east-1") }

func bucketExists(ctx context.Context, name string) (bool, error) {
	_, err := s3c().HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)})
	if awserr.IsNotFound(err, "NoSuchBucket") {
		return false, nil
	}
	return err == nil, err
}

func versioning(ctx context.Context, name string) (string, error) {
	out, err := s3c().GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(name)})
	if err != nil {
		return "", err
	}
	return string(out.Status), nil
}

func bucketTags(ctx context.Context, name string) (map[string]string, error) {
	out, err := s3c().GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(name)})
	if awserr.HasCode(err, "NoSuchTagSet") {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	tags := map[string]string{}
	for _, t := range out.TagSet {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tags, nil
}

func glacierDays(ctx context.Context, name string) (int32, error) {
	out, err := s3c().GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(name)})
	if err != nil {
		return 0, err
	}
	for _, r := range out.Rules {
		for _, tr := range r.Transitions {
			if tr.StorageClass == types.TransitionStorageClassGlacier {
				return aws.ToInt32(tr.Days), nil
			}
		}
	}
	return 0, nil
}

// firstBucketYAML is the user's first manifest with a chosen name, versioning
// status and Glacier transition.
func firstBucketYAML(name, versioningStatus string, days int, tags string) string {
	return fmt.Sprintf(`apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    tags: {%s}
    versioning:
      status: %s
    serverSideEncryption:
      sseAlgorithm: AES256
    lifecycle:
      rules:
        - id: logs-to-glacier
          filter:
            prefix: logs/
          transitions:
            - days: %d
              storageClass: GLACIER
  writeConnectionSecretToRef:
    name: %s-conn
`, name, tags, versioningStatus, days, name)
}

func TestS3BucketLifecycle(t *testing.T) {
	const name = "e2e-lifecycle"
	objs := apply(t, firstBucketYAML(name, "Enabled", 60, "team: platform, env: dev"))
	waitReady(t, readyTimeout, objs...)

	// Created in moto as written.
	ctx := t.Context()
	if v, err := versioning(ctx, name); err != nil || v != "Enabled" {
		t.Fatalf("versioning in moto: got %q, %v; want Enabled", v, err)
	}
	if d, err := glacierDays(ctx, name); err != nil || d != 60 {
		t.Fatalf("lifecycle in moto: GLACIER after %d days, %v; want 60", d, err)
	}
	enc, err := s3c().GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(name)})
	if err != nil || enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm != types.ServerSideEncryptionAes256 {
		t.Fatalf("encryption in moto: %+v, %v; want AES256", enc, err)
	}
	if tags, err := bucketTags(ctx, name); err != nil || !cmp.Equal(tags, map[string]string{"team": "platform", "env": "dev"}) {
		t.Fatalf("tags in moto: %v, %v", tags, err)
	}

	// The connection secret holds the documented keys.
	sec := &corev1.Secret{}
	if err := stack.Client.Get(ctx, client.ObjectKey{Namespace: "default", Name: name + "-conn"}, sec); err != nil {
		t.Fatalf("connection secret: %v", err)
	}
	want := map[string]string{"bucketName": name, "region": "us-east-1", "arn": "arn:aws:s3:::" + name, "endpoint": stack.MotoURL + "/" + name}
	got := map[string]string{}
	for k, v := range sec.Data {
		got[k] = string(v)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("connection secret: -want, +got:\n%s", diff)
	}

	// Change versioning and lifecycle: moto follows.
	apply(t, firstBucketYAML(name, "Suspended", 90, "team: platform, env: dev"))
	waitFor(t, driftTimeout, "versioning Suspended and GLACIER after 90 days in moto", func(ctx context.Context) (bool, error) {
		v, err := versioning(ctx, name)
		if err != nil {
			return false, err
		}
		d, err := glacierDays(ctx, name)
		return v == "Suspended" && d == 90, err
	})
	apply(t, firstBucketYAML(name, "Enabled", 90, "team: platform, env: dev"))
	waitFor(t, driftTimeout, "versioning Enabled again in moto", func(ctx context.Context) (bool, error) {
		v, err := versioning(ctx, name)
		return v == "Enabled", err
	})
	waitReady(t, readyTimeout, objs...)

	// Out of band: suspend versioning and drop a tag. The next poll reverts both.
	if _, err := s3c().PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(name),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s3c().PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(name),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}}}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	waitFor(t, driftTimeout, "the provider to revert the out-of-band changes", func(ctx context.Context) (bool, error) {
		v, err := versioning(ctx, name)
		if err != nil {
			return false, err
		}
		tags, err := bucketTags(ctx, name)
		return v == "Enabled" && tags["env"] == "dev", err
	})
	t.Logf("drift corrected in %s (poll %s)", time.Since(start).Round(100*time.Millisecond), pollInterval)

	// Delete: gone from moto.
	deleteAndWait(t, goneTimeout, objs[0])
	if ok, err := bucketExists(ctx, name); err != nil || ok {
		t.Fatalf("bucket still in moto after delete: %t, %v", ok, err)
	}
}

func TestS3BucketAdoption(t *testing.T) {
	const name = "e2e-preexisting"
	ctx := t.Context()
	if _, err := s3c().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	objs := apply(t, `apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata:
  name: adopted
  namespace: default
  annotations:
    crossplane.io/external-name: `+name+`
spec:
  forProvider:
    region: us-east-1
    tags: {adopted: "yes"}
`)
	waitReady(t, readyTimeout, objs...)
	waitFor(t, driftTimeout, "the adopted bucket to carry the spec's tags", func(ctx context.Context) (bool, error) {
		tags, err := bucketTags(ctx, name)
		return tags["adopted"] == "yes", err
	})
	if n := countBuckets(t, "adopted"); n != 0 {
		t.Errorf("adoption created %d bucket(s) named after metadata.name; want none", n)
	}
	deleteAndWait(t, goneTimeout, objs[0])
	if ok, err := bucketExists(ctx, name); err != nil || ok {
		t.Fatalf("adopted bucket still in moto after delete: %t, %v", ok, err)
	}
}

func countBuckets(t *testing.T, name string) int {
	t.Helper()
	out, err := s3c().ListBuckets(t.Context(), &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range out.Buckets {
		if aws.ToString(b.Name) == name {
			n++
		}
	}
	return n
}

func TestS3BucketObserveOnlyImport(t *testing.T) {
	const name = "e2e-observe-only"
	ctx := t.Context()
	if _, err := s3c().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s3c().PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(name),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
	// The spec disagrees with AWS; Observe-only must not change AWS.
	objs := apply(t, `apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata:
  name: `+name+`
  namespace: default
spec:
  managementPolicies: ["Observe"]
  forProvider:
    region: us-east-1
    versioning:
      status: Suspended
`)
	waitFor(t, readyTimeout, "the imported bucket to be Ready with its ARN", func(ctx context.Context) (bool, error) {
		cur, err := stack.Get(ctx, objs[0])
		if err != nil {
			return false, err
		}
		arn, _, _ := unstructured.NestedString(cur.Object, "status", "atProvider", "arn")
		return local.ConditionOf(cur, "Ready").Status == "True" && arn == "arn:aws:s3:::"+name, nil
	})
	time.Sleep(2 * pollInterval)
	if v, err := versioning(ctx, name); err != nil || v != "Enabled" {
		t.Fatalf("Observe-only import changed versioning in moto: %q, %v; want Enabled", v, err)
	}
	deleteAndWait(t, goneTimeout, objs[0])
	if ok, err := bucketExists(ctx, name); err != nil || !ok {
		t.Fatalf("deleting an Observe-only Bucket must leave the bucket: exists=%t, %v", ok, err)
	}
}

func TestS3BucketInvalidManifestsRejected(t *testing.T) {
	cases := map[string]struct {
		yaml string
		want string // part of the API server's message
	}{
		"BucketName": {
			yaml: "metadata:\n  name: Not_A_Bucket\n  namespace: default\nspec:\n  forProvider: {}\n",
			want: "valid S3 bucket name",
		},
		"SSEAlgorithm": {
			yaml: "metadata:\n  name: e2e-bad-sse\n  namespace: default\nspec:\n  forProvider:\n    serverSideEncryption:\n      sseAlgorithm: ROT13\n",
			want: "spec.forProvider.serverSideEncryption.sseAlgorithm",
		},
		"LifecycleRuleWithoutAction": {
			yaml: "metadata:\n  name: e2e-bad-rule\n  namespace: default\nspec:\n  forProvider:\n    lifecycle:\n      rules:\n        - id: nothing\n          filter: {prefix: logs/}\n",
			want: "a lifecycle rule needs at least one action",
		},
		"TransitionStorageClass": {
			yaml: "metadata:\n  name: e2e-bad-class\n  namespace: default\nspec:\n  forProvider:\n    lifecycle:\n      rules:\n        - id: x\n          transitions: [{days: 1, storageClass: TAPE}]\n",
			want: "storageClass",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := stack.Apply(t.Context(), []byte("apiVersion: s3.kaws.dev/v1alpha1\nkind: Bucket\n"+tc.yaml), false)
			if err == nil || !kerrors.IsInvalid(errorsCause(err)) && !strings.Contains(err.Error(), "Invalid") {
				t.Fatalf("apply: want the API server to reject the manifest, got %v", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("rejection %q does not name %q", err, tc.want)
			}
		})
	}
}

// errorsCause unwraps to the API server's status error where there is one.
func errorsCause(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}

func TestS3BucketNotEmptyDeletion(t *testing.T) {
	const name = "e2e-not-empty"
	ctx := t.Context()
	objs := apply(t, `apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata:
  name: `+name+`
  namespace: default
spec:
  forProvider:
    region: us-east-1
    versioning: {status: Enabled}
`)
	waitReady(t, readyTimeout, objs...)
	for _, body := range []string{"v1", "v2"} {
		if _, err := s3c().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(name), Key: aws.String("logs/a.txt"), Body: strings.NewReader(body)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := stack.Client.Delete(ctx, objs[0]); err != nil {
		t.Fatal(err)
	}
	waitFor(t, readyTimeout, "a condition saying the bucket is not empty", func(ctx context.Context) (bool, error) {
		cur, err := stack.Get(ctx, objs[0])
		if err != nil {
			return false, err
		}
		return strings.Contains(local.ConditionOf(cur, "Synced").Message, "is not empty"), nil
	})
	if ok, err := bucketExists(ctx, name); err != nil || !ok {
		t.Fatalf("non-empty bucket must stay until emptied: exists=%t, %v", ok, err)
	}
	// forceDestroy: the provider empties it (every version) and deletes it.
	if _, err := stack.Apply(ctx, []byte(`apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata:
  name: `+name+`
  namespace: default
spec:
  forProvider:
    region: us-east-1
    versioning: {status: Enabled}
    forceDestroy: true
`), false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, goneTimeout, "the bucket to be emptied and deleted", func(ctx context.Context) (bool, error) {
		ok, err := bucketExists(ctx, name)
		return !ok, err
	})
	waitFor(t, goneTimeout, "the Bucket to be gone", func(ctx context.Context) (bool, error) {
		_, err := stack.Get(ctx, objs[0])
		return kerrors.IsNotFound(err), nil
	})
}

// namespacedConfig creates a namespace with a ProviderConfig "pc" pointing at
// moto, whose credentials Secret is secretName (created only when create).
func namespacedConfig(t *testing.T, ns, secretName string, create bool) {
	t.Helper()
	y := fmt.Sprintf(`apiVersion: v1
kind: Namespace
metadata:
  name: %[1]s
---
apiVersion: kaws.dev/v1alpha1
kind: ProviderConfig
metadata:
  name: pc
  namespace: %[1]s
spec:
  region: us-east-1
  credentials:
    source: Secret
    secretRef: {name: %[2]s, key: credentials}
  endpoint: {url: %[3]q, s3UsePathStyle: true}
`, ns, secretName, stack.MotoURL)
	if create {
		y += fmt.Sprintf(`---
apiVersion: v1
kind: Secret
metadata:
  name: %s
  namespace: %s
stringData:
  credentials: |
    [default]
    aws_access_key_id = testing
    aws_secret_access_key = testing
`, secretName, ns)
	}
	apply(t, y)
}

func namespacedBucket(name, ns string) string {
	return fmt.Sprintf(`apiVersion: s3.kaws.dev/v1alpha1
kind: Bucket
metadata:
  name: %s
  namespace: %s
spec:
  providerConfigRef: {kind: ProviderConfig, name: pc}
  forProvider: {}
`, name, ns)
}

func waitSyncedFalse(t *testing.T, o *unstructured.Unstructured, contains ...string) string {
	t.Helper()
	var msg string
	waitFor(t, readyTimeout, fmt.Sprintf("Synced=False mentioning %q", contains), func(ctx context.Context) (bool, error) {
		cur, err := stack.Get(ctx, o)
		if err != nil {
			return false, err
		}
		c := local.ConditionOf(cur, "Synced")
		msg = c.Message
		for _, s := range contains {
			if !strings.Contains(msg, s) {
				return false, nil
			}
		}
		return c.Status == "False", nil
	})
	return msg
}

func TestProviderConfigWrongSecret(t *testing.T) {
	namespacedConfig(t, "e2e-wrong-secret", "no-such-secret", false)
	objs := apply(t, namespacedBucket("e2e-wrong-secret", "e2e-wrong-secret"))
	msg := waitSyncedFalse(t, objs[0], "no-such-secret")
	t.Logf("condition: %s", msg)
	if ok, err := bucketExists(t.Context(), "e2e-wrong-secret"); err != nil || ok {
		t.Errorf("a bucket was created without valid credentials: %t, %v", ok, err)
	}
	deleteAndWait(t, goneTimeout, objs[0])
}

func TestProviderConfigFromOtherNamespaceRefused(t *testing.T) {
	namespacedConfig(t, "e2e-owner", "creds", true)
	apply(t, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: e2e-intruder\n")
	objs := apply(t, namespacedBucket("e2e-intruder", "e2e-intruder"))
	msg := waitSyncedFalse(t, objs[0], `"pc"`, "e2e-intruder")
	t.Logf("condition: %s", msg)
	if ok, err := bucketExists(t.Context(), "e2e-intruder"); err != nil || ok {
		t.Errorf("a bucket was created through another namespace's ProviderConfig: %t, %v", ok, err)
	}
	deleteAndWait(t, goneTimeout, objs[0])
}

func TestProviderConfigInUseCannotBeDeleted(t *testing.T) {
	const ns = "e2e-in-use"
	namespacedConfig(t, ns, "creds", true)
	objs := apply(t, namespacedBucket("e2e-in-use", ns))
	waitReady(t, readyTimeout, objs...)

	pc := &unstructured.Unstructured{}
	pc.SetAPIVersion("kaws.dev/v1alpha1")
	pc.SetKind("ProviderConfig")
	pc.SetNamespace(ns)
	pc.SetName("pc")
	if err := stack.Client.Delete(t.Context(), pc); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	cur := get(t, pc)
	if cur.GetDeletionTimestamp() == nil {
		t.Fatalf("ProviderConfig has no deletion timestamp after delete")
	}
	if users, _, _ := unstructured.NestedInt64(cur.Object, "status", "users"); users != 1 {
		t.Errorf("ProviderConfig status.users = %d; want 1", users)
	}
	// Once the Bucket is gone, the config goes too. A real cluster's garbage
	// collector deletes the usage with the Bucket it is owned by; the test
	// control plane runs no controller manager, so the test does it.
	deleteAndWait(t, goneTimeout, objs[0])
	if err := stack.Client.DeleteAllOf(t.Context(), &v1alpha1.ProviderConfigUsage{}, client.InNamespace(ns)); err != nil {
		t.Fatal(err)
	}
	deleteAndWait(t, goneTimeout, pc)
}
