package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// VPCParameters are the configurable fields of a VPC.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a VPC cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.instanceTenancy) || !has(oldSelf.instanceTenancy)",message="instanceTenancy cannot be removed once set: create a new VPC to change it"
type VPCParameters struct {
	// Region of the VPC, e.g. us-east-1. Defaults to the ProviderConfig's
	// region and is then written here (the provider writes it at the first
	// observation). Immutable, and cannot be removed once set: a VPC cannot
	// move between regions.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new VPC in the other region instead"
	Region *string `json:"region,omitempty"`

	// CIDRBlock is the primary IPv4 range of the VPC, e.g. 10.0.0.0/16: a
	// network address with a prefix length between /16 and /28. Immutable:
	// create a new VPC for another primary range (secondaryCIDRBlocks can
	// be changed in place).
	// +kubebuilder:validation:MaxLength=18
	// +kubebuilder:validation:XValidation:rule="isCIDR(self) && cidr(self).ip().family() == 4 && cidr(self).prefixLength() >= 16 && cidr(self).prefixLength() <= 28 && string(cidr(self).masked()) == self",message="cidrBlock must be an IPv4 network address in CIDR notation with a prefix length from /16 to /28, e.g. 10.0.0.0/16"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="cidrBlock is immutable: create a new VPC for another primary CIDR block, or add the range to secondaryCIDRBlocks"
	CIDRBlock string `json:"cidrBlock"`

	// SecondaryCIDRBlocks are additional IPv4 ranges associated with the VPC
	// (AWS allows up to 4 by default). Treated as a set: order does not
	// matter; ranges are associated and disassociated to match. Omitted:
	// not managed (AWS's secondary ranges are copied here on first
	// observation). An empty list removes every secondary range (it is
	// kept as written: no omitempty, a null is pruned by the API server).
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=49
	// +kubebuilder:validation:items:MaxLength=18
	// +kubebuilder:validation:XValidation:rule="self.all(c, isCIDR(c) && cidr(c).ip().family() == 4 && cidr(c).prefixLength() >= 16 && cidr(c).prefixLength() <= 28 && string(cidr(c).masked()) == c)",message="every secondaryCIDRBlocks entry must be an IPv4 network address in CIDR notation with a prefix length from /16 to /28, e.g. 10.1.0.0/16"
	SecondaryCIDRBlocks []string `json:"secondaryCIDRBlocks"`

	// EnableDNSSupport lets instances resolve names through the Amazon DNS
	// server. Omitted: not managed (AWS's value, true for a new VPC, is
	// copied here on first observation).
	// +optional
	EnableDNSSupport *bool `json:"enableDnsSupport,omitempty"`

	// EnableDNSHostnames gives instances with public IP addresses public DNS
	// host names (needs enableDnsSupport). Omitted: not managed (AWS's
	// value, false for a new VPC, is copied here on first observation).
	// +optional
	EnableDNSHostnames *bool `json:"enableDnsHostnames,omitempty"`

	// InstanceTenancy of instances launched in the VPC: default (shared
	// hardware) or dedicated. Omitted: default. Immutable: create a new VPC
	// to change it.
	// +optional
	// +kubebuilder:validation:Enum=default;dedicated
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="instanceTenancy is immutable: create a new VPC with the other tenancy"
	InstanceTenancy *string `json:"instanceTenancy,omitempty"`

	// Tags of the VPC. Omitted: not managed (AWS's tags are copied here on
	// first observation). Set: exactly these tags, others are removed,
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

// CIDRBlockAssociation is one IPv4 range of a VPC.
type CIDRBlockAssociation struct {
	// AssociationID of the range, e.g. vpc-cidr-assoc-0123456789abcdef0.
	AssociationID string `json:"associationId,omitempty"`
	// CIDRBlock of the range.
	CIDRBlock string `json:"cidrBlock,omitempty"`
	// State of the association: associating, associated, disassociating,
	// disassociated, failing or failed.
	State string `json:"state,omitempty"`
}

// VPCObservation is what AWS reports about a VPC.
type VPCObservation struct {
	// VPCID is the VPC's ID, e.g. vpc-0123456789abcdef0 (also the external name).
	VPCID string `json:"vpcId,omitempty"`
	// OwnerID is the ID of the AWS account that owns the VPC.
	OwnerID string `json:"ownerId,omitempty"`
	// State is pending or available.
	State string `json:"state,omitempty"`
	// IsDefault is true for the region's default VPC.
	IsDefault bool `json:"isDefault,omitempty"`
	// CIDRBlockAssociations are the VPC's IPv4 ranges, primary first.
	CIDRBlockAssociations []CIDRBlockAssociation `json:"cidrBlockAssociations,omitempty"`
}

// A VPCSpec defines the desired state of a VPC.
type VPCSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              VPCParameters `json:"forProvider"`
}

// A VPCStatus represents the observed state of a VPC.
type VPCStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 VPCObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A VPC is an EC2 virtual private cloud. Its external name (the
// crossplane.io/external-name annotation) is the VPC ID that AWS assigns,
// e.g. vpc-0123456789abcdef0: leave it unset to create a VPC, or set it to
// adopt an existing one. The provider tags every VPC it creates with
// kaws.dev/managed-by=<namespace>/<name>/<uid> in the create call itself, and
// finds the VPC by that tag when it stopped before recording the ID, so a
// crash never creates a second VPC.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="CIDR",type="string",JSONPath=".spec.forProvider.cidrBlock"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type VPC struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   VPCSpec   `json:"spec"`
	Status VPCStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// VPCList contains a list of VPC.
type VPCList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []VPC `json:"items"`
}

func init() { SchemeBuilder.Register(&VPC{}, &VPCList{}) }
