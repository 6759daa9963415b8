package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// KeyParameters are the configurable fields of a Key.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a KMS key cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.keySpec) || !has(oldSelf.keySpec)",message="keySpec cannot be removed once set: create a new Key to change it"
// +kubebuilder:validation:XValidation:rule="has(self.keyUsage) || !has(oldSelf.keyUsage)",message="keyUsage cannot be removed once set: create a new Key to change it"
// +kubebuilder:validation:XValidation:rule="has(self.multiRegion) || !has(oldSelf.multiRegion)",message="multiRegion cannot be removed once set: create a new Key to change it"
// +kubebuilder:validation:XValidation:rule="!has(self.rotationPeriodInDays) || (has(self.enableKeyRotation) && self.enableKeyRotation)",message="rotationPeriodInDays needs enableKeyRotation: true"
type KeyParameters struct {
	// Region of the key, e.g. us-east-1. Defaults to the ProviderConfig's
	// region and is then written here (the provider writes it at the first
	// observation). Immutable, and cannot be removed once set: a key cannot
	// move between regions.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new Key in the other region instead"
	Region *string `json:"region,omitempty"`

	// Description of the key, up to 8192 characters. Omitted: not managed
	// (AWS's description is copied here on first observation).
	// +optional
	// +kubebuilder:validation:MaxLength=8192
	Description *string `json:"description,omitempty"`

	// KeySpec is the type of key material: SYMMETRIC_DEFAULT (the default,
	// AES-256-GCM), an RSA, ECC or ML-DSA key pair, an HMAC key or SM2.
	// Immutable: create a new Key to change it.
	// +optional
	// +kubebuilder:validation:Enum=SYMMETRIC_DEFAULT;RSA_2048;RSA_3072;RSA_4096;ECC_NIST_P256;ECC_NIST_P384;ECC_NIST_P521;ECC_SECG_P256K1;ECC_NIST_EDWARDS25519;HMAC_224;HMAC_256;HMAC_384;HMAC_512;SM2;ML_DSA_44;ML_DSA_65;ML_DSA_87
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="keySpec is immutable: create a new Key with the other key spec (and delete this one) instead"
	KeySpec *string `json:"keySpec,omitempty"`

	// KeyUsage is what the key does: ENCRYPT_DECRYPT (the default for
	// symmetric keys), SIGN_VERIFY, GENERATE_VERIFY_MAC (HMAC keys) or
	// KEY_AGREEMENT. Immutable: create a new Key to change it.
	// +optional
	// +kubebuilder:validation:Enum=ENCRYPT_DECRYPT;SIGN_VERIFY;GENERATE_VERIFY_MAC;KEY_AGREEMENT
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="keyUsage is immutable: create a new Key with the other key usage (and delete this one) instead"
	KeyUsage *string `json:"keyUsage,omitempty"`

	// Policy is the key policy (JSON). Omitted: not managed (AWS sets the
	// default key policy, which gives the account root full access, and it
	// is copied here on first observation). It is compared as JSON: key
	// order, whitespace, and a single value versus a one-item list do not
	// matter.
	// +optional
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=32768
	Policy *string `json:"policy,omitempty"`

	// BypassPolicyLockoutSafetyCheck skips KMS's check that the policy
	// still lets the caller change the policy later (CreateKey and
	// PutKeyPolicy). Leave it unset unless you know that a policy that locks
	// the provider out is what you want: the key may become unmanageable.
	// +optional
	BypassPolicyLockoutSafetyCheck *bool `json:"bypassPolicyLockoutSafetyCheck,omitempty"`

	// EnableKeyRotation turns on automatic rotation of the key material
	// (symmetric encryption keys only). Omitted: not managed.
	// +optional
	EnableKeyRotation *bool `json:"enableKeyRotation,omitempty"`

	// RotationPeriodInDays between automatic rotations, 90 to 2560 (AWS's
	// default is 365). Needs enableKeyRotation: true.
	// +optional
	// +kubebuilder:validation:Minimum=90
	// +kubebuilder:validation:Maximum=2560
	RotationPeriodInDays *int32 `json:"rotationPeriodInDays,omitempty"`

	// Enabled keys can be used in cryptographic operations; a disabled key
	// cannot until it is enabled again. Omitted: true for a new key, and
	// AWS's state is copied here on first observation.
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// MultiRegion creates a multi-Region primary key, which can be
	// replicated to other regions. Immutable: create a new Key to change it.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="multiRegion is immutable: create a new Key (and delete this one) instead"
	MultiRegion *bool `json:"multiRegion,omitempty"`

	// PendingWindowInDays is the waiting period, 7 to 30 days, between the
	// deletion of the Key and the deletion of the key material in AWS
	// (ScheduleKeyDeletion). During it the key is PendingDeletion and can
	// still be restored in AWS. Default 30.
	// +optional
	// +kubebuilder:default=30
	// +kubebuilder:validation:Minimum=7
	// +kubebuilder:validation:Maximum=30
	PendingWindowInDays *int32 `json:"pendingWindowInDays,omitempty"`

	// Tags of the key. Omitted: not managed (AWS's tags are copied here on
	// first observation). Set: exactly these tags, others are removed.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// KeyObservation is what AWS reports about a key.
type KeyObservation struct {
	// ARN of the key, e.g.
	// arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab.
	ARN string `json:"arn,omitempty"`
	// KeyID is the key's ID (a UUID, or mrk-... for a multi-Region key).
	KeyID string `json:"keyId,omitempty"`
	// KeyState is Enabled, Disabled, PendingDeletion, PendingImport,
	// Creating, Updating or Unavailable.
	KeyState string `json:"keyState,omitempty"`
	// KeyManager is CUSTOMER or AWS.
	KeyManager string `json:"keyManager,omitempty"`
	// DeletionDate of a key that is PendingDeletion, RFC 3339.
	DeletionDate string `json:"deletionDate,omitempty"`
	// CreationDate of the key, RFC 3339.
	CreationDate string `json:"creationDate,omitempty"`
}

// A KeySpec defines the desired state of a Key.
type KeySpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	// +kubebuilder:default={}
	ForProvider KeyParameters `json:"forProvider"`
}

// A KeyStatus represents the observed state of a Key.
type KeyStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 KeyObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Key is a KMS key. Its external name (the crossplane.io/external-name
// annotation) is the key ID, which AWS assigns: the provider sets it after
// creating the key, and finds a key it created without recording the ID by
// its kaws.dev/managed-by tag. Set it to adopt an existing key. Deleting a
// Key schedules the deletion of the key material after
// pendingWindowInDays; the Key is gone when AWS shows the key as
// PendingDeletion.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="KEY-ID",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="STATE",type="string",JSONPath=".status.atProvider.keyState"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type Key struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   KeySpec   `json:"spec"`
	Status KeyStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// KeyList contains a list of Key.
type KeyList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Key `json:"items"`
}

func init() { SchemeBuilder.Register(&Key{}, &KeyList{}) }
