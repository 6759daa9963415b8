package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// InstanceProfileParameters are the configurable fields of an InstanceProfile.
type InstanceProfileParameters struct {
	// RoleName is the name of the role the instance profile passes to EC2
	// instances (an instance profile holds at most one role). Set it, or
	// resolve it from a Role with roleNameRef or roleNameSelector. Omitted
	// (and no reference): not managed (AWS's role, if any, is copied here
	// on first observation). Changing it replaces the role.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=64
	RoleName *string `json:"roleName,omitempty"`

	// RoleNameRef references a Role in the same namespace to set roleName
	// (its external name).
	// +optional
	RoleNameRef *xpv2.NamespacedReference `json:"roleNameRef,omitempty"`

	// RoleNameSelector selects a Role by labels to set roleName.
	// +optional
	RoleNameSelector *xpv2.NamespacedSelector `json:"roleNameSelector,omitempty"`

	// Path of the instance profile, e.g. /eks/; must begin and end with a
	// slash. Omitted: "/" (written here on first observation). Immutable.
	// +optional
	// +kubebuilder:validation:MaxLength=512
	// +kubebuilder:validation:Pattern=`^/([\x21-\x7E]*/)?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="path is immutable: create a new InstanceProfile with the other path (and delete this one) instead"
	Path *string `json:"path,omitempty"`

	// Tags of the instance profile. Omitted: not managed (AWS's tags are
	// copied here on first observation). Set: exactly these tags, others are
	// removed.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// InstanceProfileObservation is what AWS reports about an instance profile.
type InstanceProfileObservation struct {
	// ARN of the instance profile, e.g.
	// arn:aws:iam::123456789012:instance-profile/my-profile.
	ARN string `json:"arn,omitempty"`
	// InstanceProfileID is the unique ID AWS assigned (AIPA...).
	InstanceProfileID string `json:"instanceProfileId,omitempty"`
	// CreateDate of the instance profile, RFC 3339.
	CreateDate string `json:"createDate,omitempty"`
}

// An InstanceProfileSpec defines the desired state of an InstanceProfile.
type InstanceProfileSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              InstanceProfileParameters `json:"forProvider,omitempty"`
}

// An InstanceProfileStatus represents the observed state of an InstanceProfile.
type InstanceProfileStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 InstanceProfileObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// An InstanceProfile is an IAM instance profile: the container that passes
// a role to EC2 instances. IAM is global: it has no region. Its external
// name (the crossplane.io/external-name annotation) is the instance profile
// name and defaults to metadata.name; set it to adopt an existing instance
// profile of another name. metadata.name must be at most 128 characters
// either way (admission rules cannot read the annotation).
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="ROLE",type="string",JSONPath=".spec.forProvider.roleName"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) <= 128",message="metadata.name must be at most 128 characters, the limit of an IAM instance profile name: it is the name in AWS by default, and the limit holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations): choose a shorter metadata.name"
type InstanceProfile struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   InstanceProfileSpec   `json:"spec"`
	Status InstanceProfileStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// InstanceProfileList contains a list of InstanceProfile.
type InstanceProfileList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []InstanceProfile `json:"items"`
}

func init() { SchemeBuilder.Register(&InstanceProfile{}, &InstanceProfileList{}) }
