package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// ImageTagMutabilityExclusionFilter names image tags that are excepted from
// the repository's tag mutability.
type ImageTagMutabilityExclusionFilter struct {
	// FilterType is how Filter matches tags: WILDCARD (`*` matches any
	// characters).
	// +kubebuilder:validation:Enum=WILDCARD
	FilterType string `json:"filterType"`

	// Filter matches the excepted tags, e.g. latest or dev-*.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	// +kubebuilder:validation:Pattern=`^[0-9a-zA-Z._*-]+$`
	Filter string `json:"filter"`
}

// ImageScanningConfiguration says whether images are scanned for
// vulnerabilities.
type ImageScanningConfiguration struct {
	// ScanOnPush scans every image when it is pushed.
	ScanOnPush bool `json:"scanOnPush"`
}

// EncryptionConfiguration is how the images of a repository are encrypted
// at rest. AWS sets it when the repository is created and cannot change it.
// +kubebuilder:validation:XValidation:rule="has(self.kmsKey) || !has(oldSelf.kmsKey)",message="encryptionConfiguration.kmsKey cannot be removed once set: the encryption of a repository is immutable, create a new Repository to change it"
// +kubebuilder:validation:XValidation:rule="self.encryptionType != 'AES256' || (!has(self.kmsKey) && !has(self.kmsKeyRef) && !has(self.kmsKeySelector))",message="encryptionConfiguration.kmsKey (or kmsKeyRef, kmsKeySelector) needs encryptionType KMS or KMS_DSSE"
type EncryptionConfiguration struct {
	// EncryptionType is AES256 (Amazon S3-managed keys), KMS (a KMS key)
	// or KMS_DSSE (dual-layer encryption with a KMS key). Immutable.
	// +kubebuilder:validation:Enum=AES256;KMS;KMS_DSSE
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="encryptionConfiguration.encryptionType is immutable: create a new Repository with the other encryption (and delete this one) instead"
	EncryptionType string `json:"encryptionType"`

	// KMSKey is the ARN (or ID) of the KMS key of KMS and KMS_DSSE
	// encryption. Omitted with KMS: AWS's managed key aws/ecr, whose ARN is
	// copied here on first observation. Set it, or reference a Key with
	// kmsKeyRef or kmsKeySelector. Immutable.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/kms/v1alpha1.Key
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.ARN()
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=2048
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="encryptionConfiguration.kmsKey is immutable: create a new Repository with the other key (and delete this one) instead"
	KMSKey *string `json:"kmsKey,omitempty"`

	// KMSKeyRef references a KMS Key in the same namespace to set kmsKey
	// (its ARN).
	// +optional
	KMSKeyRef *xpv2.NamespacedReference `json:"kmsKeyRef,omitempty"`

	// KMSKeySelector selects a KMS Key by labels to set kmsKey.
	// +optional
	KMSKeySelector *xpv2.NamespacedSelector `json:"kmsKeySelector,omitempty"`
}

// RepositoryParameters are the configurable fields of a Repository.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a repository cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.encryptionConfiguration) || !has(oldSelf.encryptionConfiguration)",message="encryptionConfiguration cannot be removed once set: the encryption of a repository is immutable, create a new Repository to change it"
// +kubebuilder:validation:XValidation:rule="!has(self.imageTagMutabilityExclusionFilters) || size(self.imageTagMutabilityExclusionFilters) == 0 || (has(self.imageTagMutability) && self.imageTagMutability.endsWith('_WITH_EXCLUSION'))",message="imageTagMutabilityExclusionFilters need imageTagMutability MUTABLE_WITH_EXCLUSION or IMMUTABLE_WITH_EXCLUSION"
// +kubebuilder:validation:XValidation:rule="!has(self.imageTagMutability) || !self.imageTagMutability.endsWith('_WITH_EXCLUSION') || (has(self.imageTagMutabilityExclusionFilters) && size(self.imageTagMutabilityExclusionFilters) > 0)",message="imageTagMutability MUTABLE_WITH_EXCLUSION and IMMUTABLE_WITH_EXCLUSION need at least one imageTagMutabilityExclusionFilters entry"
type RepositoryParameters struct {
	// Region of the repository, e.g. us-east-1. Defaults to the
	// ProviderConfig's region and is then written here (the provider writes
	// it at the first observation). Immutable, and cannot be removed once
	// set: a repository cannot move between regions.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new Repository in the other region instead"
	Region *string `json:"region,omitempty"`

	// ImageTagMutability is MUTABLE (a tag can be pushed again, pointing it
	// to another image), IMMUTABLE (it cannot), or MUTABLE_WITH_EXCLUSION /
	// IMMUTABLE_WITH_EXCLUSION (as MUTABLE / IMMUTABLE, except the tags
	// imageTagMutabilityExclusionFilters match). Omitted: AWS's value
	// (MUTABLE for a new repository) is copied here on first observation.
	// +optional
	// +kubebuilder:validation:Enum=MUTABLE;IMMUTABLE;MUTABLE_WITH_EXCLUSION;IMMUTABLE_WITH_EXCLUSION
	ImageTagMutability *string `json:"imageTagMutability,omitempty"`

	// ImageTagMutabilityExclusionFilters are the tags excepted from
	// imageTagMutability, for MUTABLE_WITH_EXCLUSION and
	// IMMUTABLE_WITH_EXCLUSION only. Compared as a set. Omitted: AWS's
	// filters are copied here on first observation.
	// +optional
	// +kubebuilder:validation:MaxItems=5
	// +listType=atomic
	ImageTagMutabilityExclusionFilters []ImageTagMutabilityExclusionFilter `json:"imageTagMutabilityExclusionFilters,omitempty"`

	// ImageScanningConfiguration says whether images are scanned on push.
	// Omitted: AWS's configuration (no scan on push for a new repository)
	// is copied here on first observation.
	// +optional
	ImageScanningConfiguration *ImageScanningConfiguration `json:"imageScanningConfiguration,omitempty"`

	// EncryptionConfiguration is how images are encrypted at rest. Omitted:
	// AES256, and AWS's configuration is copied here on first observation.
	// Immutable: AWS cannot change the encryption of a repository; create a
	// new Repository instead.
	// +optional
	EncryptionConfiguration *EncryptionConfiguration `json:"encryptionConfiguration,omitempty"`

	// LifecyclePolicy is the repository's lifecycle policy (JSON, e.g.
	// {"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged",
	// "countType":"sinceImagePushed","countUnit":"days","countNumber":14},
	// "action":{"type":"expire"}}]}). It is compared as JSON: key order and
	// whitespace do not matter. Omitted: not managed (not read on later
	// polls; an adopted repository's policy is copied here on first
	// observation). An empty string removes the lifecycle policy.
	// +optional
	// +kubebuilder:validation:MaxLength=30720
	LifecyclePolicy *string `json:"lifecyclePolicy,omitempty"`

	// RepositoryPolicy is the repository's permissions policy (a JSON IAM
	// policy document that says who may pull or push). It is compared as
	// JSON: key order, whitespace, and a single value versus a one-item
	// list do not matter. Omitted: not managed (not read on later polls; an
	// adopted repository's policy is copied here on first observation). An
	// empty string removes the repository policy.
	// +optional
	// +kubebuilder:validation:MaxLength=10240
	RepositoryPolicy *string `json:"repositoryPolicy,omitempty"`

	// ForceDelete deletes the repository with the images it holds when the
	// Repository is deleted. Without it, deleting a repository that still
	// holds images fails (the Synced condition says so) and is retried
	// until the images are deleted or forceDelete is set. The provider's
	// setting only: AWS does not store it.
	// +optional
	ForceDelete bool `json:"forceDelete,omitempty"`

	// Tags of the repository. Omitted: not managed (AWS's tags are copied
	// here on first observation). Set: exactly these tags, others are
	// removed. At most 50 tags (keys of 1 to 128 characters, values of at
	// most 256); keys starting with aws: and the key kaws.dev/managed-by are
	// refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// RepositoryObservation is what AWS reports about a repository.
type RepositoryObservation struct {
	// ARN of the repository, e.g.
	// arn:aws:ecr:us-east-1:123456789012:repository/team/app.
	ARN string `json:"arn,omitempty"`
	// RepositoryURI is what docker push and pull use, e.g.
	// 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app.
	RepositoryURI string `json:"repositoryUri,omitempty"`
	// RegistryID is the ID of the AWS account that holds the registry.
	RegistryID string `json:"registryId,omitempty"`
	// CreatedAt is when the repository was created, RFC 3339.
	CreatedAt string `json:"createdAt,omitempty"`
}

// A RepositorySpec defines the desired state of a Repository.
type RepositorySpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	// +kubebuilder:default={}
	ForProvider RepositoryParameters `json:"forProvider"`
}

// A RepositoryStatus represents the observed state of a Repository.
type RepositoryStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 RepositoryObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Repository is an ECR private image repository. Its external name (the
// crossplane.io/external-name annotation) is the repository name and
// defaults to metadata.name. A repository name may contain a namespace path
// (team/app), which metadata.name cannot: set the annotation to use such a
// name, or to adopt an existing repository of another name; an existing
// repository of the name is adopted. metadata.name must be a valid
// repository name either way (admission rules cannot read the annotation).
// Connection details (with writeConnectionSecretToRef): repositoryUri, arn
// and registryId. A repository that holds images is deleted only with
// forceDelete: true.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="URI",type="string",JSONPath=".status.atProvider.repositoryUri"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) >= 2 && self.metadata.name.matches('^[a-z0-9]+([._-][a-z0-9]+)*$')",message="metadata.name must be a valid ECR repository name: at least 2 lowercase letters and digits, separated by single '.', '_' or '-' (it is the repository name unless the crossplane.io/external-name annotation sets another, e.g. team/app; the rule holds either way, as admission rules cannot read annotations)"
type Repository struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   RepositorySpec   `json:"spec"`
	Status RepositoryStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// RepositoryList contains a list of Repository.
type RepositoryList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Repository `json:"items"`
}

func init() { SchemeBuilder.Register(&Repository{}, &RepositoryList{}) }
