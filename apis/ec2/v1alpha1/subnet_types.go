package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// SubnetParameters are the configurable fields of a Subnet.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a subnet cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.availabilityZone) || !has(oldSelf.availabilityZone)",message="availabilityZone cannot be removed once set: create a new Subnet in another zone instead"
// +kubebuilder:validation:XValidation:rule="has(self.vpcId) || has(self.vpcIdRef) || has(self.vpcIdSelector)",message="set one of vpcId, vpcIdRef or vpcIdSelector to choose the subnet's VPC"
type SubnetParameters struct {
	// Region of the subnet, e.g. us-east-1; must be the region of its VPC.
	// Defaults to the ProviderConfig's region and is then written here (the
	// provider writes it at the first observation). Immutable, and cannot be
	// removed once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new Subnet in the other region instead"
	Region *string `json:"region,omitempty"`

	// VPCID is the ID of the subnet's VPC, e.g. vpc-0123456789abcdef0. Set
	// it, or let vpcIdRef / vpcIdSelector fill it in from a VPC. Immutable.
	// (A resolved vpcId may briefly disappear while the reference resolver
	// writes other references; it is resolved again from vpcIdRef.)
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.VPC
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="vpcId is immutable: create a new Subnet in the other VPC instead"
	VPCID *string `json:"vpcId,omitempty"`

	// VPCIDRef references a VPC (by name, in this namespace) whose ID
	// fills vpcId.
	// +optional
	VPCIDRef *xpv2.NamespacedReference `json:"vpcIdRef,omitempty"`

	// VPCIDSelector selects a VPC by labels to fill vpcId.
	// +optional
	VPCIDSelector *xpv2.NamespacedSelector `json:"vpcIdSelector,omitempty"`

	// CIDRBlock is the subnet's IPv4 range, e.g. 10.0.1.0/24: a network
	// address with a prefix length from /16 to /28 inside one of the VPC's
	// ranges (AWS rejects others with InvalidSubnet.Range). Immutable.
	// +kubebuilder:validation:MaxLength=18
	// +kubebuilder:validation:XValidation:rule="isCIDR(self) && cidr(self).ip().family() == 4 && cidr(self).prefixLength() >= 16 && cidr(self).prefixLength() <= 28 && string(cidr(self).masked()) == self",message="cidrBlock must be an IPv4 network address in CIDR notation with a prefix length from /16 to /28, e.g. 10.0.1.0/24"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="cidrBlock is immutable: create a new Subnet for another range"
	CIDRBlock string `json:"cidrBlock"`

	// AvailabilityZone of the subnet, e.g. us-east-1a. Omitted: AWS picks
	// one (and it is written here). Immutable.
	// +optional
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="availabilityZone is immutable: a subnet cannot move between zones, create a new Subnet in the other zone instead"
	AvailabilityZone *string `json:"availabilityZone,omitempty"`

	// MapPublicIPOnLaunch gives instances launched in the subnet a public
	// IPv4 address. Omitted: not managed (AWS's value, false for a new
	// subnet, is copied here on first observation).
	// +optional
	MapPublicIPOnLaunch *bool `json:"mapPublicIpOnLaunch,omitempty"`

	// Tags of the subnet. Omitted: not managed (AWS's tags are copied here
	// on first observation). Set: exactly these tags, others are removed,
	// except the provider's identity tag kaws.dev/managed-by and AWS's
	// aws:* tags.
	// At most 50 tags (keys of 1 to 127 characters, values of at most 255);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// The provider's identity tag is never written here and not counted,
	// but AWS counts it on a resource the provider creates: give a new
	// resource at most 49 tags.
	// +optional
	Tags commonv1alpha1.EC2Tags `json:"tags,omitempty"`
}

// SubnetObservation is what AWS reports about a subnet.
type SubnetObservation struct {
	// SubnetID is the subnet's ID, e.g. subnet-0123456789abcdef0 (also the
	// external name).
	SubnetID string `json:"subnetId,omitempty"`
	// ARN of the subnet.
	ARN string `json:"arn,omitempty"`
	// State is pending or available.
	State string `json:"state,omitempty"`
	// AvailableIPAddressCount is the number of unused private IPv4 addresses.
	AvailableIPAddressCount int32 `json:"availableIpAddressCount,omitempty"`
}

// A SubnetSpec defines the desired state of a Subnet.
type SubnetSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              SubnetParameters `json:"forProvider"`
}

// A SubnetStatus represents the observed state of a Subnet.
type SubnetStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 SubnetObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Subnet is an IPv4 range of a VPC in one availability zone. Its external
// name (the crossplane.io/external-name annotation) is the subnet ID that AWS
// assigns, e.g. subnet-0123456789abcdef0: leave it unset to create a subnet,
// or set it to adopt an existing one. The provider tags every subnet it
// creates with kaws.dev/managed-by=<namespace>/<name>/<uid> in the create
// call itself, and finds the subnet by that tag when it stopped before
// recording the ID, so a crash never creates a second subnet.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="CIDR",type="string",JSONPath=".spec.forProvider.cidrBlock"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type Subnet struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   SubnetSpec   `json:"spec"`
	Status SubnetStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// SubnetList contains a list of Subnet.
type SubnetList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Subnet `json:"items"`
}

func init() { SchemeBuilder.Register(&Subnet{}, &SubnetList{}) }
