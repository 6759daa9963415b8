package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// PodIdentityAssociationParameters are the configurable fields of a
// PodIdentityAssociation.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a pod identity association cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.clusterName) || has(self.clusterNameRef) || has(self.clusterNameSelector)",message="set one of clusterName, clusterNameRef or clusterNameSelector to choose the association's cluster"
// +kubebuilder:validation:XValidation:rule="has(self.roleArn) || has(self.roleArnRef) || has(self.roleArnSelector)",message="set one of roleArn, roleArnRef or roleArnSelector to choose the IAM role the pods assume"
type PodIdentityAssociationParameters struct {
	// Region of the association: the cluster's, e.g. us-east-1. Defaults to
	// the ProviderConfig's region and is then written here (the provider
	// writes it at the first observation). Immutable, and cannot be removed
	// once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region cannot change: create a new PodIdentityAssociation"
	Region *string `json:"region,omitempty"`

	// ClusterName of the EKS cluster. Set it, or resolve it from a Cluster
	// with clusterNameRef or clusterNameSelector. Immutable.
	// +optional
	// +crossplane:generate:reference:type=Cluster
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="clusterName cannot change: create a new PodIdentityAssociation"
	ClusterName *string `json:"clusterName,omitempty"`

	// ClusterNameRef references a Cluster to set clusterName.
	// +optional
	ClusterNameRef *xpv2.NamespacedReference `json:"clusterNameRef,omitempty"`

	// ClusterNameSelector selects a Cluster by labels to set clusterName.
	// +optional
	ClusterNameSelector *xpv2.NamespacedSelector `json:"clusterNameSelector,omitempty"`

	// Namespace of the Kubernetes service account. Immutable.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="namespace cannot change: create a new PodIdentityAssociation"
	Namespace string `json:"namespace"`

	// ServiceAccount is the name of the Kubernetes service account whose
	// pods get the role. Immutable.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="serviceAccount cannot change: create a new PodIdentityAssociation"
	ServiceAccount string `json:"serviceAccount"`

	// RoleARN of the IAM role the pods assume (trusting
	// pods.eks.amazonaws.com). Set it, or resolve it from a Role with
	// roleArnRef or roleArnSelector. Updated in place.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/eks/v1alpha1.RoleARN()
	RoleARN *string `json:"roleArn,omitempty"`

	// RoleARNRef references a Role to set roleArn (its ARN).
	// +optional
	RoleARNRef *xpv2.NamespacedReference `json:"roleArnRef,omitempty"`

	// RoleARNSelector selects a Role by labels to set roleArn.
	// +optional
	RoleARNSelector *xpv2.NamespacedSelector `json:"roleArnSelector,omitempty"`

	// TargetRoleARN is a role in another account that roleArn chains to.
	// Omitted: not managed. An empty string removes it.
	// +optional
	TargetRoleARN *string `json:"targetRoleArn,omitempty"`

	// DisableSessionTags turns off the session tags EKS adds. Omitted:
	// AWS's value (false) is copied here on first observation.
	// +optional
	DisableSessionTags *bool `json:"disableSessionTags,omitempty"`

	// Tags of the association. Omitted: not managed (AWS's tags are copied
	// here on first observation). Set: exactly these tags.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// PodIdentityAssociationObservation is what AWS reports about the
// association.
type PodIdentityAssociationObservation struct {
	// AssociationID AWS assigned (a-...): the external name.
	AssociationID string `json:"associationId,omitempty"`
	// ARN of the association.
	ARN string `json:"arn,omitempty"`
	// ExternalID EKS uses when it assumes the target role.
	ExternalID string `json:"externalId,omitempty"`
}

// A PodIdentityAssociationSpec defines the desired state of a
// PodIdentityAssociation.
type PodIdentityAssociationSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              PodIdentityAssociationParameters `json:"forProvider"`
}

// A PodIdentityAssociationStatus represents the observed state of a
// PodIdentityAssociation.
type PodIdentityAssociationStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 PodIdentityAssociationObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A PodIdentityAssociation gives the pods of a Kubernetes service account
// an IAM role (EKS Pod Identity). Its external name (the
// crossplane.io/external-name annotation) is the association ID AWS
// assigns (a-...); the cluster comes from spec.forProvider.clusterName.
// A cluster has at most one association per service account, so an
// existing one is found (and adopted) by clusterName, namespace and
// serviceAccount when the external name is not set.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="SERVICEACCOUNT",type="string",JSONPath=".spec.forProvider.serviceAccount"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type PodIdentityAssociation struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   PodIdentityAssociationSpec   `json:"spec"`
	Status PodIdentityAssociationStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// PodIdentityAssociationList contains a list of PodIdentityAssociation.
type PodIdentityAssociationList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PodIdentityAssociation `json:"items"`
}

func init() { SchemeBuilder.Register(&PodIdentityAssociation{}, &PodIdentityAssociationList{}) }
