package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"
)

// CredentialsSource says where the provider takes AWS credentials from.
// +kubebuilder:validation:Enum=Secret;IRSA;WebIdentity;PodIdentity;Environment
type CredentialsSource string

// Credential sources.
const (
	// CredentialsSourceSecret reads an AWS shared-credentials file (INI) from a
	// key of a Kubernetes Secret.
	CredentialsSourceSecret CredentialsSource = "Secret"
	// CredentialsSourceIRSA uses IAM Roles for Service Accounts: the web
	// identity token file and role ARN that EKS injects into the provider pod
	// (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN), unless webIdentity overrides them.
	CredentialsSourceIRSA CredentialsSource = "IRSA"
	// CredentialsSourceWebIdentity exchanges a token file for a role with
	// sts:AssumeRoleWithWebIdentity; webIdentity is required.
	CredentialsSourceWebIdentity CredentialsSource = "WebIdentity"
	// CredentialsSourcePodIdentity uses the EKS Pod Identity agent (the
	// container credentials endpoint, AWS_CONTAINER_CREDENTIALS_FULL_URI).
	CredentialsSourcePodIdentity CredentialsSource = "PodIdentity"
	// CredentialsSourceEnvironment uses the AWS SDK's default credential
	// chain of the provider process (environment variables, shared config,
	// instance metadata).
	CredentialsSourceEnvironment CredentialsSource = "Environment"
)

// SecretKeySelector selects a key of a Secret.
type SecretKeySelector struct {
	// Name of the Secret.
	// +kubebuilder:validation:MinLength=1
	Name string `json:"name"`

	// Namespace of the Secret. A namespaced ProviderConfig may only read
	// Secrets in its own namespace: leave this empty (or set it to the
	// ProviderConfig's namespace). Required for a ClusterProviderConfig.
	// +optional
	Namespace string `json:"namespace,omitempty"`

	// Key of the Secret that holds an AWS shared-credentials file (INI).
	// +kubebuilder:default=credentials
	// +optional
	Key string `json:"key,omitempty"`
}

// WebIdentity configures sts:AssumeRoleWithWebIdentity.
type WebIdentity struct {
	// RoleARN to assume. For IRSA it defaults to the AWS_ROLE_ARN environment
	// variable of the provider pod.
	// +optional
	// +kubebuilder:validation:Pattern=`^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$`
	RoleARN string `json:"roleARN,omitempty"`

	// TokenFile is the path of the OIDC token inside the provider pod. For
	// IRSA it defaults to the AWS_WEB_IDENTITY_TOKEN_FILE environment variable.
	// +optional
	TokenFile string `json:"tokenFile,omitempty"`

	// RoleSessionName names the STS session (shown in CloudTrail). Defaults
	// to "provider-aws".
	// +optional
	RoleSessionName string `json:"roleSessionName,omitempty"`
}

// PodIdentity configures the EKS Pod Identity (container credentials) source.
type PodIdentity struct {
	// Endpoint of the container credentials provider. Defaults to the
	// AWS_CONTAINER_CREDENTIALS_FULL_URI environment variable.
	// +optional
	Endpoint string `json:"endpoint,omitempty"`

	// TokenFile holds the authorization token for the endpoint. Defaults to
	// the AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE environment variable.
	// +optional
	TokenFile string `json:"tokenFile,omitempty"`
}

// Tag is an STS session tag.
type Tag struct {
	// Key of the tag.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	Key string `json:"key"`
	// Value of the tag.
	// +kubebuilder:validation:MaxLength=256
	Value string `json:"value"`
}

// AssumeRole is one step of an assume-role chain.
type AssumeRole struct {
	// RoleARN to assume with sts:AssumeRole.
	// +kubebuilder:validation:Pattern=`^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$`
	RoleARN string `json:"roleARN"`

	// ExternalID the role's trust policy requires, if any.
	// +optional
	ExternalID *string `json:"externalID,omitempty"`

	// RoleSessionName names the STS session. Defaults to "provider-aws".
	// +optional
	RoleSessionName string `json:"roleSessionName,omitempty"`

	// Tags are session tags passed to the assumed role.
	// +optional
	// +listType=map
	// +listMapKey=key
	Tags []Tag `json:"tags,omitempty"`

	// TransitiveTagKeys are the session tag keys that persist to the next
	// role of the chain.
	// +optional
	// +listType=set
	TransitiveTagKeys []string `json:"transitiveTagKeys,omitempty"`
}

// ProviderCredentials says how the provider authenticates to AWS.
// +kubebuilder:validation:XValidation:rule="self.source != 'Secret' || has(self.secretRef)",message="credentials.secretRef is required when credentials.source is Secret"
// +kubebuilder:validation:XValidation:rule="self.source != 'WebIdentity' || (has(self.webIdentity) && has(self.webIdentity.roleARN) && has(self.webIdentity.tokenFile))",message="credentials.webIdentity.roleARN and tokenFile are required when credentials.source is WebIdentity"
type ProviderCredentials struct {
	// Source of the credentials.
	Source CredentialsSource `json:"source"`

	// SecretRef points at a Secret key holding an AWS shared-credentials file
	// (INI, as written by `aws configure`). Used when source is Secret.
	// +optional
	SecretRef *SecretKeySelector `json:"secretRef,omitempty"`

	// Profile of the shared-credentials file to use. Defaults to "default".
	// +optional
	Profile string `json:"profile,omitempty"`

	// WebIdentity configures the IRSA and WebIdentity sources.
	// +optional
	WebIdentity *WebIdentity `json:"webIdentity,omitempty"`

	// PodIdentity configures the PodIdentity source.
	// +optional
	PodIdentity *PodIdentity `json:"podIdentity,omitempty"`

	// AssumeRoleChain is a list of roles assumed in order, starting from the
	// credentials above; the provider acts as the last role.
	// +optional
	AssumeRoleChain []AssumeRole `json:"assumeRoleChain,omitempty"`
}

// Endpoint overrides the AWS endpoints the provider calls, for emulators
// (e.g. moto, LocalStack) and private (VPC) endpoints.
type Endpoint struct {
	// URL used for every AWS service, e.g. http://127.0.0.1:5000.
	// +optional
	// +kubebuilder:validation:Pattern=`^https?://.+`
	URL string `json:"url,omitempty"`

	// Services overrides the URL per service, keyed by the SDK's service ID
	// in lower case (s3, ec2, iam, eks, sts, ...). A service listed here
	// wins over url.
	// +optional
	Services map[string]string `json:"services,omitempty"`

	// S3UsePathStyle addresses buckets as https://host/bucket instead of
	// https://bucket.host. Emulators usually need it.
	// +optional
	S3UsePathStyle bool `json:"s3UsePathStyle,omitempty"`
}

// ProviderConfigSpec configures how the provider connects to AWS.
type ProviderConfigSpec struct {
	// Credentials the provider uses to call AWS.
	Credentials ProviderCredentials `json:"credentials"`

	// Region used by managed resources that do not set forProvider.region.
	// A managed resource's own region always wins; when neither is set, the
	// resource reports an error saying so.
	// +optional
	// +kubebuilder:validation:MaxLength=32
	// +kubebuilder:validation:XValidation:rule="self.matches('^[a-z]{2,4}(-[a-z]+){1,2}-[0-9]+$')",message="region must be an AWS region code such as us-east-1, eu-central-2 or us-gov-west-1 (not an availability zone such as us-east-1a)"
	Region string `json:"region,omitempty"`

	// Endpoint overrides AWS's public endpoints.
	// +optional
	Endpoint *Endpoint `json:"endpoint,omitempty"`
}

// ProviderConfigStatus is the status of a ProviderConfig.
type ProviderConfigStatus struct {
	xpv2.ProviderConfigStatus `json:",inline"`
}

// +kubebuilder:object:root=true

// A ProviderConfig configures how managed resources in its namespace connect
// to AWS. It may only read Secrets in its own namespace.
// +kubebuilder:printcolumn:name="SOURCE",type="string",JSONPath=".spec.credentials.source"
// +kubebuilder:printcolumn:name="REGION",type="string",JSONPath=".spec.region"
// +kubebuilder:printcolumn:name="USERS",type="integer",JSONPath=".status.users"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,categories={crossplane,provider,aws},shortName=awspc
type ProviderConfig struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   ProviderConfigSpec   `json:"spec"`
	Status ProviderConfigStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// ProviderConfigList contains a list of ProviderConfig.
type ProviderConfigList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ProviderConfig `json:"items"`
}

// +kubebuilder:object:root=true

// A ClusterProviderConfig configures how managed resources in any namespace
// connect to AWS. Managed resources use ClusterProviderConfig/default when
// they name no provider config.
// +kubebuilder:printcolumn:name="SOURCE",type="string",JSONPath=".spec.credentials.source"
// +kubebuilder:printcolumn:name="REGION",type="string",JSONPath=".spec.region"
// +kubebuilder:printcolumn:name="USERS",type="integer",JSONPath=".status.users"
// +kubebuilder:printcolumn:name="AGE",type="date",JSONPath=".metadata.creationTimestamp"
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,categories={crossplane,provider,aws},shortName=awscpc
// +kubebuilder:validation:XValidation:rule="!has(self.spec.credentials.secretRef) || (has(self.spec.credentials.secretRef.namespace) && size(self.spec.credentials.secretRef.namespace) > 0)",message="spec.credentials.secretRef.namespace is required for a ClusterProviderConfig"
type ClusterProviderConfig struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   ProviderConfigSpec   `json:"spec"`
	Status ProviderConfigStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// ClusterProviderConfigList contains a list of ClusterProviderConfig.
type ClusterProviderConfigList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ClusterProviderConfig `json:"items"`
}
