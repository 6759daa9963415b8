// Package nodegroup is the controller of the EKS Nodegroup managed resource.
package nodegroup

import (
	"context"
	"fmt"
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

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// ReasonUpdating is the Ready=False reason of a node group being updated.
const ReasonUpdating = eksupdate.ReasonUpdating

const codeNotFound = "ResourceNotFoundException"

// Setup adds the Nodegroup controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return mr.Setup(mgr, o, mr.Kind[*v1alpha1.Nodegroup]{
		GroupVersionKind: v1alpha1.NodegroupGroupVersionKind,
		Object:           &v1alpha1.Nodegroup{},
		List:             &v1alpha1.NodegroupList{},
		Connector: &mr.Connector[*v1alpha1.Nodegroup]{
			Configs: mr.SharedConfigs(mgr),
			Region:  func(n *v1alpha1.Nodegroup) *string { return n.Spec.ForProvider.Region },
			NewClient: func(cfg *clients.Config, _ *v1alpha1.Nodegroup) managed.TypedExternalClient[*v1alpha1.Nodegroup] {
				return &external{api: NewAPI(cfg)}
			},
		},
	})
}

// external reconciles one Nodegroup with EKS. It lives for one reconcile.
type external struct {
	api API

	observed *types.Nodegroup
}

func ids(cr *v1alpha1.Nodegroup) (*string, *string, error) {
	c := aws.ToString(cr.Spec.ForProvider.ClusterName)
	if c == "" {
		return nil, nil, errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector")
	}
	return aws.String(c), aws.String(meta.GetExternalName(cr)), nil
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
	if awserr.IsNotFound(err, codeNotFound) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot describe EKS node group")
	}
	n := out.Nodegroup
	if n == nil {
		return managed.ExternalObservation{ResourceExists: false}, nil
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
	switch n.Status {
	case types.NodegroupStatusActive:
		cr.SetConditions(xpv2.Available())
	case types.NodegroupStatusCreating:
		cr.SetConditions(xpv2.Creating())
	case types.NodegroupStatusDeleting:
		cr.SetConditions(xpv2.Deleting())
		return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, nil
	case types.NodegroupStatusUpdating:
		cr.SetConditions(eksupdate.InProgress("node group", last))
	default:
		cr.SetConditions(xpv2.Unavailable().WithMessage(fmt.Sprintf("EKS node group status is %s", n.Status)))
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
	changed := false
	set := func(cond bool, f func()) {
		if cond {
			f()
			changed = true
		}
	}
	set(p.InstanceTypes == nil && len(o.InstanceTypes) > 0, func() { p.InstanceTypes = append([]string(nil), o.InstanceTypes...) })
	set(p.AMIType == nil && o.AMIType != nil, func() { p.AMIType = aws.String(*o.AMIType) })
	set(p.CapacityType == nil && o.CapacityType != nil, func() { p.CapacityType = aws.String(*o.CapacityType) })
	set(p.DiskSize == nil && o.DiskSize != nil, func() { p.DiskSize = aws.Int32(*o.DiskSize) })
	set(p.Labels == nil && len(o.Labels) > 0, func() { p.Labels = o.Labels })
	set(p.Taints == nil && len(o.Taints) > 0, func() { p.Taints = o.Taints })
	set(p.UpdateConfig == nil && o.UpdateConfig != nil, func() { p.UpdateConfig = o.UpdateConfig.DeepCopy() })
	set(p.Version == nil && o.Version != nil, func() { p.Version = aws.String(*o.Version) })
	set(p.ReleaseVersion == nil && o.ReleaseVersion != nil, func() { p.ReleaseVersion = aws.String(*o.ReleaseVersion) })
	set(p.Tags == nil && len(o.Tags) > 0, func() { p.Tags = o.Tags })
	if p.LaunchTemplate != nil && o.LaunchTemplate != nil {
		set(p.LaunchTemplate.Version == nil && o.LaunchTemplate.Version != nil, func() { p.LaunchTemplate.Version = aws.String(*o.LaunchTemplate.Version) })
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
	if d.ScalingConfig.DesiredSize == nil {
		o.ScalingConfig.DesiredSize = nil
	}
	if d.Labels == nil {
		o.Labels = nil
	}
	if d.Taints == nil {
		o.Taints = nil
	}
	if d.UpdateConfig == nil {
		o.UpdateConfig = nil
	}
	if d.Version == nil {
		o.Version = nil
	}
	if d.ReleaseVersion == nil {
		o.ReleaseVersion = nil
	}
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
	if d.Tags == nil || tags.Equal(d.Tags, o.Tags) {
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
	if err != nil && !awserr.HasCode(err, "ResourceInUseException") {
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
		if _, err := e.Observe(ctx, cr); err != nil {
			return managed.ExternalUpdate{}, err
		}
		if e.observed == nil {
			return managed.ExternalUpdate{}, errors.Errorf("EKS node group %q does not exist", meta.GetExternalName(cr))
		}
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

	if p.Tags != nil {
		add, remove := tags.Diff(p.Tags, e.observed.Tags)
		if len(remove) > 0 {
			if _, err := e.api.UntagResource(ctx, &eks.UntagResourceInput{ResourceArn: e.observed.NodegroupArn, TagKeys: remove}); err != nil {
				return managed.ExternalUpdate{}, errors.Wrap(err, "cannot remove tags of the EKS node group")
			}
		}
		if len(add) > 0 {
			if _, err := e.api.TagResource(ctx, &eks.TagResourceInput{ResourceArn: e.observed.NodegroupArn, Tags: add}); err != nil {
				return managed.ExternalUpdate{}, errors.Wrap(err, "cannot tag the EKS node group")
			}
		}
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
	switch {
	case err == nil, awserr.IsNotFound(err, codeNotFound):
		return managed.ExternalDelete{}, nil
	case awserr.HasCode(err, "ResourceInUseException"):
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete EKS node group yet (an update or deletion is in progress); the deletion is retried")
	default:
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete EKS node group")
	}
}

// Disconnect implements managed.TypedExternalClient.
func (e *external) Disconnect(_ context.Context) error { return nil }
