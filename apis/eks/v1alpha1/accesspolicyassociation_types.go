package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"
)

// AccessScope is where an access policy applies.
// +kubebuilder:validation:XValidation:rule="self.type == 'namespace' ? (has(self.namespaces) && size(self.namespaces) > 0) : (!has(self.namespaces) || size(self.namespaces) == 0)",message="set namespaces exactly when type is namespace: type namespace needs at least one namespace, type cluster none"
type AccessScope struct {
	// Type: cluster (the whole cluster) or namespace (the listed
	// namespaces).
	// +kubebuilder:validation:Enum=cluster;namespace
	Type string `json:"type"`
	// Namespaces the policy applies to, with type namespace. Compared as
	// a set.
	// +optional
	// +listType=set
	Namespaces []string `json:"namespaces,omitempty"`
}

// AccessPolicyAssociationParameters are the configurable fields of an
// AccessPolicyAssociation.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: an access policy association cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.clusterName) || has(self.clusterNameRef) || has(self.clusterNameSelector)",message="set one of clusterName, clusterNameRef or clusterNameSelector to choose the association's cluster"
// +kubebuilder:validation:XValidation:rule="has(self.principalArn) || has(self.principalArnRef) || has(self.principalArnSelector)",message="set one of principalArn, principalArnRef or principalArnSelector to choose the access entry's IAM principal"
type AccessPolicyAssociationParameters struct {
	// Region of the association: the cluster's, e.g. us-east-1. Defaults to
	// the ProviderConfig's region and is then written here (the provider
	// writes it at the first observation). Immutable, and cannot be removed
	// once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region cannot change: create a new AccessPolicyAssociation"
	Region *string `json:"region,omitempty"`

	// ClusterName of the EKS cluster. Set it, or resolve it from a Cluster
	// with clusterNameRef or clusterNameSelector. Immutable.
	// +optional
	// +crossplane:generate:reference:type=Cluster
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="clusterName cannot change: create a new AccessPolicyAssociation"
	ClusterName *string `json:"clusterName,omitempty"`

	// ClusterNameRef references a Cluster to set clusterName.
	// +optional
	ClusterNameRef *xpv2.NamespacedReference `json:"clusterNameRef,omitempty"`

	// ClusterNameSelector selects a Cluster by labels to set clusterName.
	// +optional
	ClusterNameSelector *xpv2.NamespacedSelector `json:"clusterNameSelector,omitempty"`

	// PrincipalARN of the access entry's IAM principal. Set it, or resolve
	// it from a Role with principalArnRef or principalArnSelector. The
	// access entry must exist (an AccessEntry). Immutable.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/eks/v1alpha1.RoleARN()
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="principalArn cannot change: create a new AccessPolicyAssociation"
	PrincipalARN *string `json:"principalArn,omitempty"`

	// PrincipalARNRef references a Role to set principalArn (its ARN).
	// +optional
	PrincipalARNRef *xpv2.NamespacedReference `json:"principalArnRef,omitempty"`

	// PrincipalARNSelector selects a Role by labels to set principalArn.
	// +optional
	PrincipalARNSelector *xpv2.NamespacedSelector `json:"principalArnSelector,omitempty"`

	// PolicyARN of the EKS access policy, e.g.
	// arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy.
	// Immutable.
	// +kubebuilder:validation:Pattern=`^arn:aws[a-z-]*:eks::aws:cluster-access-policy/.+$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="policyArn cannot change: create a new AccessPolicyAssociation"
	PolicyARN string `json:"policyArn"`

	// AccessScope of the policy; updated in place.
	AccessScope AccessScope `json:"accessScope"`
}

// AccessPolicyAssociationObservation is what AWS reports about the
// association.
type AccessPolicyAssociationObservation struct {
	// AssociatedAt is when the policy was associated, RFC 3339.
	AssociatedAt string `json:"associatedAt,omitempty"`
}

// An AccessPolicyAssociationSpec defines the desired state of an
// AccessPolicyAssociation.
type AccessPolicyAssociationSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              AccessPolicyAssociationParameters `json:"forProvider"`
}

// An AccessPolicyAssociationStatus represents the observed state of an
// AccessPolicyAssociation.
type AccessPolicyAssociationStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 AccessPolicyAssociationObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// An AccessPolicyAssociation associates an EKS access policy with an access
// entry. It is identified by spec.forProvider.clusterName, principalArn and
// policyArn; the provider sets its external name (the
// crossplane.io/external-name annotation) to
// "<clusterName>/<principalArn>/<policyArn>". To adopt an existing
// association, create an AccessPolicyAssociation with the same three
// fields.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="SCOPE",type="string",JSONPath=".spec.forProvider.accessScope.type"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type AccessPolicyAssociation struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   AccessPolicyAssociationSpec   `json:"spec"`
	Status AccessPolicyAssociationStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// AccessPolicyAssociationList contains a list of AccessPolicyAssociation.
type AccessPolicyAssociationList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []AccessPolicyAssociation `json:"items"`
}

func init() { SchemeBuilder.Register(&AccessPolicyAssociation{}, &AccessPolicyAssociationList{}) }
