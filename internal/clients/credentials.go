package clients

import (
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/endpointcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/pkg/errors"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

const (
	// CredentialsExpiryWindow is how long before they expire credentials
	// are refreshed.
	CredentialsExpiryWindow = 5 * time.Minute

	// DefaultRoleSessionName names STS sessions whose role names none.
	DefaultRoleSessionName = "provider-aws"

	// DefaultSecretKey is the key of a credentials Secret read when the
	// ProviderConfig names none.
	DefaultSecretKey = "credentials"

	// AssumeRoleDuration is the lifetime of the credentials of each role of
	// an assume-role chain. One hour is the most STS allows for a chained
	// role.
	AssumeRoleDuration = time.Hour
)

// Environment variables the IRSA and PodIdentity sources default to, as set
// by EKS in the provider pod.
const (
	EnvRoleARN                 = "AWS_ROLE_ARN"
	EnvWebIdentityTokenFile    = "AWS_WEB_IDENTITY_TOKEN_FILE"
	EnvContainerCredentialsURI = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
	EnvContainerAuthTokenFile  = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
)

// Link-local addresses of the ECS and EKS (Pod Identity) credentials agents.
var (
	ecsAgentIPv4 = net.IPv4(169, 254, 170, 2)
	eksAgentIPv4 = net.IPv4(169, 254, 170, 23)
	eksAgentIPv6 = net.ParseIP("fd00:ec2::23")
)

// newCredentialsCache caches p's credentials and refreshes them
// CredentialsExpiryWindow before they expire. Safe for concurrent use.
func newCredentialsCache(p aws.CredentialsProvider) aws.CredentialsProvider {
	if c, ok := p.(*aws.CredentialsCache); ok {
		return c
	}
	return aws.NewCredentialsCache(p, func(o *aws.CredentialsCacheOptions) {
		o.ExpiryWindow = CredentialsExpiryWindow
	})
}

// stsClient returns an STS client of c that signs with creds (nil: none)
// and honours c's endpoint override for "sts".
func (c *Config) stsClient(creds aws.CredentialsProvider) *sts.Client {
	return sts.NewFromConfig(c.AWS, func(o *sts.Options) {
		o.Credentials = creds
		if ep := c.BaseEndpoint("sts"); ep != nil {
			o.BaseEndpoint = ep
		}
	})
}

// secretCredentials is a parsed credentials Secret.
type secretCredentials struct {
	// desc names the Secret, key and profile, for errors.
	desc string
	data []byte
}

// credentialsProvider returns the cached credentials provider of spec: its
// source, then its assume-role chain. c.AWS must be the base configuration
// loaded for the source (see loadAWSConfig). It makes no AWS calls.
func credentialsProvider(c *Config, spec v1alpha1.ProviderCredentials, secret *secretCredentials) (aws.CredentialsProvider, error) {
	p, err := sourceProvider(c, spec, secret)
	if err != nil {
		return nil, err
	}
	return assumeRoleChain(c, newCredentialsCache(p), spec.AssumeRoleChain), nil
}

func sourceProvider(c *Config, spec v1alpha1.ProviderCredentials, secret *secretCredentials) (aws.CredentialsProvider, error) {
	switch spec.Source {
	case v1alpha1.CredentialsSourceSecret:
		if secret == nil {
			return nil, errors.New("credentials.secretRef is required when credentials.source is Secret")
		}
		sc, err := ParseCredentialsINI(secret.data, spec.Profile)
		if err != nil {
			return nil, errors.Wrapf(err, "cannot read AWS credentials from %s", secret.desc)
		}
		p := credentials.NewStaticCredentialsProvider(sc.AccessKeyID, sc.SecretAccessKey, sc.SessionToken)
		p.Value.Source = "ProviderConfigSecret"
		return p, nil

	case v1alpha1.CredentialsSourceIRSA:
		wi := v1alpha1.WebIdentity{}
		if spec.WebIdentity != nil {
			wi = *spec.WebIdentity
		}
		if wi.RoleARN == "" {
			wi.RoleARN = os.Getenv(EnvRoleARN)
		}
		if wi.TokenFile == "" {
			wi.TokenFile = os.Getenv(EnvWebIdentityTokenFile)
		}
		if wi.RoleARN == "" || wi.TokenFile == "" {
			return nil, errors.Errorf("IRSA needs a role ARN and a token file: set credentials.webIdentity.roleARN and tokenFile, or run the provider with %s and %s (an EKS service account annotated with eks.amazonaws.com/role-arn)", EnvRoleARN, EnvWebIdentityTokenFile)
		}
		return webIdentityProvider(c, wi), nil

	case v1alpha1.CredentialsSourceWebIdentity:
		if spec.WebIdentity == nil || spec.WebIdentity.RoleARN == "" || spec.WebIdentity.TokenFile == "" {
			return nil, errors.New("credentials.webIdentity.roleARN and tokenFile are required when credentials.source is WebIdentity")
		}
		return webIdentityProvider(c, *spec.WebIdentity), nil

	case v1alpha1.CredentialsSourcePodIdentity:
		return podIdentityProvider(c, spec.PodIdentity)

	case v1alpha1.CredentialsSourceEnvironment:
		if c.AWS.Credentials == nil {
			return nil, errors.New("the AWS SDK found no credentials in the provider's environment")
		}
		return c.AWS.Credentials, nil
	}
	return nil, errors.Errorf("unsupported credentials source %q: must be one of Secret, IRSA, WebIdentity, PodIdentity or Environment", spec.Source)
}

// webIdentityProvider exchanges the token of wi.TokenFile, read at every
// refresh, for credentials of wi.RoleARN.
func webIdentityProvider(c *Config, wi v1alpha1.WebIdentity) aws.CredentialsProvider {
	session := wi.RoleSessionName
	if session == "" {
		session = DefaultRoleSessionName
	}
	// AssumeRoleWithWebIdentity is not signed: the token authenticates.
	return stscreds.NewWebIdentityRoleProvider(c.stsClient(nil), wi.RoleARN, stscreds.IdentityTokenFile(wi.TokenFile),
		func(o *stscreds.WebIdentityRoleOptions) {
			o.RoleSessionName = session
		})
}

// podIdentityProvider reads credentials from the EKS Pod Identity agent (or
// any container credentials endpoint), sending the token of the token file,
// read at every refresh.
func podIdentityProvider(c *Config, pi *v1alpha1.PodIdentity) (aws.CredentialsProvider, error) {
	endpoint, tokenFile := "", ""
	if pi != nil {
		endpoint, tokenFile = pi.Endpoint, pi.TokenFile
	}
	if endpoint == "" {
		endpoint = os.Getenv(EnvContainerCredentialsURI)
	}
	if tokenFile == "" {
		tokenFile = os.Getenv(EnvContainerAuthTokenFile)
	}
	if endpoint == "" {
		return nil, errors.Errorf("PodIdentity needs an endpoint: set credentials.podIdentity.endpoint or run the provider with %s (an EKS Pod Identity association)", EnvContainerCredentialsURI)
	}
	if err := validateContainerEndpoint(endpoint); err != nil {
		return nil, err
	}

	return endpointcreds.New(endpoint, func(o *endpointcreds.Options) {
		o.HTTPClient = c.AWS.HTTPClient
		o.APIOptions = c.AWS.APIOptions
		if c.AWS.Retryer != nil {
			o.Retryer = c.AWS.Retryer()
		}
		if tokenFile != "" {
			o.AuthorizationTokenProvider = endpointcreds.TokenProviderFunc(func() (string, error) {
				b, err := os.ReadFile(tokenFile) //nolint:gosec // Reading the configured token file is the point.
				if err != nil {
					return "", errors.Wrapf(err, "cannot read pod identity token file %q", tokenFile)
				}
				return strings.TrimSpace(string(b)), nil
			})
		}
	}), nil
}

// validateContainerEndpoint applies the SDK's rule for container credentials
// endpoints: the authorization token may only travel in clear text to
// loopback or the ECS/EKS agents' link-local addresses.
func validateContainerEndpoint(endpoint string) error {
	u, err := url.Parse(endpoint)
	if err != nil {
		return errors.Wrapf(err, "invalid pod identity endpoint %q", endpoint)
	}
	host := u.Hostname()
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.Errorf("invalid pod identity endpoint %q: scheme must be http or https", endpoint)
	case host == "":
		return errors.Errorf("invalid pod identity endpoint %q: no host", endpoint)
	case u.Scheme == "https":
		return nil
	}
	ips := []net.IP{net.ParseIP(host)}
	if ips[0] == nil {
		addrs, err := net.LookupHost(host) //nolint:gosec // G704: resolving the host is how it is checked; nothing is sent to it here.
		if err != nil {
			return errors.Wrapf(err, "cannot resolve the host of pod identity endpoint %q", endpoint)
		}
		ips = ips[:0]
		for _, a := range addrs {
			ips = append(ips, net.ParseIP(a))
		}
	}
	for _, ip := range ips {
		if ip == nil || (!ip.IsLoopback() && !ip.Equal(ecsAgentIPv4) && !ip.Equal(eksAgentIPv4) && !ip.Equal(eksAgentIPv6)) {
			return errors.Errorf("invalid pod identity endpoint %q: an http endpoint must be a loopback address or the ECS/EKS agent (169.254.170.2, 169.254.170.23, fd00:ec2::23)", endpoint)
		}
	}
	return nil
}

// assumeRoleChain assumes the roles of chain in order, each with the
// credentials of the one before (the first with base), and returns the
// cached credentials of the last (base when chain is empty).
func assumeRoleChain(c *Config, base aws.CredentialsProvider, chain []v1alpha1.AssumeRole) aws.CredentialsProvider {
	creds := base
	for _, step := range chain {
		session := step.RoleSessionName
		if session == "" {
			session = DefaultRoleSessionName
		}
		var tags []ststypes.Tag
		for _, t := range step.Tags {
			tags = append(tags, ststypes.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
		}
		var externalID *string
		if step.ExternalID != nil {
			externalID = aws.String(*step.ExternalID)
		}
		transitive := append([]string(nil), step.TransitiveTagKeys...)
		p := stscreds.NewAssumeRoleProvider(c.stsClient(creds), step.RoleARN, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = session
			o.ExternalID = externalID
			o.Tags = tags
			o.TransitiveTagKeys = transitive
			o.Duration = AssumeRoleDuration
		})
		creds = newCredentialsCache(p)
	}
	return creds
}
