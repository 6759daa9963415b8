package e2e

import (
	"strings"
	"testing"
)

// TestKMSAdmissionRules checks the API server's validation of the KMS kinds
// and of the KMS key references of Bucket and Cluster, with the helpers of
// admission_test.go: a case applies manifest as a server-side dry run or,
// with update set, creates manifest (paused, Observe-only) and applies
// update as a dry run. The error must contain wantErr ("" = accepted).
func TestKMSAdmissionRules(t *testing.T) {
	t.Parallel()
	const (
		api     = "kms.kaws.dev/v1alpha1"
		keyFP   = "region: us-east-1, keySpec: SYMMETRIC_DEFAULT, keyUsage: ENCRYPT_DECRYPT, multiRegion: false"
		aliasFP = "region: us-east-1, targetKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab"
	)
	cases := map[string]admCase{
		"KeyValid": {reason: "A key with its create-only fields is accepted.", manifest: admMR(api, "Key", admSpec(keyFP))},
		"KeySpecChanged": {reason: "keySpec is create-only.",
			manifest: admMR(api, "Key", admSpec(keyFP)), update: admMR(api, "Key", admSpec(strings.Replace(keyFP, "SYMMETRIC_DEFAULT", "HMAC_256", 1))),
			wantErr: "keySpec is immutable: create a new Key"},
		"KeySpecRemoved": {reason: "keySpec cannot be removed once set.",
			manifest: admMR(api, "Key", admSpec(keyFP)), update: admMR(api, "Key", admSpec("region: us-east-1, keyUsage: ENCRYPT_DECRYPT, multiRegion: false")),
			wantErr: "keySpec cannot be removed once set"},
		"MultiRegionChanged": {reason: "multiRegion is create-only.",
			manifest: admMR(api, "Key", admSpec(keyFP)), update: admMR(api, "Key", admSpec(strings.Replace(keyFP, "multiRegion: false", "multiRegion: true", 1))),
			wantErr: "multiRegion is immutable: create a new Key"},
		"KeyRegionRemoved": {reason: "A key's region cannot be removed once set.",
			manifest: admMR(api, "Key", admSpec(keyFP)), update: admMR(api, "Key", admSpec(strings.TrimPrefix(keyFP, "region: us-east-1, "))),
			wantErr: "region cannot be removed once set: a KMS key cannot move between regions"},
		"KeyDescriptionChanged": {reason: "The description is updated in place.",
			manifest: admMR(api, "Key", admSpec(keyFP, "description: a")), update: admMR(api, "Key", admSpec(keyFP, "description: b"))},
		"RotationPeriodWithoutRotation": {reason: "rotationPeriodInDays needs rotation.",
			manifest: admMR(api, "Key", admSpec(keyFP, "rotationPeriodInDays: 90")), wantErr: "rotationPeriodInDays needs enableKeyRotation: true"},
		"PendingWindowTooShort": {reason: "KMS waits at least 7 days.",
			manifest: admMR(api, "Key", admSpec(keyFP, "pendingWindowInDays: 6")), wantErr: "pendingWindowInDays"},
		"KeyIdentityTag": {reason: "The identity tag is the provider's.",
			manifest: admMR(api, "Key", admSpec(keyFP, "tags: "+admTag("kaws.dev/managed-by", "x"))), wantErr: "identity tag"},

		"AliasValid":    {reason: "An alias with a target key is accepted.", manifest: admMR(api, "Alias", admSpec(aliasFP))},
		"AliasByRef":    {reason: "A reference is a target key.", manifest: admMR(api, "Alias", admSpec("region: us-east-1, targetKeyIdRef: {name: k}"))},
		"AliasNoTarget": {reason: "An alias needs a target key.", manifest: admMR(api, "Alias", admSpec("region: us-east-1")), wantErr: "set one of targetKeyId, targetKeyIdRef or targetKeyIdSelector"},
		"AliasRetarget": {reason: "The target key is changed in place.",
			manifest: admMR(api, "Alias", admSpec(aliasFP)), update: admMR(api, "Alias", admSpec("region: us-east-1, targetKeyId: other"))},
		"AliasRegionChanged": {reason: "An alias's region cannot change.",
			manifest: admMR(api, "Alias", admSpec(aliasFP)), update: admMR(api, "Alias", admSpec(strings.Replace(aliasFP, "us-east-1", "eu-west-1", 1))),
			wantErr: "region is immutable: create a new Alias"},

		"BucketKeyRef": {reason: "A bucket's KMS key may be a reference.",
			manifest: admMR(admS3API, "Bucket", admSpec("region: us-east-1, serverSideEncryption: {sseAlgorithm: 'aws:kms', kmsMasterKeyIDRef: {name: k}}"))},
		"BucketKeyRefAES256": {reason: "A KMS key reference with S3-managed keys is refused.",
			manifest: admMR(admS3API, "Bucket", admSpec("region: us-east-1, serverSideEncryption: {sseAlgorithm: AES256, kmsMasterKeyIDRef: {name: k}}")),
			wantErr:  "is only valid with sseAlgorithm aws:kms"},
		"ClusterKeyRef": {reason: "A cluster's secrets key may be a reference.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(admClusterFP, "encryptionConfig: [{keyArnRef: {name: k}}]"))},
		"ClusterNoKey": {reason: "An encryption config needs a key.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(admClusterFP, "encryptionConfig: [{resources: [secrets]}]")),
			wantErr:  "set one of keyArn, keyArnRef or keyArnSelector"},
		"ClusterKeyResolved": {reason: "The reference may fill in keyArn once (the resolver's update).",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(admClusterFP, "encryptionConfig: [{keyArnRef: {name: k}}]")),
			update:   admMR(admClusterAPI, "Cluster", admSpec(admClusterFP, "encryptionConfig: [{keyArnRef: {name: k}, keyArn: 'arn:aws:kms:us-east-1:123456789012:key/k'}]"))},
		"ClusterKeyChanged": {reason: "The secrets key cannot change once set.",
			manifest: admMR(admClusterAPI, "Cluster", admSpec(admClusterFP, "encryptionConfig: [{keyArn: 'arn:aws:kms:us-east-1:123456789012:key/a'}]")),
			update:   admMR(admClusterAPI, "Cluster", admSpec(admClusterFP, "encryptionConfig: [{keyArn: 'arn:aws:kms:us-east-1:123456789012:key/b'}]")),
			wantErr:  "encryptionConfig cannot change: create a new cluster"},
	}
	admRun(t, "adm-kms-", cases)
}
