package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// How to read the optional blocks of BucketParameters:
//   - A block that is omitted (null) is not managed by the provider. On the
//     first observation the provider copies AWS's current setting into the
//     spec (late initialization), and from then on it is managed.
//   - A block that is present is enforced: out-of-band changes are reverted.
//     An empty block where that means "nothing" (lifecycle: {rules: []},
//     cors: {rules: []}, policy: "") removes the configuration from AWS.

// VersioningConfiguration of a bucket.
type VersioningConfiguration struct {
	// Status of versioning. A bucket that was versioned once can only be
	// Suspended, never unversioned again.
	// +kubebuilder:validation:Enum=Enabled;Suspended
	Status string `json:"status"`
}

// ServerSideEncryption is the default encryption of new objects.
// +kubebuilder:validation:XValidation:rule="!(has(self.kmsMasterKeyID) || has(self.kmsMasterKeyIDRef) || has(self.kmsMasterKeyIDSelector)) || self.sseAlgorithm != 'AES256'",message="kmsMasterKeyID (or kmsMasterKeyIDRef, kmsMasterKeyIDSelector) is only valid with sseAlgorithm aws:kms or aws:kms:dsse"
type ServerSideEncryption struct {
	// SSEAlgorithm is AES256 (S3-managed keys), aws:kms or aws:kms:dsse.
	// +kubebuilder:validation:Enum=AES256;"aws:kms";"aws:kms:dsse"
	SSEAlgorithm string `json:"sseAlgorithm"`

	// KMSMasterKeyID is the KMS key ID or ARN used with aws:kms. Set it, or
	// resolve it from a KMS Key with kmsMasterKeyIDRef or
	// kmsMasterKeyIDSelector (its ARN). Omitted with aws:kms means the
	// AWS-managed key aws/s3.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/kms/v1alpha1.Key
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.ARN()
	KMSMasterKeyID *string `json:"kmsMasterKeyID,omitempty"`

	// KMSMasterKeyIDRef references a KMS Key to set kmsMasterKeyID (its ARN).
	// +optional
	KMSMasterKeyIDRef *xpv2.NamespacedReference `json:"kmsMasterKeyIDRef,omitempty"`

	// KMSMasterKeyIDSelector selects a KMS Key to set kmsMasterKeyID (its
	// ARN).
	// +optional
	KMSMasterKeyIDSelector *xpv2.NamespacedSelector `json:"kmsMasterKeyIDSelector,omitempty"`

	// BucketKeyEnabled reduces KMS request costs with an S3 Bucket Key.
	// +optional
	BucketKeyEnabled *bool `json:"bucketKeyEnabled,omitempty"`
}

// LifecycleFilter selects the objects a lifecycle rule applies to. An empty
// filter applies the rule to every object.
type LifecycleFilter struct {
	// Prefix of the object keys, e.g. "logs/".
	// +optional
	Prefix *string `json:"prefix,omitempty"`

	// Tags the objects must all carry.
	// +optional
	Tags map[string]string `json:"tags,omitempty"`

	// ObjectSizeGreaterThan in bytes.
	// +optional
	// +kubebuilder:validation:Minimum=0
	ObjectSizeGreaterThan *int64 `json:"objectSizeGreaterThan,omitempty"`

	// ObjectSizeLessThan in bytes.
	// +optional
	// +kubebuilder:validation:Minimum=1
	ObjectSizeLessThan *int64 `json:"objectSizeLessThan,omitempty"`
}

// LifecycleExpiration expires current object versions.
// +kubebuilder:validation:XValidation:rule="has(self.days) != has(self.expiredObjectDeleteMarker)",message="expiration needs exactly one of days or expiredObjectDeleteMarker"
type LifecycleExpiration struct {
	// Days after creation when objects expire.
	// +optional
	// +kubebuilder:validation:Minimum=1
	Days *int32 `json:"days,omitempty"`

	// ExpiredObjectDeleteMarker removes delete markers that have no
	// noncurrent versions left (versioned buckets).
	// +optional
	ExpiredObjectDeleteMarker *bool `json:"expiredObjectDeleteMarker,omitempty"`
}

// LifecycleTransition moves current object versions to another storage class.
type LifecycleTransition struct {
	// Days after creation when objects move.
	// +kubebuilder:validation:Minimum=0
	Days int32 `json:"days"`

	// StorageClass the objects move to.
	// +kubebuilder:validation:Enum=GLACIER;STANDARD_IA;ONEZONE_IA;INTELLIGENT_TIERING;DEEP_ARCHIVE;GLACIER_IR
	StorageClass string `json:"storageClass"`
}

// NoncurrentVersionExpiration expires noncurrent object versions.
type NoncurrentVersionExpiration struct {
	// NoncurrentDays after an object became noncurrent.
	// +kubebuilder:validation:Minimum=1
	NoncurrentDays int32 `json:"noncurrentDays"`

	// NewerNoncurrentVersions to keep regardless of age.
	// +optional
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100
	NewerNoncurrentVersions *int32 `json:"newerNoncurrentVersions,omitempty"`
}

// NoncurrentVersionTransition moves noncurrent versions to another storage class.
type NoncurrentVersionTransition struct {
	// NoncurrentDays after an object became noncurrent.
	// +kubebuilder:validation:Minimum=0
	NoncurrentDays int32 `json:"noncurrentDays"`

	// StorageClass the versions move to.
	// +kubebuilder:validation:Enum=GLACIER;STANDARD_IA;ONEZONE_IA;INTELLIGENT_TIERING;DEEP_ARCHIVE;GLACIER_IR
	StorageClass string `json:"storageClass"`

	// NewerNoncurrentVersions to keep regardless of age.
	// +optional
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100
	NewerNoncurrentVersions *int32 `json:"newerNoncurrentVersions,omitempty"`
}

// LifecycleRule is one rule of a bucket's lifecycle configuration.
// +kubebuilder:validation:XValidation:rule="has(self.expiration) || has(self.transitions) || has(self.noncurrentVersionExpiration) || has(self.noncurrentVersionTransitions) || has(self.abortIncompleteMultipartUploadDays)",message="a lifecycle rule needs at least one action: expiration, transitions, noncurrentVersionExpiration, noncurrentVersionTransitions or abortIncompleteMultipartUploadDays"
type LifecycleRule struct {
	// ID names the rule; unique within the bucket.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	ID string `json:"id"`

	// Status Enabled applies the rule; Disabled keeps it without applying it.
	// +kubebuilder:validation:Enum=Enabled;Disabled
	// +kubebuilder:default=Enabled
	// +optional
	Status string `json:"status,omitempty"`

	// Filter selects the objects. Omitted means every object.
	// +optional
	Filter *LifecycleFilter `json:"filter,omitempty"`

	// Expiration of current versions.
	// +optional
	Expiration *LifecycleExpiration `json:"expiration,omitempty"`

	// Transitions of current versions to other storage classes.
	// +optional
	Transitions []LifecycleTransition `json:"transitions,omitempty"`

	// NoncurrentVersionExpiration of noncurrent versions.
	// +optional
	NoncurrentVersionExpiration *NoncurrentVersionExpiration `json:"noncurrentVersionExpiration,omitempty"`

	// NoncurrentVersionTransitions of noncurrent versions.
	// +optional
	NoncurrentVersionTransitions []NoncurrentVersionTransition `json:"noncurrentVersionTransitions,omitempty"`

	// AbortIncompleteMultipartUploadDays after which incomplete multipart
	// uploads are aborted.
	// +optional
	// +kubebuilder:validation:Minimum=1
	AbortIncompleteMultipartUploadDays *int32 `json:"abortIncompleteMultipartUploadDays,omitempty"`
}

// LifecycleConfiguration of a bucket.
type LifecycleConfiguration struct {
	// Rules of the configuration; an empty list removes every rule.
	// +listType=map
	// +listMapKey=id
	// +kubebuilder:validation:MaxItems=1000
	Rules []LifecycleRule `json:"rules"`
}

// PublicAccessBlock blocks public access to the bucket and its objects.
// Omitted fields mean false.
type PublicAccessBlock struct {
	// BlockPublicACLs rejects requests that grant public ACLs.
	// +optional
	BlockPublicACLs bool `json:"blockPublicAcls,omitempty"`
	// IgnorePublicACLs ignores public ACLs on the bucket and its objects.
	// +optional
	IgnorePublicACLs bool `json:"ignorePublicAcls,omitempty"`
	// BlockPublicPolicy rejects bucket policies that grant public access.
	// +optional
	BlockPublicPolicy bool `json:"blockPublicPolicy,omitempty"`
	// RestrictPublicBuckets restricts access to buckets with public policies.
	// +optional
	RestrictPublicBuckets bool `json:"restrictPublicBuckets,omitempty"`
}

// Website serves the bucket as a static website.
type Website struct {
	// IndexDocument suffix, e.g. index.html.
	// +kubebuilder:validation:MinLength=1
	IndexDocument string `json:"indexDocument"`
	// ErrorDocument key returned for 4XX errors.
	// +optional
	ErrorDocument *string `json:"errorDocument,omitempty"`
}

// CORSRule is one cross-origin rule.
type CORSRule struct {
	// ID of the rule.
	// +optional
	ID *string `json:"id,omitempty"`
	// AllowedMethods, e.g. GET, PUT.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:items:Enum=GET;PUT;POST;DELETE;HEAD
	AllowedMethods []string `json:"allowedMethods"`
	// AllowedOrigins, e.g. https://example.com or *.
	// +kubebuilder:validation:MinItems=1
	AllowedOrigins []string `json:"allowedOrigins"`
	// AllowedHeaders in a preflight request.
	// +optional
	AllowedHeaders []string `json:"allowedHeaders,omitempty"`
	// ExposeHeaders the browser may read.
	// +optional
	ExposeHeaders []string `json:"exposeHeaders,omitempty"`
	// MaxAgeSeconds a browser caches the preflight response.
	// +optional
	// +kubebuilder:validation:Minimum=0
	MaxAgeSeconds *int32 `json:"maxAgeSeconds,omitempty"`
}

// CORSConfiguration of a bucket.
type CORSConfiguration struct {
	// Rules of the configuration; an empty list removes CORS.
	// +kubebuilder:validation:MaxItems=100
	Rules []CORSRule `json:"rules"`
}

// BucketParameters are the configurable fields of a Bucket.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a bucket cannot move between regions"
type BucketParameters struct {
	// Region of the bucket, e.g. us-east-1. Defaults to the ProviderConfig's
	// region and is then written here (the provider writes it at the first
	// observation). Immutable, and cannot be removed once set: a bucket
	// cannot move between regions.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new Bucket in the other region instead"
	Region *string `json:"region,omitempty"`

	// Tags of the bucket. Omitted: not managed (AWS's tags are copied here
	// on first observation). Set: exactly these tags, others are removed.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`

	// Versioning of the bucket's objects. Omitted: not managed.
	// +optional
	Versioning *VersioningConfiguration `json:"versioning,omitempty"`

	// ServerSideEncryption is the default encryption of new objects.
	// Omitted: not managed (AWS applies AES256 to every new bucket).
	// +optional
	ServerSideEncryption *ServerSideEncryption `json:"serverSideEncryption,omitempty"`

	// Lifecycle rules of the bucket. Omitted: not managed. `rules: []`:
	// the bucket has no lifecycle configuration.
	// +optional
	Lifecycle *LifecycleConfiguration `json:"lifecycle,omitempty"`

	// PublicAccessBlock of the bucket. Omitted: not managed.
	// +optional
	PublicAccessBlock *PublicAccessBlock `json:"publicAccessBlock,omitempty"`

	// ObjectOwnership controls ACLs: BucketOwnerEnforced (ACLs disabled, AWS's
	// default for new buckets), BucketOwnerPreferred or ObjectWriter.
	// Omitted: not managed.
	// +optional
	// +kubebuilder:validation:Enum=BucketOwnerEnforced;BucketOwnerPreferred;ObjectWriter
	ObjectOwnership *string `json:"objectOwnership,omitempty"`

	// Policy is the bucket policy as a JSON document. It is compared as JSON
	// (key order and whitespace do not matter). Omitted: not managed.
	// An empty string removes the policy.
	// +optional
	Policy *string `json:"policy,omitempty"`

	// Website hosting of the bucket. Omitted: not managed.
	// +optional
	Website *Website `json:"website,omitempty"`

	// CORS configuration of the bucket. Omitted: not managed. `rules: []`:
	// no CORS configuration.
	// +optional
	CORS *CORSConfiguration `json:"cors,omitempty"`

	// ForceDestroy deletes every object and object version when the Bucket
	// is deleted. Without it, deleting a bucket that still holds objects
	// waits with a condition saying so.
	// +optional
	ForceDestroy bool `json:"forceDestroy,omitempty"`
}

// BucketObservation is what AWS reports about a bucket.
type BucketObservation struct {
	// ARN of the bucket.
	ARN string `json:"arn,omitempty"`
	// Region the bucket lives in.
	Region string `json:"region,omitempty"`
	// BucketRegionalDomainName, e.g. my-bucket.s3.eu-west-1.amazonaws.com.
	BucketRegionalDomainName string `json:"bucketRegionalDomainName,omitempty"`
}

// A BucketSpec defines the desired state of a Bucket.
// +kubebuilder:validation:XValidation:rule="has(self.forProvider) || !has(oldSelf.forProvider) || !has(oldSelf.forProvider.region)",message="region cannot be removed once set: a bucket cannot move between regions (keep forProvider.region)"
type BucketSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              BucketParameters `json:"forProvider,omitempty"`
}

// A BucketStatus represents the observed state of a Bucket.
type BucketStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 BucketObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Bucket is an S3 bucket. Its external name (the
// crossplane.io/external-name annotation) is the bucket name and defaults to
// metadata.name; set it to adopt an existing bucket of another name.
// metadata.name must be a valid bucket name (3-63 characters) either way:
// admission rules cannot read the annotation.
// Connection details: bucketName, region, endpoint, arn.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="REGION",type="string",JSONPath=".status.atProvider.region"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws},shortName=bkt
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) >= 3 && size(self.metadata.name) <= 63 && self.metadata.name.matches('^[a-z0-9][a-z0-9.-]*[a-z0-9]$') && !self.metadata.name.contains('..')",message="metadata.name must be a valid S3 bucket name, 3-63 characters of lower-case letters, digits, '.' and '-', starting and ending with a letter or digit: it is the bucket name by default, and the rule holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations): choose such a metadata.name"
type Bucket struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   BucketSpec   `json:"spec"`
	Status BucketStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// BucketList contains a list of Bucket.
type BucketList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Bucket `json:"items"`
}
