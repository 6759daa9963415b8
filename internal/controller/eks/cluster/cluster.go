// Package cluster is the controller of the EKS Cluster managed resource.
package cluster

import (
	"context"
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Connection secret keys.
const (
	KeyKubeconfig  = "kubeconfig"
	KeyEndpoint    = "endpoint"
	KeyClusterCA   = "clusterCA"
	KeyClusterName = "clusterName"
	KeyRegion      = "region"
)

// Setup adds the Cluster controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return mr.Setup(mgr, o, mr.Kind[*v1alpha1.Cluster]{
		Object: &v1alpha1.Cluster{},
		Region: func(c *v1alpha1.Cluster) **string { return &c.Spec.ForProvider.Region },
		NewClient: func(cfg *clients.Config, _ *v1alpha1.Cluster) mr.External[*v1alpha1.Cluster] {
			st := newSTS(cfg)
			return &external{api: ekskit.NewAPI(cfg), token: tokens.wrap(st, stsToken(st)), region: cfg.Region}
		},
		PollBound: tokenBound,
	})
}

// newSTS returns the STS client of a configuration (for EKS tokens), built
// once per config.
func newSTS(cfg *clients.Config) *sts.Client {
	return clients.ServiceClient(cfg, "sts", func(c *clients.Config) *sts.Client {
		return sts.NewFromConfig(c.AWS, func(o *sts.Options) { o.BaseEndpoint = c.BaseEndpoint("sts") })
	})
}

// tokenBound makes Clusters with a connection secret be observed at least
// every token refresh period, so the secret's token never gets old.
func tokenBound(c *v1alpha1.Cluster) time.Duration {
	if c.GetWriteConnectionSecretToReference() != nil {
		return tokenRefresh
	}
	return 0
}

// external reconciles one Cluster with EKS. It lives for one reconcile.
type external struct {
	api    ekskit.API
	token  TokenFunc
	region string

	observed *types.Cluster
}

// Observe reads the cluster with DescribeCluster.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Cluster) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	out, err := e.api.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(name)})
	c, err := ekskit.Found(out, err, "cluster", func(o *eks.DescribeClusterOutput) *types.Cluster { return o.Cluster })
	if c == nil {
		return managed.ExternalObservation{}, err
	}
	e.observed = c
	last := cr.Status.AtProvider.LastUpdate
	cr.Status.AtProvider = observation(c)

	ekskit.SetReady(cr, "cluster", string(c.Status), last)
	if c.Status == types.ClusterStatusDeleting {
		return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, nil
	}

	o := parameters(c)
	p := &cr.Spec.ForProvider
	li := lateInitialize(p, o)
	diff := compare(p, o)
	if diff != "" {
		// Kept until AWS shows the change; see eksupdate.
		cr.Status.AtProvider.LastUpdate = last
	}
	obs := managed.ExternalObservation{
		ResourceExists:          true,
		ResourceUpToDate:        diff == "",
		ResourceLateInitialized: li,
		Diff:                    diff,
	}
	if cr.GetWriteConnectionSecretToReference() != nil && aws.ToString(c.Endpoint) != "" {
		cd, err := e.connection(ctx, name, c)
		if err != nil {
			return managed.ExternalObservation{}, err
		}
		obs.ConnectionDetails = cd
	}
	return obs, nil
}

// observation is what the status reports.
func observation(c *types.Cluster) v1alpha1.ClusterObservation {
	o := v1alpha1.ClusterObservation{
		ARN:             aws.ToString(c.Arn),
		Endpoint:        aws.ToString(c.Endpoint),
		Status:          string(c.Status),
		Version:         aws.ToString(c.Version),
		PlatformVersion: aws.ToString(c.PlatformVersion),
	}
	if c.Identity != nil && c.Identity.Oidc != nil {
		o.OIDCIssuer = aws.ToString(c.Identity.Oidc.Issuer)
	}
	if v := c.ResourcesVpcConfig; v != nil {
		o.ClusterSecurityGroupID = aws.ToString(v.ClusterSecurityGroupId)
		o.VPCID = aws.ToString(v.VpcId)
	}
	if c.CertificateAuthority != nil {
		o.CertificateAuthorityData = aws.ToString(c.CertificateAuthority.Data)
	}
	return o
}

// parameters converts what AWS reports to the spec's shape.
func parameters(c *types.Cluster) *v1alpha1.ClusterParameters {
	p := &v1alpha1.ClusterParameters{
		Version: c.Version,
		RoleARN: c.RoleArn,
		Tags:    c.Tags,
		Logging: &v1alpha1.Logging{Enabled: []string{}},
	}
	if v := c.ResourcesVpcConfig; v != nil {
		p.ResourcesVPCConfig = v1alpha1.VPCConfig{
			SubnetIDs:             v.SubnetIds,
			SecurityGroupIDs:      v.SecurityGroupIds,
			EndpointPublicAccess:  aws.Bool(v.EndpointPublicAccess),
			EndpointPrivateAccess: aws.Bool(v.EndpointPrivateAccess),
			PublicAccessCIDRs:     v.PublicAccessCidrs,
		}
	}
	if n := c.KubernetesNetworkConfig; n != nil {
		p.KubernetesNetworkConfig = &v1alpha1.KubernetesNetworkConfig{ServiceIPv4CIDR: n.ServiceIpv4Cidr}
		if n.IpFamily != "" {
			p.KubernetesNetworkConfig.IPFamily = aws.String(string(n.IpFamily))
		}
		if n.ElasticLoadBalancing != nil {
			p.KubernetesNetworkConfig.ElasticLoadBalancing = &v1alpha1.ElasticLoadBalancing{Enabled: aws.ToBool(n.ElasticLoadBalancing.Enabled)}
		}
	}
	if c.Logging != nil {
		for _, ls := range c.Logging.ClusterLogging {
			if aws.ToBool(ls.Enabled) {
				for _, t := range ls.Types {
					p.Logging.Enabled = append(p.Logging.Enabled, string(t))
				}
			}
		}
	}
	if a := c.AccessConfig; a != nil {
		p.AccessConfig = &v1alpha1.AccessConfig{BootstrapClusterCreatorAdminPermissions: a.BootstrapClusterCreatorAdminPermissions}
		if a.AuthenticationMode != "" {
			p.AccessConfig.AuthenticationMode = aws.String(string(a.AuthenticationMode))
		}
	}
	if cc := c.ComputeConfig; cc != nil {
		p.ComputeConfig = &v1alpha1.ComputeConfig{Enabled: aws.ToBool(cc.Enabled), NodePools: cc.NodePools, NodeRoleARN: cc.NodeRoleArn}
	}
	if s := c.StorageConfig; s != nil && s.BlockStorage != nil {
		p.StorageConfig = &v1alpha1.StorageConfig{BlockStorage: v1alpha1.BlockStorage{Enabled: aws.ToBool(s.BlockStorage.Enabled)}}
	}
	if u := c.UpgradePolicy; u != nil && u.SupportType != "" {
		p.UpgradePolicy = &v1alpha1.UpgradePolicy{SupportType: string(u.SupportType)}
	}
	return p
}

// lateInitialize copies what AWS has into the fields the user left unset.
func lateInitialize(p, o *v1alpha1.ClusterParameters) bool {
	v, ov := &p.ResourcesVPCConfig, &o.ResourcesVPCConfig
	changed := lateinit.Any(
		lateinit.Ptr(&p.Version, o.Version),
		lateinit.Ptr(&v.EndpointPublicAccess, ov.EndpointPublicAccess),
		lateinit.Ptr(&v.EndpointPrivateAccess, ov.EndpointPrivateAccess),
		lateinit.Slice(&v.PublicAccessCIDRs, ov.PublicAccessCIDRs),
		lateinit.Ptr(&p.Logging, o.Logging),
		lateinit.Map(&p.Tags, commonv1alpha1.Tags(tags.User(o.Tags))),
	)
	if n := o.KubernetesNetworkConfig; n != nil {
		if p.KubernetesNetworkConfig == nil {
			p.KubernetesNetworkConfig, changed = &v1alpha1.KubernetesNetworkConfig{}, true
		}
		k := p.KubernetesNetworkConfig
		changed = lateinit.Any(lateinit.Ptr(&k.ServiceIPv4CIDR, n.ServiceIPv4CIDR), lateinit.Ptr(&k.IPFamily, n.IPFamily)) || changed
	}
	if a := o.AccessConfig; a != nil && a.AuthenticationMode != nil {
		if p.AccessConfig == nil {
			p.AccessConfig, changed = &v1alpha1.AccessConfig{}, true
		}
		changed = lateinit.Ptr(&p.AccessConfig.AuthenticationMode, a.AuthenticationMode) || changed
	}
	return changed
}

// comparable returns normalized copies of the desired and observed
// parameters, restricted to what the spec manages and what can be updated
// (immutable, create-only fields are left out).
func comparable(desired, observed *v1alpha1.ClusterParameters) (*v1alpha1.ClusterParameters, *v1alpha1.ClusterParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	for _, p := range []*v1alpha1.ClusterParameters{d, o} {
		p.Region, p.RoleARN, p.RoleARNRef, p.RoleARNSelector = nil, nil, nil, nil
		p.EncryptionConfig, p.BootstrapSelfManagedAddons = nil, nil
		v := &p.ResourcesVPCConfig
		v.SubnetIDRefs, v.SubnetIDSelector, v.SecurityGroupIDRefs, v.SecurityGroupIDSelector = nil, nil, nil, nil
		if p.AccessConfig != nil {
			p.AccessConfig.BootstrapClusterCreatorAdminPermissions = nil
		}
		if p.ComputeConfig != nil {
			p.ComputeConfig.NodeRoleARNRef, p.ComputeConfig.NodeRoleARNSelector = nil, nil
		}
		if p.KubernetesNetworkConfig != nil {
			// serviceIpv4Cidr and ipFamily are immutable (checked at admission).
			p.KubernetesNetworkConfig.ServiceIPv4CIDR, p.KubernetesNetworkConfig.IPFamily = nil, nil
		}
	}
	dv, ov := &d.ResourcesVPCConfig, &o.ResourcesVPCConfig
	if dv.EndpointPublicAccess == nil {
		ov.EndpointPublicAccess = nil
	}
	if dv.EndpointPrivateAccess == nil {
		ov.EndpointPrivateAccess = nil
	}
	if dv.PublicAccessCIDRs == nil {
		ov.PublicAccessCIDRs = nil
	}
	lateinit.Unmanaged(&o.Version, d.Version == nil)
	lateinit.Unmanaged(&o.Logging, d.Logging == nil)
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	if d.AccessConfig == nil || d.AccessConfig.AuthenticationMode == nil {
		d.AccessConfig, o.AccessConfig = nil, nil
	}
	if d.KubernetesNetworkConfig == nil || d.KubernetesNetworkConfig.ElasticLoadBalancing == nil {
		d.KubernetesNetworkConfig, o.KubernetesNetworkConfig = nil, nil
	}
	lateinit.Unmanaged(&o.ComputeConfig, d.ComputeConfig == nil)
	lateinit.Unmanaged(&o.StorageConfig, d.StorageConfig == nil)
	lateinit.Unmanaged(&o.UpgradePolicy, d.UpgradePolicy == nil)
	return d, o
}

var cmpOpts = []cmp.Option{
	cmpopts.EquateEmpty(),
	cmpopts.SortSlices(func(a, b string) bool { return a < b }),
}

// compare returns a readable diff between AWS (-) and the spec (+), or "".
func compare(desired, observed *v1alpha1.ClusterParameters) string {
	d, o := comparable(desired, observed)
	return cmp.Diff(o, d, cmpOpts...)
}

// Create creates the cluster with everything CreateCluster accepts.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Cluster) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	if p.RoleARN == nil {
		return managed.ExternalCreation{}, errors.New("spec.forProvider.roleArn is not set: set it, or reference a Role with roleArnRef or roleArnSelector")
	}
	in := &eks.CreateClusterInput{
		Name:                       aws.String(meta.GetExternalName(cr)),
		RoleArn:                    p.RoleARN,
		Version:                    p.Version,
		ResourcesVpcConfig:         vpcRequest(&p.ResourcesVPCConfig),
		Logging:                    logging(p.Logging),
		BootstrapSelfManagedAddons: p.BootstrapSelfManagedAddons,
		Tags:                       p.Tags,
		ComputeConfig:              compute(p.ComputeConfig),
		StorageConfig:              storage(p.StorageConfig),
		UpgradePolicy:              upgrade(p.UpgradePolicy),
	}
	if n := p.KubernetesNetworkConfig; n != nil {
		in.KubernetesNetworkConfig = &types.KubernetesNetworkConfigRequest{ServiceIpv4Cidr: n.ServiceIPv4CIDR, ElasticLoadBalancing: elb(n)}
		if n.IPFamily != nil {
			in.KubernetesNetworkConfig.IpFamily = types.IpFamily(*n.IPFamily)
		}
	}
	if a := p.AccessConfig; a != nil {
		in.AccessConfig = &types.CreateAccessConfigRequest{BootstrapClusterCreatorAdminPermissions: a.BootstrapClusterCreatorAdminPermissions}
		if a.AuthenticationMode != nil {
			in.AccessConfig.AuthenticationMode = types.AuthenticationMode(*a.AuthenticationMode)
		}
	}
	for _, ec := range p.EncryptionConfig {
		if ec.KeyARN == "" {
			return managed.ExternalCreation{}, errors.New("spec.forProvider.encryptionConfig[0].keyArn is not set: set it, or reference a KMS Key with keyArnRef or keyArnSelector")
		}
		res := ec.Resources
		if len(res) == 0 {
			res = []string{"secrets"}
		}
		in.EncryptionConfig = append(in.EncryptionConfig, types.EncryptionConfig{Provider: &types.Provider{KeyArn: aws.String(ec.KeyARN)}, Resources: res})
	}
	_, err := e.api.CreateCluster(ctx, in)
	if err != nil && !ekskit.IsInUse(err) {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create EKS cluster")
	}
	// ResourceInUseException: a retried create; the next observation
	// compares and updates the rest.
	cr.SetConditions(xpv2.Creating())
	return managed.ExternalCreation{}, nil
}

func vpcRequest(v *v1alpha1.VPCConfig) *types.VpcConfigRequest {
	return &types.VpcConfigRequest{
		SubnetIds:             v.SubnetIDs,
		SecurityGroupIds:      v.SecurityGroupIDs,
		EndpointPublicAccess:  v.EndpointPublicAccess,
		EndpointPrivateAccess: v.EndpointPrivateAccess,
		PublicAccessCidrs:     v.PublicAccessCIDRs,
	}
}

// logging returns the whole logging setup: the listed types enabled, all
// others disabled.
func logging(l *v1alpha1.Logging) *types.Logging {
	if l == nil {
		return nil
	}
	on := map[string]bool{}
	for _, t := range l.Enabled {
		on[t] = true
	}
	var en, dis []types.LogType
	for _, t := range types.LogTypeApi.Values() {
		if on[string(t)] {
			en = append(en, t)
		} else {
			dis = append(dis, t)
		}
	}
	out := &types.Logging{}
	if len(en) > 0 {
		out.ClusterLogging = append(out.ClusterLogging, types.LogSetup{Enabled: aws.Bool(true), Types: en})
	}
	if len(dis) > 0 {
		out.ClusterLogging = append(out.ClusterLogging, types.LogSetup{Enabled: aws.Bool(false), Types: dis})
	}
	return out
}

func compute(c *v1alpha1.ComputeConfig) *types.ComputeConfigRequest {
	if c == nil {
		return nil
	}
	return &types.ComputeConfigRequest{Enabled: aws.Bool(c.Enabled), NodePools: c.NodePools, NodeRoleArn: c.NodeRoleARN}
}

func storage(s *v1alpha1.StorageConfig) *types.StorageConfigRequest {
	if s == nil {
		return nil
	}
	return &types.StorageConfigRequest{BlockStorage: &types.BlockStorage{Enabled: aws.Bool(s.BlockStorage.Enabled)}}
}

func elb(n *v1alpha1.KubernetesNetworkConfig) *types.ElasticLoadBalancing {
	if n == nil || n.ElasticLoadBalancing == nil {
		return nil
	}
	return &types.ElasticLoadBalancing{Enabled: aws.Bool(n.ElasticLoadBalancing.Enabled)}
}

func upgrade(u *v1alpha1.UpgradePolicy) *types.UpgradePolicyRequest {
	if u == nil {
		return nil
	}
	return &types.UpgradePolicyRequest{SupportType: types.SupportType(u.SupportType)}
}

// Update makes at most one EKS update (AWS allows one at a time), the first
// that differs in a fixed order: version (one minor step), logging, VPC
// config, access config, Auto Mode (compute, storage and load balancing
// together), upgrade policy. Tags are synced as well. A cluster that is not
// ACTIVE is left alone until it is.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Cluster) (managed.ExternalUpdate, error) { //nolint:gocyclo // One branch per update kind.
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("EKS cluster")
	}
	if e.observed.Status != types.ClusterStatusActive {
		return managed.ExternalUpdate{}, nil
	}
	name := aws.String(meta.GetExternalName(cr))
	p := &cr.Spec.ForProvider
	d, o := comparable(p, parameters(e.observed))

	if err := ekskit.SyncTags(ctx, e.api, e.observed.Arn, p.Tags, e.observed.Tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the EKS cluster")
	}

	if d.Version != nil && aws.ToString(d.Version) != aws.ToString(o.Version) {
		next, err := nextVersion(aws.ToString(o.Version), *d.Version)
		if err != nil {
			return managed.ExternalUpdate{}, err
		}
		in := &eks.UpdateClusterVersionInput{Name: name, Version: aws.String(next)}
		msg := fmt.Sprintf("upgrading Kubernetes from %s to %s (target %s, one minor version at a time)", aws.ToString(o.Version), next, *d.Version)
		return managed.ExternalUpdate{}, eksupdate.Send(ctx, cr, &cr.Status.AtProvider.LastUpdate, eksupdate.Update{
			What: "Kubernetes version", Request: in, Message: msg, Describe: eksupdate.DescribeWith(e.api, eks.DescribeUpdateInput{Name: name}),
			Call: func(ctx context.Context) (*types.Update, error) {
				out, err := e.api.UpdateClusterVersion(ctx, in)
				if err != nil {
					return nil, errors.Wrapf(err, "cannot upgrade EKS cluster from %s to %s", aws.ToString(o.Version), next)
				}
				return out.Update, nil
			},
		})
	}

	in, what := configUpdate(p, d, o)
	if in == nil {
		return managed.ExternalUpdate{}, nil
	}
	in.Name = name
	return managed.ExternalUpdate{}, eksupdate.Send(ctx, cr, &cr.Status.AtProvider.LastUpdate, eksupdate.Update{
		What: what, Request: in, Message: "updating the " + what + " of the cluster", Describe: eksupdate.DescribeWith(e.api, eks.DescribeUpdateInput{Name: name}),
		Call: func(ctx context.Context) (*types.Update, error) {
			out, err := e.api.UpdateClusterConfig(ctx, in)
			if err != nil {
				return nil, errors.Wrapf(err, "cannot update the %s of the EKS cluster", what)
			}
			return out.Update, nil
		},
	})
}

// configUpdate returns the first UpdateClusterConfig call that is needed,
// and what it updates, or nil.
func configUpdate(p, d, o *v1alpha1.ClusterParameters) (*eks.UpdateClusterConfigInput, string) {
	eq := func(a, b any) bool { return cmp.Equal(a, b, cmpOpts...) }
	switch {
	case !eq(d.Logging, o.Logging):
		return &eks.UpdateClusterConfigInput{Logging: logging(p.Logging)}, "logging"
	case !eq(d.ResourcesVPCConfig, o.ResourcesVPCConfig):
		return &eks.UpdateClusterConfigInput{ResourcesVpcConfig: vpcRequest(&p.ResourcesVPCConfig)}, "VPC configuration"
	case !eq(d.AccessConfig, o.AccessConfig):
		return &eks.UpdateClusterConfigInput{AccessConfig: &types.UpdateAccessConfigRequest{AuthenticationMode: types.AuthenticationMode(*p.AccessConfig.AuthenticationMode)}}, "access configuration"
	case !eq(d.ComputeConfig, o.ComputeConfig) || !eq(d.StorageConfig, o.StorageConfig) || !eq(d.KubernetesNetworkConfig, o.KubernetesNetworkConfig):
		in := &eks.UpdateClusterConfigInput{ComputeConfig: compute(p.ComputeConfig), StorageConfig: storage(p.StorageConfig)}
		if e := elb(p.KubernetesNetworkConfig); e != nil {
			in.KubernetesNetworkConfig = &types.KubernetesNetworkConfigRequest{ElasticLoadBalancing: e}
		}
		return in, "Auto Mode configuration"
	case !eq(d.UpgradePolicy, o.UpgradePolicy):
		return &eks.UpdateClusterConfigInput{UpgradePolicy: upgrade(p.UpgradePolicy)}, "upgrade policy"
	}
	return nil, ""
}

// nextVersion returns the next minor version from current towards target.
func nextVersion(current, target string) (string, error) {
	cmaj, cmin, err := minor(current)
	if err != nil {
		return "", err
	}
	tmaj, tmin, err := minor(target)
	if err != nil {
		return "", err
	}
	if cmaj != tmaj || tmin < cmin {
		return "", errors.Errorf("cannot move EKS cluster from version %s to %s: only upgrades within 1.x are possible; set spec.forProvider.version to %s or higher, or create a new cluster", current, target, current)
	}
	return fmt.Sprintf("%d.%d", cmaj, cmin+1), nil
}

func minor(v string) (int, int, error) {
	parts := strings.SplitN(v, ".", 2)
	if len(parts) != 2 {
		return 0, 0, errors.Errorf("invalid Kubernetes version %q", v)
	}
	maj, err1 := strconv.Atoi(parts[0])
	mn, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return 0, 0, errors.Errorf("invalid Kubernetes version %q", v)
	}
	return maj, mn, nil
}

// Delete deletes the cluster. A cluster with node groups or add-ons cannot
// be deleted: the error names them, and the deletion is retried.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Cluster) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	name := meta.GetExternalName(cr)
	_, err := e.api.DeleteCluster(ctx, &eks.DeleteClusterInput{Name: aws.String(name)})
	if ekskit.IsInUse(err) {
		return managed.ExternalDelete{}, e.inUse(ctx, name, err)
	}
	if err == nil {
		tokens.forget(name) // a new cluster of this name gets its own
	}
	return managed.ExternalDelete{}, ekskit.DeleteError(err, "cluster", "")
}

// inUse explains a ResourceInUseException: which node groups and add-ons
// still block the deletion.
func (e *external) inUse(ctx context.Context, name string, err error) error {
	var blockers []string
	if out, lerr := e.api.ListNodegroups(ctx, &eks.ListNodegroupsInput{ClusterName: aws.String(name)}); lerr == nil {
		for _, n := range out.Nodegroups {
			blockers = append(blockers, "node group "+n)
		}
	}
	if out, lerr := e.api.ListAddons(ctx, &eks.ListAddonsInput{ClusterName: aws.String(name)}); lerr == nil {
		for _, a := range out.Addons {
			blockers = append(blockers, "add-on "+a)
		}
	}
	if len(blockers) == 0 {
		return errors.Wrapf(err, "cannot delete EKS cluster %q yet; the deletion is retried", name)
	}
	sort.Strings(blockers)
	return errors.Wrapf(err, "cannot delete EKS cluster %q: it still has %s; delete them (their Nodegroups/Addons) and the deletion is retried", name, strings.Join(blockers, ", "))
}

// connection returns the connection details: a kubeconfig with a fresh
// token, and its parts.
func (e *external) connection(ctx context.Context, name string, c *types.Cluster) (managed.ConnectionDetails, error) {
	ca := []byte{}
	if c.CertificateAuthority != nil {
		b, err := base64.StdEncoding.DecodeString(aws.ToString(c.CertificateAuthority.Data))
		if err != nil {
			return nil, errors.Wrap(err, "cannot decode the certificate authority data of the EKS cluster")
		}
		ca = b
	}
	tok, err := e.token(ctx, name)
	if err != nil {
		return nil, err
	}
	kc := kubeconfig(name, aws.ToString(c.Endpoint), ca, tok)
	raw, err := clientcmd.Write(*kc)
	if err != nil {
		return nil, errors.Wrap(err, "cannot write the kubeconfig of the EKS cluster")
	}
	return managed.ConnectionDetails{
		KeyKubeconfig:  raw,
		KeyEndpoint:    []byte(aws.ToString(c.Endpoint)),
		KeyClusterCA:   ca,
		KeyClusterName: []byte(name),
		KeyRegion:      []byte(e.region),
	}, nil
}

func kubeconfig(name, endpoint string, ca []byte, token string) *clientcmdapi.Config {
	kc := clientcmdapi.NewConfig()
	kc.Clusters[name] = &clientcmdapi.Cluster{Server: endpoint, CertificateAuthorityData: ca}
	kc.AuthInfos[name] = &clientcmdapi.AuthInfo{Token: token}
	kc.Contexts[name] = &clientcmdapi.Context{Cluster: name, AuthInfo: name}
	kc.CurrentContext = name
	return kc
}
