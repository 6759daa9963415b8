package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// A Route sends traffic for a destination range to an internet gateway or a
// NAT gateway: set exactly one of the two targets.
// +kubebuilder:validation:XValidation:rule="(has(self.gatewayId) || has(self.gatewayIdRef) || has(self.gatewayIdSelector)) != (has(self.natGatewayId) || has(self.natGatewayIdRef) || has(self.natGatewayIdSelector))",message="a route needs exactly one target: set gatewayId (or gatewayIdRef, gatewayIdSelector) or natGatewayId (or natGatewayIdRef, natGatewayIdSelector)"
type Route struct {
	// DestinationCIDRBlock is the IPv4 range the route matches, e.g.
	// 0.0.0.0/0 for the default route. Unique within the route table.
	// +kubebuilder:validation:MaxLength=18
	// +kubebuilder:validation:XValidation:rule="isCIDR(self) && cidr(self).ip().family() == 4 && string(cidr(self).masked()) == self",message="destinationCidrBlock must be an IPv4 network address in CIDR notation, e.g. 0.0.0.0/0"
	DestinationCIDRBlock string `json:"destinationCidrBlock"`

	// GatewayID is the ID of the internet gateway the traffic goes to, e.g.
	// igw-0123456789abcdef0. Set it, or let gatewayIdRef / gatewayIdSelector
	// fill it in from an InternetGateway.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.InternetGateway
	GatewayID *string `json:"gatewayId,omitempty"`

	// GatewayIDRef references an InternetGateway (by name, in this
	// namespace) whose ID fills gatewayId.
	// +optional
	GatewayIDRef *xpv2.NamespacedReference `json:"gatewayIdRef,omitempty"`

	// GatewayIDSelector selects an InternetGateway by labels to fill gatewayId.
	// +optional
	GatewayIDSelector *xpv2.NamespacedSelector `json:"gatewayIdSelector,omitempty"`

	// NATGatewayID is the ID of the NAT gateway the traffic goes to, e.g.
	// nat-0123456789abcdef0. Set it, or let natGatewayIdRef /
	// natGatewayIdSelector fill it in from a NATGateway.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.NATGateway
	NATGatewayID *string `json:"natGatewayId,omitempty"`

	// NATGatewayIDRef references a NATGateway (by name, in this namespace)
	// whose ID fills natGatewayId.
	// +optional
	NATGatewayIDRef *xpv2.NamespacedReference `json:"natGatewayIdRef,omitempty"`

	// NATGatewayIDSelector selects a NATGateway by labels to fill natGatewayId.
	// +optional
	NATGatewayIDSelector *xpv2.NamespacedSelector `json:"natGatewayIdSelector,omitempty"`
}

// RouteTableParameters are the configurable fields of a RouteTable.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a route table cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.vpcId) || has(self.vpcIdRef) || has(self.vpcIdSelector)",message="set one of vpcId, vpcIdRef or vpcIdSelector to choose the route table's VPC"
type RouteTableParameters struct {
	// Region of the route table, e.g. us-east-1; must be the region of its
	// VPC. Defaults to the ProviderConfig's region and is then written here
	// (the provider writes it at the first observation). Immutable, and
	// cannot be removed once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new RouteTable in the other region instead"
	Region *string `json:"region,omitempty"`

	// VPCID is the ID of the route table's VPC. Set it, or let vpcIdRef /
	// vpcIdSelector fill it in from a VPC. Immutable.
	// (A resolved vpcId may briefly disappear while the reference resolver
	// writes other references; it is resolved again from vpcIdRef.)
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.VPC
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="vpcId is immutable: create a new RouteTable in the other VPC instead"
	VPCID *string `json:"vpcId,omitempty"`

	// VPCIDRef references a VPC (by name, in this namespace) whose ID
	// fills vpcId.
	// +optional
	VPCIDRef *xpv2.NamespacedReference `json:"vpcIdRef,omitempty"`

	// VPCIDSelector selects a VPC by labels to fill vpcId.
	// +optional
	VPCIDSelector *xpv2.NamespacedSelector `json:"vpcIdSelector,omitempty"`

	// Routes of the table besides the VPC's local route, which AWS manages.
	// Managed as a set keyed by destinationCidrBlock: missing routes are
	// created, changed targets replaced, others deleted. Omitted: not
	// managed (routes added out of band stay, and they are not copied
	// here). An empty list: only the local route.
	// +optional
	// +listType=map
	// +listMapKey=destinationCidrBlock
	// +kubebuilder:validation:MaxItems=50
	Routes []Route `json:"routes"`

	// SubnetIDs are the subnets that use this route table instead of the
	// VPC's main one. Set them, or let subnetIdRefs / subnetIdSelector fill
	// them in from Subnets. Managed as a set. Omitted (and no references):
	// not managed. An empty list: no subnet is associated.
	// +optional
	// +listType=set
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.Subnet
	// +crossplane:generate:reference:refFieldName=SubnetIDRefs
	// +crossplane:generate:reference:selectorFieldName=SubnetIDSelector
	SubnetIDs []string `json:"subnetIds"`

	// SubnetIDRefs reference Subnets (by name, in this namespace) whose IDs
	// fill subnetIds.
	// +optional
	SubnetIDRefs []xpv2.NamespacedReference `json:"subnetIdRefs,omitempty"`

	// SubnetIDSelector selects Subnets by labels to fill subnetIds.
	// +optional
	SubnetIDSelector *xpv2.NamespacedSelector `json:"subnetIdSelector,omitempty"`

	// Tags of the route table. Omitted: not managed (AWS's tags are copied
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

// RouteTableAssociation is a subnet that uses the route table.
type RouteTableAssociation struct {
	// AssociationID, e.g. rtbassoc-0123456789abcdef0.
	AssociationID string `json:"associationId,omitempty"`
	// SubnetID of the subnet.
	SubnetID string `json:"subnetId,omitempty"`
}

// RouteTableObservation is what AWS reports about a route table.
type RouteTableObservation struct {
	// RouteTableID is the table's ID, e.g. rtb-0123456789abcdef0 (also the
	// external name).
	RouteTableID string `json:"routeTableId,omitempty"`
	// ARN of the route table.
	ARN string `json:"arn,omitempty"`
	// OwnerID is the ID of the AWS account that owns the table.
	OwnerID string `json:"ownerId,omitempty"`
	// Associations are the subnets that use the table.
	Associations []RouteTableAssociation `json:"associations,omitempty"`
}

// A RouteTableSpec defines the desired state of a RouteTable.
type RouteTableSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              RouteTableParameters `json:"forProvider"`
}

// A RouteTableStatus represents the observed state of a RouteTable.
type RouteTableStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 RouteTableObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A RouteTable holds the routes of the subnets associated with it. Its
// external name (the crossplane.io/external-name annotation) is the table ID
// that AWS assigns, e.g. rtb-0123456789abcdef0: leave it unset to create a
// table, or set it to adopt an existing one. The provider tags every table it
// creates with kaws.dev/managed-by=<namespace>/<name>/<uid> in the create
// call itself, and finds the table by that tag when it stopped before
// recording the ID, so a crash never creates a second table. Deleting it
// disassociates its subnets first.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="VPC",type="string",JSONPath=".spec.forProvider.vpcId"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type RouteTable struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   RouteTableSpec   `json:"spec"`
	Status RouteTableStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// RouteTableList contains a list of RouteTable.
type RouteTableList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []RouteTable `json:"items"`
}

func init() { SchemeBuilder.Register(&RouteTable{}, &RouteTableList{}) }
