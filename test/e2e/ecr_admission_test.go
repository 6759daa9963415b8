package e2e

import (
	"strings"
	"testing"
)

const (
	admEcrAPI = "ecr.kaws.dev/v1alpha1"
	admRepoFP = `region: us-east-1`
	admKMSFP  = `encryptionConfiguration: {encryptionType: KMS, kmsKey: "arn:aws:kms:us-east-1:123456789012:key/k1"}`
)

// TestECRAdmissionRules checks the API server's validation of the ECR kinds
// (CRD schema and CEL rules) without the provider, as TestAdmissionRules
// does: manifest is applied as a dry run or, with update set, created
// (paused and Observe-only) and update applied as a dry run. The error must
// contain wantErr; an empty wantErr means accepted.
func TestECRAdmissionRules(t *testing.T) {
	t.Parallel()
	repo := func(spec string) string { return admMR(admEcrAPI, "Repository", spec) }
	cases := map[string]admCase{
		"Valid": {
			reason:   "A repository with every field set is accepted.",
			manifest: repo(admSpec(admRepoFP, admKMSFP, "imageTagMutability: IMMUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters: [{filterType: WILDCARD, filter: latest}]", "imageScanningConfiguration: {scanOnPush: true}", `lifecyclePolicy: '{"rules":[]}'`, "forceDelete: true", "tags: {team: a}")),
		},
		"NameWithSlash": {
			reason:   "A name with a namespace path is set with the annotation; metadata.name is checked as a repository name.",
			manifest: admMRMeta(admEcrAPI, "Repository", "team.app", "crossplane.io/external-name: team/app", admSpec(admRepoFP)),
		},
		"NameInvalid": {
			reason:   "metadata.name with two separators in a row is no repository name.",
			manifest: admMRMeta(admEcrAPI, "Repository", "team--app", "", admSpec(admRepoFP)),
			wantErr:  "metadata.name must be a valid ECR repository name",
		},
		"RegionChanged": {
			reason:   "A repository's region cannot change.",
			manifest: repo(admSpec(admRepoFP)),
			update:   repo(admSpec("region: eu-west-1")),
			wantErr:  "region is immutable: create a new Repository in the other region instead",
		},
		"RegionRemoved": {
			reason:   "A repository's region cannot be removed once set.",
			manifest: repo(admSpec(admRepoFP)),
			update:   repo(admSpec()),
			wantErr:  "region cannot be removed once set",
		},
		"RegionZone": {
			reason:   "An availability zone is no region.",
			manifest: repo(admSpec("region: us-east-1a")),
			wantErr:  "region must be an AWS region code",
		},
		"EncryptionTypeChanged": {
			reason:   "The encryption type cannot change.",
			manifest: repo(admSpec(admRepoFP, "encryptionConfiguration: {encryptionType: AES256}")),
			update:   repo(admSpec(admRepoFP, admKMSFP)),
			wantErr:  "encryptionConfiguration.encryptionType is immutable: create a new Repository",
		},
		"KMSKeyChanged": {
			reason:   "The KMS key cannot change.",
			manifest: repo(admSpec(admRepoFP, admKMSFP)),
			update:   repo(admSpec(admRepoFP, strings.Replace(admKMSFP, "key/k1", "key/k2", 1))),
			wantErr:  "encryptionConfiguration.kmsKey is immutable: create a new Repository",
		},
		"KMSKeyRemoved": {
			reason:   "The KMS key cannot be removed.",
			manifest: repo(admSpec(admRepoFP, admKMSFP)),
			update:   repo(admSpec(admRepoFP, "encryptionConfiguration: {encryptionType: KMS}")),
			wantErr:  "encryptionConfiguration.kmsKey cannot be removed once set",
		},
		"EncryptionRemoved": {
			reason:   "The encryption configuration cannot be removed.",
			manifest: repo(admSpec(admRepoFP, admKMSFP)),
			update:   repo(admSpec(admRepoFP)),
			wantErr:  "encryptionConfiguration cannot be removed once set",
		},
		"KMSKeyAdded": {
			reason:   "A key resolved into a KMS encryption without one (a reference, or late-initialization) is accepted.",
			manifest: repo(admSpec(admRepoFP, "encryptionConfiguration: {encryptionType: KMS}")),
			update:   repo(admSpec(admRepoFP, admKMSFP)),
		},
		"KMSKeyWithAES256": {
			reason:   "A KMS key needs KMS encryption.",
			manifest: repo(admSpec(admRepoFP, `encryptionConfiguration: {encryptionType: AES256, kmsKeyRef: {name: k}}`)),
			wantErr:  "kmsKeyRef, kmsKeySelector) needs encryptionType KMS or KMS_DSSE",
		},
		"FiltersWithoutExclusion": {
			reason:   "Exclusion filters need a *_WITH_EXCLUSION mutability.",
			manifest: repo(admSpec(admRepoFP, "imageTagMutability: IMMUTABLE", "imageTagMutabilityExclusionFilters: [{filterType: WILDCARD, filter: latest}]")),
			wantErr:  "imageTagMutabilityExclusionFilters need imageTagMutability MUTABLE_WITH_EXCLUSION or IMMUTABLE_WITH_EXCLUSION",
		},
		"ExclusionWithoutFilters": {
			reason:   "A *_WITH_EXCLUSION mutability needs filters.",
			manifest: repo(admSpec(admRepoFP, "imageTagMutability: MUTABLE_WITH_EXCLUSION")),
			wantErr:  "need at least one imageTagMutabilityExclusionFilters entry",
		},
		"ReservedTag": {
			reason:   "The identity tag is refused.",
			manifest: repo(admSpec(admRepoFP, "tags: "+admTag("kaws.dev/managed-by", "x"))),
			wantErr:  "kaws.dev/managed-by is the provider's identity tag",
		},
	}
	admRun(t, "adm-ecr-", cases)
}
