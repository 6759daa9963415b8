package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reference"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// PolicyParameters are the configurable fields of a Policy.
type PolicyParameters struct {
	// Document is the JSON permissions policy. It is compared as JSON (key
	// order and whitespace do not matter). A changed document becomes a new
	// default policy version; when the policy already has 5 versions (AWS's
	// limit) the oldest non-default version is deleted first. A document
	// that is not valid JSON is rejected before any AWS call.
	// +kubebuilder:validation:MinLength=1
	Document string `json:"document"`

	// Path of the policy, e.g. /team-a/; must begin and end with a slash.
	// Omitted: "/" (written here on first observation). Immutable.
	// +optional
	// +kubebuilder:validation:MaxLength=512
	// +kubebuilder:validation:Pattern=`^/([\x21-\x7E]*/)?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="path is immutable: create a new Policy with the other path (and delete this one) instead"
	Path *string `json:"path,omitempty"`

	// Description of the policy, up to 1000 characters. AWS cannot change it
	// after creation, so it is immutable. Omitted: AWS's description (none
	// for a new policy) is copied here on first observation.
	// +optional
	// +kubebuilder:validation:MaxLength=1000
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="description is immutable (AWS cannot change a policy's description): create a new Policy instead"
	Description *string `json:"description,omitempty"`

	// Tags of the policy. Omitted: not managed (AWS's tags are copied here
	// on first observation). Set: exactly these tags, others are removed.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// PolicyObservation is what AWS reports about a policy.
type PolicyObservation struct {
	// ARN of the policy, e.g. arn:aws:iam::123456789012:policy/my-policy.
	// RolePolicyAttachments reference it.
	ARN string `json:"arn,omitempty"`
	// PolicyID is the unique ID AWS assigned to the policy (ANPA...).
	PolicyID string `json:"policyId,omitempty"`
	// DefaultVersionID is the version in force, e.g. v3.
	DefaultVersionID string `json:"defaultVersionId,omitempty"`
	// AttachmentCount is the number of roles, users and groups the policy
	// is attached to.
	AttachmentCount int32 `json:"attachmentCount,omitempty"`
}

// A PolicySpec defines the desired state of a Policy.
type PolicySpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              PolicyParameters `json:"forProvider"`
}

// A PolicyStatus represents the observed state of a Policy.
type PolicyStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 PolicyObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Policy is a customer-managed IAM policy. IAM is global: a Policy has no
// region. Its external name (the crossplane.io/external-name annotation) is
// the policy name and defaults to metadata.name; set it (and
// spec.forProvider.path) to adopt an existing policy of another name. AWS
// addresses the policy by ARN, which is reported in status.atProvider.arn.
// metadata.name must be at most 128 characters either way (admission rules
// cannot read the annotation).
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="ARN",type="string",JSONPath=".status.atProvider.arn"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) <= 128",message="metadata.name must be at most 128 characters, the limit of an IAM policy name: it is the name in AWS by default, and the limit holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations): choose a shorter metadata.name"
type Policy struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   PolicySpec   `json:"spec"`
	Status PolicyStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// PolicyList contains a list of Policy.
type PolicyList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Policy `json:"items"`
}

func init() { SchemeBuilder.Register(&Policy{}, &PolicyList{}) }

// PolicyARN extracts status.atProvider.arn of a referenced Policy.
func PolicyARN() reference.ExtractValueFn {
	return func(mg resource.Managed) string {
		p, ok := any(mg).(*Policy)
		if !ok {
			return ""
		}
		return p.Status.AtProvider.ARN
	}
}
