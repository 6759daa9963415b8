package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// RedrivePolicy sends the messages a queue fails to process to a dead-letter
// queue.
// +kubebuilder:validation:XValidation:rule="has(self.deadLetterTargetArn) || has(self.deadLetterTargetArnRef) || has(self.deadLetterTargetArnSelector)",message="set one of redrivePolicy.deadLetterTargetArn, deadLetterTargetArnRef or deadLetterTargetArnSelector to choose the dead-letter queue"
type RedrivePolicy struct {
	// DeadLetterTargetArn is the ARN of the dead-letter queue, e.g.
	// arn:aws:sqs:us-east-1:123456789012:orders-dlq. Set it, or reference a
	// Queue with deadLetterTargetArnRef or deadLetterTargetArnSelector. The
	// dead-letter queue of a FIFO queue must be a FIFO queue, of a standard
	// queue a standard queue, in the same account and region.
	// +optional
	// +crossplane:generate:reference:type=Queue
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.ARN()
	DeadLetterTargetARN *string `json:"deadLetterTargetArn,omitempty"`

	// DeadLetterTargetARNRef references a Queue in the same namespace to set
	// deadLetterTargetArn (its ARN).
	// +optional
	DeadLetterTargetARNRef *xpv2.NamespacedReference `json:"deadLetterTargetArnRef,omitempty"`

	// DeadLetterTargetARNSelector selects a Queue by labels to set
	// deadLetterTargetArn.
	// +optional
	DeadLetterTargetARNSelector *xpv2.NamespacedSelector `json:"deadLetterTargetArnSelector,omitempty"`

	// MaxReceiveCount is how many times a message is received before it is
	// moved to the dead-letter queue, 1 to 1000.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=1000
	MaxReceiveCount int32 `json:"maxReceiveCount"`
}

// RedriveAllowPolicy says which source queues may use this queue as their
// dead-letter queue.
// +kubebuilder:validation:XValidation:rule="self.redrivePermission == 'byQueue' ? (has(self.sourceQueueArns) && size(self.sourceQueueArns) > 0) : !has(self.sourceQueueArns)",message="redriveAllowPolicy.sourceQueueArns is required with redrivePermission byQueue (1 to 10 queue ARNs) and not allowed with allowAll or denyAll"
type RedriveAllowPolicy struct {
	// RedrivePermission is allowAll (any queue of the account and region may
	// use this queue as its dead-letter queue, AWS's default), denyAll (no
	// queue) or byQueue (the queues of sourceQueueArns).
	// +kubebuilder:validation:Enum=allowAll;denyAll;byQueue
	RedrivePermission string `json:"redrivePermission"`

	// SourceQueueArns are the ARNs of the queues that may use this queue as
	// their dead-letter queue (redrivePermission byQueue), 1 to 10. Compared
	// as a set. ARNs, not references: the source queues' redrive policies
	// name this queue, so references both ways would wait on each other; a
	// queue's ARN is arn:aws:sqs:<region>:<account>:<name>.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=10
	SourceQueueARNs []string `json:"sourceQueueArns,omitempty"`
}

// QueueParameters are the configurable fields of a Queue. A field left out
// is not managed: AWS's value (its default for a new queue) is copied here
// on the first observation, and from then on the provider keeps it.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a queue cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.fifoQueue) || !has(oldSelf.fifoQueue)",message="fifoQueue cannot be removed once set: create a new Queue to change the queue type"
// +kubebuilder:validation:XValidation:rule="(has(self.fifoQueue) && self.fifoQueue) || (!has(self.contentBasedDeduplication) && !has(self.deduplicationScope) && !has(self.fifoThroughputLimit))",message="contentBasedDeduplication, deduplicationScope and fifoThroughputLimit are for FIFO queues only: set fifoQueue: true (and a name ending in .fifo) or remove them"
// +kubebuilder:validation:XValidation:rule="!(has(self.sqsManagedSseEnabled) && self.sqsManagedSseEnabled && has(self.kmsMasterKeyId) && size(self.kmsMasterKeyId) > 0) && !(has(self.sqsManagedSseEnabled) && self.sqsManagedSseEnabled && (has(self.kmsMasterKeyIdRef) || has(self.kmsMasterKeyIdSelector)))",message="a queue is encrypted either with SQS-managed keys (sqsManagedSseEnabled: true) or with a KMS key (kmsMasterKeyId, kmsMasterKeyIdRef or kmsMasterKeyIdSelector), not both: set sqsManagedSseEnabled: false to use the KMS key"
// +kubebuilder:validation:XValidation:rule="!has(self.kmsDataKeyReusePeriodSeconds) || (has(self.kmsMasterKeyId) && size(self.kmsMasterKeyId) > 0) || has(self.kmsMasterKeyIdRef) || has(self.kmsMasterKeyIdSelector)",message="kmsDataKeyReusePeriodSeconds needs a KMS key: set kmsMasterKeyId, kmsMasterKeyIdRef or kmsMasterKeyIdSelector, or remove it"
type QueueParameters struct {
	// Region of the queue, e.g. us-east-1. Defaults to the ProviderConfig's
	// region and is then written here (the provider writes it at the first
	// observation). Immutable, and cannot be removed once set: a queue cannot
	// move between regions.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new Queue in the other region instead"
	Region *string `json:"region,omitempty"`

	// FifoQueue makes the queue a FIFO queue (exactly-once processing, in
	// order per message group); its name must end in .fifo. Omitted: a
	// standard queue (false is written here on first observation).
	// Immutable: create a new Queue to change the type.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="fifoQueue is immutable: AWS cannot change a queue's type; create a new Queue (a FIFO queue's name ends in .fifo) instead"
	FifoQueue *bool `json:"fifoQueue,omitempty"`

	// ContentBasedDeduplication (FIFO queues) deduplicates messages by a
	// SHA-256 hash of their body, so senders need no deduplication ID.
	// +optional
	ContentBasedDeduplication *bool `json:"contentBasedDeduplication,omitempty"`

	// DeduplicationScope (FIFO queues) is where message deduplication
	// happens: queue (AWS's default) or messageGroup (needed for high
	// throughput, with fifoThroughputLimit perMessageGroupId).
	// +optional
	// +kubebuilder:validation:Enum=messageGroup;queue
	DeduplicationScope *string `json:"deduplicationScope,omitempty"`

	// FifoThroughputLimit (FIFO queues) is what the throughput quota applies
	// to: perQueue (AWS's default) or perMessageGroupId (high throughput).
	// +optional
	// +kubebuilder:validation:Enum=perQueue;perMessageGroupId
	FifoThroughputLimit *string `json:"fifoThroughputLimit,omitempty"`

	// VisibilityTimeoutSeconds a received message stays hidden from other
	// consumers, 0 to 43200 (12 hours). AWS's default: 30.
	// +optional
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=43200
	VisibilityTimeoutSeconds *int32 `json:"visibilityTimeoutSeconds,omitempty"`

	// MessageRetentionPeriodSeconds a message is kept, 60 (1 minute) to
	// 1209600 (14 days). AWS's default: 345600 (4 days).
	// +optional
	// +kubebuilder:validation:Minimum=60
	// +kubebuilder:validation:Maximum=1209600
	MessageRetentionPeriodSeconds *int32 `json:"messageRetentionPeriodSeconds,omitempty"`

	// DelaySeconds every message is delayed before it can be received, 0 to
	// 900 (15 minutes). AWS's default: 0.
	// +optional
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=900
	DelaySeconds *int32 `json:"delaySeconds,omitempty"`

	// MaximumMessageSize in bytes, 1024 (1 KiB) to 1048576 (1 MiB). AWS's
	// default: 1048576.
	// +optional
	// +kubebuilder:validation:Minimum=1024
	// +kubebuilder:validation:Maximum=1048576
	MaximumMessageSize *int32 `json:"maximumMessageSize,omitempty"`

	// ReceiveMessageWaitTimeSeconds a receive call waits for a message (long
	// polling), 0 to 20. AWS's default: 0 (short polling).
	// +optional
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=20
	ReceiveMessageWaitTimeSeconds *int32 `json:"receiveMessageWaitTimeSeconds,omitempty"`

	// RedrivePolicy moves messages received maxReceiveCount times to a
	// dead-letter queue, by ARN or by reference to another Queue. Compared
	// by meaning (AWS stores it as JSON).
	// +optional
	RedrivePolicy *RedrivePolicy `json:"redrivePolicy,omitempty"`

	// RedriveAllowPolicy says which queues may use this queue as their
	// dead-letter queue. Compared by meaning (AWS stores it as JSON).
	// +optional
	RedriveAllowPolicy *RedriveAllowPolicy `json:"redriveAllowPolicy,omitempty"`

	// SQSManagedSSEEnabled encrypts messages at rest with keys SQS manages
	// (SSE-SQS; AWS enables it for new queues). Not together with a KMS key.
	// +optional
	SQSManagedSSEEnabled *bool `json:"sqsManagedSseEnabled,omitempty"`

	// KMSMasterKeyID is the KMS key that encrypts messages at rest (SSE-KMS):
	// a key ID, key ARN, alias name (alias/aws/sqs is AWS's managed key) or
	// alias ARN. Set it, or reference a KMS Key with kmsMasterKeyIdRef or
	// kmsMasterKeyIdSelector (its ARN). An empty string turns SSE-KMS off.
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

	// KMSDataKeyReusePeriodSeconds SQS reuses a data key before calling KMS
	// again, 60 (1 minute) to 86400 (24 hours); needs a KMS key. AWS's
	// default: 300.
	// +optional
	// +kubebuilder:validation:Minimum=60
	// +kubebuilder:validation:Maximum=86400
	KMSDataKeyReusePeriodSeconds *int32 `json:"kmsDataKeyReusePeriodSeconds,omitempty"`

	// Policy is the queue's access policy (JSON), e.g. allowing an SNS topic
	// to send messages. It is compared as JSON: key order, whitespace, and a
	// single value versus a one-item list do not matter. An empty string
	// removes the policy.
	// +optional
	// +kubebuilder:validation:MaxLength=20480
	Policy *string `json:"policy,omitempty"`

	// Tags of the queue. Omitted: not managed (AWS's tags are copied here on
	// first observation). Set: exactly these tags, others are removed.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// QueueObservation is what AWS reports about a queue.
type QueueObservation struct {
	// URL of the queue, what applications send to and receive from, e.g.
	// https://sqs.us-east-1.amazonaws.com/123456789012/orders.
	URL string `json:"url,omitempty"`
	// ARN of the queue, e.g. arn:aws:sqs:us-east-1:123456789012:orders.
	ARN string `json:"arn,omitempty"`
}

// A QueueSpec defines the desired state of a Queue.
type QueueSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	// +kubebuilder:default={}
	ForProvider QueueParameters `json:"forProvider"`
}

// A QueueStatus represents the observed state of a Queue.
type QueueStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 QueueObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Queue is an SQS queue, standard or FIFO. Its external name (the
// crossplane.io/external-name annotation) is the queue name and defaults to
// metadata.name; set it to adopt an existing queue of another name (with
// managementPolicies: [Observe] to import it read-only). A queue name is 1
// to 80 letters, digits, hyphens and underscores, and a FIFO queue's ends in
// .fifo: metadata.name ends in .fifo exactly when fifoQueue is true (also
// with the annotation, which admission rules cannot read). AWS refuses to
// re-create a queue name for 60 seconds after the queue's deletion; the
// provider retries. Connection details (with writeConnectionSecretToRef):
// url, arn, name and region.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="URL",type="string",JSONPath=".status.atProvider.url",priority=1
// +kubebuilder:printcolumn:name="FIFO",type="boolean",JSONPath=".spec.forProvider.fifoQueue"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) <= 80",message="metadata.name must be at most 80 characters, the limit of an SQS queue name (.fifo included): it is the name in AWS by default, and the limit holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations): choose a shorter metadata.name"
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[^.]+([.]fifo)?$')",message="metadata.name may contain a dot only in a .fifo suffix: an SQS queue name is letters, digits, hyphens and underscores, and a FIFO queue's ends in .fifo"
// +kubebuilder:validation:XValidation:rule="self.metadata.name.endsWith('.fifo') == (has(self.spec.forProvider.fifoQueue) && self.spec.forProvider.fifoQueue)",message="a FIFO queue's name ends in .fifo: set spec.forProvider.fifoQueue: true exactly when metadata.name ends in .fifo (also when the crossplane.io/external-name annotation names the queue)"
type Queue struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   QueueSpec   `json:"spec"`
	Status QueueStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// QueueList contains a list of Queue.
type QueueList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Queue `json:"items"`
}

func init() { SchemeBuilder.Register(&Queue{}, &QueueList{}) }
