package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// NATGatewayParameters are the configurable fields of a NATGateway.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a NAT gateway cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.subnetId) || has(self.subnetIdRef) || has(self.subnetIdSelector)",message="set one of subnetId, subnetIdRef or subnetIdSelector to choose the NAT gateway's subnet"
// +kubebuilder:validation:XValidation:rule="self.connectivityType == 'private' || has(self.allocationId) || has(self.allocationIdRef) || has(self.allocationIdSelector)",message="a public NAT gateway needs an Elastic IP: set allocationId, allocationIdRef or allocationIdSelector"
// +kubebuilder:validation:XValidation:rule="self.connectivityType == 'public' || !(has(self.allocationId) || has(self.allocationIdRef) || has(self.allocationIdSelector))",message="a private NAT gateway has no Elastic IP: remove allocationId, allocationIdRef and allocationIdSelector"
type NATGatewayParameters struct {
	// Region of the NAT gateway, e.g. us-east-1; must be the region of its
	// subnet. Defaults to the ProviderConfig's region and is then written
	// here (the provider writes it at the first observation). Immutable, and
	// cannot be removed once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new NATGateway in the other region instead"
	Region *string `json:"region,omitempty"`

	// SubnetID is the subnet the NAT gateway lives in; a public NAT gateway
	// needs a public subnet (one whose route table routes to an internet
	// gateway). Set it, or let subnetIdRef / subnetIdSelector fill it in
	// from a Subnet. Immutable.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.Subnet
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="subnetId is immutable: create a new NATGateway in the other subnet instead"
	SubnetID *string `json:"subnetId,omitempty"`

	// SubnetIDRef references a Subnet (by name, in this namespace) whose
	// ID fills subnetId.
	// +optional
	SubnetIDRef *xpv2.NamespacedReference `json:"subnetIdRef,omitempty"`

	// SubnetIDSelector selects a Subnet by labels to fill subnetId.
	// +optional
	SubnetIDSelector *xpv2.NamespacedSelector `json:"subnetIdSelector,omitempty"`

	// AllocationID of the Elastic IP of a public NAT gateway, e.g.
	// eipalloc-0123456789abcdef0. Set it, or let allocationIdRef /
	// allocationIdSelector fill it in from an ElasticIP. Immutable.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.ElasticIP
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="allocationId is immutable: create a new NATGateway with the other Elastic IP instead"
	AllocationID *string `json:"allocationId,omitempty"`

	// AllocationIDRef references an ElasticIP (by name, in this namespace)
	// whose allocation ID fills allocationId.
	// +optional
	AllocationIDRef *xpv2.NamespacedReference `json:"allocationIdRef,omitempty"`

	// AllocationIDSelector selects an ElasticIP by labels to fill allocationId.
	// +optional
	AllocationIDSelector *xpv2.NamespacedSelector `json:"allocationIdSelector,omitempty"`

	// ConnectivityType is public (instances reach the internet through the
	// gateway's Elastic IP) or private (other VPCs and on-premises networks
	// only; no Elastic IP). Immutable.
	// +optional
	// +kubebuilder:default=public
	// +kubebuilder:validation:Enum=public;private
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="connectivityType is immutable: create a new NATGateway instead"
	ConnectivityType string `json:"connectivityType,omitempty"`

	// Tags of the NAT gateway. Omitted: not managed (AWS's tags are copied
	// here on first observation). Set: exactly these tags, others are
	// removed, except the provider's identity tag kaws.dev/managed-by and
	// AWS's aws:* tags.
	// At most 50 tags (keys of 1 to 127 characters, values of at most 255);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// The provider's identity tag is never written here and not counted,
	// but AWS counts it on a resource the provider creates: give a new
	// resource at most 49 tags.
	// +optional
	Tags commonv1alpha1.EC2Tags `json:"tags,omitempty"`
}

// NATGatewayObservation is what AWS reports about a NAT gateway.
type NATGatewayObservation struct {
	// NATGatewayID is the gateway's ID, e.g. nat-0123456789abcdef0 (also the
	// external name).
	NATGatewayID string `json:"natGatewayId,omitempty"`
	// State is pending, available, deleting, deleted or failed.
	State string `json:"state,omitempty"`
	// VPCID is the VPC of the gateway's subnet.
	VPCID string `json:"vpcId,omitempty"`
	// PublicIP of a public gateway.
	PublicIP string `json:"publicIp,omitempty"`
	// PrivateIP of the gateway in its subnet.
	PrivateIP string `json:"privateIp,omitempty"`
	// FailureCode and FailureMessage say why a failed gateway failed.
	FailureCode string `json:"failureCode,omitempty"`
	// FailureMessage: see FailureCode.
	FailureMessage string `json:"failureMessage,omitempty"`
}

// A NATGatewaySpec defines the desired state of a NATGateway.
type NATGatewaySpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              NATGatewayParameters `json:"forProvider"`
}

// A NATGatewayStatus represents the observed state of a NATGateway.
type NATGatewayStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 NATGatewayObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A NATGateway lets instances in private subnets reach other networks. Its
// external name (the crossplane.io/external-name annotation) is the gateway
// ID that AWS assigns, e.g. nat-0123456789abcdef0: leave it unset to create
// a gateway, or set it to adopt an existing one. The provider tags every
// gateway it creates with kaws.dev/managed-by=<namespace>/<name>/<uid> in the
// create call itself (which also carries the object's UID as client token),
// and finds the gateway by that tag when it stopped before recording the ID,
// so a crash never creates a second gateway. It is Ready once available;
// a gateway that AWS reports deleted counts as gone.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="STATE",type="string",JSONPath=".status.atProvider.state"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type NATGateway struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   NATGatewaySpec   `json:"spec"`
	Status NATGatewayStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// NATGatewayList contains a list of NATGateway.
type NATGatewayList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []NATGateway `json:"items"`
}

func init() { SchemeBuilder.Register(&NATGateway{}, &NATGatewayList{}) }
