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
	managed.TypedExternalClient[*v1alpha1.Bucket]
	cfg *clients.Config
}

func TestConnect(t *testing.T) {
	cfg := &clients.Config{Region: "eu-west-1"}
	cases := map[string]struct {
		reason     string
		configs    ConfigGetter
		region     func(*v1alpha1.Bucket) *string
		bucket     *v1alpha1.Bucket
		wantRegion *string
		wantCfg    *clients.Config
		wantErr    error
	}{
		"RegionPassed": {
			reason:     "The resource's own region is handed to the config getter, and its config to the client.",
			configs:    configFn(func(_ context.Context, _ resource.ModernManaged, r *string) (*clients.Config, error) { return cfg, nil }),
			region:     func(b *v1alpha1.Bucket) *string { return b.Spec.ForProvider.Region },
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
				NewClient: func(cfg *clients.Config, _ *v1alpha1.Bucket) managed.TypedExternalClient[*v1alpha1.Bucket] {
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
				nc, ok := got.(*nopClient)
				if !ok || nc.cfg != tc.wantCfg {
					t.Errorf("%s\nConnect(...): the client was not built from the resolved config", tc.reason)
				}
			}
		})
	}
}
