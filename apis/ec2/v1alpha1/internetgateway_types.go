package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// InternetGatewayParameters are the configurable fields of an InternetGateway.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: an internet gateway cannot move between regions"
type InternetGatewayParameters struct {
	// Region of the internet gateway, e.g. us-east-1; must be the region of
	// its VPC. Defaults to the ProviderConfig's region and is then written
	// here (the provider writes it at the first observation). Immutable, and
	// cannot be removed once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new InternetGateway in the other region instead"
	Region *string `json:"region,omitempty"`

	// VPCID is the ID of the VPC the gateway is attached to. Set it, or let
	// vpcIdRef / vpcIdSelector fill it in from a VPC. Changing it detaches
	// the gateway from the old VPC and attaches it to the new one. Omitted
	// (and no reference): the gateway is detached. A VPC has at most one
	// internet gateway. A resolved vpcIdRef is not resolved again: to move
	// the gateway by reference, set vpcIdRef.policy.resolve: Always (or
	// clear vpcId when changing vpcIdRef).
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.VPC
	VPCID *string `json:"vpcId,omitempty"`

	// VPCIDRef references a VPC (by name, in this namespace) whose ID
	// fills vpcId.
	// +optional
	VPCIDRef *xpv2.NamespacedReference `json:"vpcIdRef,omitempty"`

	// VPCIDSelector selects a VPC by labels to fill vpcId.
	// +optional
	VPCIDSelector *xpv2.NamespacedSelector `json:"vpcIdSelector,omitempty"`

	// Tags of the internet gateway. Omitted: not managed (AWS's tags are
	// copied here on first observation). Set: exactly these tags, others
	// are removed, except the provider's identity tag kaws.dev/managed-by
	// and AWS's aws:* tags.
	// At most 50 tags (keys of 1 to 127 characters, values of at most 255);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// The provider's identity tag is never written here and not counted,
	// but AWS counts it on a resource the provider creates: give a new
	// resource at most 49 tags.
	// +optional
	Tags commonv1alpha1.EC2Tags `json:"tags,omitempty"`
}

// InternetGatewayObservation is what AWS reports about an internet gateway.
type InternetGatewayObservation struct {
	// InternetGatewayID is the gateway's ID, e.g. igw-0123456789abcdef0
	// (also the external name).
	InternetGatewayID string `json:"internetGatewayId,omitempty"`
	// ARN of the internet gateway.
	ARN string `json:"arn,omitempty"`
	// OwnerID is the ID of the AWS account that owns the gateway.
	OwnerID string `json:"ownerId,omitempty"`
	// AttachedVPCID is the VPC the gateway is attached to, if any.
	AttachedVPCID string `json:"attachedVpcId,omitempty"`
	// AttachmentState is attaching, available (attached), detaching or
	// empty (detached).
	AttachmentState string `json:"attachmentState,omitempty"`
}

// An InternetGatewaySpec defines the desired state of an InternetGateway.
// +kubebuilder:validation:XValidation:rule="has(self.forProvider) || !has(oldSelf.forProvider) || !has(oldSelf.forProvider.region)",message="region cannot be removed once set: an internet gateway cannot move between regions (keep forProvider.region)"
type InternetGatewaySpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              InternetGatewayParameters `json:"forProvider,omitempty"`
}

// An InternetGatewayStatus represents the observed state of an InternetGateway.
type InternetGatewayStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 InternetGatewayObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// An InternetGateway connects a VPC to the internet. Its external name (the
// crossplane.io/external-name annotation) is the gateway ID that AWS assigns,
// e.g. igw-0123456789abcdef0: leave it unset to create a gateway, or set it
// to adopt an existing one. The provider tags every gateway it creates with
// kaws.dev/managed-by=<namespace>/<name>/<uid> in the create call itself, and
// finds the gateway by that tag when it stopped before recording the ID, so a
// crash never creates a second gateway. It is Ready when it is attached as
// the spec says. Deleting it detaches it first.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="VPC",type="string",JSONPath=".status.atProvider.attachedVpcId"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type InternetGateway struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   InternetGatewaySpec   `json:"spec"`
	Status InternetGatewayStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// InternetGatewayList contains a list of InternetGateway.
type InternetGatewayList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []InternetGateway `json:"items"`
}

func init() { SchemeBuilder.Register(&InternetGateway{}, &InternetGatewayList{}) }
