package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// SecurityGroupRule is one ingress or egress rule: traffic of a protocol and
// port range from (ingress) or to (egress) the sources it lists: IPv4 and
// IPv6 ranges, managed prefix lists and other security groups. Rules are
// compared as a set: the provider splits them into one entry per protocol,
// port range and source, so order, grouping and the way AWS merges rules do
// not matter, and "6" is the same protocol as "tcp".
// +kubebuilder:validation:XValidation:rule="!(self.ipProtocol.lowerAscii() in ['tcp', 'udp', '6', '17']) || (has(self.fromPort) && has(self.toPort))",message="tcp and udp rules need fromPort and toPort (the same value for one port)"
// +kubebuilder:validation:XValidation:rule="!has(self.fromPort) || !has(self.toPort) || !(self.ipProtocol.lowerAscii() in ['tcp', 'udp', '6', '17']) || self.fromPort <= self.toPort",message="fromPort must not be greater than toPort"
// +kubebuilder:validation:XValidation:rule="(has(self.cidrBlocks) && size(self.cidrBlocks) > 0) || (has(self.ipv6CidrBlocks) && size(self.ipv6CidrBlocks) > 0) || (has(self.prefixListIds) && size(self.prefixListIds) > 0) || (has(self.securityGroupIds) && size(self.securityGroupIds) > 0) || (has(self.securityGroupIdRefs) && size(self.securityGroupIdRefs) > 0) || has(self.securityGroupIdSelector)",message="a rule needs at least one source (ingress) or destination (egress): cidrBlocks, ipv6CidrBlocks, prefixListIds, or securityGroupIds (or securityGroupIdRefs / securityGroupIdSelector)"
type SecurityGroupRule struct {
	// IPProtocol is tcp, udp, icmp or icmpv6 (in any case), -1 for all
	// protocols (and then every port), or a protocol number from 0 to 255
	// as a string, e.g. "47" (GRE) or "50" (ESP). The numbers of tcp (6),
	// udp (17), icmp (1) and icmpv6 (58) are the same as their names. For
	// protocols other than tcp, udp, icmp and icmpv6 every port is allowed:
	// fromPort and toPort are ignored.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=6
	// +kubebuilder:validation:XValidation:rule="self.lowerAscii() in ['tcp', 'udp', 'icmp', 'icmpv6', '-1'] || (self.matches('^[0-9]{1,3}$') && int(self) <= 255)",message="ipProtocol must be tcp, udp, icmp, icmpv6, -1 (all protocols) or a protocol number from 0 to 255, e.g. 50"
	IPProtocol string `json:"ipProtocol"`

	// FromPort is the first port of the range for tcp and udp, or the ICMP
	// type (-1: all types) for icmp and icmpv6. Required for tcp and udp.
	// Ignored for other protocols and -1.
	// +optional
	// +kubebuilder:validation:Minimum=-1
	// +kubebuilder:validation:Maximum=65535
	FromPort *int32 `json:"fromPort,omitempty"`

	// ToPort is the last port of the range for tcp and udp, or the ICMP code
	// (-1: all codes) for icmp and icmpv6. Required for tcp and udp.
	// Ignored for other protocols and -1.
	// +optional
	// +kubebuilder:validation:Minimum=-1
	// +kubebuilder:validation:Maximum=65535
	ToPort *int32 `json:"toPort,omitempty"`

	// CIDRBlocks are IPv4 ranges, e.g. 10.0.0.0/16 or 0.0.0.0/0.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=60
	// +kubebuilder:validation:items:MaxLength=18
	// +kubebuilder:validation:XValidation:rule="self.all(c, isCIDR(c) && cidr(c).ip().family() == 4 && string(cidr(c).masked()) == c)",message="every cidrBlocks entry must be an IPv4 network address in CIDR notation, e.g. 10.0.0.0/16"
	CIDRBlocks []string `json:"cidrBlocks,omitempty"`

	// IPv6CIDRBlocks are IPv6 ranges, e.g. ::/0.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=60
	// +kubebuilder:validation:items:MaxLength=43
	// +kubebuilder:validation:XValidation:rule="self.all(c, isCIDR(c) && cidr(c).ip().family() == 6)",message="every ipv6CidrBlocks entry must be an IPv6 range in CIDR notation, e.g. ::/0"
	IPv6CIDRBlocks []string `json:"ipv6CidrBlocks,omitempty"`

	// PrefixListIDs are managed prefix lists, by ID (pl-...): the ranges of
	// an AWS service (e.g. S3's in a region) or a list of your own.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=60
	// +kubebuilder:validation:items:MaxLength=64
	// +kubebuilder:validation:items:Pattern=`^pl-[0-9a-f]+$`
	PrefixListIDs []string `json:"prefixListIds,omitempty"`

	// SecurityGroupIDs are security groups, by ID (sg-...): traffic from
	// (ingress) or to (egress) the network interfaces that use them. The
	// groups must be in this group's VPC or a peered one. Set them, or let
	// securityGroupIdRefs / securityGroupIdSelector fill them in from
	// SecurityGroups. A rule cannot reference its own SecurityGroup by
	// reference (it has no ID until it is created): set its ID here once
	// it has one.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=60
	// +kubebuilder:validation:items:MaxLength=64
	// +kubebuilder:validation:items:Pattern=`^sg-[0-9a-f]+$`
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.SecurityGroup
	// +crossplane:generate:reference:refFieldName=SecurityGroupIDRefs
	// +crossplane:generate:reference:selectorFieldName=SecurityGroupIDSelector
	SecurityGroupIDs []string `json:"securityGroupIds,omitempty"`

	// SecurityGroupIDRefs reference SecurityGroups (by name, in this
	// namespace) whose IDs fill securityGroupIds.
	// +optional
	SecurityGroupIDRefs []xpv2.NamespacedReference `json:"securityGroupIdRefs,omitempty"`

	// SecurityGroupIDSelector selects SecurityGroups by labels to fill
	// securityGroupIds.
	// +optional
	SecurityGroupIDSelector *xpv2.NamespacedSelector `json:"securityGroupIdSelector,omitempty"`

	// Description of the rule, applied to each of its sources. Omitted:
	// none. A changed description replaces the rule's entries (revoked,
	// then authorized again).
	// +optional
	// +kubebuilder:validation:MaxLength=255
	Description *string `json:"description,omitempty"`
}

// SecurityGroupParameters are the configurable fields of a SecurityGroup.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a security group cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.vpcId) || has(self.vpcIdRef) || has(self.vpcIdSelector)",message="set one of vpcId, vpcIdRef or vpcIdSelector to choose the security group's VPC"
type SecurityGroupParameters struct {
	// Region of the security group; must be the region of its VPC.
	// Defaults to the ProviderConfig's region (and is then written here).
	// Immutable.
	// +optional
	// +kubebuilder:validation:Pattern=`^[a-z]{2}(-[a-z]+)+-[0-9]+$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new SecurityGroup in the other region instead"
	Region *string `json:"region,omitempty"`

	// VPCID is the ID of the security group's VPC. Set it, or let vpcIdRef
	// / vpcIdSelector fill it in from a VPC. Immutable.
	// (A resolved vpcId may briefly disappear while the reference resolver
	// writes other references; it is resolved again from vpcIdRef.)
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.VPC
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="vpcId is immutable: create a new SecurityGroup in the other VPC instead"
	VPCID *string `json:"vpcId,omitempty"`

	// VPCIDRef references a VPC (by name, in this namespace) whose ID
	// fills vpcId.
	// +optional
	VPCIDRef *xpv2.NamespacedReference `json:"vpcIdRef,omitempty"`

	// VPCIDSelector selects a VPC by labels to fill vpcId.
	// +optional
	VPCIDSelector *xpv2.NamespacedSelector `json:"vpcIdSelector,omitempty"`

	// GroupName is the security group's name, unique within its VPC; it
	// cannot start with sg-. Immutable: create a new SecurityGroup to rename.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:XValidation:rule="!self.startsWith('sg-')",message="groupName cannot start with sg-"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="groupName is immutable: create a new SecurityGroup with the other name"
	GroupName string `json:"groupName"`

	// Description of the security group. Immutable: AWS cannot change it;
	// create a new SecurityGroup for another description.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="description is immutable: AWS cannot change a security group's description, create a new SecurityGroup instead"
	Description string `json:"description"`

	// Ingress rules, managed as a set: rules from IPv4 and IPv6 ranges,
	// prefix lists and security groups alike. Omitted: not managed (rules
	// added out of band stay, and they are not copied here). An empty list:
	// no ingress rules at all.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=60
	Ingress []SecurityGroupRule `json:"ingress"`

	// Egress rules, managed as a set. Omitted: not managed (AWS's default
	// rule that allows all outbound traffic stays, and it is not copied
	// here). An empty list: no egress rules at all, so AWS's default rule
	// is removed.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=60
	Egress []SecurityGroupRule `json:"egress"`

	// Tags of the security group. Omitted: not managed (AWS's tags are
	// copied here on first observation). Set: exactly these tags, others
	// are removed, except the provider's identity tag kaws.dev/managed-by
	// and AWS's aws:* tags.
	// +optional
	Tags commonv1alpha1.EC2Tags `json:"tags,omitempty"`
}

// SecurityGroupObservation is what AWS reports about a security group.
type SecurityGroupObservation struct {
	// GroupID is the security group's ID, e.g. sg-0123456789abcdef0 (also
	// the external name).
	GroupID string `json:"groupId,omitempty"`
	// ARN of the security group.
	ARN string `json:"arn,omitempty"`
	// OwnerID is the ID of the AWS account that owns the security group.
	OwnerID string `json:"ownerId,omitempty"`
}

// A SecurityGroupSpec defines the desired state of a SecurityGroup.
type SecurityGroupSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              SecurityGroupParameters `json:"forProvider"`
}

// A SecurityGroupStatus represents the observed state of a SecurityGroup.
type SecurityGroupStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 SecurityGroupObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A SecurityGroup is an EC2 VPC security group with its ingress and egress
// rules. Its external name (the crossplane.io/external-name annotation) is
// the group ID that AWS assigns, e.g. sg-0123456789abcdef0: leave it unset to
// create a group, or set it to adopt an existing one. The provider tags every
// group it creates with kaws.dev/managed-by=<namespace>/<name>/<uid> in the
// create call itself, and finds the group by that tag when it stopped before
// recording the ID, so a crash never creates a second group.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="VPC",type="string",JSONPath=".spec.forProvider.vpcId"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type SecurityGroup struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   SecurityGroupSpec   `json:"spec"`
	Status SecurityGroupStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// SecurityGroupList contains a list of SecurityGroup.
type SecurityGroupList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []SecurityGroup `json:"items"`
}

func init() { SchemeBuilder.Register(&SecurityGroup{}, &SecurityGroupList{}) }
