// Package addon is the controller of the EKS Addon managed resource.
package addon

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/yaml"

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

// Setup adds the Addon controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ekskit.Setup(mgr, o, &v1alpha1.Addon{},
		func(a *v1alpha1.Addon) **string { return &a.Spec.ForProvider.Region },
		func(api ekskit.API) mr.External[*v1alpha1.Addon] { return &external{api: api} })
}

// external reconciles one Addon with EKS. It lives for one reconcile.
type external struct {
	api ekskit.API

	observed *types.Addon
}

// externalName is "<clusterName>/<addonName>".
func externalName(cr *v1alpha1.Addon) string {
	return aws.ToString(cr.Spec.ForProvider.ClusterName) + "/" + cr.Spec.ForProvider.AddonName
}

func ids(cr *v1alpha1.Addon) (*string, *string, error) {
	c, err := ekskit.ClusterName(cr.Spec.ForProvider.ClusterName)
	return c, aws.String(cr.Spec.ForProvider.AddonName), err
}

// Observe reads the add-on with DescribeAddon. The add-on is identified by
// clusterName and addonName; the external name is set to
// "<clusterName>/<addonName>" once the add-on is found.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Addon) (managed.ExternalObservation, error) {
	cn, an, err := ids(cr)
	if err != nil {
		return managed.ExternalObservation{}, err
	}
	out, err := e.api.DescribeAddon(ctx, &eks.DescribeAddonInput{ClusterName: cn, AddonName: an})
	a, err := ekskit.Found(out, err, "add-on", func(o *eks.DescribeAddonOutput) *types.Addon { return o.Addon })
	if a == nil {
		return managed.ExternalObservation{}, err
	}
	e.observed = a
	last := cr.Status.AtProvider.LastUpdate
	cr.Status.AtProvider = v1alpha1.AddonObservation{ARN: aws.ToString(a.AddonArn), Status: string(a.Status)}
	if a.Health != nil {
		for _, i := range a.Health.Issues {
			cr.Status.AtProvider.Issues = append(cr.Status.AtProvider.Issues, fmt.Sprintf("%s: %s", i.Code, aws.ToString(i.Message)))
		}
	}
	ekskit.SetReady(cr, "add-on", string(a.Status), last)
	if a.Status == types.AddonStatusDeleting {
		return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, nil
	}

	li := ekskit.SetExternalName(cr, externalName(cr))
	o := parameters(a)
	p := &cr.Spec.ForProvider
	li = lateInitialize(p, o) || li
	diff := compare(p, o)
	if diff != "" {
		// Kept until AWS shows the change; see eksupdate.
		cr.Status.AtProvider.LastUpdate = last
	}
	return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}, nil
}

func parameters(a *types.Addon) *v1alpha1.AddonParameters {
	return &v1alpha1.AddonParameters{
		ClusterName: a.ClusterName, AddonName: aws.ToString(a.AddonName), AddonVersion: a.AddonVersion,
		ServiceAccountRoleARN: aws.String(aws.ToString(a.ServiceAccountRoleArn)),
		ConfigurationValues:   aws.String(aws.ToString(a.ConfigurationValues)),
		Tags:                  a.Tags,
	}
}

func lateInitialize(p, o *v1alpha1.AddonParameters) bool {
	changed := lateinit.Ptr(&p.AddonVersion, o.AddonVersion)
	if aws.ToString(o.ServiceAccountRoleARN) != "" {
		changed = lateinit.Ptr(&p.ServiceAccountRoleARN, o.ServiceAccountRoleARN) || changed
	}
	return lateinit.Map(&p.Tags, commonv1alpha1.Tags(tags.User(o.Tags))) || changed
}

// comparable keeps what UpdateAddon and the tag calls can change and the
// spec manages.
func comparable(desired, observed *v1alpha1.AddonParameters) (*v1alpha1.AddonParameters, *v1alpha1.AddonParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	for _, p := range []*v1alpha1.AddonParameters{d, o} {
		p.Region, p.ClusterName, p.ClusterNameRef, p.ClusterNameSelector = nil, nil, nil, nil
		p.ServiceAccountRoleARNRef, p.ServiceAccountRoleARNSelector = nil, nil
		p.ResolveConflicts, p.PreserveOnDelete = nil, nil
	}
	lateinit.Unmanaged(&o.AddonVersion, d.AddonVersion == nil)
	lateinit.Unmanaged(&o.ServiceAccountRoleARN, d.ServiceAccountRoleARN == nil)
	if d.ConfigurationValues == nil || sameValues(*d.ConfigurationValues, aws.ToString(o.ConfigurationValues)) {
		o.ConfigurationValues = d.ConfigurationValues
	}
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

// sameValues says whether two configuration values documents mean the same:
// JSON and YAML are both read as YAML (a superset of JSON), so key order,
// spacing and the format do not matter. Documents that cannot be read are
// compared as text.
func sameValues(a, b string) bool {
	if a == b {
		return true
	}
	var va, vb any
	if yaml.Unmarshal([]byte(a), &va) != nil || yaml.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return cmp.Equal(va, vb)
}

func compare(desired, observed *v1alpha1.AddonParameters) string {
	d, o := comparable(desired, observed)
	return cmp.Diff(o, d, cmpopts.EquateEmpty())
}

// Create creates the add-on and sets the external name.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Addon) (managed.ExternalCreation, error) {
	cn, an, err := ids(cr)
	if err != nil {
		return managed.ExternalCreation{}, err
	}
	p := &cr.Spec.ForProvider
	in := &eks.CreateAddonInput{ClusterName: cn, AddonName: an, AddonVersion: p.AddonVersion, Tags: p.Tags}
	if aws.ToString(p.ServiceAccountRoleARN) != "" {
		in.ServiceAccountRoleArn = p.ServiceAccountRoleARN
	}
	if aws.ToString(p.ConfigurationValues) != "" {
		in.ConfigurationValues = p.ConfigurationValues
	}
	if p.ResolveConflicts != nil {
		in.ResolveConflicts = types.ResolveConflicts(*p.ResolveConflicts)
	}
	_, err = e.api.CreateAddon(ctx, in)
	if err != nil && !ekskit.IsInUse(err) {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create EKS add-on")
	}
	meta.SetExternalName(cr, externalName(cr))
	cr.SetConditions(xpv2.Creating())
	return managed.ExternalCreation{}, nil
}

// Update syncs tags and makes one UpdateAddon with the version, role and
// configuration that differ. An add-on that is not ACTIVE (or DEGRADED or
// UPDATE_FAILED, which an update may fix) is left alone.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Addon) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("EKS add-on")
	}
	switch e.observed.Status {
	case types.AddonStatusActive, types.AddonStatusDegraded, types.AddonStatusUpdateFailed:
	default:
		return managed.ExternalUpdate{}, nil
	}
	cn, an, err := ids(cr)
	if err != nil {
		return managed.ExternalUpdate{}, err
	}
	p := &cr.Spec.ForProvider
	if err := ekskit.SyncTags(ctx, e.api, e.observed.AddonArn, p.Tags, e.observed.Tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the EKS add-on")
	}
	d, o := comparable(p, parameters(e.observed))
	d.Tags, o.Tags = nil, nil
	if cmp.Equal(d, o, cmpopts.EquateEmpty()) {
		return managed.ExternalUpdate{}, nil
	}
	in := &eks.UpdateAddonInput{ClusterName: cn, AddonName: an, AddonVersion: p.AddonVersion, ServiceAccountRoleArn: p.ServiceAccountRoleARN, ConfigurationValues: p.ConfigurationValues}
	if p.ResolveConflicts != nil {
		in.ResolveConflicts = types.ResolveConflicts(*p.ResolveConflicts)
	}
	return managed.ExternalUpdate{}, eksupdate.Send(ctx, cr, &cr.Status.AtProvider.LastUpdate, eksupdate.Update{
		What: "add-on", Request: in, Message: "updating the add-on", Describe: eksupdate.DescribeWith(e.api, eks.DescribeUpdateInput{Name: cn, AddonName: an}),
		Call: func(ctx context.Context) (*types.Update, error) {
			out, err := e.api.UpdateAddon(ctx, in)
			if err != nil {
				return nil, errors.Wrap(err, "cannot update EKS add-on")
			}
			return out.Update, nil
		},
	})
}

// Delete deletes the add-on (keeping its Kubernetes objects when
// preserveOnDelete is set); an already gone one is a success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Addon) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	cn, an, err := ids(cr)
	if err != nil {
		return managed.ExternalDelete{}, err
	}
	_, err = e.api.DeleteAddon(ctx, &eks.DeleteAddonInput{ClusterName: cn, AddonName: an, Preserve: aws.ToBool(cr.Spec.ForProvider.PreserveOnDelete)})
	return managed.ExternalDelete{}, ekskit.DeleteError(err, "add-on", "an update is in progress")
}
