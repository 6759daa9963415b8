package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reference"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
)

// VPCConfig is the network configuration of a cluster.
// +kubebuilder:validation:XValidation:rule="(has(self.subnetIds) && size(self.subnetIds) > 0) || (has(self.subnetIdRefs) && size(self.subnetIdRefs) > 0) || has(self.subnetIdSelector)",message="set one of resourcesVpcConfig.subnetIds, subnetIdRefs or subnetIdSelector to choose the cluster's subnets (at least two, in different Availability Zones)"
type VPCConfig struct {
	// SubnetIDs of at least two subnets in different Availability Zones
	// where the control plane places its network interfaces. Set them, or
	// resolve them from Subnets with subnetIdRefs or subnetIdSelector.
	// Compared as a set.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.Subnet
	// +crossplane:generate:reference:refFieldName=SubnetIDRefs
	// +crossplane:generate:reference:selectorFieldName=SubnetIDSelector
	SubnetIDs []string `json:"subnetIds,omitempty"`

	// SubnetIDRefs reference Subnets in the same namespace to set subnetIds.
	// +optional
	SubnetIDRefs []xpv2.NamespacedReference `json:"subnetIdRefs,omitempty"`

	// SubnetIDSelector selects Subnets by labels to set subnetIds.
	// +optional
	SubnetIDSelector *xpv2.NamespacedSelector `json:"subnetIdSelector,omitempty"`

	// SecurityGroupIDs of up to five security groups attached to the
	// control plane's network interfaces, besides the cluster security
	// group EKS creates. Omitted or empty: none. Compared as a set.
	// +optional
	// +kubebuilder:validation:MaxItems=5
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1.SecurityGroup
	// +crossplane:generate:reference:refFieldName=SecurityGroupIDRefs
	// +crossplane:generate:reference:selectorFieldName=SecurityGroupIDSelector
	SecurityGroupIDs []string `json:"securityGroupIds,omitempty"`

	// SecurityGroupIDRefs reference SecurityGroups in the same namespace to
	// set securityGroupIds.
	// +optional
	SecurityGroupIDRefs []xpv2.NamespacedReference `json:"securityGroupIdRefs,omitempty"`

	// SecurityGroupIDSelector selects SecurityGroups by labels to set
	// securityGroupIds.
	// +optional
	SecurityGroupIDSelector *xpv2.NamespacedSelector `json:"securityGroupIdSelector,omitempty"`

	// EndpointPublicAccess enables the public endpoint of the Kubernetes
	// API server. Omitted: AWS's value (true for a new cluster) is copied
	// here on first observation.
	// +optional
	EndpointPublicAccess *bool `json:"endpointPublicAccess,omitempty"`

	// EndpointPrivateAccess enables the private (in-VPC) endpoint of the
	// Kubernetes API server. Omitted: AWS's value (false for a new cluster)
	// is copied here on first observation.
	// +optional
	EndpointPrivateAccess *bool `json:"endpointPrivateAccess,omitempty"`

	// PublicAccessCIDRs that may reach the public endpoint, e.g.
	// 203.0.113.0/24. Omitted: AWS's value (0.0.0.0/0) is copied here on
	// first observation. Compared as a set.
	// +optional
	PublicAccessCIDRs []string `json:"publicAccessCidrs,omitempty"`
}

// ElasticLoadBalancing is the load-balancing capability of EKS Auto Mode.
type ElasticLoadBalancing struct {
	// Enabled turns on the Auto Mode load-balancing capability. It must
	// equal computeConfig.enabled and storageConfig.blockStorage.enabled.
	Enabled bool `json:"enabled"`
}

// KubernetesNetworkConfig is the Kubernetes network configuration.
type KubernetesNetworkConfig struct {
	// ServiceIPv4CIDR is the CIDR block Kubernetes service IP addresses
	// come from, e.g. 172.20.0.0/16. Omitted: AWS picks 10.100.0.0/16 or
	// 172.20.0.0/16 (copied here on first observation). Immutable.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="serviceIpv4Cidr cannot change: create a new cluster"
	ServiceIPv4CIDR *string `json:"serviceIpv4Cidr,omitempty"`

	// IPFamily of pod and service addresses: ipv4 or ipv6. Omitted: ipv4
	// (copied here on first observation). Immutable.
	// +optional
	// +kubebuilder:validation:Enum=ipv4;ipv6
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="ipFamily cannot change: create a new cluster"
	IPFamily *string `json:"ipFamily,omitempty"`

	// ElasticLoadBalancing of EKS Auto Mode. Omitted: not managed. It can
	// change, together with computeConfig and storageConfig.
	// +optional
	ElasticLoadBalancing *ElasticLoadBalancing `json:"elasticLoadBalancing,omitempty"`
}

// Logging selects the control-plane log types sent to CloudWatch Logs.
type Logging struct {
	// Enabled log types; every other type is disabled. Empty: all
	// disabled.
	// +listType=set
	// +kubebuilder:validation:items:Enum=api;audit;authenticator;controllerManager;scheduler
	Enabled []string `json:"enabled"`
}

// AccessConfig is how IAM principals are authenticated to the cluster.
type AccessConfig struct {
	// AuthenticationMode: API (access entries), API_AND_CONFIG_MAP or
	// CONFIG_MAP (the aws-auth ConfigMap). Omitted: AWS's value is copied
	// here on first observation. AWS only allows moves towards API
	// (CONFIG_MAP → API_AND_CONFIG_MAP → API).
	// +optional
	// +kubebuilder:validation:Enum=API;API_AND_CONFIG_MAP;CONFIG_MAP
	AuthenticationMode *string `json:"authenticationMode,omitempty"`

	// BootstrapClusterCreatorAdminPermissions gives the identity that
	// creates the cluster admin access. Omitted: true. Only read at
	// creation; immutable.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="bootstrapClusterCreatorAdminPermissions cannot change after creation: create a new cluster"
	BootstrapClusterCreatorAdminPermissions *bool `json:"bootstrapClusterCreatorAdminPermissions,omitempty"`
}

// ComputeConfig is the compute capability of EKS Auto Mode.
type ComputeConfig struct {
	// Enabled turns on Auto Mode compute. It must equal
	// kubernetesNetworkConfig.elasticLoadBalancing.enabled and
	// storageConfig.blockStorage.enabled.
	Enabled bool `json:"enabled"`

	// NodePools Auto Mode creates: general-purpose and/or system.
	// +optional
	// +listType=set
	// +kubebuilder:validation:items:Enum=general-purpose;system
	NodePools []string `json:"nodePools,omitempty"`

	// NodeRoleARN is the ARN of the IAM role of the Auto Mode nodes. Set
	// it, or resolve it from a Role with nodeRoleArnRef or
	// nodeRoleArnSelector.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/eks/v1alpha1.RoleARN()
	NodeRoleARN *string `json:"nodeRoleArn,omitempty"`

	// NodeRoleARNRef references a Role to set nodeRoleArn (its ARN).
	// +optional
	NodeRoleARNRef *xpv2.NamespacedReference `json:"nodeRoleArnRef,omitempty"`

	// NodeRoleARNSelector selects a Role by labels to set nodeRoleArn.
	// +optional
	NodeRoleARNSelector *xpv2.NamespacedSelector `json:"nodeRoleArnSelector,omitempty"`
}

// BlockStorage is the block-storage capability of EKS Auto Mode.
type BlockStorage struct {
	// Enabled turns on the Auto Mode EBS capability.
	Enabled bool `json:"enabled"`
}

// StorageConfig is the storage configuration of EKS Auto Mode.
type StorageConfig struct {
	// BlockStorage capability.
	BlockStorage BlockStorage `json:"blockStorage"`
}

// UpgradePolicy is the support policy of the cluster.
type UpgradePolicy struct {
	// SupportType: STANDARD (the cluster is upgraded automatically when
	// standard support ends) or EXTENDED (paid extended support).
	// +kubebuilder:validation:Enum=STANDARD;EXTENDED
	SupportType string `json:"supportType"`
}

// EncryptionConfig is the envelope encryption of Kubernetes secrets.
// +kubebuilder:validation:XValidation:rule="has(self.keyArn) || has(self.keyArnRef) || has(self.keyArnSelector)",message="set one of keyArn, keyArnRef or keyArnSelector to choose the KMS key that encrypts the secrets"
type EncryptionConfig struct {
	// KeyARN of the KMS key that encrypts the secrets. Set it, or resolve
	// it from a KMS Key with keyArnRef or keyArnSelector (its ARN).
	// +optional
	// +kubebuilder:validation:Pattern=`^arn:aws[a-z-]*:kms:.+$`
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/kms/v1alpha1.Key
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/common/v1alpha1.ARN()
	KeyARN string `json:"keyArn,omitempty"`

	// KeyARNRef references a KMS Key to set keyArn (its ARN).
	// +optional
	KeyARNRef *xpv2.NamespacedReference `json:"keyArnRef,omitempty"`

	// KeyARNSelector selects a KMS Key to set keyArn (its ARN).
	// +optional
	KeyARNSelector *xpv2.NamespacedSelector `json:"keyArnSelector,omitempty"`
	// Resources encrypted; only "secrets" is supported. Omitted: secrets.
	// +optional
	// +kubebuilder:validation:MaxItems=1
	// +kubebuilder:validation:items:Enum=secrets
	Resources []string `json:"resources,omitempty"`
}

// ClusterParameters are the configurable fields of a Cluster.
// +kubebuilder:validation:XValidation:rule="!has(self.computeConfig) || (has(self.storageConfig) && has(self.kubernetesNetworkConfig) && has(self.kubernetesNetworkConfig.elasticLoadBalancing) && self.computeConfig.enabled == self.storageConfig.blockStorage.enabled && self.computeConfig.enabled == self.kubernetesNetworkConfig.elasticLoadBalancing.enabled)",message="EKS Auto Mode: set computeConfig.enabled, storageConfig.blockStorage.enabled and kubernetesNetworkConfig.elasticLoadBalancing.enabled together, to the same value"
// +kubebuilder:validation:XValidation:rule="has(self.region) || !has(oldSelf.region)",message="region cannot be removed once set: an EKS cluster cannot move between regions"
// +kubebuilder:validation:XValidation:rule="has(self.roleArn) || has(self.roleArnRef) || has(self.roleArnSelector)",message="set one of roleArn, roleArnRef or roleArnSelector to choose the IAM role EKS manages the cluster with"
type ClusterParameters struct {
	// Region of the cluster, e.g. us-east-1. Defaults to the
	// ProviderConfig's region and is then written here (the provider writes
	// it at the first observation). Immutable, and cannot be removed once
	// set: an EKS cluster cannot move between regions.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="region cannot change: create a new cluster in the other region"
	Region *string `json:"region,omitempty"`

	// Version of Kubernetes, e.g. "1.35". Omitted: AWS's default version
	// (copied here on first observation). Raising it upgrades the cluster
	// in place one minor version at a time (1.31 → 1.33 runs 1.32 then
	// 1.33); lowering it is not possible.
	// +optional
	// +kubebuilder:validation:Pattern=`^1\.[0-9]+$`
	// +kubebuilder:validation:XValidation:rule="int(self.split('.')[1]) >= int(oldSelf.split('.')[1])",message="version cannot go down: EKS cannot downgrade a cluster, create a new cluster instead"
	Version *string `json:"version,omitempty"`

	// RoleARN is the ARN of the IAM role EKS uses to manage the cluster
	// (trusting eks.amazonaws.com, with AmazonEKSClusterPolicy). Set it, or
	// resolve it from a Role with roleArnRef or roleArnSelector. Immutable.
	// +optional
	// +crossplane:generate:reference:type=github.com/kaws-dev/provider-aws/apis/iam/v1alpha1.Role
	// +crossplane:generate:reference:extractor=github.com/kaws-dev/provider-aws/apis/eks/v1alpha1.RoleARN()
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="roleArn cannot change: create a new cluster"
	RoleARN *string `json:"roleArn,omitempty"`

	// RoleARNRef references a Role in the same namespace to set roleArn.
	// +optional
	RoleARNRef *xpv2.NamespacedReference `json:"roleArnRef,omitempty"`

	// RoleARNSelector selects a Role by labels to set roleArn.
	// +optional
	RoleARNSelector *xpv2.NamespacedSelector `json:"roleArnSelector,omitempty"`

	// ResourcesVPCConfig is the network of the control plane.
	ResourcesVPCConfig VPCConfig `json:"resourcesVpcConfig"`

	// KubernetesNetworkConfig of the cluster. Omitted: AWS's defaults.
	// +optional
	KubernetesNetworkConfig *KubernetesNetworkConfig `json:"kubernetesNetworkConfig,omitempty"`

	// Logging of the control plane. Omitted: not managed (AWS's setting is
	// copied here on first observation).
	// +optional
	Logging *Logging `json:"logging,omitempty"`

	// AccessConfig of the cluster. Omitted: AWS's defaults.
	// +optional
	AccessConfig *AccessConfig `json:"accessConfig,omitempty"`

	// ComputeConfig of EKS Auto Mode. Omitted: not managed.
	// +optional
	ComputeConfig *ComputeConfig `json:"computeConfig,omitempty"`

	// StorageConfig of EKS Auto Mode. Omitted: not managed.
	// +optional
	StorageConfig *StorageConfig `json:"storageConfig,omitempty"`

	// UpgradePolicy of the cluster. Omitted: not managed.
	// +optional
	UpgradePolicy *UpgradePolicy `json:"upgradePolicy,omitempty"`

	// EncryptionConfig of Kubernetes secrets with KMS. Omitted: no
	// envelope encryption. Immutable (only keyArn may be filled in once, by
	// its reference).
	// +optional
	// +kubebuilder:validation:MaxItems=1
	// +kubebuilder:validation:XValidation:rule="size(self) == size(oldSelf) && self.all(e, oldSelf.exists(o, (!has(o.keyArn) || (has(e.keyArn) && e.keyArn == o.keyArn)) && (has(e.resources) ? e.resources : []) == (has(o.resources) ? o.resources : [])))",message="encryptionConfig cannot change: create a new cluster"
	EncryptionConfig []EncryptionConfig `json:"encryptionConfig,omitempty"`

	// BootstrapSelfManagedAddons installs the default networking add-ons
	// (VPC CNI, CoreDNS, kube-proxy) as unmanaged add-ons. Omitted: true.
	// Only read at creation; immutable.
	// +optional
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="bootstrapSelfManagedAddons cannot change after creation: create a new cluster"
	BootstrapSelfManagedAddons *bool `json:"bootstrapSelfManagedAddons,omitempty"`

	// Tags of the cluster. Omitted: not managed (AWS's tags are copied
	// here on first observation). Set: exactly these tags.
	// At most 50 tags (keys of 1 to 128 characters, values of at most 256);
	// keys starting with aws: and the key kaws.dev/managed-by are refused.
	// +optional
	Tags commonv1alpha1.Tags `json:"tags,omitempty"`
}

// ClusterObservation is what AWS reports about a cluster.
type ClusterObservation struct {
	// ARN of the cluster.
	ARN string `json:"arn,omitempty"`
	// Endpoint of the Kubernetes API server.
	Endpoint string `json:"endpoint,omitempty"`
	// Status: CREATING, ACTIVE, UPDATING, DELETING or FAILED.
	Status string `json:"status,omitempty"`
	// Version of Kubernetes the cluster runs.
	Version string `json:"version,omitempty"`
	// PlatformVersion of EKS, e.g. eks.5.
	PlatformVersion string `json:"platformVersion,omitempty"`
	// OIDCIssuer is the URL of the cluster's OpenID Connect issuer
	// (identity.oidc.issuer), for IAM roles for service accounts.
	OIDCIssuer string `json:"oidcIssuer,omitempty"`
	// ClusterSecurityGroupID is the security group EKS created for the
	// cluster.
	ClusterSecurityGroupID string `json:"clusterSecurityGroupId,omitempty"`
	// VPCID of the cluster's subnets.
	VPCID string `json:"vpcId,omitempty"`
	// CertificateAuthorityData is the base64-encoded CA certificate of
	// the API server.
	CertificateAuthorityData string `json:"certificateAuthorityData,omitempty"`

	// LastUpdate is the last update the provider sent for the cluster,
	// while AWS does not show its change yet.
	// +optional
	LastUpdate *LastUpdate `json:"lastUpdate,omitempty"`
}

// A ClusterSpec defines the desired state of a Cluster.
type ClusterSpec struct {
	xpv2.ManagedResourceSpec `json:",inline"`
	ForProvider              ClusterParameters `json:"forProvider"`
}

// A ClusterStatus represents the observed state of a Cluster.
type ClusterStatus struct {
	xpv2.ManagedResourceStatus `json:",inline"`
	AtProvider                 ClusterObservation `json:"atProvider,omitempty"`
}

// +kubebuilder:object:root=true

// A Cluster is an EKS control plane. Its external name (the
// crossplane.io/external-name annotation) is the cluster name and defaults
// to metadata.name; set it to adopt an existing cluster of another name.
// metadata.name must be at most 100 characters either way (admission rules
// cannot read the annotation). It is Ready only when the cluster is ACTIVE;
// updates run one at a time.
//
// Connection secret: with spec.writeConnectionSecretToRef set, the secret
// holds `kubeconfig` (a complete kubeconfig whose user authenticates with a
// bearer token), `endpoint`, `clusterCA` (PEM), `clusterName` and `region`.
// The token is an EKS token (k8s-aws-v1.…, a presigned STS
// GetCallerIdentity of the provider's identity) valid 15 minutes; the
// provider refreshes it every 9 minutes (flag --eks-token-refresh), so the
// secret always holds one valid at least 5 more minutes. A provider-kubernetes
// ProviderConfig consumes it with credentials.source Secret and
// secretRef.key kubeconfig; a Composition can expose the keys as the
// composite's connection details. See docs/eks.md.
// +kubebuilder:printcolumn:name="READY",type="string",JSONPath=".status.conditions[?(@.type=='Ready')].status"
// +kubebuilder:printcolumn:name="SYNCED",type="string",JSONPath=".status.conditions[?(@.type=='Synced')].status"
// +kubebuilder:printcolumn:name="EXTERNAL-NAME",type="string",JSONPath=".metadata.annotations.crossplane\\.io/external-name"
// +kubebuilder:printcolumn:name="VERSION",type="string",JSONPath=".status.atProvider.version"
// +kubebuilder:printcolumn:name="STATUS",type="string",JSONPath=".status.atProvider.status"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,managed,aws}
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) <= 100",message="metadata.name must be at most 100 characters, the limit of an EKS cluster name: it is the name in AWS by default, and the limit holds also with the crossplane.io/external-name annotation (admission rules cannot read annotations): choose a shorter metadata.name"
type Cluster struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   ClusterSpec   `json:"spec"`
	Status ClusterStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// ClusterList contains a list of Cluster.
type ClusterList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Cluster `json:"items"`
}

func init() { SchemeBuilder.Register(&Cluster{}, &ClusterList{}) }

// RoleARN extracts status.atProvider.arn of a referenced iam Role.
func RoleARN() reference.ExtractValueFn {
	return func(mg resource.Managed) string {
		u, err := runtime.DefaultUnstructuredConverter.ToUnstructured(mg)
		if err != nil {
			return ""
		}
		s, _, _ := unstructured.NestedString(u, "status", "atProvider", "arn")
		return s
	}
}
