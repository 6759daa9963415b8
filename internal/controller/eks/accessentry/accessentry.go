// Package accessentry is the controller of the EKS AccessEntry managed
// resource.
package accessentry

import (
	"context"

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
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the AccessEntry controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ekskit.Setup(mgr, o, &v1alpha1.AccessEntry{},
		func(a *v1alpha1.AccessEntry) **string { return &a.Spec.ForProvider.Region },
		func(api ekskit.API) mr.External[*v1alpha1.AccessEntry] { return &external{api: api} })
}

// external reconciles one AccessEntry with EKS. It lives for one reconcile.
type external struct {
	api ekskit.API

	observed *types.AccessEntry
}

// externalName is "<clusterName>/<principalArn>".
func externalName(cr *v1alpha1.AccessEntry) string {
	return aws.ToString(cr.Spec.ForProvider.ClusterName) + "/" + aws.ToString(cr.Spec.ForProvider.PrincipalARN)
}

func ids(cr *v1alpha1.AccessEntry) (*string, *string, error) {
	return ekskit.AccessEntryID(cr.Spec.ForProvider.ClusterName, cr.Spec.ForProvider.PrincipalARN)
}

// Observe reads the entry with DescribeAccessEntry, by clusterName and
// principalArn, and sets the external name once it is found.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.AccessEntry) (managed.ExternalObservation, error) {
	cn, pa, err := ids(cr)
	if err != nil {
		return managed.ExternalObservation{}, err
	}
	out, err := e.api.DescribeAccessEntry(ctx, &eks.DescribeAccessEntryInput{ClusterName: cn, PrincipalArn: pa})
	a, err := ekskit.Found(out, err, "access entry", func(o *eks.DescribeAccessEntryOutput) *types.AccessEntry { return o.AccessEntry })
	if a == nil {
		return managed.ExternalObservation{}, err
	}
	e.observed = a
	cr.Status.AtProvider = v1alpha1.AccessEntryObservation{ARN: aws.ToString(a.AccessEntryArn)}
	cr.SetConditions(xpv2.Available())

	li := ekskit.SetExternalName(cr, externalName(cr))
	o := parameters(a)
	p := &cr.Spec.ForProvider
	li = lateInitialize(p, o) || li
	diff := compare(p, o)
	return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}, nil
}

func parameters(a *types.AccessEntry) *v1alpha1.AccessEntryParameters {
	return &v1alpha1.AccessEntryParameters{ClusterName: a.ClusterName, PrincipalARN: a.PrincipalArn, Type: a.Type,
		KubernetesGroups: a.KubernetesGroups, Username: a.Username, Tags: a.Tags}
}

func lateInitialize(p, o *v1alpha1.AccessEntryParameters) bool {
	return lateinit.Any(
		lateinit.Ptr(&p.Type, o.Type),
		lateinit.Ptr(&p.Username, o.Username),
		lateinit.Slice(&p.KubernetesGroups, o.KubernetesGroups),
		lateinit.Map(&p.Tags, commonv1alpha1.Tags(tags.User(o.Tags))),
	)
}

// comparable keeps what UpdateAccessEntry and the tag calls can change and
// the spec manages.
func comparable(desired, observed *v1alpha1.AccessEntryParameters) (*v1alpha1.AccessEntryParameters, *v1alpha1.AccessEntryParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	for _, p := range []*v1alpha1.AccessEntryParameters{d, o} {
		p.Region, p.ClusterName, p.ClusterNameRef, p.ClusterNameSelector = nil, nil, nil, nil
		p.PrincipalARN, p.PrincipalARNRef, p.PrincipalARNSelector, p.Type = nil, nil, nil, nil
	}
	lateinit.Unmanaged(&o.KubernetesGroups, d.KubernetesGroups == nil)
	lateinit.Unmanaged(&o.Username, d.Username == nil)
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

var cmpOpts = []cmp.Option{cmpopts.EquateEmpty(), cmpopts.SortSlices(func(a, b string) bool { return a < b })}

func compare(desired, observed *v1alpha1.AccessEntryParameters) string {
	d, o := comparable(desired, observed)
	return cmp.Diff(o, d, cmpOpts...)
}

// Create creates the access entry and sets the external name.
func (e *external) Create(ctx context.Context, cr *v1alpha1.AccessEntry) (managed.ExternalCreation, error) {
	cn, pa, err := ids(cr)
	if err != nil {
		return managed.ExternalCreation{}, err
	}
	p := &cr.Spec.ForProvider
	_, err = e.api.CreateAccessEntry(ctx, &eks.CreateAccessEntryInput{ClusterName: cn, PrincipalArn: pa, Type: p.Type,
		KubernetesGroups: p.KubernetesGroups, Username: p.Username, Tags: p.Tags})
	if err != nil && !ekskit.IsInUse(err) {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create EKS access entry")
	}
	meta.SetExternalName(cr, externalName(cr))
	return managed.ExternalCreation{}, nil
}

// Update syncs tags and, when the groups or username differ, makes one
// UpdateAccessEntry.
func (e *external) Update(ctx context.Context, cr *v1alpha1.AccessEntry) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("EKS access entry")
	}
	cn, pa, err := ids(cr)
	if err != nil {
		return managed.ExternalUpdate{}, err
	}
	p := &cr.Spec.ForProvider
	if err := ekskit.SyncTags(ctx, e.api, e.observed.AccessEntryArn, p.Tags, e.observed.Tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the EKS access entry")
	}
	d, o := comparable(p, parameters(e.observed))
	d.Tags, o.Tags = nil, nil
	if cmp.Equal(d, o, cmpOpts...) {
		return managed.ExternalUpdate{}, nil
	}
	in := &eks.UpdateAccessEntryInput{ClusterName: cn, PrincipalArn: pa, KubernetesGroups: p.KubernetesGroups, Username: p.Username}
	if p.KubernetesGroups != nil && len(p.KubernetesGroups) == 0 {
		in.KubernetesGroups = []string{}
	}
	if _, err := e.api.UpdateAccessEntry(ctx, in); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update EKS access entry")
	}
	return managed.ExternalUpdate{}, nil
}

// Delete deletes the access entry (and its access policy associations);
// an already gone one is a success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.AccessEntry) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	cn, pa, err := ids(cr)
	if err != nil {
		return managed.ExternalDelete{}, err
	}
	_, err = e.api.DeleteAccessEntry(ctx, &eks.DeleteAccessEntryInput{ClusterName: cn, PrincipalArn: pa})
	return managed.ExternalDelete{}, ekskit.DeleteError(err, "access entry", "")
}
