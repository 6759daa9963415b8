package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// TopicParameters are the configurable fields of a Topic.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: an SNS topic cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.fifoTopic) || !has(oldSelf.fifoTopic)",message="fifoTopic cannot be removed once set: create a new Topic to change it"
// +kubebuilder:validation:XValidation:rule="!has(self.contentBasedDeduplication) || !self.contentBasedDeduplication || (has(self.fifoTopic) && self.fifoTopic)",message="contentBasedDeduplication needs a FIFO topic: set fifoTopic: true (and a name ending in .fifo), or remove contentBasedDeduplication"
type TopicParameters struct {
	// Region of the topic, e.g. us-east-1. Defaults to the ProviderConfig's
	// region and is then written here (the provider writes it at the first
	// observation). Immutable, and cannot be removed once set: a topic cannot
	// move between regions.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new Topic in the other region instead"
	Region *string `json:"region,omitempty"`

	// FifoTopic makes the topic a FIFO topic (strict ordering and
	// deduplication; subscribers are FIFO SQS queues). The name of a FIFO
	// topic must end in .fifo. Omitted: a standard topic (false is written
	// here on first observation). Immutable: create a new Topic to change it.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="fifoTopic is immutable: create a new Topic of the other type (and delete this one) instead"
	FifoTopic *bool `json:"fifoTopic,omitempty"`

	// ContentBasedDeduplication of a FIFO topic uses a SHA-256 hash of the
	// message body as its deduplication ID. FIFO topics only. Omitted: not
	// managed (AWS's setting of a FIFO topic is copied here on first
	// observation).
	// +optional
	ContentBasedDeduplication *bool `json:"contentBasedDeduplication,omitempty"`

	// DisplayName of the topic, up to 100 characters: the sender name of
	// SMS messages and email notifications. Omitted: not managed (AWS's
	// display name is copied here on first observation). An empty string
	// removes it.
	// +optional
	// +kubebuilder:validation:MaxLength=100
	DisplayName *string `json:"displayName,omitempty"`

	// Policy is the topic's access policy (JSON): who may publish, subscribe
	// and manage the topic. Omitted: not managed (AWS sets a default policy
	// that lets the topic's account use it, and it is copied here on first
	// observation). It is compared as JSON: key order, whitespace, and a
	// single value versus a one-item list do not matter.
	// +optional
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=30720
	Policy *string `json:"policy,omitempty"`

	// DeliveryPolicy (JSON) sets how SNS retries deliveries to HTTP/S
	// endpoints, e.g. {"http":{"defaultHealthyRetryPolicy":{"numRetries":5}}}.
	// Omitted: not managed (copied here on first observation when the topic
	// has one). Compared as JSON. An empty string removes it.
	// +optional
	DeliveryPolicy *string `json:"deliveryPolicy,omitempty"`

	// DataProtectionPolicy (JSON) audits, masks or blocks sensitive data in
	// the messages published to the topic (GetDataProtectionPolicy and
	// PutDataProtectionPolicy). Omitted: not managed and not read. Compared
	// as JSON.
	// +optional
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=30720
	DataProtectionPolicy *string `json:"dataProtectionPolicy,omitempty"`

	// KMSMasterKeyID is the KMS key that encrypts messages at rest
	// (server-side encryption): a key ID, key ARN, alias name (alias/aws/sns
	// is AWS's managed key) or alias ARN. Set it, or reference a KMS Key with
	// kmsMasterKeyIdRef or kmsMasterKeyIdSelector (its ARN). Omitted: not
	// managed (copied here on first observation when the topic is
	// encrypted). An empty string turns encryption off.
	// +optional
	// +kubebuilder:validation:MaxLength=2048
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/kms/v1alpha1.Key
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.ARN()
	KMSMasterKeyID *string `json:"kmsMasterKeyId,omitempty"`

	// KMSMasterKeyIDRef references a KMS Key in the same namespace to set
	// kmsMasterKeyId (its ARN).
	// +optional
	KMSMasterKeyIDRef *xpv2.NamespacedReference `json:"kmsMasterKeyIdRef,omitempty"`

	// KMSMasterKeyIDSelector selects a KMS Key by labels to set
	// kmsMasterKeyId.
	// +optional
	KMSMasterKeyIDSelector *xpv2.NamespacedSelector `json:"kmsMasterKeyIdSelector,omitempty"`

	// Tags of the topic. Omitted: not managed (AWS's tags are copied here on
	// first observation). Set: exactly these tags, others are removed.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// TopicObservation is what AWS reports about a topic.
type TopicObservation struct {
	// ARN of the topic, e.g. arn:aws:sns:us-east-1:123456789012:orders.
	ARN string `json:"arn,omitempty"`
	// Owner is the ID of the AWS account that owns the topic.
	Owner string `json:"owner,omitempty"`
}

// A TopicSpec defines the desired state of a Topic.
type TopicSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	// +kubebuilder:default={}
	ForProvider TopicParameters `json:"forProvider"`
}

// A TopicStatus represents the observed state of a Topic.
type TopicStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 TopicObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Topic is an SNS topic, standard or FIFO. Its external name (the
// crossplane.io/external-name annotation) is the topic name and defaults to
// metadata.name: 1 to 256 letters, digits, hyphens and underscores, and a
// FIFO topic's name ends in .fifo. Set it to adopt an existing topic of
// another name (the provider finds the topic's ARN by its name). Creating a
// topic that exists with the same name adopts it. With
// writeConnectionSecretToRef the connection secret holds the keys arn, name
// and region.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="ARN",type="string",JSONPath=".status.atProvider.arn"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type Topic struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   TopicSpec   `json:"spec"`
	Status TopicStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// TopicList contains a list of Topic.
type TopicList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Topic `json:"items"`
}

func init() { SchemeBuilder.Register(&Topic{}, &TopicList{}) }

// The keys of a Topic's connection secret.
const (
	// ConnectionKeyARN is the topic's ARN.
	ConnectionKeyARN = "arn"
	// ConnectionKeyName is the topic's name.
	ConnectionKeyName = "name"
	// ConnectionKeyRegion is the topic's region.
	ConnectionKeyRegion = "region"
)
