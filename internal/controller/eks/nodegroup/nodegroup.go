// Package nodegroup is the controller of the EKS Nodegroup managed resource.
package nodegroup

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the Nodegroup controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ekskit.Setup(mgr, o, &v1alpha1.Nodegroup{},
		func(n *v1alpha1.Nodegroup) **string { return &n.Spec.ForProvider.Region },
		func(api ekskit.API) mr.External[*v1alpha1.Nodegroup] { return &external{api: api} })
}

// external reconciles one Nodegroup with EKS. It lives for one reconcile.
type external struct {
	api ekskit.API

	observed *types.Nodegroup
}

func ids(cr *v1alpha1.Nodegroup) (*string, *string, error) {
	c, err := ekskit.ClusterName(cr.Spec.ForProvider.ClusterName)
	return c, aws.String(meta.GetExternalName(cr)), err
}

// Observe reads the node group with DescribeNodegroup.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Nodegroup) (managed.ExternalObservation, error) {
	if meta.GetExternalName(cr) == "" {
		return managed.ExternalObservation{}, nil
	}
	cn, ng, err := ids(cr)
	if err != nil {
		return managed.ExternalObservation{}, err
	}
	out, err := e.api.DescribeNodegroup(ctx, &eks.DescribeNodegroupInput{ClusterName: cn, NodegroupName: ng})
	n, err := ekskit.Found(out, err, "node group", func(o *eks.DescribeNodegroupOutput) *types.Nodegroup { return o.Nodegroup })
	if n == nil {
		return managed.ExternalObservation{}, err
	}
	e.observed = n
	last := cr.Status.AtProvider.LastUpdate
	cr.Status.AtProvider = v1alpha1.NodegroupObservation{ARN: aws.ToString(n.NodegroupArn), Status: string(n.Status)}
	if n.ScalingConfig != nil {
		cr.Status.AtProvider.DesiredSize = aws.ToInt32(n.ScalingConfig.DesiredSize)
	}
	if n.Resources != nil {
		for _, g := range n.Resources.AutoScalingGroups {
			cr.Status.AtProvider.AutoScalingGroups = append(cr.Status.AtProvider.AutoScalingGroups, aws.ToString(g.Name))
		}
	}
	ekskit.SetReady(cr, "node group", string(n.Status), last)
	if n.Status == types.NodegroupStatusDeleting {
		return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, nil
	}
	o := parameters(n)
	p := &cr.Spec.ForProvider
	li := lateInitialize(p, o)
	diff := compare(p, o)
	if diff != "" {
		// Kept until AWS shows the change; see eksupdate.
		cr.Status.AtProvider.LastUpdate = last
	}
	return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}, nil
}

// parameters converts what AWS reports to the spec's shape.
func parameters(n *types.Nodegroup) *v1alpha1.NodegroupParameters {
	p := &v1alpha1.NodegroupParameters{
		ClusterName: n.ClusterName, NodeRole: n.NodeRole, Subnets: n.Subnets, InstanceTypes: n.InstanceTypes,
		DiskSize: n.DiskSize, Labels: n.Labels, Version: n.Version, ReleaseVersion: n.ReleaseVersion, Tags: n.Tags,
		Taints: []v1alpha1.NodeTaint{},
	}
	if n.AmiType != "" {
		p.AMIType = aws.String(string(n.AmiType))
	}
	if n.CapacityType != "" {
		p.CapacityType = aws.String(string(n.CapacityType))
	}
	if s := n.ScalingConfig; s != nil {
		p.ScalingConfig = v1alpha1.ScalingConfig{MinSize: aws.ToInt32(s.MinSize), MaxSize: aws.ToInt32(s.MaxSize), DesiredSize: s.DesiredSize}
	}
	for _, t := range n.Taints {
		p.Taints = append(p.Taints, v1alpha1.NodeTaint{Key: aws.ToString(t.Key), Value: t.Value, Effect: string(t.Effect)})
	}
	if u := n.UpdateConfig; u != nil {
		p.UpdateConfig = &v1alpha1.NodegroupUpdateConfig{MaxUnavailable: u.MaxUnavailable, MaxUnavailablePercentage: u.MaxUnavailablePercentage}
	}
	if lt := n.LaunchTemplate; lt != nil {
		p.LaunchTemplate = &v1alpha1.LaunchTemplate{ID: lt.Id, Name: lt.Name, Version: lt.Version}
	}
	return p
}

// lateInitialize copies what AWS has into the fields the user left unset;
// never desiredSize (omitted means not managed).
func lateInitialize(p, o *v1alpha1.NodegroupParameters) bool {
	changed := lateinit.Any(
		lateinit.Slice(&p.InstanceTypes, o.InstanceTypes),
		lateinit.Ptr(&p.AMIType, o.AMIType),
		lateinit.Ptr(&p.CapacityType, o.CapacityType),
		lateinit.Ptr(&p.DiskSize, o.DiskSize),
		lateinit.Map(&p.Labels, o.Labels),
		lateinit.Slice(&p.Taints, o.Taints),
		lateinit.Ptr(&p.UpdateConfig, o.UpdateConfig),
		lateinit.Ptr(&p.Version, o.Version),
		// Not the release version: EKS moves it on every version upgrade
		// (to that version's latest AMI), so a copy would pin the old one.
		lateinit.Map(&p.Tags, commonv1alpha1.Tags(tags.User(o.Tags))),
	)
	if p.LaunchTemplate != nil && o.LaunchTemplate != nil {
		changed = lateinit.Ptr(&p.LaunchTemplate.Version, o.LaunchTemplate.Version) || changed
	}
	return changed
}

// comparable returns normalized copies restricted to what can be updated
// and what the spec manages (immutable fields are checked at admission).
func comparable(desired, observed *v1alpha1.NodegroupParameters) (*v1alpha1.NodegroupParameters, *v1alpha1.NodegroupParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	for _, p := range []*v1alpha1.NodegroupParameters{d, o} {
		p.Region, p.ClusterName, p.ClusterNameRef, p.ClusterNameSelector = nil, nil, nil, nil
		p.NodeRole, p.NodeRoleRef, p.NodeRoleSelector = nil, nil, nil
		p.Subnets, p.SubnetRefs, p.SubnetSelector = nil, nil, nil
		p.InstanceTypes, p.AMIType, p.CapacityType, p.DiskSize = nil, nil, nil, nil
		sort.Slice(p.Taints, func(i, j int) bool {
			return p.Taints[i].Key+"/"+p.Taints[i].Effect < p.Taints[j].Key+"/"+p.Taints[j].Effect
		})
		for i := range p.Taints {
			if aws.ToString(p.Taints[i].Value) == "" {
				p.Taints[i].Value = nil
			}
		}
	}
	lateinit.Unmanaged(&o.ScalingConfig.DesiredSize, d.ScalingConfig.DesiredSize == nil)
	lateinit.Unmanaged(&o.Labels, d.Labels == nil)
	lateinit.Unmanaged(&o.Taints, d.Taints == nil)
	lateinit.Unmanaged(&o.UpdateConfig, d.UpdateConfig == nil)
	lateinit.Unmanaged(&o.Version, d.Version == nil)
	lateinit.Unmanaged(&o.ReleaseVersion, d.ReleaseVersion == nil)
	if d.LaunchTemplate == nil || d.LaunchTemplate.Version == nil {
		d.LaunchTemplate, o.LaunchTemplate = nil, nil
	}
	for _, lt := range []*v1alpha1.LaunchTemplate{d.LaunchTemplate, o.LaunchTemplate} {
		if lt != nil {
			// id and name are immutable (checked at admission): only the
			// version is updated.
			lt.ID, lt.Name = nil, nil
		}
	}
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

func compare(desired, observed *v1alpha1.NodegroupParameters) string {
	d, o := comparable(desired, observed)
	return cmp.Diff(o, d, cmpopts.EquateEmpty())
}

// Create creates the node group with everything CreateNodegroup accepts.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Nodegroup) (managed.ExternalCreation, error) {
	cn, ng, err := ids(cr)
	if err != nil {
		return managed.ExternalCreation{}, err
	}
	p := &cr.Spec.ForProvider
	if p.NodeRole == nil {
		return managed.ExternalCreation{}, errors.New("spec.forProvider.nodeRole is not set: set it, or reference a Role with nodeRoleRef or nodeRoleSelector")
	}
	in := &eks.CreateNodegroupInput{
		ClusterName: cn, NodegroupName: ng, NodeRole: p.NodeRole, Subnets: p.Subnets, InstanceTypes: p.InstanceTypes,
		DiskSize: p.DiskSize, Labels: p.Labels, Version: p.Version, ReleaseVersion: p.ReleaseVersion, Tags: p.Tags,
		ScalingConfig: scaling(&p.ScalingConfig), Taints: taints(p.Taints), UpdateConfig: updateConfig(p.UpdateConfig),
	}
	if p.AMIType != nil {
		in.AmiType = types.AMITypes(*p.AMIType)
	}
	if p.CapacityType != nil {
		in.CapacityType = types.CapacityTypes(*p.CapacityType)
	}
	if lt := p.LaunchTemplate; lt != nil {
		in.LaunchTemplate = &types.LaunchTemplateSpecification{Id: lt.ID, Name: lt.Name, Version: lt.Version}
	}
	_, err = e.api.CreateNodegroup(ctx, in)
	if err != nil && !ekskit.IsInUse(err) {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create EKS node group")
	}
	cr.SetConditions(xpv2.Creating())
	return managed.ExternalCreation{}, nil
}

func scaling(s *v1alpha1.ScalingConfig) *types.NodegroupScalingConfig {
	return &types.NodegroupScalingConfig{MinSize: aws.Int32(s.MinSize), MaxSize: aws.Int32(s.MaxSize), DesiredSize: s.DesiredSize}
}

func taints(ts []v1alpha1.NodeTaint) []types.Taint {
	var out []types.Taint
	for _, t := range ts {
		out = append(out, types.Taint{Key: aws.String(t.Key), Value: t.Value, Effect: types.TaintEffect(t.Effect)})
	}
	return out
}

func updateConfig(u *v1alpha1.NodegroupUpdateConfig) *types.NodegroupUpdateConfig {
	if u == nil {
		return nil
	}
	return &types.NodegroupUpdateConfig{MaxUnavailable: u.MaxUnavailable, MaxUnavailablePercentage: u.MaxUnavailablePercentage}
}

// Update makes at most one EKS update (one at a time per node group):
// UpdateNodegroupVersion for version, release version or launch template
// version, else one UpdateNodegroupConfig with the scaling, labels, taints
// and update config that differ. Tags are synced too. A node group that is
// not ACTIVE is left alone until it is.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Nodegroup) (managed.ExternalUpdate, error) { //nolint:gocyclo // One branch per field.
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("EKS node group")
	}
	if e.observed.Status != types.NodegroupStatusActive {
		return managed.ExternalUpdate{}, nil
	}
	cn, ng, err := ids(cr)
	if err != nil {
		return managed.ExternalUpdate{}, err
	}
	p := &cr.Spec.ForProvider
	d, o := comparable(p, parameters(e.observed))

	if err := ekskit.SyncTags(ctx, e.api, e.observed.NodegroupArn, p.Tags, e.observed.Tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the EKS node group")
	}

	if !cmp.Equal(d.Version, o.Version) || !cmp.Equal(d.ReleaseVersion, o.ReleaseVersion) || !cmp.Equal(d.LaunchTemplate, o.LaunchTemplate) {
		in := &eks.UpdateNodegroupVersionInput{ClusterName: cn, NodegroupName: ng, Version: d.Version, ReleaseVersion: d.ReleaseVersion}
		if lt := p.LaunchTemplate; d.LaunchTemplate != nil {
			in.LaunchTemplate = &types.LaunchTemplateSpecification{Id: lt.ID, Name: lt.Name, Version: lt.Version}
		}
		return managed.ExternalUpdate{}, eksupdate.Send(ctx, cr, &cr.Status.AtProvider.LastUpdate, eksupdate.Update{
			What: "version", Request: in, Message: "updating the version of the node group", Describe: eksupdate.DescribeWith(e.api, eks.DescribeUpdateInput{Name: cn, NodegroupName: ng}),
			Call: func(ctx context.Context) (*types.Update, error) {
				out, err := e.api.UpdateNodegroupVersion(ctx, in)
				if err != nil {
					return nil, errors.Wrap(err, "cannot update the version of the EKS node group")
				}
				return out.Update, nil
			},
		})
	}

	in := &eks.UpdateNodegroupConfigInput{ClusterName: cn, NodegroupName: ng}
	changed := false
	if !cmp.Equal(d.ScalingConfig, o.ScalingConfig) {
		// desiredSize is only sent when the spec manages it.
		in.ScalingConfig, changed = scaling(&p.ScalingConfig), true
	}
	if d.Labels != nil && !cmp.Equal(d.Labels, o.Labels, cmpopts.EquateEmpty()) {
		in.Labels, changed = labelsPayload(d.Labels, o.Labels), true
	}
	if d.Taints != nil && !cmp.Equal(d.Taints, o.Taints, cmpopts.EquateEmpty()) {
		in.Taints, changed = taintsPayload(d.Taints, o.Taints), true
	}
	if d.UpdateConfig != nil && !cmp.Equal(d.UpdateConfig, o.UpdateConfig) {
		in.UpdateConfig, changed = updateConfig(d.UpdateConfig), true
	}
	if !changed {
		return managed.ExternalUpdate{}, nil
	}
	return managed.ExternalUpdate{}, eksupdate.Send(ctx, cr, &cr.Status.AtProvider.LastUpdate, eksupdate.Update{
		What: "configuration", Request: in, Message: "updating the configuration of the node group", Describe: eksupdate.DescribeWith(e.api, eks.DescribeUpdateInput{Name: cn, NodegroupName: ng}),
		Call: func(ctx context.Context) (*types.Update, error) {
			out, err := e.api.UpdateNodegroupConfig(ctx, in)
			if err != nil {
				return nil, errors.Wrap(err, "cannot update the configuration of the EKS node group")
			}
			return out.Update, nil
		},
	})
}

func labelsPayload(desired, observed map[string]string) *types.UpdateLabelsPayload {
	out := &types.UpdateLabelsPayload{}
	for k, v := range desired {
		if ov, ok := observed[k]; !ok || ov != v {
			if out.AddOrUpdateLabels == nil {
				out.AddOrUpdateLabels = map[string]string{}
			}
			out.AddOrUpdateLabels[k] = v
		}
	}
	for k := range observed {
		if _, ok := desired[k]; !ok {
			out.RemoveLabels = append(out.RemoveLabels, k)
		}
	}
	sort.Strings(out.RemoveLabels)
	return out
}

func taintsPayload(desired, observed []v1alpha1.NodeTaint) *types.UpdateTaintsPayload {
	key := func(t v1alpha1.NodeTaint) string { return t.Key + "/" + t.Effect }
	have := map[string]v1alpha1.NodeTaint{}
	for _, t := range observed {
		have[key(t)] = t
	}
	want := map[string]bool{}
	out := &types.UpdateTaintsPayload{}
	for _, t := range desired {
		want[key(t)] = true
		if h, ok := have[key(t)]; ok && aws.ToString(h.Value) == aws.ToString(t.Value) {
			continue
		}
		out.AddOrUpdateTaints = append(out.AddOrUpdateTaints, taints([]v1alpha1.NodeTaint{t})...)
	}
	for _, t := range observed {
		if !want[key(t)] {
			out.RemoveTaints = append(out.RemoveTaints, types.Taint{Key: aws.String(t.Key), Effect: types.TaintEffect(t.Effect)})
		}
	}
	return out
}

// Delete deletes the node group; an already gone one is a success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Nodegroup) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	cn, ng, err := ids(cr)
	if err != nil {
		return managed.ExternalDelete{}, err
	}
	_, err = e.api.DeleteNodegroup(ctx, &eks.DeleteNodegroupInput{ClusterName: cn, NodegroupName: ng})
	return managed.ExternalDelete{}, ekskit.DeleteError(err, "node group", "an update or deletion is in progress")
}
