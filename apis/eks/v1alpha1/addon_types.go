package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// AddonParameters are the configurable fields of an Addon.
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: an add-on cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.clusterName) || has(self.clusterNameRef) || has(self.clusterNameSelector)",message="set one of clusterName, clusterNameRef or clusterNameSelector to choose the add-on's cluster"
type AddonParameters struct {
	// Region of the add-on: the cluster's, e.g. us-east-1. Defaults to
	// the ProviderConfig's region and is then written here (the provider
	// writes it at the first observation). Immutable, and cannot be removed
	// once set.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region cannot change: create a new Addon"
	Region *string `json:"region,omitempty"`

	// ClusterName of the EKS cluster. Set it, or resolve it from a Cluster
	// with clusterNameRef or clusterNameSelector. Immutable.
	// +optional
	// +crossplane:generate:reference:type=Cluster
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="clusterName cannot change: create a new Addon for the other cluster"
	ClusterName *string `json:"clusterName,omitempty"`

	// ClusterNameRef references a Cluster in the same namespace to set
	// clusterName.
	// +optional
	ClusterNameRef *xpv2.NamespacedReference `json:"clusterNameRef,omitempty"`

	// ClusterNameSelector selects a Cluster by labels to set clusterName.
	// +optional
	ClusterNameSelector *xpv2.NamespacedSelector `json:"clusterNameSelector,omitempty"`

	// AddonName is the EKS add-on, e.g. vpc-cni, coredns, kube-proxy,
	// aws-ebs-csi-driver. Immutable.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="addonName cannot change: create a new Addon"
	AddonName string `json:"addonName"`

	// AddonVersion, e.g. v1.22.4-eksbuild.3. Omitted: AWS's default for
	// the cluster version, copied here on first observation.
	// +optional
	AddonVersion *string `json:"addonVersion,omitempty"`

	// ServiceAccountRoleARN is the ARN of the IAM role the add-on's
	// service account assumes (IRSA). Set it, or resolve it from a Role
	// with serviceAccountRoleArnRef or serviceAccountRoleArnSelector.
	// Omitted: not managed (AWS's is copied here on first observation).
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/eks/v1alpha1.RoleARN()
	ServiceAccountRoleARN *string `json:"serviceAccountRoleArn,omitempty"`

	// ServiceAccountRoleARNRef references a Role to set
	// serviceAccountRoleArn (its ARN).
	// +optional
	ServiceAccountRoleARNRef *xpv2.NamespacedReference `json:"serviceAccountRoleArnRef,omitempty"`

	// ServiceAccountRoleARNSelector selects a Role by labels to set
	// serviceAccountRoleArn.
	// +optional
	ServiceAccountRoleARNSelector *xpv2.NamespacedSelector `json:"serviceAccountRoleArnSelector,omitempty"`

	// ConfigurationValues is the add-on's configuration, JSON or YAML
	// matching its configuration schema (DescribeAddonConfiguration).
	// It is compared with what AWS holds by meaning, not as text: another
	// format, key order or spacing is no change. Omitted: not managed. An
	// empty string resets it.
	// +optional
	ConfigurationValues *string `json:"configurationValues,omitempty"`

	// ResolveConflicts says what to do with fields of the add-on's
	// Kubernetes objects changed outside EKS, at creation and update:
	// OVERWRITE, NONE (fail) or PRESERVE (updates only). Omitted: NONE.
	// +optional
	// +kubebuilder:validation:Enum=OVERWRITE;NONE;PRESERVE
	ResolveConflicts *string `json:"resolveConflicts,omitempty"`

	// PreserveOnDelete keeps the add-on's Kubernetes objects in the
	// cluster when the Addon is deleted (EKS stops managing them).
	// Omitted: false.
	// +optional
	PreserveOnDelete *bool `json:"preserveOnDelete,omitempty"`

	// Tags of the add-on. Omitted: not managed (AWS's tags are copied here
	// on first observation). Set: exactly these tags.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// AddonObservation is what AWS reports about an add-on.
type AddonObservation struct {
	// ARN of the add-on.
	ARN string `json:"arn,omitempty"`
	// Status: CREATING, ACTIVE, UPDATING, DELETING, CREATE_FAILED,
	// UPDATE_FAILED, DELETE_FAILED or DEGRADED.
	Status string `json:"status,omitempty"`
	// Health issues EKS reports, one line each.
	Issues []string `json:"issues,omitempty"`

	// LastUpdate is the last update the provider sent for the add-on,
	// while AWS does not show its change yet.
	// +optional
	LastUpdate *LastUpdate `json:"lastUpdate,omitempty"`
}

// An AddonSpec defines the desired state of an Addon.
type AddonSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              AddonParameters `json:"forProvider"`
}

// An AddonStatus represents the observed state of an Addon.
type AddonStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 AddonObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// An Addon is an EKS add-on of a cluster. It is identified by
// spec.forProvider.clusterName and addonName; the provider sets its
// external name (the crossplane.io/external-name annotation) to
// "<clusterName>/<addonName>". To adopt an existing add-on, create an Addon
// with its clusterName and addonName. It is Ready only when the add-on is
// ACTIVE; updates (UpdateAddon) run one at a time.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="VERSION",type="string",JSONPath=".spec.forProvider.addonVersion"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
type Addon struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   AddonSpec   `json:"spec"`
	Status AddonStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// AddonList contains a list of Addon.
type AddonList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Addon `json:"items"`
}

func init() { SchemeBuilder.Register(&Addon{}, &AddonList{}) }
