package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// InlinePolicy is a policy document embedded in a role (PutRolePolicy).
type InlinePolicy struct {
	// Name of the inline policy, unique within the role.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	// +kubebuilder:validation:Pattern=`^[\w+=,.@-]+$`
	Name string `json:"name"`

	// Policy is the JSON permissions policy document. It is compared as
	// JSON: key order, whitespace, and a single value versus a one-item list
	// do not matter.
	// +kubebuilder:validation:MinLength=1
	Policy string `json:"policy"`
}

// RoleParameters are the configurable fields of a Role.
type RoleParameters struct {
	// AssumeRolePolicy is the trust policy (JSON) that says who may assume
	// the role, e.g. a Service principal eks.amazonaws.com. It is compared as
	// JSON (key order and whitespace do not matter); a document that is not
	// valid JSON is rejected before any AWS call.
	// +kubebuilder:validation:MinLength=1
	AssumeRolePolicy string `json:"assumeRolePolicy"`

	// Description of the role, up to 1000 characters. Omitted: not managed
	// (AWS's description is copied here on first observation). An empty
	// string removes the description.
	// +optional
	// +kubebuilder:validation:MaxLength=1000
	Description *string `json:"description,omitempty"`

	// MaxSessionDuration in seconds of the sessions of the role: 3600 (one
	// hour) to 43200 (12 hours). Omitted: AWS's value (3600 for a new role)
	// is copied here on first observation.
	// +optional
	// +kubebuilder:validation:Minimum=3600
	// +kubebuilder:validation:Maximum=43200
	MaxSessionDuration *int32 `json:"maxSessionDuration,omitempty"`

	// Path of the role, e.g. /service-roles/; must begin and end with a
	// slash. Omitted: "/" (written here on first observation). Immutable.
	// +optional
	// +kubebuilder:validation:MaxLength=512
	// +kubebuilder:validation:Pattern=`^/([\x21-\x7E]*/)?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="path is immutable: create a new Role with the other path (and delete this one) instead"
	Path *string `json:"path,omitempty"`

	// PermissionsBoundary is the ARN of the managed policy that sets the
	// maximum permissions of the role. Omitted: not managed (AWS's boundary
	// is copied here on first observation). An empty string removes the
	// boundary.
	// +optional
	PermissionsBoundary *string `json:"permissionsBoundary,omitempty"`

	// Tags of the role. Omitted: not managed (AWS's tags are copied here on
	// first observation). Set: exactly these tags, others are removed.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`

	// InlinePolicies embedded in the role, by name. Omitted: not managed
	// (the role's inline policies are left as they are and not read). Set:
	// exactly these inline policies; others are deleted, so `[]` removes
	// every inline policy. They are deleted with the role.
	// +optional
	// +listType=map
	// +listMapKey=name
	InlinePolicies []InlinePolicy `json:"inlinePolicies,omitempty"`
}

// RoleObservation is what AWS reports about a role.
type RoleObservation struct {
	// ARN of the role, e.g. arn:aws:iam::123456789012:role/my-role.
	ARN string `json:"arn,omitempty"`
	// RoleID is the unique ID AWS assigned to the role (AROA...).
	RoleID string `json:"roleId,omitempty"`
	// CreateDate of the role, RFC 3339.
	CreateDate string `json:"createDate,omitempty"`
}

// A RoleSpec defines the desired state of a Role.
type RoleSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              RoleParameters `json:"forProvider"`
}

// A RoleStatus represents the observed state of a Role.
type RoleStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 RoleObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Role is an IAM role. IAM is global: a Role has no region (the
// ProviderConfig's region only signs the requests). Its external name (the
// crossplane.io/external-name annotation) is the role name and defaults to
// metadata.name; set it to adopt an existing role of another name.
// metadata.name must be at most 64 characters either way (admission rules
// cannot read the annotation).
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="ARN",type="string",JSONPath=".status.atProvider.arn"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) <= 64",message="metadata.name must be at most 64 characters, the limit of an IAM role name: it is the name in AWS by default, and the limit holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations): choose a shorter metadata.name"
type Role struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   RoleSpec   `json:"spec"`
	Status RoleStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// RoleList contains a list of Role.
type RoleList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Role `json:"items"`
}

func init() { SchemeBuilder.Register(&Role{}, &RoleList{}) }
