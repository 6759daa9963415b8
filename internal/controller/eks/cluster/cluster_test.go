package cluster

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/clientcmd"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	name    = "prod"
	arn     = "arn:aws:eks:us-east-1:123456789012:cluster/prod"
	roleARN = "arn:aws:iam::123456789012:role/eks"
	region  = "us-east-1"
	ep      = "https://ABC.gr7.us-east-1.eks.amazonaws.com"
)

var caPEM = []byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")

type modifier func(*v1alpha1.Cluster)

// cluster is a Cluster whose spec is fully set (nothing to late-initialize).
func cluster(m ...modifier) *v1alpha1.Cluster {
	c := &v1alpha1.Cluster{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"}}
	meta.SetExternalName(c, name)
	c.Spec.ForProvider = v1alpha1.ClusterParameters{
		Region:  aws.String(region),
		Version: aws.String("1.33"),
		RoleARN: aws.String(roleARN),
		ResourcesVPCConfig: v1alpha1.VPCConfig{
			SubnetIDs: []string{"subnet-b", "subnet-a"}, SecurityGroupIDs: []string{"sg-1"},
			EndpointPublicAccess: aws.Bool(true), EndpointPrivateAccess: aws.Bool(false), PublicAccessCIDRs: []string{"0.0.0.0/0"},
		},
		KubernetesNetworkConfig: &v1alpha1.KubernetesNetworkConfig{ServiceIPv4CIDR: aws.String("172.20.0.0/16"), IPFamily: aws.String("ipv4")},
		Logging:                 &v1alpha1.Logging{Enabled: []string{"audit", "api"}},
		AccessConfig:            &v1alpha1.AccessConfig{AuthenticationMode: aws.String("API")},
		Tags:                    map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(c)
	}
	return c
}

type awsModifier func(*types.Cluster)

func awsCluster(m ...awsModifier) *types.Cluster {
	c := &types.Cluster{
		Name: aws.String(name), Arn: aws.String(arn), Status: types.ClusterStatusActive, Version: aws.String("1.33"),
		RoleArn: aws.String(roleARN), Endpoint: aws.String(ep), PlatformVersion: aws.String("eks.1"),
		CertificateAuthority: &types.Certificate{Data: aws.String(base64.StdEncoding.EncodeToString(caPEM))},
		Identity:             &types.Identity{Oidc: &types.OIDC{Issuer: aws.String("https://oidc.eks/id/X")}},
		ResourcesVpcConfig: &types.VpcConfigResponse{
			SubnetIds: []string{"subnet-a", "subnet-b"}, SecurityGroupIds: []string{"sg-1"}, EndpointPublicAccess: true,
			PublicAccessCidrs: []string{"0.0.0.0/0"}, ClusterSecurityGroupId: aws.String("sg-cluster"), VpcId: aws.String("vpc-1"),
		},
		KubernetesNetworkConfig: &types.KubernetesNetworkConfigResponse{ServiceIpv4Cidr: aws.String("172.20.0.0/16"), IpFamily: types.IpFamilyIpv4},
		Logging: &types.Logging{ClusterLogging: []types.LogSetup{
			{Enabled: aws.Bool(true), Types: []types.LogType{types.LogTypeApi, types.LogTypeAudit}},
			{Enabled: aws.Bool(false), Types: []types.LogType{types.LogTypeAuthenticator, types.LogTypeControllerManager, types.LogTypeScheduler}},
		}},
		AccessConfig: &types.AccessConfigResponse{AuthenticationMode: types.AuthenticationModeApi},
		Tags:         map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(c)
	}
	return c
}

func describe(c *types.Cluster) map[string]any {
	return map[string]any{"DescribeCluster": &eks.DescribeClusterOutput{Cluster: c}}
}

func fakeToken(_ context.Context, cluster string) (string, error) {
	return "k8s-aws-v1.token-" + cluster, nil
}

var errBoom = errors.New("boom")

// kind is what the cases every EKS kind's tests share need to know.
var kind = eksfake.Kind[*v1alpha1.Cluster, *types.Cluster]{What: "EKS cluster", New: func() *v1alpha1.Cluster { return cluster() },
	Client: func(api *eksfake.API, o *types.Cluster) mr.External[*v1alpha1.Cluster] {
		return &external{api: api, token: fakeToken, observed: o}
	}}

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		ready xpv2.Condition
		spec  *v1alpha1.ClusterParameters
	}
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Cluster
		api    *eksfake.API
		token  TokenFunc
		want   want
	}{
		"NoExternalName": {
			reason: "Without an external name nothing is read.",
			cr:     cluster(func(c *v1alpha1.Cluster) { meta.SetExternalName(c, "") }),
			api:    &eksfake.API{},
			want:   want{},
		},
		"NotFound": {
			reason: "A missing cluster does not exist.",
			cr:     cluster(),
			api:    eksfake.New(nil, map[string]error{"DescribeCluster": awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")}),
			want:   want{calls: []string{"DescribeCluster"}},
		},
		"DescribeError": {
			reason: "Other errors are wrapped, keeping AWS's code.",
			cr:     cluster(),
			api:    eksfake.New(nil, map[string]error{"DescribeCluster": awsfake.APIError("EKS", http.StatusForbidden, "AccessDeniedException")}),
			want: want{calls: []string{"DescribeCluster"},
				err: errors.Wrap(awsfake.APIError("EKS", http.StatusForbidden, "AccessDeniedException"), "cannot describe EKS cluster")},
		},
		"UpToDate": {
			reason: "A cluster as specified is up to date and Available; subnet order does not matter.",
			cr:     cluster(),
			api:    eksfake.New(describe(awsCluster()), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: []string{"DescribeCluster"}, ready: xpv2.Available()},
		},
		"SetsReordered": {
			reason: "Subnets, security groups, public access CIDRs and log types are sets: AWS listing them in another order is no diff.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				v := &c.Spec.ForProvider.ResourcesVPCConfig
				v.SubnetIDs, v.SecurityGroupIDs, v.PublicAccessCIDRs = []string{"subnet-c", "subnet-b", "subnet-a"}, []string{"sg-2", "sg-1"}, []string{"10.0.0.0/8", "192.168.0.0/16"}
			}),
			api: eksfake.New(describe(awsCluster(func(c *types.Cluster) {
				v := c.ResourcesVpcConfig
				v.SubnetIds, v.SecurityGroupIds, v.PublicAccessCidrs = []string{"subnet-a", "subnet-b", "subnet-c"}, []string{"sg-1", "sg-2"}, []string{"192.168.0.0/16", "10.0.0.0/8"}
			})), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: []string{"DescribeCluster"}, ready: xpv2.Available()},
		},
		"SetMemberDiffers": {
			reason: "A security group AWS does not have is a diff, whatever the order.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				c.Spec.ForProvider.ResourcesVPCConfig.SecurityGroupIDs = []string{"sg-3", "sg-1"}
			}),
			api: eksfake.New(describe(awsCluster(func(c *types.Cluster) {
				c.ResourcesVpcConfig.SecurityGroupIds = []string{"sg-1", "sg-2"}
			})), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				calls: []string{"DescribeCluster"}, ready: xpv2.Available()},
		},
		"Creating": {
			reason: "A CREATING cluster is shown as Creating.",
			cr:     cluster(),
			api:    eksfake.New(describe(awsCluster(func(c *types.Cluster) { c.Status = types.ClusterStatusCreating })), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: []string{"DescribeCluster"}, ready: xpv2.Creating()},
		},
		"Updating": {
			reason: "An UPDATING cluster is Ready=False with reason Updating.",
			cr:     cluster(),
			api:    eksfake.New(describe(awsCluster(func(c *types.Cluster) { c.Status = types.ClusterStatusUpdating })), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: []string{"DescribeCluster"}, ready: eksupdate.Updating("an update of the cluster is in progress; further changes wait until it is ACTIVE")},
		},
		"UpdatingOwn": {
			reason: "An UPDATING cluster whose update the provider sent names that update.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				c.Status.AtProvider.LastUpdate = &v1alpha1.LastUpdate{ID: "u-1", Type: "logging", Request: "fp"}
			}),
			api: eksfake.New(describe(awsCluster(func(c *types.Cluster) { c.Status = types.ClusterStatusUpdating })), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: []string{"DescribeCluster"}, ready: eksupdate.Updating("the logging update u-1 of the cluster is in progress; further changes wait until it is ACTIVE")},
		},
		"Deleting": {
			reason: "A DELETING cluster is shown as Deleting and not compared.",
			cr:     cluster(func(c *v1alpha1.Cluster) { c.Spec.ForProvider.Version = aws.String("1.34") }),
			api:    eksfake.New(describe(awsCluster(func(c *types.Cluster) { c.Status = types.ClusterStatusDeleting })), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: []string{"DescribeCluster"}, ready: xpv2.Deleting()},
		},
		"Failed": {
			reason: "A FAILED cluster is Unavailable, naming the status.",
			cr:     cluster(),
			api:    eksfake.New(describe(awsCluster(func(c *types.Cluster) { c.Status = types.ClusterStatusFailed })), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				calls: []string{"DescribeCluster"}, ready: xpv2.Unavailable().WithMessage("EKS cluster status is FAILED")},
		},
		"Drift": {
			reason: "Logging switched off out of band is a diff.",
			cr:     cluster(),
			api: eksfake.New(describe(awsCluster(func(c *types.Cluster) {
				c.Logging = &types.Logging{ClusterLogging: []types.LogSetup{{Enabled: aws.Bool(false), Types: types.LogTypeApi.Values()}}}
			})), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false},
				calls: []string{"DescribeCluster"}, ready: xpv2.Available()},
		},
		"LateInitialize": {
			reason: "Unset fields are copied from AWS, and the result is up to date.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				c.Spec.ForProvider = v1alpha1.ClusterParameters{RoleARN: aws.String(roleARN), ResourcesVPCConfig: v1alpha1.VPCConfig{SubnetIDs: []string{"subnet-a", "subnet-b"}, SecurityGroupIDs: []string{"sg-1"}}}
			}),
			api: eksfake.New(describe(awsCluster()), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				calls: []string{"DescribeCluster"}, ready: xpv2.Available(),
				spec: &v1alpha1.ClusterParameters{
					Version: aws.String("1.33"), RoleARN: aws.String(roleARN),
					ResourcesVPCConfig: v1alpha1.VPCConfig{SubnetIDs: []string{"subnet-a", "subnet-b"}, SecurityGroupIDs: []string{"sg-1"},
						EndpointPublicAccess: aws.Bool(true), EndpointPrivateAccess: aws.Bool(false), PublicAccessCIDRs: []string{"0.0.0.0/0"}},
					KubernetesNetworkConfig: &v1alpha1.KubernetesNetworkConfig{ServiceIPv4CIDR: aws.String("172.20.0.0/16"), IPFamily: aws.String("ipv4")},
					Logging:                 &v1alpha1.Logging{Enabled: []string{"api", "audit"}},
					AccessConfig:            &v1alpha1.AccessConfig{AuthenticationMode: aws.String("API")},
					Tags:                    map[string]string{"team": "platform"},
				}},
		},
		"TokenError": {
			reason: "A token that cannot be made fails the observation.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				c.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "kc"})
			}),
			api:   eksfake.New(describe(awsCluster()), nil),
			token: func(context.Context, string) (string, error) { return "", errBoom },
			want:  want{calls: []string{"DescribeCluster"}, err: errBoom, ready: xpv2.Available()},
		},
		"BadCA": {
			reason: "CA data that is not base64 fails the observation.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				c.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "kc"})
			}),
			api: eksfake.New(describe(awsCluster(func(c *types.Cluster) {
				c.CertificateAuthority.Data = aws.String("%%%")
			})), nil),
			want: want{calls: []string{"DescribeCluster"}, err: errors.Wrap(base64.CorruptInputError(0), "cannot decode the certificate authority data of the EKS cluster"), ready: xpv2.Available()},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			tok := tc.token
			if tok == nil {
				tok = fakeToken
			}
			e := &external{api: tc.api, token: tok, region: region}
			got, err := e.Observe(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Observe", tc.want.err, err, tc.want.calls)
			got.Diff = ""
			if diff := cmp.Diff(tc.want.o, got); diff != "" {
				t.Errorf("%s\nObserve(): -want, +got:\n%s", tc.reason, diff)
			}
			if c := tc.cr.GetCondition(xpv2.TypeReady); tc.want.ready.Type != "" && !c.Equal(tc.want.ready) {
				t.Errorf("%s\nReady condition: want %+v, got %+v", tc.reason, tc.want.ready, c)
			}
			if tc.want.spec != nil {
				if diff := cmp.Diff(tc.want.spec, &tc.cr.Spec.ForProvider); diff != "" {
					t.Errorf("%s\nspec: -want, +got:\n%s", tc.reason, diff)
				}
			}
		})
	}
}

func TestObserveStatusAndConnection(t *testing.T) {
	cr := cluster(func(c *v1alpha1.Cluster) {
		c.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "kc"})
	})
	e := &external{api: eksfake.New(describe(awsCluster()), nil), token: fakeToken, region: region}
	o, err := e.Observe(context.Background(), cr)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus := v1alpha1.ClusterObservation{ARN: arn, Endpoint: ep, Status: "ACTIVE", Version: "1.33", PlatformVersion: "eks.1",
		OIDCIssuer: "https://oidc.eks/id/X", ClusterSecurityGroupID: "sg-cluster", VPCID: "vpc-1",
		CertificateAuthorityData: base64.StdEncoding.EncodeToString(caPEM)}
	if diff := cmp.Diff(wantStatus, cr.Status.AtProvider); diff != "" {
		t.Errorf("atProvider: -want, +got:\n%s", diff)
	}
	cd := o.ConnectionDetails
	for k, want := range map[string]string{KeyEndpoint: ep, KeyClusterCA: string(caPEM), KeyClusterName: name, KeyRegion: region} {
		if string(cd[k]) != want {
			t.Errorf("connection detail %s = %q, want %q", k, cd[k], want)
		}
	}
	kc, err := clientcmd.Load(cd[KeyKubeconfig])
	if err != nil {
		t.Fatalf("kubeconfig does not load: %v", err)
	}
	cur := kc.Contexts[kc.CurrentContext]
	if kc.Clusters[cur.Cluster].Server != ep || string(kc.Clusters[cur.Cluster].CertificateAuthorityData) != string(caPEM) || kc.AuthInfos[cur.AuthInfo].Token != "k8s-aws-v1.token-prod" {
		t.Errorf("kubeconfig is not complete: %+v", kc)
	}
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Cluster
		api    *eksfake.API
		want   error
		in     *eks.CreateClusterInput
	}{
		"Success": {
			reason: "Everything CreateCluster accepts is sent, logging as a whole.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				p := &c.Spec.ForProvider
				p.Logging = &v1alpha1.Logging{Enabled: []string{"api"}}
				p.AccessConfig.BootstrapClusterCreatorAdminPermissions = aws.Bool(false)
				p.BootstrapSelfManagedAddons = aws.Bool(false)
				p.EncryptionConfig = []v1alpha1.EncryptionConfig{{KeyARN: "arn:aws:kms:us-east-1:1:key/k"}}
				p.UpgradePolicy = &v1alpha1.UpgradePolicy{SupportType: "STANDARD"}
				p.ComputeConfig = &v1alpha1.ComputeConfig{Enabled: true, NodePools: []string{"system"}, NodeRoleARN: aws.String(roleARN)}
				p.StorageConfig = &v1alpha1.StorageConfig{BlockStorage: v1alpha1.BlockStorage{Enabled: true}}
				p.KubernetesNetworkConfig.ElasticLoadBalancing = &v1alpha1.ElasticLoadBalancing{Enabled: true}
			}),
			api: &eksfake.API{},
			in: &eks.CreateClusterInput{
				Name: aws.String(name), RoleArn: aws.String(roleARN), Version: aws.String("1.33"),
				ResourcesVpcConfig: &types.VpcConfigRequest{SubnetIds: []string{"subnet-b", "subnet-a"}, SecurityGroupIds: []string{"sg-1"},
					EndpointPublicAccess: aws.Bool(true), EndpointPrivateAccess: aws.Bool(false), PublicAccessCidrs: []string{"0.0.0.0/0"}},
				Logging: &types.Logging{ClusterLogging: []types.LogSetup{
					{Enabled: aws.Bool(true), Types: []types.LogType{types.LogTypeApi}},
					{Enabled: aws.Bool(false), Types: []types.LogType{types.LogTypeAudit, types.LogTypeAuthenticator, types.LogTypeControllerManager, types.LogTypeScheduler}},
				}},
				BootstrapSelfManagedAddons: aws.Bool(false),
				Tags:                       map[string]string{"team": "platform"},
				ComputeConfig:              &types.ComputeConfigRequest{Enabled: aws.Bool(true), NodePools: []string{"system"}, NodeRoleArn: aws.String(roleARN)},
				StorageConfig:              &types.StorageConfigRequest{BlockStorage: &types.BlockStorage{Enabled: aws.Bool(true)}},
				UpgradePolicy:              &types.UpgradePolicyRequest{SupportType: types.SupportTypeStandard},
				KubernetesNetworkConfig: &types.KubernetesNetworkConfigRequest{ServiceIpv4Cidr: aws.String("172.20.0.0/16"), IpFamily: types.IpFamilyIpv4,
					ElasticLoadBalancing: &types.ElasticLoadBalancing{Enabled: aws.Bool(true)}},
				AccessConfig:     &types.CreateAccessConfigRequest{AuthenticationMode: types.AuthenticationModeApi, BootstrapClusterCreatorAdminPermissions: aws.Bool(false)},
				EncryptionConfig: []types.EncryptionConfig{{Provider: &types.Provider{KeyArn: aws.String("arn:aws:kms:us-east-1:1:key/k")}, Resources: []string{"secrets"}}},
			},
		},
		"NoRole": {
			reason: "Without a role ARN nothing is created.",
			cr:     cluster(func(c *v1alpha1.Cluster) { c.Spec.ForProvider.RoleARN = nil }),
			api:    &eksfake.API{},
			want:   errors.New("spec.forProvider.roleArn is not set: set it, or reference a Role with roleArnRef or roleArnSelector"),
		},
		"NoKeyARN": {
			reason: "Without the KMS key's ARN (a reference not resolved) nothing is created.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				c.Spec.ForProvider.EncryptionConfig = []v1alpha1.EncryptionConfig{{KeyARNRef: &xpv2.NamespacedReference{Name: "k"}}}
			}),
			api:  &eksfake.API{},
			want: errors.New("spec.forProvider.encryptionConfig[0].keyArn is not set: set it, or reference a KMS Key with keyArnRef or keyArnSelector"),
		},
		"AlreadyExists": {
			reason: "A retried create is not an error.",
			cr:     cluster(),
			api:    eksfake.New(nil, map[string]error{"CreateCluster": awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")}),
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     cluster(),
			api:    eksfake.New(nil, map[string]error{"CreateCluster": awsfake.APIError("EKS", http.StatusBadRequest, "InvalidParameterException")}),
			want:   errors.Wrap(awsfake.APIError("EKS", http.StatusBadRequest, "InvalidParameterException"), "cannot create EKS cluster"),
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := &external{api: tc.api, token: fakeToken}
			_, err := e.Create(context.Background(), tc.cr)
			tc.api.CheckOne(t, tc.reason, "Create", tc.want, err, tc.in)
		})
	}
}

func TestUpdate(t *testing.T) {
	type want struct {
		err    error
		calls  []string
		inputs []any
		ready  *xpv2.Condition
		last   *v1alpha1.LastUpdate
	}
	cond := func(c xpv2.Condition) *xpv2.Condition { return &c }
	loggingIn := &eks.UpdateClusterConfigInput{Name: aws.String(name), Logging: logging(&v1alpha1.Logging{Enabled: []string{"api", "audit"}})}
	sentAt := metav1.NewTime(time.Now().Add(-time.Minute).Truncate(time.Second))
	withLast := func(id, fp string) modifier {
		return func(c *v1alpha1.Cluster) {
			c.Status.AtProvider.LastUpdate = &v1alpha1.LastUpdate{ID: id, Type: "logging", Request: fp, Time: sentAt}
		}
	}
	again := fmt.Sprintf("the same request is sent again after %s, or at once when the spec changes", sentAt.Add(eksupdate.RetryAfter).UTC().Format(time.RFC3339))
	cases := map[string]struct {
		reason   string
		cr       *v1alpha1.Cluster
		observed *types.Cluster
		api      *eksfake.API
		want     want
	}{
		"NotActive": {
			reason:   "A cluster that is not ACTIVE is left alone.",
			cr:       cluster(func(c *v1alpha1.Cluster) { c.Spec.ForProvider.Version = aws.String("1.34") }),
			observed: awsCluster(func(c *types.Cluster) { c.Status = types.ClusterStatusUpdating }),
			api:      &eksfake.API{},
		},
		"NothingToDo": {
			reason:   "An up-to-date cluster gets no call.",
			cr:       cluster(),
			observed: awsCluster(),
			api:      &eksfake.API{},
		},
		"Tags": {
			reason:   "Tags are added, changed and removed.",
			cr:       cluster(func(c *v1alpha1.Cluster) { c.Spec.ForProvider.Tags = map[string]string{"team": "infra", "env": "prod"} }),
			observed: awsCluster(func(c *types.Cluster) { c.Tags = map[string]string{"team": "platform", "old": "x"} }),
			api:      &eksfake.API{},
			want: want{calls: []string{"UntagResource", "TagResource"}, inputs: []any{
				&eks.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"old"}},
				&eks.TagResourceInput{ResourceArn: aws.String(arn), Tags: map[string]string{"team": "infra", "env": "prod"}},
			}},
		},
		"VersionOneStep": {
			reason:   "A version two minors ahead is reached one minor at a time: first 1.32, and version goes before any other update.",
			cr:       cluster(func(c *v1alpha1.Cluster) { c.Spec.ForProvider.Logging.Enabled = nil }),
			observed: awsCluster(func(c *types.Cluster) { c.Version = aws.String("1.31") }),
			api:      &eksfake.API{},
			want: want{calls: []string{"UpdateClusterVersion"}, inputs: []any{&eks.UpdateClusterVersionInput{Name: aws.String(name), Version: aws.String("1.32")}},
				ready: cond(eksupdate.Updating("upgrading Kubernetes from 1.31 to 1.32 (target 1.33, one minor version at a time)"))},
		},
		"VersionLastStep": {
			reason:   "The last step reaches the target.",
			cr:       cluster(),
			observed: awsCluster(func(c *types.Cluster) { c.Version = aws.String("1.32") }),
			api:      &eksfake.API{},
			want: want{calls: []string{"UpdateClusterVersion"}, inputs: []any{&eks.UpdateClusterVersionInput{Name: aws.String(name), Version: aws.String("1.33")}},
				ready: cond(eksupdate.Updating("upgrading Kubernetes from 1.32 to 1.33 (target 1.33, one minor version at a time)"))},
		},
		"VersionDown": {
			reason:   "A downgrade is refused with what to do.",
			cr:       cluster(func(c *v1alpha1.Cluster) { c.Spec.ForProvider.Version = aws.String("1.32") }),
			observed: awsCluster(),
			api:      &eksfake.API{},
			want:     want{err: errors.New("cannot move EKS cluster from version 1.33 to 1.32: only upgrades within 1.x are possible; set spec.forProvider.version to 1.33 or higher, or create a new cluster")},
		},
		"VersionInvalid": {
			reason:   "An unparsable version is an error.",
			cr:       cluster(func(c *v1alpha1.Cluster) { c.Spec.ForProvider.Version = aws.String("x") }),
			observed: awsCluster(),
			api:      &eksfake.API{},
			want:     want{err: errors.New(`invalid Kubernetes version "x"`)},
		},
		"VersionObservedInvalid": {
			reason:   "An unparsable observed version is an error.",
			cr:       cluster(),
			observed: awsCluster(func(c *types.Cluster) { c.Version = aws.String("1.x") }),
			api:      &eksfake.API{},
			want:     want{err: errors.New(`invalid Kubernetes version "1.x"`)},
		},
		"VersionError": {
			reason:   "An upgrade error is wrapped naming the step.",
			cr:       cluster(),
			observed: awsCluster(func(c *types.Cluster) { c.Version = aws.String("1.32") }),
			api:      eksfake.New(nil, map[string]error{"UpdateClusterVersion": errBoom}),
			want: want{calls: []string{"UpdateClusterVersion"}, inputs: []any{&eks.UpdateClusterVersionInput{Name: aws.String(name), Version: aws.String("1.33")}},
				err: errors.Wrap(errBoom, "cannot upgrade EKS cluster from 1.32 to 1.33")},
		},
		"LoggingFirst": {
			reason: "Logging goes before the VPC config; one UpdateClusterConfig per call.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				c.Spec.ForProvider.ResourcesVPCConfig.EndpointPrivateAccess = aws.Bool(true)
			}),
			observed: awsCluster(func(c *types.Cluster) { c.Logging = nil }),
			api:      &eksfake.API{},
			want: want{calls: []string{"UpdateClusterConfig"}, inputs: []any{&eks.UpdateClusterConfigInput{Name: aws.String(name), Logging: logging(&v1alpha1.Logging{Enabled: []string{"api", "audit"}})}},
				ready: cond(eksupdate.Updating("updating the logging of the cluster"))},
		},
		"VPCConfigWhole": {
			reason: "A VPC config change sends the whole desired VPC config.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				c.Spec.ForProvider.ResourcesVPCConfig.EndpointPrivateAccess = aws.Bool(true)
			}),
			observed: awsCluster(),
			api:      &eksfake.API{},
			want: want{calls: []string{"UpdateClusterConfig"}, inputs: []any{&eks.UpdateClusterConfigInput{Name: aws.String(name), ResourcesVpcConfig: &types.VpcConfigRequest{
				SubnetIds: []string{"subnet-b", "subnet-a"}, SecurityGroupIds: []string{"sg-1"}, EndpointPublicAccess: aws.Bool(true), EndpointPrivateAccess: aws.Bool(true), PublicAccessCidrs: []string{"0.0.0.0/0"}}}},
				ready: cond(eksupdate.Updating("updating the VPC configuration of the cluster"))},
		},
		"AccessConfig": {
			reason:   "The authentication mode is updated.",
			cr:       cluster(),
			observed: awsCluster(func(c *types.Cluster) { c.AccessConfig.AuthenticationMode = types.AuthenticationModeApiAndConfigMap }),
			api:      &eksfake.API{},
			want: want{calls: []string{"UpdateClusterConfig"}, inputs: []any{&eks.UpdateClusterConfigInput{Name: aws.String(name), AccessConfig: &types.UpdateAccessConfigRequest{AuthenticationMode: types.AuthenticationModeApi}}},
				ready: cond(eksupdate.Updating("updating the access configuration of the cluster"))},
		},
		"AutoMode": {
			reason: "Auto Mode compute, storage and load balancing are sent together.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				p := &c.Spec.ForProvider
				p.ComputeConfig = &v1alpha1.ComputeConfig{Enabled: true, NodePools: []string{"general-purpose"}, NodeRoleARN: aws.String(roleARN)}
				p.StorageConfig = &v1alpha1.StorageConfig{BlockStorage: v1alpha1.BlockStorage{Enabled: true}}
				p.KubernetesNetworkConfig.ElasticLoadBalancing = &v1alpha1.ElasticLoadBalancing{Enabled: true}
			}),
			observed: awsCluster(),
			api:      &eksfake.API{},
			want: want{calls: []string{"UpdateClusterConfig"}, inputs: []any{&eks.UpdateClusterConfigInput{Name: aws.String(name),
				ComputeConfig:           &types.ComputeConfigRequest{Enabled: aws.Bool(true), NodePools: []string{"general-purpose"}, NodeRoleArn: aws.String(roleARN)},
				StorageConfig:           &types.StorageConfigRequest{BlockStorage: &types.BlockStorage{Enabled: aws.Bool(true)}},
				KubernetesNetworkConfig: &types.KubernetesNetworkConfigRequest{ElasticLoadBalancing: &types.ElasticLoadBalancing{Enabled: aws.Bool(true)}},
			}}, ready: cond(eksupdate.Updating("updating the Auto Mode configuration of the cluster"))},
		},
		"UpgradePolicy": {
			reason: "The upgrade policy is updated last.",
			cr: cluster(func(c *v1alpha1.Cluster) {
				c.Spec.ForProvider.UpgradePolicy = &v1alpha1.UpgradePolicy{SupportType: "EXTENDED"}
			}),
			observed: awsCluster(func(c *types.Cluster) {
				c.UpgradePolicy = &types.UpgradePolicyResponse{SupportType: types.SupportTypeStandard}
			}),
			api: &eksfake.API{},
			want: want{calls: []string{"UpdateClusterConfig"}, inputs: []any{&eks.UpdateClusterConfigInput{Name: aws.String(name), UpgradePolicy: &types.UpgradePolicyRequest{SupportType: types.SupportTypeExtended}}},
				ready: cond(eksupdate.Updating("updating the upgrade policy of the cluster"))},
		},
		"Recorded": {
			reason:   "The update sent is recorded with its ID and request fingerprint.",
			cr:       cluster(),
			observed: awsCluster(func(c *types.Cluster) { c.Logging = nil }),
			api:      eksfake.New(map[string]any{"UpdateClusterConfig": &eks.UpdateClusterConfigOutput{Update: &types.Update{Id: aws.String("u-3")}}}, nil),
			want: want{calls: []string{"UpdateClusterConfig"}, inputs: []any{loggingIn},
				last: &v1alpha1.LastUpdate{ID: "u-3", Type: "logging", Request: eksupdate.Fingerprint(loggingIn)}},
		},
		"HeldBack": {
			reason:   "The same request AWS accepted without an update ID and does not show is not sent again, and the error says so.",
			cr:       cluster(withLast("", eksupdate.Fingerprint(loggingIn))),
			observed: awsCluster(func(c *types.Cluster) { c.Logging = nil }),
			api:      &eksfake.API{},
			want: want{err: errors.Errorf("EKS accepted the logging update at %s but does not show the change; %s", sentAt.UTC().Format(time.RFC3339), again),
				last: &v1alpha1.LastUpdate{Type: "logging", Request: eksupdate.Fingerprint(loggingIn)}},
		},
		"InProgress": {
			reason:   "The same update still in progress is waited for (one DescribeUpdate), naming it.",
			cr:       cluster(withLast("u-1", eksupdate.Fingerprint(loggingIn))),
			observed: awsCluster(func(c *types.Cluster) { c.Logging = nil }),
			api:      eksfake.New(map[string]any{"DescribeUpdate": &eks.DescribeUpdateOutput{Update: &types.Update{Id: aws.String("u-1"), Status: types.UpdateStatusInProgress}}}, nil),
			want: want{calls: []string{"DescribeUpdate"}, inputs: []any{&eks.DescribeUpdateInput{Name: aws.String(name), UpdateId: aws.String("u-1")}},
				ready: cond(eksupdate.Updating("the logging update u-1 is in progress; further changes wait until it is done")),
				last:  &v1alpha1.LastUpdate{ID: "u-1", Type: "logging", Request: eksupdate.Fingerprint(loggingIn)}},
		},
		"NextUpdate": {
			reason:   "A different request (the next change) is sent even though an earlier one is recorded.",
			cr:       cluster(withLast("u-1", "0123456789abcdef")),
			observed: awsCluster(func(c *types.Cluster) { c.Logging = nil }),
			api:      &eksfake.API{},
			want: want{calls: []string{"UpdateClusterConfig"}, inputs: []any{loggingIn},
				last: &v1alpha1.LastUpdate{Type: "logging", Request: eksupdate.Fingerprint(loggingIn)}},
		},
		"ConfigError": {
			reason:   "An update error is wrapped naming what was updated.",
			cr:       cluster(),
			observed: awsCluster(func(c *types.Cluster) { c.Logging = nil }),
			api:      eksfake.New(nil, map[string]error{"UpdateClusterConfig": awsfake.APIError("EKS", http.StatusBadRequest, "InvalidParameterException")}),
			want: want{calls: []string{"UpdateClusterConfig"}, inputs: []any{&eks.UpdateClusterConfigInput{Name: aws.String(name), Logging: logging(&v1alpha1.Logging{Enabled: []string{"api", "audit"}})}},
				err: errors.Wrap(awsfake.APIError("EKS", http.StatusBadRequest, "InvalidParameterException"), "cannot update the logging of the EKS cluster")},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := &external{api: tc.api, token: fakeToken, observed: tc.observed}
			_, err := e.Update(context.Background(), tc.cr)
			tc.api.CheckSent(t, tc.reason, "Update", tc.want.err, err, tc.want.calls, tc.want.inputs)
			if tc.want.ready != nil {
				if c := tc.cr.GetCondition(xpv2.TypeReady); !c.Equal(*tc.want.ready) {
					t.Errorf("%s\nReady condition: want %+v, got %+v", tc.reason, *tc.want.ready, c)
				}
			}
			if tc.want.last != nil {
				if diff := cmp.Diff(tc.want.last, tc.cr.Status.AtProvider.LastUpdate, ignoreTime); diff != "" {
					t.Errorf("%s\nstatus.atProvider.lastUpdate: -want, +got:\n%s", tc.reason, diff)
				}
			}
		})
	}
	eksfake.TestNotObserved(t, "EKS cluster", func(api *eksfake.API) error {
		_, err := (&external{api: api, token: fakeToken}).Update(context.Background(), cluster())
		return err
	})
}

func TestUpdateTags(t *testing.T) {
	kind.TestUpdateTags(t, arn,
		func(tags map[string]string) *types.Cluster {
			return awsCluster(func(o *types.Cluster) { o.Tags = tags })
		})
}

var ignoreTime = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Time" }, cmp.Ignore())

func TestObserveLastUpdate(t *testing.T) {
	last := &v1alpha1.LastUpdate{ID: "u-1", Type: "logging", Request: "0123456789abcdef", Time: metav1.Now()}
	cases := map[string]struct {
		reason   string
		observed *types.Cluster
		want     *v1alpha1.LastUpdate
	}{
		"KeptWhileDifferent": {
			reason:   "The last update is kept while AWS does not show the spec.",
			observed: awsCluster(func(c *types.Cluster) { c.Logging = nil }),
			want:     last,
		},
		"ClearedWhenUpToDate": {
			reason:   "The last update is cleared once AWS shows the spec, so a later out-of-band change is corrected with the same request.",
			observed: awsCluster(),
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			cr := cluster(func(c *v1alpha1.Cluster) { c.Status.AtProvider.LastUpdate = last.DeepCopy() })
			e := &external{api: eksfake.New(describe(tc.observed), nil), token: fakeToken, region: region}
			if _, err := e.Observe(context.Background(), cr); err != nil {
				t.Fatalf("%s\nObserve(): %v", tc.reason, err)
			}
			if diff := cmp.Diff(tc.want, cr.Status.AtProvider.LastUpdate); diff != "" {
				t.Errorf("%s\nstatus.atProvider.lastUpdate: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	inUse := awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")
	kind.TestDelete(t, "DeleteCluster", &eks.DeleteClusterInput{Name: aws.String(name)}, "cannot delete EKS cluster", map[string]eksfake.DeleteCase[*v1alpha1.Cluster]{
		"InUse": {
			Reason: "Node groups and add-ons that block the deletion are named.",
			CR:     cluster(),
			API: eksfake.New(map[string]any{
				"ListNodegroups": &eks.ListNodegroupsOutput{Nodegroups: []string{"workers"}},
				"ListAddons":     &eks.ListAddonsOutput{Addons: []string{"vpc-cni"}},
			}, map[string]error{"DeleteCluster": inUse}),
			Calls: []string{"DeleteCluster", "ListNodegroups", "ListAddons"},
			Want:  errors.Wrap(inUse, `cannot delete EKS cluster "prod": it still has add-on vpc-cni, node group workers; delete them (their Nodegroups/Addons) and the deletion is retried`),
		},
		"InUseUnknown": {
			Reason: "When the blockers cannot be listed the error still says it is retried.",
			CR:     cluster(),
			API:    eksfake.New(nil, map[string]error{"DeleteCluster": inUse, "ListNodegroups": errBoom, "ListAddons": errBoom}),
			Calls:  []string{"DeleteCluster", "ListNodegroups", "ListAddons"},
			Want:   errors.Wrap(inUse, `cannot delete EKS cluster "prod" yet; the deletion is retried`),
		},
	})
}

func TestTokenBound(t *testing.T) {
	old := tokenRefresh
	defer func() { tokenRefresh = old }()
	SetTokenRefresh(3 * time.Second)
	SetTokenRefresh(0) // ignored
	with := cluster(func(c *v1alpha1.Cluster) {
		c.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "kc"})
	})
	if got := tokenBound(with); got != 3*time.Second {
		t.Errorf("with a connection secret: got %s, want 3s", got)
	}
	if got := tokenBound(cluster()); got != 0 {
		t.Errorf("without a connection secret: got %s, want no bound", got)
	}
}

func TestKubeconfigSecretShape(t *testing.T) {
	kc := kubeconfig(name, ep, caPEM, "tok")
	raw, err := clientcmd.Write(*kc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := clientcmd.Load(raw); err != nil {
		t.Fatal(err)
	}
}
