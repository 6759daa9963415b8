package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"
)

// RolePolicyAttachmentParameters are the configurable fields of a
// RolePolicyAttachment.
// +kubebuilder:validation:XValidation:rule="has(self.roleName) || has(self.roleNameRef) || has(self.roleNameSelector)",message="set one of roleName, roleNameRef or roleNameSelector"
// +kubebuilder:validation:XValidation:rule="has(self.policyArn) || has(self.policyArnRef) || has(self.policyArnSelector)",message="set one of policyArn, policyArnRef or policyArnSelector"
type RolePolicyAttachmentParameters struct {
	// RoleName is the name of the role the policy is attached to. Set it,
	// or resolve it from a Role with roleNameRef or roleNameSelector.
	// Immutable: attach to another role with a new RolePolicyAttachment.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="roleName is immutable: create a new RolePolicyAttachment for the other role instead"
	RoleName *string `json:"roleName,omitempty"`

	// RoleNameRef references a Role in the same namespace to set roleName
	// (its external name).
	// +optional
	RoleNameRef *xpv2.NamespacedReference `json:"roleNameRef,omitempty"`

	// RoleNameSelector selects a Role by labels to set roleName.
	// +optional
	RoleNameSelector *xpv2.NamespacedSelector `json:"roleNameSelector,omitempty"`

	// PolicyARN is the ARN of the managed policy to attach: a Policy of
	// this provider, or an AWS-managed policy such as
	// arn:aws:iam::aws:policy/AmazonEKSClusterPolicy. Set it, or resolve it
	// from a Policy with policyArnRef or policyArnSelector. Immutable.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Policy
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.PolicyARN()
	// +kubebuilder:validation:Pattern=`^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="policyArn is immutable: create a new RolePolicyAttachment for the other policy instead"
	PolicyARN *string `json:"policyArn,omitempty"`

	// PolicyARNRef references a Policy in the same namespace to set
	// policyArn (its status.atProvider.arn).
	// +optional
	PolicyARNRef *xpv2.NamespacedReference `json:"policyArnRef,omitempty"`

	// PolicyARNSelector selects a Policy by labels to set policyArn.
	// +optional
	PolicyARNSelector *xpv2.NamespacedSelector `json:"policyArnSelector,omitempty"`
}

// RolePolicyAttachmentObservation is what AWS reports about the attachment.
type RolePolicyAttachmentObservation struct {
	// PolicyName of the attached policy.
	PolicyName string `json:"policyName,omitempty"`
}

// A RolePolicyAttachmentSpec defines the desired state of a
// RolePolicyAttachment.
type RolePolicyAttachmentSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              RolePolicyAttachmentParameters `json:"forProvider"`
}

// A RolePolicyAttachmentStatus represents the observed state of a
// RolePolicyAttachment.
type RolePolicyAttachmentStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 RolePolicyAttachmentObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A RolePolicyAttachment attaches a managed IAM policy to an IAM role. IAM
// is global: it has no region. Its external name (the
// crossplane.io/external-name annotation) is "<roleName>/<policyArn>", e.g.
// "eks-cluster/arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"; the provider
// sets it when it attaches the policy. To adopt an existing attachment, set
// roleName and policyArn (the annotation may be left out, or set to the
// value above).
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="ROLE",type="string",JSONPath=".spec.forProvider.roleName"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type RolePolicyAttachment struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   RolePolicyAttachmentSpec   `json:"spec"`
	Status RolePolicyAttachmentStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// RolePolicyAttachmentList contains a list of RolePolicyAttachment.
type RolePolicyAttachmentList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []RolePolicyAttachment `json:"items"`
}

func init() { SchemeBuilder.Register(&RolePolicyAttachment{}, &RolePolicyAttachmentList{}) }
