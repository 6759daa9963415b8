package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// OpenIDConnectProviderParameters are the configurable fields of an
// OpenIDConnectProvider.
type OpenIDConnectProviderParameters struct {
	// URL of the identity provider, e.g. the issuer URL of an EKS cluster
	// (https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE). Must begin with
	// https://. Immutable: it is part of the provider's ARN.
	// +kubebuilder:validation:Pattern=`^https://[^\s]+$`
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="url is immutable (it is part of the provider's ARN): create a new OpenIDConnectProvider instead"
	URL string `json:"url"`

	// ClientIDList are the audiences (client IDs) tokens may be issued for,
	// e.g. sts.amazonaws.com. A set: order does not matter. Omitted: not
	// managed (AWS's list is copied here on first observation).
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=100
	ClientIDList []string `json:"clientIDList,omitempty"`

	// ThumbprintList are the SHA-1 thumbprints (40 hex digits) of the
	// provider's server certificates, at most 5. A set: order does not
	// matter. Omitted: not managed (AWS's list is copied here on first
	// observation).
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=5
	// +kubebuilder:validation:items:Pattern=`^[0-9a-fA-F]{40}$`
	ThumbprintList []string `json:"thumbprintList,omitempty"`

	// Tags of the provider. Omitted: not managed (AWS's tags are copied
	// here on first observation). Set: exactly these tags, others are removed.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// OpenIDConnectProviderObservation is what AWS reports about the provider.
type OpenIDConnectProviderObservation struct {
	// ARN of the provider, e.g.
	// arn:aws:iam::123456789012:oidc-provider/oidc.example.com; also its
	// external name.
	ARN string `json:"arn,omitempty"`
	// CreateDate of the provider, RFC 3339.
	CreateDate string `json:"createDate,omitempty"`
}

// An OpenIDConnectProviderSpec defines the desired state of an
// OpenIDConnectProvider.
type OpenIDConnectProviderSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              OpenIDConnectProviderParameters `json:"forProvider"`
}

// An OpenIDConnectProviderStatus represents the observed state of an
// OpenIDConnectProvider.
type OpenIDConnectProviderStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 OpenIDConnectProviderObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// An OpenIDConnectProvider is an IAM OIDC identity provider, e.g. the one
// that lets an EKS cluster's service accounts assume IAM roles (IRSA). IAM
// is global: it has no region. Its external name (the
// crossplane.io/external-name annotation) is the provider's ARN, which AWS
// assigns; the provider records it on creation. An existing provider of the
// same url is adopted automatically (the ARN follows from the url), or set
// the annotation to its ARN.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="URL",type="string",JSONPath=".spec.forProvider.url"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type OpenIDConnectProvider struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   OpenIDConnectProviderSpec   `json:"spec"`
	Status OpenIDConnectProviderStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OpenIDConnectProviderList contains a list of OpenIDConnectProvider.
type OpenIDConnectProviderList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []OpenIDConnectProvider `json:"items"`
}

func init() { SchemeBuilder.Register(&OpenIDConnectProvider{}, &OpenIDConnectProviderList{}) }
