// Package clients builds AWS SDK configuration from the provider's
// ProviderConfig and ClusterProviderConfig, and holds the helpers every
// controller shares (error classification, tags, JSON policy comparison).
package clients

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/pkg/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"

	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

// Config is the AWS configuration one managed resource is reconciled with.
type Config struct {
	// AWS is the SDK configuration: credentials (cached, refreshed before
	// expiry), region, HTTP client and the call-metrics middleware.
	AWS aws.Config
	// Region the resource is reconciled in.
	Region string
	// Endpoint overrides of the ProviderConfig, if any.
	Endpoint *v1alpha1.Endpoint

	clients sync.Map // service name -> SDK client
}

// BaseEndpoint returns the endpoint override for an SDK service ID (lower
// case, e.g. "s3"), or nil when AWS's own endpoint is to be used.
func (c *Config) BaseEndpoint(service string) *string {
	if c.Endpoint == nil {
		return nil
	}
	if u, ok := c.Endpoint.Services[service]; ok && u != "" {
		return aws.String(u)
	}
	if c.Endpoint.URL != "" {
		return aws.String(c.Endpoint.URL)
	}
	return nil
}

// ServiceClient returns the SDK client for a service, built once per Config
// by build and reused by every later reconcile with the same Config.
func ServiceClient[T any](c *Config, service string, build func(c *Config) T) T {
	if v, ok := c.clients.Load(service); ok {
		return v.(T) //nolint:forcetypeassert // Only ServiceClient stores here.
	}
	v, _ := c.clients.LoadOrStore(service, build(c))
	return v.(T) //nolint:forcetypeassert // Only ServiceClient stores here.
}

// A ConfigCache resolves the ProviderConfig a managed resource references
// and builds its Config, cached per provider config (UID and generation),
// credentials source revision and region.
type ConfigCache struct {
	kube     client.Client
	trackers usageTrackers
	store    *configStore
}

// NewConfigCache returns a ConfigCache that reads provider configs and
// credentials Secrets with the supplied client.
func NewConfigCache(kube client.Client) *ConfigCache {
	return &ConfigCache{kube: kube, trackers: newUsageTrackers(kube), store: newConfigStore()}
}

// GetConfig returns the Config for mg. region is the resource's own
// forProvider.region (nil for global services or when unset); it wins over
// the ProviderConfig's region. It is an error when neither is set.
//
// mg uses the provider config of its providerConfigRef, or the
// ClusterProviderConfig "default" when it has none; a ProviderConfig is
// looked up in mg's namespace. GetConfig records the usage of the provider
// config before it reads its credentials.
//
// Configs, with their SDK clients and cached credentials, are reused for as
// long as the provider config (UID, generation), its credentials Secret
// (resourceVersion) and the region stay the same: then GetConfig only reads
// the provider config and Secret and tracks the usage, and makes no AWS
// call. Credentials are retrieved, and refreshed before they expire, on
// first use by an SDK client.
func (c *ConfigCache) GetConfig(ctx context.Context, mg resource.ModernManaged, region *string) (*Config, error) {
	ref := ProviderConfigReference(mg)
	pc, err := getProviderConfig(ctx, c.kube, ref, mg.GetNamespace())
	if err != nil {
		return nil, err
	}
	c.setGVK(mg)
	if err := c.trackers.track(ctx, mg, ref); err != nil {
		return nil, err
	}
	r, err := resolveRegion(region, pc)
	if err != nil {
		return nil, err
	}

	var secret *secretCredentials
	key := cacheKey{
		configID: configID{kind: pc.kind, namespace: pc.namespace, name: pc.name},
		revision: revision{uid: pc.uid, generation: pc.generation},
		region:   r,
	}
	if pc.spec.Credentials.Source == v1alpha1.CredentialsSourceSecret {
		if secret, key.secretVersion, err = getCredentialsSecret(ctx, c.kube, pc); err != nil {
			return nil, err
		}
	}

	return c.store.get(ctx, key, func(ctx context.Context) (*Config, error) {
		return buildConfig(ctx, pc, r, func(cfg *Config) (aws.CredentialsProvider, error) {
			return c.store.credentials(key, func() (aws.CredentialsProvider, error) {
				return credentialsProvider(cfg, pc.spec.Credentials, secret)
			})
		})
	})
}

// setGVK sets the type metadata of mg when it lacks it, as typed objects
// read from the API server sometimes do: usage tracking records it.
func (c *ConfigCache) setGVK(mg resource.ModernManaged) {
	if !mg.GetObjectKind().GroupVersionKind().Empty() || c.kube.Scheme() == nil {
		return
	}
	if gvk, err := apiutil.GVKForObject(mg, c.kube.Scheme()); err == nil {
		mg.GetObjectKind().SetGroupVersionKind(gvk)
	}
}

// buildConfig builds the Config of pc in region, with the credentials creds
// returns for it. It makes no AWS calls.
func buildConfig(ctx context.Context, pc *providerConfig, region string, creds func(*Config) (aws.CredentialsProvider, error)) (*Config, error) {
	awsCfg, err := loadAWSConfig(ctx, region, pc.spec.Credentials.Source == v1alpha1.CredentialsSourceEnvironment)
	if err != nil {
		return nil, errors.Wrapf(err, "cannot configure AWS for %s", pc)
	}
	cfg := &Config{AWS: awsCfg, Region: region}
	if pc.spec.Endpoint != nil {
		cfg.Endpoint = pc.spec.Endpoint.DeepCopy()
	}
	p, err := creds(cfg)
	if err != nil {
		return nil, errors.Wrapf(err, "cannot configure the credentials of %s", pc)
	}
	cfg.AWS.Credentials = p
	return cfg, nil
}
