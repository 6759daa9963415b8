package clients

import (
	"context"
	"crypto/x509"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/smithy-go/middleware"
	"github.com/pkg/errors"
)

const (
	// envCABundle names a PEM file of CA certificates the SDK trusts
	// instead of the system's.
	envCABundle = "AWS_CA_BUNDLE"
	// envProfile names the shared config profile of the process.
	envProfile = "AWS_PROFILE"

	// MaxAttempts caps the attempts (first try included) of one AWS API
	// call. Controllers requeue anyway, so retrying longer only delays them.
	MaxAttempts = 3

	// Connection pool of the shared HTTP client. Every Config and SDK client
	// shares one pool, so many concurrent reconciles against the same
	// endpoints reuse their connections.
	httpMaxIdleConns        = 500
	httpMaxIdleConnsPerHost = 100
	httpIdleConnTimeout     = 90 * time.Second
)

var (
	httpClientsMu sync.Mutex
	httpClients   = map[string]*sharedHTTPClient{} // by AWS_CA_BUNDLE
)

// sharedHTTPClient is the HTTP client shared by every Config of the process
// that sees the same AWS_CA_BUNDLE.
type sharedHTTPClient struct {
	// buildable is what config.LoadDefaultConfig gets: the SDK insists on
	// an *awshttp.BuildableClient when AWS_CA_BUNDLE is set, and would fail
	// with a plain *http.Client.
	buildable *awshttp.BuildableClient
	// frozen is what the loaded aws.Config, and so every SDK client built
	// from it, uses. SDK clients copy a BuildableClient (each copy gets its
	// own connection pool); they use a frozen client as is, so its one
	// connection pool is shared by all of them.
	frozen aws.HTTPClient
}

// HTTPClient returns the HTTP client shared by every AWS SDK client of the
// process: pooled connections (MaxIdleConnsPerHost 100) and, when
// AWS_CA_BUNDLE is set, trusting that bundle's CAs, like the SDK would.
func HTTPClient() (aws.HTTPClient, error) {
	c, err := httpClientFor(os.Getenv(envCABundle))
	if err != nil {
		return nil, err
	}
	return c.frozen, nil
}

func httpClientFor(caBundle string) (*sharedHTTPClient, error) {
	httpClientsMu.Lock()
	defer httpClientsMu.Unlock()
	if c, ok := httpClients[caBundle]; ok {
		return c, nil
	}

	b := awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		tr.MaxIdleConns = httpMaxIdleConns
		tr.MaxIdleConnsPerHost = httpMaxIdleConnsPerHost
		tr.IdleConnTimeout = httpIdleConnTimeout
	})
	frozen := b
	if caBundle != "" {
		pem, err := os.ReadFile(caBundle) //nolint:gosec // The path comes from the provider's own environment.
		if err != nil {
			return nil, errors.Wrapf(err, "cannot read %s %q", envCABundle, caBundle)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, errors.Errorf("%s %q holds no PEM certificates", envCABundle, caBundle)
		}
		frozen = b.WithTransportOptions(func(tr *http.Transport) {
			tr.TLSClientConfig = tr.TLSClientConfig.Clone()
			tr.TLSClientConfig.RootCAs = pool
		})
	}
	c := &sharedHTTPClient{buildable: b, frozen: frozen.Freeze()}
	httpClients[caBundle] = c
	return c, nil
}

// loadAWSConfig loads the base SDK configuration for region: shared HTTP
// client, capped retries and the call-metrics middleware. Its credentials
// are nil unless defaultChain is set.
//
// With defaultChain (the Environment source) the SDK's default credential
// chain of the provider process is used as is: environment, shared config
// files, web identity, container and instance metadata credentials.
// Without it, the credentials are nil for the caller to set, the EC2
// instance metadata client is disabled, so loading and using the
// configuration never calls IMDS, and the shared config files are not read
// (unless AWS_PROFILE names a profile, which the SDK insists on finding).
func loadAWSConfig(ctx context.Context, region string, defaultChain bool) (aws.Config, error) {
	hc, err := httpClientFor(os.Getenv(envCABundle))
	if err != nil {
		return aws.Config{}, err
	}
	opts := []func(*config.LoadOptions) error{
		config.WithRegion(region),
		config.WithHTTPClient(hc.buildable),
		config.WithRetryMaxAttempts(MaxAttempts),
		config.WithAPIOptions([]func(*middleware.Stack) error{AddAPICallMetrics}),
	}
	if defaultChain {
		opts = append(opts, config.WithCredentialsCacheOptions(func(o *aws.CredentialsCacheOptions) {
			o.ExpiryWindow = CredentialsExpiryWindow
		}))
	} else {
		opts = append(opts,
			config.WithEC2IMDSClientEnableState(imds.ClientDisabled),
			// Skip the SDK's default credential chain: the caller sets
			// the credentials of the ProviderConfig's source.
			config.WithCredentialsProvider(aws.AnonymousCredentials{}),
		)
		// The SDK fails to load when the profile AWS_PROFILE names does not
		// exist, so the files are only skipped when it names none.
		if os.Getenv(envProfile) == "" {
			opts = append(opts,
				config.WithSharedConfigFiles([]string{}),
				config.WithSharedCredentialsFiles([]string{}),
			)
		}
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, errors.Wrap(err, "cannot load AWS SDK configuration")
	}
	cfg.HTTPClient = hc.frozen
	if !defaultChain {
		cfg.Credentials = nil
	}
	return cfg, nil
}
