package clients

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"

	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"
	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

func notFound(resource, name string) error {
	return kerrors.NewNotFound(schema.GroupResource{Group: v1alpha1.Group, Resource: resource}, name)
}

func TestGetConfig(t *testing.T) {
	errBoom := errors.New("boom")

	type args struct {
		kube   client.Client
		mg     resource.ModernManaged
		region *string
	}
	type want struct {
		region string
		akid   string
		err    error
	}
	cases := map[string]struct {
		reason string
		args   args
		want   want
	}{
		"NoRefUsesDefaultClusterProviderConfig": {
			reason: "A managed resource without providerConfigRef uses ClusterProviderConfig default.",
			args: args{
				kube: newKube(t,
					newCPC("default", secretSpec("aws", "crossplane-system")),
					secret("crossplane-system", "aws", DefaultSecretKey, testCredentialsINI)),
				mg: bucket(),
			},
			want: want{region: testRegion, akid: testAKID},
		},
		"NoDefaultClusterProviderConfig": {
			reason: "A managed resource without providerConfigRef fails when there is no ClusterProviderConfig default.",
			args:   args{kube: newKube(t), mg: bucket()},
			want:   want{err: errors.Wrapf(notFound("clusterproviderconfigs", "default"), `cannot get ClusterProviderConfig "default"`)},
		},
		"NamedClusterProviderConfig": {
			reason: "A ClusterProviderConfig reference is looked up cluster-wide, its Secret in the namespace it names.",
			args: args{
				kube: newKube(t,
					newCPC("shared", secretSpec("aws", "elsewhere")),
					secret("elsewhere", "aws", DefaultSecretKey, testCredentialsINI)),
				mg: bucket(withRef("ClusterProviderConfig", "shared")),
			},
			want: want{region: testRegion, akid: testAKID},
		},
		"NamespacedProviderConfigInMRNamespace": {
			reason: "A ProviderConfig is looked up in the managed resource's namespace and reads its Secret there when secretRef has no namespace.",
			args: args{
				kube: newKube(t,
					newPC(testNamespace, "pc", secretSpec("aws", "")),
					secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI)),
				mg: bucket(withRef("ProviderConfig", "pc")),
			},
			want: want{region: testRegion, akid: testAKID},
		},
		"NamespacedProviderConfigOwnNamespaceExplicit": {
			reason: "A ProviderConfig may name its own namespace in secretRef.",
			args: args{
				kube: newKube(t,
					newPC(testNamespace, "pc", secretSpec("aws", testNamespace)),
					secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI)),
				mg: bucket(withRef("ProviderConfig", "pc")),
			},
			want: want{region: testRegion, akid: testAKID},
		},
		"ProviderConfigOfOtherNamespace": {
			reason: "A managed resource cannot use a ProviderConfig of another namespace: it is not found in its own.",
			args: args{
				kube: newKube(t, newPC("team-b", "pc", secretSpec("aws", ""))),
				mg:   bucket(withRef("ProviderConfig", "pc")),
			},
			want: want{err: errors.Wrapf(notFound("providerconfigs", "pc"), `cannot get ProviderConfig "pc" in namespace "team-a"`)},
		},
		"UnknownKind": {
			reason: "A providerConfigRef of another kind is an error.",
			args:   args{kube: newKube(t), mg: bucket(withRef("ProviderConfigUsage", "pc"))},
			want:   want{err: errors.Errorf(`unsupported provider config kind "ProviderConfigUsage" of providerConfigRef "pc": must be ProviderConfig or ClusterProviderConfig`)},
		},
		"TrackUsageError": {
			reason: "An error tracking the usage is returned, and no credentials are read.",
			args: args{
				kube: newKubeWithInterceptor(t, interceptor.Funcs{
					Create: func(context.Context, client.WithWatch, client.Object, ...client.CreateOption) error { return errBoom },
					Get: func(ctx context.Context, c client.WithWatch, key client.ObjectKey, obj client.Object, opts ...client.GetOption) error {
						if strings.Contains(key.Name, "aws") {
							return errors.New("secret must not be read")
						}
						return c.Get(ctx, key, obj, opts...)
					},
				}, newCPC("default", secretSpec("aws", "crossplane-system"))),
				mg: bucket(),
			},
			want: want{err: errors.Wrap(errors.Wrap(errors.Wrap(errBoom, "cannot create object"), "cannot apply ProviderConfigUsage"), "cannot track ProviderConfig usage")},
		},
		"CrossNamespaceSecretRefused": {
			reason: "A ProviderConfig cannot read a Secret of another namespace.",
			args: args{
				kube: newKube(t,
					newPC(testNamespace, "pc", secretSpec("aws", "crossplane-system")),
					secret("crossplane-system", "aws", DefaultSecretKey, testCredentialsINI)),
				mg: bucket(withRef("ProviderConfig", "pc")),
			},
			want: want{err: errors.Errorf(`ProviderConfig "pc" in namespace "team-a" cannot read Secret "aws" in namespace "crossplane-system": a ProviderConfig can only read Secrets in its own namespace`)},
		},
		"ClusterProviderConfigSecretNamespaceRequired": {
			reason: "A ClusterProviderConfig must name the namespace of its Secret.",
			args: args{
				kube: newKube(t,
					newCPC("default", secretSpec("aws", "")),
					secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI)),
				mg: bucket(),
			},
			want: want{err: errors.Errorf(`ClusterProviderConfig "default": credentials.secretRef.namespace is required for a ClusterProviderConfig`)},
		},
		"SecretRefRequired": {
			reason: "The Secret source needs a secretRef.",
			args: args{
				kube: newKube(t, newCPC("default", v1alpha1.ProviderConfigSpec{Region: testRegion, Credentials: v1alpha1.ProviderCredentials{Source: v1alpha1.CredentialsSourceSecret}})),
				mg:   bucket(),
			},
			want: want{err: errors.Errorf(`ClusterProviderConfig "default": credentials.secretRef is required when credentials.source is Secret`)},
		},
		"MissingSecret": {
			reason: "A missing Secret is an error naming it, keeping the NotFound.",
			args: args{
				kube: newKube(t, newCPC("default", secretSpec("aws", "crossplane-system"))),
				mg:   bucket(),
			},
			want: want{err: errors.Wrapf(kerrors.NewNotFound(schema.GroupResource{Resource: "secrets"}, "aws"), `cannot get credentials Secret "aws" in namespace "crossplane-system" of ClusterProviderConfig "default"`)},
		},
		"MissingKey": {
			reason: "A Secret without the key is an error naming Secret and key.",
			args: args{
				kube: newKube(t,
					newCPC("default", secretSpec("aws", "crossplane-system")),
					secret("crossplane-system", "aws", "other", testCredentialsINI)),
				mg: bucket(),
			},
			want: want{err: errors.Errorf(`credentials Secret "aws" in namespace "crossplane-system" of ClusterProviderConfig "default" has no key "credentials"`)},
		},
		"CustomKeyAndProfile": {
			reason: "The key and profile of the ProviderConfig are used.",
			args: args{
				kube: newKube(t,
					newCPC("default", func() v1alpha1.ProviderConfigSpec {
						s := secretSpec("aws", "crossplane-system")
						s.Credentials.SecretRef.Key = "ini"
						s.Credentials.Profile = "dev"
						return s
					}()),
					secret("crossplane-system", "aws", "ini", []byte("[default]\naws_access_key_id=A\naws_secret_access_key=B\n[profile dev]\naws_access_key_id=AKIDDEV\naws_secret_access_key=S\n"))),
				mg: bucket(),
			},
			want: want{region: testRegion, akid: "AKIDDEV"},
		},
		"MissingProfile": {
			reason: "A Secret without the profile is an error naming Secret, key and profile, and no secret value.",
			args: args{
				kube: newKube(t,
					newCPC("default", func() v1alpha1.ProviderConfigSpec {
						s := secretSpec("aws", "crossplane-system")
						s.Credentials.Profile = "dev"
						return s
					}()),
					secret("crossplane-system", "aws", DefaultSecretKey, testCredentialsINI)),
				mg: bucket(),
			},
			want: want{err: errors.Wrap(errors.Wrap(errors.New(`profile "dev" not found`), `cannot read AWS credentials from key "credentials" of Secret "aws" in namespace "crossplane-system"`), `cannot configure the credentials of ClusterProviderConfig "default"`)},
		},
		"RegionOfManagedResourceWins": {
			reason: "The managed resource's region wins over the ProviderConfig's.",
			args: args{
				kube: newKube(t,
					newCPC("default", secretSpec("aws", "crossplane-system")),
					secret("crossplane-system", "aws", DefaultSecretKey, testCredentialsINI)),
				mg:     bucket(),
				region: aws.String("ap-south-1"),
			},
			want: want{region: "ap-south-1", akid: testAKID},
		},
		"EmptyRegionOfManagedResource": {
			reason: "An empty region of the managed resource falls back to the ProviderConfig's.",
			args: args{
				kube: newKube(t,
					newCPC("default", secretSpec("aws", "crossplane-system")),
					secret("crossplane-system", "aws", DefaultSecretKey, testCredentialsINI)),
				mg:     bucket(),
				region: aws.String(""),
			},
			want: want{region: testRegion, akid: testAKID},
		},
		"NoRegion": {
			reason: "Without a region on the managed resource or the ProviderConfig GetConfig fails.",
			args: args{
				kube: newKube(t,
					newPC(testNamespace, "pc", func() v1alpha1.ProviderConfigSpec {
						s := secretSpec("aws", "")
						s.Region = ""
						return s
					}()),
					secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI)),
				mg: bucket(withRef("ProviderConfig", "pc")),
			},
			want: want{err: errors.Errorf(`no region: set spec.forProvider.region or the region of ProviderConfig "pc"`)},
		},
		"UnsupportedSource": {
			reason: "An unknown credentials source is an error.",
			args: args{
				kube: newKube(t, newCPC("default", v1alpha1.ProviderConfigSpec{Region: testRegion, Credentials: v1alpha1.ProviderCredentials{Source: "Magic"}})),
				mg:   bucket(),
			},
			want: want{err: errors.Wrap(errors.New(`unsupported credentials source "Magic": must be one of Secret, IRSA, WebIdentity, PodIdentity or Environment`), `cannot configure the credentials of ClusterProviderConfig "default"`)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			cfg, err := NewConfigCache(tc.args.kube).GetConfig(ctx, tc.args.mg, tc.args.region)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Fatalf("\n%s\nGetConfig(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if err != nil {
				if strings.Contains(err.Error(), testSecretKey) || strings.Contains(err.Error(), testAKID) {
					t.Errorf("\n%s\nGetConfig(...): error %q contains a secret value", tc.reason, err)
				}
				return
			}
			if diff := cmp.Diff(tc.want.region, cfg.Region); diff != "" {
				t.Errorf("\n%s\nGetConfig(...).Region: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.region, cfg.AWS.Region); diff != "" {
				t.Errorf("\n%s\nGetConfig(...).AWS.Region: -want, +got:\n%s", tc.reason, diff)
			}
			checkAKID(ctx, t, tc.reason, cfg, tc.want.akid)
		})
	}
}

func TestGetConfigNotFoundKept(t *testing.T) {
	_, err := NewConfigCache(newKube(t)).GetConfig(context.Background(), bucket(withRef("ProviderConfig", "x")), nil)
	if !kerrors.IsNotFound(errors.Cause(err)) {
		t.Errorf("GetConfig(...): want an error caused by NotFound, got %v", err)
	}
}

func TestGetConfigTracksUsage(t *testing.T) {
	type want struct {
		usage client.Object
		ref   xpv2.ProviderConfigReference
	}
	cases := map[string]struct {
		reason string
		mg     resource.ModernManaged
		want   want
	}{
		"DefaultClusterProviderConfig": {
			reason: "Using the default ClusterProviderConfig records a ClusterProviderConfigUsage of it.",
			mg:     bucket(),
			want: want{
				usage: &v1alpha1.ClusterProviderConfigUsage{},
				ref:   xpv2.ProviderConfigReference{Kind: "ClusterProviderConfig", Name: "default"},
			},
		},
		"ProviderConfig": {
			reason: "Using a ProviderConfig records a ProviderConfigUsage of it.",
			mg:     bucket(withRef("ProviderConfig", "pc")),
			want: want{
				usage: &v1alpha1.ProviderConfigUsage{},
				ref:   xpv2.ProviderConfigReference{Kind: "ProviderConfig", Name: "pc"},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			kube := newKube(t,
				newCPC("default", secretSpec("aws", testNamespace)),
				newPC(testNamespace, "pc", secretSpec("aws", "")),
				secret(testNamespace, "aws", DefaultSecretKey, testCredentialsINI))
			if _, err := NewConfigCache(kube).GetConfig(context.Background(), tc.mg, nil); err != nil {
				t.Fatalf("\n%s\nGetConfig(...): %v", tc.reason, err)
			}
			u := tc.want.usage
			if err := kube.Get(context.Background(), types.NamespacedName{Namespace: testNamespace, Name: "bucket-uid"}, u); err != nil {
				t.Fatalf("\n%s\nGet(usage): %v", tc.reason, err)
			}
			got := u.(resource.TypedProviderConfigUsage).GetProviderConfigReference()
			if diff := cmp.Diff(tc.want.ref, got); diff != "" {
				t.Errorf("\n%s\nusage providerConfigRef: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff("b", u.(resource.TypedProviderConfigUsage).GetResourceReference().Name); diff != "" {
				t.Errorf("\n%s\nusage resourceRef.name: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
