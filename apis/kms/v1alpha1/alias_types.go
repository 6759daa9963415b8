package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"
)

// AliasParameters are the configurable fields of an Alias.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: a KMS alias cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.targetKeyId) || has(self.targetKeyIdRef) || has(self.targetKeyIdSelector)",message="set one of targetKeyId, targetKeyIdRef or targetKeyIdSelector to choose the KMS key the alias points to"
type AliasParameters struct {
	// Region of the alias, e.g. us-east-1: the region of its key. Defaults
	// to the ProviderConfig's region and is then written here (the provider
	// writes it at the first observation). Immutable, and cannot be removed
	// once set: an alias cannot move between regions.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new Alias in the other region instead"
	Region *string `json:"region,omitempty"`

	// TargetKeyID is the key the alias points to: a key ID or key ARN of a
	// customer managed key in the alias's region. Set it, or resolve it
	// from a Key with targetKeyIdRef or targetKeyIdSelector (its key ID).
	// Updated in place (UpdateAlias points the alias at another key).
	// +optional
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=2048
	// +crossplane:generate:reference:type=Key
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.AtProvider("keyId")
	TargetKeyID *string `json:"targetKeyId,omitempty"`

	// TargetKeyIDRef references a Key to set targetKeyId (its key ID).
	// +optional
	TargetKeyIDRef *xpv2.NamespacedReference `json:"targetKeyIdRef,omitempty"`

	// TargetKeyIDSelector selects a Key to set targetKeyId (its key ID).
	// +optional
	TargetKeyIDSelector *xpv2.NamespacedSelector `json:"targetKeyIdSelector,omitempty"`
}

// AliasObservation is what AWS reports about an alias.
type AliasObservation struct {
	// ARN of the alias, e.g.
	// arn:aws:kms:us-east-1:123456789012:alias/my-app.
	ARN string `json:"arn,omitempty"`
	// TargetKeyID is the ID of the key the alias points to.
	TargetKeyID string `json:"targetKeyId,omitempty"`
	// CreationDate of the alias, RFC 3339.
	CreationDate string `json:"creationDate,omitempty"`
	// LastUpdatedDate of the alias (its last retarget), RFC 3339.
	LastUpdatedDate string `json:"lastUpdatedDate,omitempty"`
}

// An AliasSpec defines the desired state of an Alias.
type AliasSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              AliasParameters `json:"forProvider"`
}

// An AliasStatus represents the observed state of an Alias.
type AliasStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 AliasObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// An Alias is a KMS alias: a friendly name (alias/<name>) of a KMS key,
// which applications use instead of the key ID and which can be pointed at
// another key without changing them. Its external name (the
// crossplane.io/external-name annotation) is the full alias name with its
// alias/ prefix, as AWS shows it, e.g. alias/my-app. Omitted, the provider
// sets it to alias/<metadata.name>. Set it to adopt an existing alias or to
// use a name metadata.name cannot hold (upper case, _ or /); names starting
// with alias/aws/ are AWS's own and refused. The name cannot change: create
// a new Alias instead.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="TARGET-KEY",type="string",JSONPath=".status.atProvider.targetKeyId"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type Alias struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   AliasSpec   `json:"spec"`
	Status AliasStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// AliasList contains a list of Alias.
type AliasList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Alias `json:"items"`
}

func init() { SchemeBuilder.Register(&Alias{}, &AliasList{}) }
