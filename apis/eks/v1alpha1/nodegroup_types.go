package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// ScalingConfig is the size of a node group.
// +kubebuilder:validation:XValidation:rule="self.minSize <= self.maxSize",message="minSize must not exceed maxSize"
// +kubebuilder:validation:XValidation:rule="!has(self.desiredSize) || (self.desiredSize >= self.minSize && self.desiredSize <= self.maxSize)",message="desiredSize must be between minSize and maxSize"
type ScalingConfig struct {
	// MinSize is the fewest nodes the group scales in to.
	// +kubebuilder:validation:Minimum=0
	MinSize int32 `json:"minSize"`

	// MaxSize is the most nodes the group scales out to.
	// +kubebuilder:validation:Minimum=1
	MaxSize int32 `json:"maxSize"`

	// DesiredSize is the number of nodes the group runs. Omitted: not
	// managed (e.g. the cluster autoscaler owns it): it is never sent in
	// an update and not copied here from AWS; at creation AWS starts with
	// minSize nodes. Set: enforced.
	// +optional
	// +kubebuilder:validation:Minimum=0
	DesiredSize *int32 `json:"desiredSize,omitempty"`
}

// NodeTaint is a Kubernetes taint of the nodes.
type NodeTaint struct {
	// Key of the taint.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	Key string `json:"key"`
	// Value of the taint. Omitted: empty.
	// +optional
	// +kubebuilder:validation:MaxLength=63
	Value *string `json:"value,omitempty"`
	// Effect of the taint.
	// +kubebuilder:validation:Enum=NO_SCHEDULE;NO_EXECUTE;PREFER_NO_SCHEDULE
	Effect string `json:"effect"`
}

// NodegroupUpdateConfig is how many nodes may be unavailable while the
// group is updated: set exactly one field.
// +kubebuilder:validation:XValidation:rule="has(self.maxUnavailable) != has(self.maxUnavailablePercentage)",message="set exactly one of maxUnavailable and maxUnavailablePercentage"
type NodegroupUpdateConfig struct {
	// MaxUnavailable is a number of nodes (1-100).
	// +optional
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100
	MaxUnavailable *int32 `json:"maxUnavailable,omitempty"`
	// MaxUnavailablePercentage is a percentage of the nodes (1-100).
	// +optional
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100
	MaxUnavailablePercentage *int32 `json:"maxUnavailablePercentage,omitempty"`
}

// LaunchTemplate is the EC2 launch template of the nodes: set id or name.
// +kubebuilder:validation:XValidation:rule="has(self.id) != has(self.name)",message="set exactly one of id and name"
type LaunchTemplate struct {
	// ID of the launch template (lt-...). Immutable.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="launchTemplate.id cannot change: create a new node group"
	ID *string `json:"id,omitempty"`
	// Name of the launch template. Immutable.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="launchTemplate.name cannot change: create a new node group"
	Name *string `json:"name,omitempty"`
	// Version of the launch template. Omitted: its default version at
	// creation (copied here on first observation). Changing it rolls the
	// nodes (UpdateNodegroupVersion).
	// +optional
	Version *string `json:"version,omitempty"`
}

// NodegroupParameters are the configurable fields of a Nodegroup.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a node group cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.clusterName) || has(self.clusterNameRef) || has(self.clusterNameSelector)",message="set one of clusterName, clusterNameRef or clusterNameSelector to choose the node group's cluster"
// +kubebuilder:validation:XValidation:rule="has(self.nodeRole) || has(self.nodeRoleRef) || has(self.nodeRoleSelector)",message="set one of nodeRole, nodeRoleRef or nodeRoleSelector to choose the IAM role of the nodes"
// +kubebuilder:validation:XValidation:rule="(has(self.subnets) && size(self.subnets) > 0) || (has(self.subnetRefs) && size(self.subnetRefs) > 0) || has(self.subnetSelector)",message="set one of subnets, subnetRefs or subnetSelector to choose the subnets the nodes run in"
type NodegroupParameters struct {
	// Region of the node group: the cluster's, e.g. us-east-1. Defaults to
	// the ProviderConfig's region and is then written here (the provider
	// writes it at the first observation). Immutable, and cannot be removed
	// once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region cannot change: create a new node group"
	Region *string `json:"region,omitempty"`

	// ClusterName of the EKS cluster the group belongs to. Set it, or
	// resolve it from a Cluster with clusterNameRef or clusterNameSelector.
	// Immutable.
	// +optional
	// +crossplane:generate:reference:type=Cluster
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="clusterName cannot change: create a new node group in the other cluster"
	ClusterName *string `json:"clusterName,omitempty"`

	// ClusterNameRef references a Cluster in the same namespace to set
	// clusterName (its external name).
	// +optional
	ClusterNameRef *xpv2.NamespacedReference `json:"clusterNameRef,omitempty"`

	// ClusterNameSelector selects a Cluster by labels to set clusterName.
	// +optional
	ClusterNameSelector *xpv2.NamespacedSelector `json:"clusterNameSelector,omitempty"`

	// NodeRole is the ARN of the IAM role of the nodes (trusting
	// ec2.amazonaws.com, with AmazonEKSWorkerNodePolicy,
	// AmazonEKS_CNI_Policy and AmazonEC2ContainerRegistryReadOnly). Set it,
	// or resolve it from a Role with nodeRoleRef or nodeRoleSelector.
	// Immutable.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/eks/v1alpha1.RoleARN()
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="nodeRole cannot change: create a new node group"
	NodeRole *string `json:"nodeRole,omitempty"`

	// NodeRoleRef references a Role to set nodeRole (its ARN).
	// +optional
	NodeRoleRef *xpv2.NamespacedReference `json:"nodeRoleRef,omitempty"`

	// NodeRoleSelector selects a Role by labels to set nodeRole.
	// +optional
	NodeRoleSelector *xpv2.NamespacedSelector `json:"nodeRoleSelector,omitempty"`

	// Subnets the nodes run in (subnet IDs, at most 64). Set them, or
	// resolve them from Subnets with subnetRefs or subnetSelector. A set:
	// order does not matter. Immutable: the order may change, the subnets
	// may not.
	// +optional
	// +kubebuilder:validation:MaxItems=64
	// +kubebuilder:validation:items:MaxLength=64
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.Subnet
	// +crossplane:generate:reference:refFieldName=SubnetRefs
	// +crossplane:generate:reference:selectorFieldName=SubnetSelector
	// +kubebuilder:validation:XValidation:rule="self.all(s, s in oldSelf) && oldSelf.all(s, s in self)",message="subnets cannot change (only their order can): create a new node group for other subnets"
	Subnets []string `json:"subnets,omitempty"`

	// SubnetRefs reference Subnets in the same namespace to set subnets.
	// +optional
	SubnetRefs []xpv2.NamespacedReference `json:"subnetRefs,omitempty"`

	// SubnetSelector selects Subnets by labels to set subnets.
	// +optional
	SubnetSelector *xpv2.NamespacedSelector `json:"subnetSelector,omitempty"`

	// InstanceTypes of the nodes, e.g. [m5.large]. Omitted: AWS's default
	// (t3.medium), copied here on first observation. Immutable, order
	// included: with ON_DEMAND capacity EKS launches the types in the order
	// given (the first one it can), so a reordered list is a change.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="instanceTypes cannot change: create a new node group"
	InstanceTypes []string `json:"instanceTypes,omitempty"`

	// AMIType of the nodes, e.g. AL2023_x86_64_STANDARD. Omitted: AWS's
	// default, copied here on first observation. Immutable.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="amiType cannot change: create a new node group"
	AMIType *string `json:"amiType,omitempty"`

	// CapacityType: ON_DEMAND, SPOT or CAPACITY_BLOCK. Omitted: ON_DEMAND.
	// Immutable.
	// +optional
	// +kubebuilder:validation:Enum=ON_DEMAND;SPOT;CAPACITY_BLOCK
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="capacityType cannot change: create a new node group"
	CapacityType *string `json:"capacityType,omitempty"`

	// DiskSize of the nodes' root volumes in GiB. Omitted: 20 (copied
	// here on first observation; unset with a launch template). Immutable.
	// +optional
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="diskSize cannot change: create a new node group"
	DiskSize *int32 `json:"diskSize,omitempty"`

	// ScalingConfig is the size of the group.
	ScalingConfig ScalingConfig `json:"scalingConfig"`

	// Labels of the Kubernetes nodes. Omitted: not managed (AWS's labels
	// are copied here on first observation). Set: exactly these labels.
	// +optional
	Labels map[string]string `json:"labels,omitempty"`

	// Taints of the Kubernetes nodes. Omitted: not managed (AWS's taints
	// are copied here on first observation). Set: exactly these taints,
	// `[]` removes them all.
	// +optional
	// +listType=map
	// +listMapKey=key
	// +listMapKey=effect
	// +kubebuilder:validation:MaxItems=50
	Taints []NodeTaint `json:"taints,omitempty"`

	// UpdateConfig of the group. Omitted: AWS's (maxUnavailable 1),
	// copied here on first observation.
	// +optional
	UpdateConfig *NodegroupUpdateConfig `json:"updateConfig,omitempty"`

	// LaunchTemplate of the nodes. Omitted: none.
	// +optional
	LaunchTemplate *LaunchTemplate `json:"launchTemplate,omitempty"`

	// Version of Kubernetes of the nodes, e.g. "1.35". Omitted: the
	// cluster's (copied here on first observation). Raising it upgrades
	// the nodes (UpdateNodegroupVersion); it cannot exceed the cluster's.
	// +optional
	// +kubebuilder:validation:Pattern=`^1\.[0-9]+$`
	Version *string `json:"version,omitempty"`

	// ReleaseVersion of the EKS-optimized AMI, e.g.
	// 1.33.0-20250715. Omitted: not managed, and never copied here: EKS
	// picks the latest release of the version on create and on every
	// version upgrade. Changing it rolls the nodes; with a version change,
	// give the new version's release or omit it.
	// +optional
	ReleaseVersion *string `json:"releaseVersion,omitempty"`

	// Tags of the node group. Omitted: not managed (AWS's tags are copied
	// here on first observation). Set: exactly these tags.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// NodegroupObservation is what AWS reports about a node group.
type NodegroupObservation struct {
	// ARN of the node group.
	ARN string `json:"arn,omitempty"`
	// Status: CREATING, ACTIVE, UPDATING, DELETING, CREATE_FAILED,
	// DELETE_FAILED or DEGRADED.
	Status string `json:"status,omitempty"`
	// DesiredSize AWS reports, whether or not the spec manages it.
	DesiredSize int32 `json:"desiredSize,omitempty"`
	// AutoScalingGroups backing the node group.
	AutoScalingGroups []string `json:"autoScalingGroups,omitempty"`

	// LastUpdate is the last update the provider sent for the node group,
	// while AWS does not show its change yet.
	// +optional
	LastUpdate *LastUpdate `json:"lastUpdate,omitempty"`
}

// A NodegroupSpec defines the desired state of a Nodegroup.
type NodegroupSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              NodegroupParameters `json:"forProvider"`
}

// A NodegroupStatus represents the observed state of a Nodegroup.
type NodegroupStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 NodegroupObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Nodegroup is an EKS managed node group. Its external name (the
// crossplane.io/external-name annotation) is the node group name and
// defaults to metadata.name; the cluster comes from
// spec.forProvider.clusterName. To adopt an existing node group, set the
// annotation to its name and clusterName to its cluster. metadata.name must
// be at most 63 characters either way (admission rules cannot read the
// annotation). It is Ready only when the group is ACTIVE; updates run one
// at a time.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="CLUSTER",type="string",JSONPath=".spec.forProvider.clusterName"
// +kubebuilder:printcolumn:name="DESIRED",type="integer",JSONPath=".status.atProvider.desiredSize"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) <= 63",message="metadata.name must be at most 63 characters, the limit of an EKS node group name: it is the name in AWS by default, and the limit holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations): choose a shorter metadata.name"
type Nodegroup struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   NodegroupSpec   `json:"spec"`
	Status NodegroupStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// NodegroupList contains a list of Nodegroup.
type NodegroupList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Nodegroup `json:"items"`
}

func init() { SchemeBuilder.Register(&Nodegroup{}, &NodegroupList{}) }
