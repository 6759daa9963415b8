package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// ElasticIPParameters are the configurable fields of an ElasticIP.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: an Elastic IP cannot move between regions"
type ElasticIPParameters struct {
	// Region of the address, e.g. us-east-1. Defaults to the
	// ProviderConfig's region and is then written here (the provider writes
	// it at the first observation). Immutable, and cannot be removed once
	// set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region is immutable: create a new ElasticIP in the other region instead"
	Region *string `json:"region,omitempty"`

	// Domain of the address: vpc, the only one AWS still offers.
	// +optional
	// +kubebuilder:validation:Enum=vpc
	// +kubebuilder:default=vpc
	Domain string `json:"domain,omitempty"`

	// Tags of the address. Omitted: not managed (AWS's tags are copied here
	// on first observation). Set: exactly these tags, others are removed,
	// except the provider's identity tag kaws.dev/managed-by and AWS's
	// aws:* tags.
	// At most 50 tags (keys of 1 to 127 characters, values of at most 255);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// The provider's identity tag is never written here and not counted,
	// but AWS counts it on a resource the provider creates: give a new
	// resource at most 49 tags.
	// +optional
	Tags commonv1alpha1.EC2Tags `json:"tags,omitempty"`
}

// ElasticIPObservation is what AWS reports about an Elastic IP address.
type ElasticIPObservation struct {
	// AllocationID of the address, e.g. eipalloc-0123456789abcdef0 (also
	// the external name).
	AllocationID string `json:"allocationId,omitempty"`
	// PublicIP is the address itself.
	PublicIP string `json:"publicIp,omitempty"`
	// AssociationID of the address's association with an instance or
	// network interface (e.g. of a NAT gateway), if any.
	AssociationID string `json:"associationId,omitempty"`
	// NetworkInterfaceID the address is associated with, if any.
	NetworkInterfaceID string `json:"networkInterfaceId,omitempty"`
}

// An ElasticIPSpec defines the desired state of an ElasticIP.
// +kubebuilder:validation:XValidation:rule="has(self.forProvider) || !has(oldSelf.forProvider) || !has(oldSelf.forProvider.region)",message="region cannot be removed once set: an Elastic IP cannot move between regions (keep forProvider.region)"
type ElasticIPSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              ElasticIPParameters `json:"forProvider,omitempty"`
}

// An ElasticIPStatus represents the observed state of an ElasticIP.
type ElasticIPStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 ElasticIPObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// An ElasticIP is a static public IPv4 address for a VPC, e.g. for a NAT
// gateway. Its external name (the crossplane.io/external-name annotation) is
// the allocation ID that AWS assigns, e.g. eipalloc-0123456789abcdef0: leave
// it unset to allocate an address, or set it to adopt an existing one. The
// provider tags every address it allocates with
// kaws.dev/managed-by=<namespace>/<name>/<uid> in the allocate call itself,
// and finds the address by that tag when it stopped before recording the ID,
// so a crash never allocates a second address. Deleting it releases the
// address; while it is still associated, AWS refuses and the provider
// retries.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="PUBLIC-IP",type="string",JSONPath=".status.atProvider.publicIp"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type ElasticIP struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   ElasticIPSpec   `json:"spec"`
	Status ElasticIPStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// ElasticIPList contains a list of ElasticIP.
type ElasticIPList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ElasticIP `json:"items"`
}

func init() { SchemeBuilder.Register(&ElasticIP{}, &ElasticIPList{}) }
