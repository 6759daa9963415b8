package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// AccessEntryParameters are the configurable fields of an AccessEntry.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: an access entry cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.clusterName) || has(self.clusterNameRef) || has(self.clusterNameSelector)",message="set one of clusterName, clusterNameRef or clusterNameSelector to choose the access entry's cluster"
// +kubebuilder:validation:XValidation:rule="has(self.principalArn) || has(self.principalArnRef) || has(self.principalArnSelector)",message="set one of principalArn, principalArnRef or principalArnSelector to choose the IAM principal the entry gives access"
type AccessEntryParameters struct {
	// Region of the access entry: the cluster's, e.g. us-east-1. Defaults to
	// the ProviderConfig's region and is then written here (the provider
	// writes it at the first observation). Immutable, and cannot be removed
	// once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region cannot change: create a new AccessEntry"
	Region *string `json:"region,omitempty"`

	// ClusterName of the EKS cluster. Set it, or resolve it from a Cluster
	// with clusterNameRef or clusterNameSelector. Immutable.
	// +optional
	// +crossplane:generate:reference:type=Cluster
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="clusterName cannot change: create a new AccessEntry for the other cluster"
	ClusterName *string `json:"clusterName,omitempty"`

	// ClusterNameRef references a Cluster in the same namespace to set
	// clusterName.
	// +optional
	ClusterNameRef *xpv2.NamespacedReference `json:"clusterNameRef,omitempty"`

	// ClusterNameSelector selects a Cluster by labels to set clusterName.
	// +optional
	ClusterNameSelector *xpv2.NamespacedSelector `json:"clusterNameSelector,omitempty"`

	// PrincipalARN is the ARN of the IAM role or user given access. Set
	// it, or resolve it from a Role with principalArnRef or
	// principalArnSelector. Immutable.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/eks/v1alpha1.RoleARN()
	// +kubebuilder:validation:Pattern=`^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:.+$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="principalArn cannot change: create a new AccessEntry"
	PrincipalARN *string `json:"principalArn,omitempty"`

	// PrincipalARNRef references a Role to set principalArn (its ARN).
	// +optional
	PrincipalARNRef *xpv2.NamespacedReference `json:"principalArnRef,omitempty"`

	// PrincipalARNSelector selects a Role by labels to set principalArn.
	// +optional
	PrincipalARNSelector *xpv2.NamespacedSelector `json:"principalArnSelector,omitempty"`

	// Type of the entry: STANDARD (people and workloads), or EC2,
	// EC2_LINUX, EC2_WINDOWS, FARGATE_LINUX, HYBRID_LINUX, HYPERPOD_LINUX
	// for node roles. Omitted: STANDARD. Immutable.
	// +optional
	// +kubebuilder:validation:Enum=STANDARD;EC2;EC2_LINUX;EC2_WINDOWS;FARGATE_LINUX;HYBRID_LINUX;HYPERPOD_LINUX
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="type cannot change: create a new AccessEntry"
	Type *string `json:"type,omitempty"`

	// KubernetesGroups the principal belongs to in Kubernetes RBAC (not
	// starting with system:). Omitted: not managed (AWS's are copied here
	// on first observation). Compared as a set.
	// +optional
	// +listType=set
	KubernetesGroups []string `json:"kubernetesGroups,omitempty"`

	// Username of the principal in Kubernetes. Omitted: AWS's generated
	// name, copied here on first observation.
	// +optional
	Username *string `json:"username,omitempty"`

	// Tags of the access entry. Omitted: not managed (AWS's tags are
	// copied here on first observation). Set: exactly these tags.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// AccessEntryObservation is what AWS reports about an access entry.
type AccessEntryObservation struct {
	// ARN of the access entry.
	ARN string `json:"arn,omitempty"`
}

// An AccessEntrySpec defines the desired state of an AccessEntry.
type AccessEntrySpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              AccessEntryParameters `json:"forProvider"`
}

// An AccessEntryStatus represents the observed state of an AccessEntry.
type AccessEntryStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 AccessEntryObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// An AccessEntry gives an IAM principal access to an EKS cluster (the
// cluster's accessConfig.authenticationMode must be API or
// API_AND_CONFIG_MAP). It is identified by spec.forProvider.clusterName and
// principalArn; the provider sets its external name (the
// crossplane.io/external-name annotation) to
// "<clusterName>/<principalArn>". To adopt an existing entry, create an
// AccessEntry with its clusterName and principalArn.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="TYPE",type="string",JSONPath=".spec.forProvider.type"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type AccessEntry struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   AccessEntrySpec   `json:"spec"`
	Status AccessEntryStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// AccessEntryList contains a list of AccessEntry.
type AccessEntryList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []AccessEntry `json:"items"`
}

func init() { SchemeBuilder.Register(&AccessEntry{}, &AccessEntryList{}) }
