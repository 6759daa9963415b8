package mr

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
)

type configFn func(ctx context.Context, mg resource.ModernManaged, region *string) (*clients.Config, error)

func (f configFn) GetConfig(ctx context.Context, mg resource.ModernManaged, region *string) (*clients.Config, error) {
	return f(ctx, mg, region)
}

type nopClient struct {
	External[*v1alpha1.Bucket]
	cfg *clients.Config
	obs managed.ExternalObservation
}

func (c *nopClient) Observe(context.Context, *v1alpha1.Bucket) (managed.ExternalObservation, error) {
	return c.obs, nil
}

func bucketRegion(b *v1alpha1.Bucket) **string { return &b.Spec.ForProvider.Region }

func TestConnect(t *testing.T) {
	cfg := &clients.Config{Region: "eu-west-1"}
	cases := map[string]struct {
		reason     string
		configs    ConfigGetter
		region     func(*v1alpha1.Bucket) **string
		bucket     *v1alpha1.Bucket
		wantRegion *string
		wantCfg    *clients.Config
		wantErr    error
	}{
		"RegionPassed": {
			reason:     "The resource's own region is handed to the config getter, and its config to the client.",
			configs:    configFn(func(_ context.Context, _ resource.ModernManaged, r *string) (*clients.Config, error) { return cfg, nil }),
			region:     bucketRegion,
			bucket:     &v1alpha1.Bucket{Spec: v1alpha1.BucketSpec{ForProvider: v1alpha1.BucketParameters{Region: aws.String("eu-west-1")}}},
			wantRegion: aws.String("eu-west-1"),
			wantCfg:    cfg,
		},
		"GlobalService": {
			reason:  "A kind without a region (IAM) passes nil.",
			configs: configFn(func(_ context.Context, _ resource.ModernManaged, r *string) (*clients.Config, error) { return cfg, nil }),
			bucket:  &v1alpha1.Bucket{},
			wantCfg: cfg,
		},
		"ConfigError": {
			reason: "A provider config that cannot be resolved is an error with context.",
			configs: configFn(func(_ context.Context, _ resource.ModernManaged, _ *string) (*clients.Config, error) {
				return nil, errors.New(`cannot get ProviderConfig "pc" in namespace "a"`)
			}),
			bucket:  &v1alpha1.Bucket{},
			wantErr: errors.Wrap(errors.New(`cannot get ProviderConfig "pc" in namespace "a"`), "cannot get AWS configuration"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var gotRegion *string
			c := &Connector[*v1alpha1.Bucket]{
				Configs: configFn(func(ctx context.Context, mg resource.ModernManaged, r *string) (*clients.Config, error) {
					gotRegion = r
					return tc.configs.GetConfig(ctx, mg, r)
				}),
				Region: tc.region,
				NewClient: func(cfg *clients.Config, _ *v1alpha1.Bucket) External[*v1alpha1.Bucket] {
					return &nopClient{cfg: cfg}
				},
			}
			got, err := c.Connect(context.Background(), tc.bucket)
			if diff := cmp.Diff(tc.wantErr, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nConnect(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantRegion, gotRegion); diff != "" {
				t.Errorf("%s\nConnect(...): region -want, +got:\n%s", tc.reason, diff)
			}
			if tc.wantCfg != nil {
				c, ok := got.(*externalClient[*v1alpha1.Bucket])
				if !ok || c.External.(*nopClient).cfg != tc.wantCfg {
					t.Errorf("%s\nConnect(...): the client was not built from the resolved config", tc.reason)
				}
			}
		})
	}
}

func TestRegionPinned(t *testing.T) {
	cases := map[string]struct {
		reason       string
		region       func(*v1alpha1.Bucket) **string
		spec         *string
		exists       bool
		wantRegion   *string
		wantLateInit bool
	}{
		"PinnedWhenExists": {
			reason:       "An existing resource without a region gets the config's region, saved as a late-initialized spec.",
			region:       bucketRegion,
			exists:       true,
			wantRegion:   aws.String("eu-west-1"),
			wantLateInit: true,
		},
		"PinnedBeforeCreate": {
			reason:     "A resource to be created gets the config's region; the reconciler saves it with the annotations after Create.",
			region:     bucketRegion,
			wantRegion: aws.String("eu-west-1"),
		},
		"OwnRegionKept": {
			reason:     "A resource's own region is never changed.",
			region:     bucketRegion,
			spec:       aws.String("us-east-1"),
			exists:     true,
			wantRegion: aws.String("us-east-1"),
		},
		"GlobalKind": {
			reason: "A global kind has no region to pin.",
			exists: true,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c := &Connector[*v1alpha1.Bucket]{
				Configs: configFn(func(context.Context, resource.ModernManaged, *string) (*clients.Config, error) {
					return &clients.Config{Region: "eu-west-1"}, nil
				}),
				Region: tc.region,
				NewClient: func(cfg *clients.Config, _ *v1alpha1.Bucket) External[*v1alpha1.Bucket] {
					return &nopClient{cfg: cfg, obs: managed.ExternalObservation{ResourceExists: tc.exists}}
				},
			}
			b := &v1alpha1.Bucket{Spec: v1alpha1.BucketSpec{ForProvider: v1alpha1.BucketParameters{Region: tc.spec}}}
			ec, err := c.Connect(context.Background(), b)
			if err != nil {
				t.Fatal(err)
			}
			o, err := ec.Observe(context.Background(), b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.wantRegion, b.Spec.ForProvider.Region); diff != "" {
				t.Errorf("%s\nregion: -want, +got:\n%s", tc.reason, diff)
			}
			if o.ResourceLateInitialized != tc.wantLateInit {
				t.Errorf("%s\nResourceLateInitialized: want %t, got %t", tc.reason, tc.wantLateInit, o.ResourceLateInitialized)
			}
			if err := ec.Disconnect(context.Background()); err != nil {
				t.Errorf("%s\nDisconnect: %v", tc.reason, err)
			}
		})
	}
}
