package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"
)

// SubscriptionRedrivePolicy sends the messages SNS cannot deliver to the
// endpoint to an SQS dead-letter queue.
type SubscriptionRedrivePolicy struct {
	// DeadLetterTargetARN is the ARN of the SQS dead-letter queue, e.g.
	// arn:aws:sqs:us-east-1:123456789012:orders-dlq. Set it, or reference a
	// Queue with deadLetterTargetArnRef or deadLetterTargetArnSelector.
	// Unset (an empty redrivePolicy, {}): the subscription has no
	// dead-letter queue.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/sqs/v1alpha1.Queue
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
}

// SubscriptionParameters are the configurable fields of a Subscription.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: an SNS subscription cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.topicArn) || has(self.topicArnRef) || has(self.topicArnSelector)",message="spec.forProvider.topicArn is required: set topicArn, or reference a Topic with topicArnRef or topicArnSelector"
// +kubebuilder:validation:XValidation:rule="has(self.topicArn) || !has(oldSelf.topicArn)",message="topicArn cannot be removed once set: create a new Subscription to subscribe to another topic"
// +kubebuilder:validation:XValidation:rule="has(self.endpoint) || has(self.endpointQueueRef) || has(self.endpointQueueSelector)",message="spec.forProvider.endpoint is required: set endpoint, or for protocol sqs reference a Queue with endpointQueueRef or endpointQueueSelector"
// +kubebuilder:validation:XValidation:rule="has(self.endpoint) || !has(oldSelf.endpoint)",message="endpoint cannot be removed once set: create a new Subscription for another endpoint"
// +kubebuilder:validation:XValidation:rule="!(has(self.endpointQueueRef) || has(self.endpointQueueSelector)) || self.protocol == 'sqs'",message="endpointQueueRef and endpointQueueSelector need protocol sqs: set endpoint for other protocols"
// +kubebuilder:validation:XValidation:rule="!has(self.filterPolicyScope) || has(self.filterPolicy)",message="filterPolicyScope needs a filterPolicy: set filterPolicy, or remove filterPolicyScope"
// +kubebuilder:validation:XValidation:rule="!has(self.rawMessageDelivery) || !self.rawMessageDelivery || self.protocol in ['http', 'https', 'sqs', 'firehose']",message="rawMessageDelivery is only for the protocols http, https, sqs and firehose: remove it or set it to false"
type SubscriptionParameters struct {
	// Region of the subscription: the region of its topic, e.g. us-east-1.
	// Defaults to the ProviderConfig's region and is then written here (the
	// provider writes it at the first observation). Immutable, and cannot be
	// removed once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new Subscription in the other region instead"
	Region *string `json:"region,omitempty"`

	// TopicARN is the ARN of the topic to subscribe to, e.g.
	// arn:aws:sns:us-east-1:123456789012:orders. Set it, or reference a
	// Topic with topicArnRef or topicArnSelector. Immutable: create a new
	// Subscription to subscribe to another topic.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="topicArn is immutable: create a new Subscription for the other topic (and delete this one) instead"
	// +crossplane:generate:reference:type=Topic
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.ARN()
	TopicARN *string `json:"topicArn,omitempty"`

	// TopicARNRef references a Topic in the same namespace to set topicArn
	// (its ARN).
	// +optional
	TopicARNRef *xpv2.NamespacedReference `json:"topicArnRef,omitempty"`

	// TopicARNSelector selects a Topic by labels to set topicArn.
	// +optional
	TopicARNSelector *xpv2.NamespacedSelector `json:"topicArnSelector,omitempty"`

	// Protocol of the endpoint: sqs, lambda, firehose, http, https, email,
	// email-json, sms or application. Immutable: create a new Subscription
	// to change it.
	// +kubebuilder:validation:Enum=sqs;lambda;firehose;http;https;email;email-json;sms;application
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="protocol is immutable: create a new Subscription with the other protocol (and delete this one) instead"
	Protocol string `json:"protocol"`

	// Endpoint that receives the notifications; its form depends on the
	// protocol: a queue ARN (sqs), a function ARN (lambda), a delivery
	// stream ARN (firehose), a URL (http, https), an email address (email,
	// email-json), a phone number (sms) or an application endpoint ARN. For
	// sqs, set it or reference a Queue with endpointQueueRef or
	// endpointQueueSelector. Immutable: create a new Subscription to change
	// it.
	// +optional
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="endpoint is immutable: create a new Subscription for the other endpoint (and delete this one) instead"
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/sqs/v1alpha1.Queue
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.ARN()
	// +crossplane:generate:reference:refFieldName=EndpointQueueRef
	// +crossplane:generate:reference:selectorFieldName=EndpointQueueSelector
	Endpoint *string `json:"endpoint,omitempty"`

	// EndpointQueueRef references an SQS Queue in the same namespace to set
	// endpoint (its ARN); protocol sqs only.
	// +optional
	EndpointQueueRef *xpv2.NamespacedReference `json:"endpointQueueRef,omitempty"`

	// EndpointQueueSelector selects an SQS Queue by labels to set endpoint;
	// protocol sqs only.
	// +optional
	EndpointQueueSelector *xpv2.NamespacedSelector `json:"endpointQueueSelector,omitempty"`

	// RawMessageDelivery sends the message as published, without SNS's JSON
	// envelope (protocols http, https, sqs and firehose). Omitted: AWS's
	// setting (false for a new subscription) is copied here on first
	// observation.
	// +optional
	RawMessageDelivery *bool `json:"rawMessageDelivery,omitempty"`

	// FilterPolicy (JSON) selects the messages the endpoint receives, e.g.
	// {"event":["order_placed"]}. Omitted: not managed (copied here on first
	// observation when the subscription has one). Compared as JSON. An empty
	// string removes it.
	// +optional
	FilterPolicy *string `json:"filterPolicy,omitempty"`

	// FilterPolicyScope is what filterPolicy applies to: MessageAttributes
	// (AWS's default) or MessageBody. Needs filterPolicy.
	// +optional
	// +kubebuilder:validation:Enum=MessageAttributes;MessageBody
	FilterPolicyScope *string `json:"filterPolicyScope,omitempty"`

	// RedrivePolicy sends undeliverable messages to an SQS dead-letter
	// queue. Omitted: not managed (copied here on first observation when the
	// subscription has one). {} removes the dead-letter queue.
	// +optional
	RedrivePolicy *SubscriptionRedrivePolicy `json:"redrivePolicy,omitempty"`

	// DeliveryPolicy (JSON) sets how SNS retries deliveries to an HTTP/S
	// endpoint. Omitted: not managed (copied here on first observation when
	// the subscription has one). Compared as JSON. An empty string removes
	// it.
	// +optional
	DeliveryPolicy *string `json:"deliveryPolicy,omitempty"`

	// SubscriptionRoleARN is the IAM role SNS assumes to write to a Firehose
	// delivery stream (protocol firehose, where it is required). Set it, or
	// reference a Role with subscriptionRoleArnRef or
	// subscriptionRoleArnSelector.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.ARN()
	SubscriptionRoleARN *string `json:"subscriptionRoleArn,omitempty"`

	// SubscriptionRoleARNRef references an IAM Role in the same namespace to
	// set subscriptionRoleArn (its ARN).
	// +optional
	SubscriptionRoleARNRef *xpv2.NamespacedReference `json:"subscriptionRoleArnRef,omitempty"`

	// SubscriptionRoleARNSelector selects an IAM Role by labels to set
	// subscriptionRoleArn.
	// +optional
	SubscriptionRoleARNSelector *xpv2.NamespacedSelector `json:"subscriptionRoleArnSelector,omitempty"`
}

// SubscriptionObservation is what AWS reports about a subscription.
type SubscriptionObservation struct {
	// ARN of the subscription, e.g.
	// arn:aws:sns:us-east-1:123456789012:orders:0a1b2c3d-....
	ARN string `json:"arn,omitempty"`
	// Owner is the ID of the AWS account that owns the subscription.
	Owner string `json:"owner,omitempty"`
	// PendingConfirmation is true until the endpoint confirms the
	// subscription (email, http and https endpoints, and endpoints of other
	// accounts); SQS, Lambda and Firehose endpoints of the topic's account
	// are confirmed at once.
	PendingConfirmation bool `json:"pendingConfirmation,omitempty"`
}

// A SubscriptionSpec defines the desired state of a Subscription.
type SubscriptionSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              SubscriptionParameters `json:"forProvider"`
}

// A SubscriptionStatus represents the observed state of a Subscription.
type SubscriptionStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 SubscriptionObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Subscription subscribes an endpoint (an SQS queue, a Lambda function, an
// HTTP/S URL, an email address, ...) to an SNS topic. Its external name (the
// crossplane.io/external-name annotation) is the subscription ARN, which AWS
// assigns: the provider sets it after subscribing, and finds a subscription
// it created without recording the ARN among the topic's subscriptions by
// protocol and endpoint. Set it to adopt an existing subscription.
//
// A subscription that is pending confirmation (email, http and https
// endpoints) is not Ready: its Ready condition says the endpoint must
// confirm it, and its settings are applied once it is confirmed. SNS cannot
// unsubscribe a subscription that is pending confirmation: deleting such a
// Subscription removes it from Kubernetes, and SNS deletes the unconfirmed
// subscription after 3 days.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="PROTOCOL",type="string",JSONPath=".spec.forProvider.protocol"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type Subscription struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   SubscriptionSpec   `json:"spec"`
	Status SubscriptionStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// SubscriptionList contains a list of Subscription.
type SubscriptionList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Subscription `json:"items"`
}

func init() { SchemeBuilder.Register(&Subscription{}, &SubscriptionList{}) }
