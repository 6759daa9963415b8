// Package podidentityassociation is the controller of the EKS
// PodIdentityAssociation managed resource.
package podidentityassociation

import (
	"context"
	"time"

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

// creationGrace is how long a just-created association is trusted to exist
// while EKS does not show it yet (the reconciler's default).
const creationGrace = 30 * time.Second

// Setup adds the PodIdentityAssociation controller to mgr. The external
// name is the ID AWS assigns, so it does not default to metadata.name; an
// association whose ID was not saved is found by its service account.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ekskit.Setup(mgr, o, &v1alpha1.PodIdentityAssociation{},
		func(a *v1alpha1.PodIdentityAssociation) **string { return &a.Spec.ForProvider.Region },
		func(api ekskit.API) mr.External[*v1alpha1.PodIdentityAssociation] { return &external{api: api} },
		mr.AssignedID(creationGrace)...)
}

// external reconciles one PodIdentityAssociation with EKS.
type external struct {
	api ekskit.API

	observed *types.PodIdentityAssociation
}

func cluster(cr *v1alpha1.PodIdentityAssociation) (*string, error) {
	return ekskit.ClusterName(cr.Spec.ForProvider.ClusterName)
}

// find returns the ID of the association of the service account, or "".
func (e *external) find(ctx context.Context, cn *string, p *v1alpha1.PodIdentityAssociationParameters) (string, error) {
	out, err := e.api.ListPodIdentityAssociations(ctx, &eks.ListPodIdentityAssociationsInput{ClusterName: cn, Namespace: aws.String(p.Namespace), ServiceAccount: aws.String(p.ServiceAccount)})
	if ekskit.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", errors.Wrap(err, "cannot list the pod identity associations of the EKS cluster")
	}
	for _, a := range out.Associations {
		if aws.ToString(a.Namespace) == p.Namespace && aws.ToString(a.ServiceAccount) == p.ServiceAccount {
			return aws.ToString(a.AssociationId), nil
		}
	}
	return "", nil
}

// Observe describes the association by its ID; without an ID it looks for
// the service account's association (adoption, or a create whose ID was
// not saved).
func (e *external) Observe(ctx context.Context, cr *v1alpha1.PodIdentityAssociation) (managed.ExternalObservation, error) {
	cn, err := cluster(cr)
	if err != nil {
		return managed.ExternalObservation{}, err
	}
	p := &cr.Spec.ForProvider
	id := meta.GetExternalName(cr)
	li := false
	if id == "" {
		if id, err = e.find(ctx, cn, p); err != nil || id == "" {
			return managed.ExternalObservation{}, err
		}
		meta.SetExternalName(cr, id)
		li = true
	}
	out, err := e.api.DescribePodIdentityAssociation(ctx, &eks.DescribePodIdentityAssociationInput{ClusterName: cn, AssociationId: aws.String(id)})
	a, err := ekskit.Found(out, err, "pod identity association", func(o *eks.DescribePodIdentityAssociationOutput) *types.PodIdentityAssociation { return o.Association })
	if a == nil {
		return managed.ExternalObservation{}, err
	}
	if aws.ToString(a.Namespace) != p.Namespace || aws.ToString(a.ServiceAccount) != p.ServiceAccount {
		return managed.ExternalObservation{}, errors.Errorf("pod identity association %s is for service account %s/%s, not %s/%s: fix spec.forProvider or the external name",
			id, aws.ToString(a.Namespace), aws.ToString(a.ServiceAccount), p.Namespace, p.ServiceAccount)
	}
	e.observed = a
	cr.Status.AtProvider = v1alpha1.PodIdentityAssociationObservation{AssociationID: id, ARN: aws.ToString(a.AssociationArn), ExternalID: aws.ToString(a.ExternalId)}
	cr.SetConditions(xpv2.Available())
	o := parameters(a)
	li = lateInitialize(p, o) || li
	diff := compare(p, o)
	return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}, nil
}

func parameters(a *types.PodIdentityAssociation) *v1alpha1.PodIdentityAssociationParameters {
	return &v1alpha1.PodIdentityAssociationParameters{Namespace: aws.ToString(a.Namespace), ServiceAccount: aws.ToString(a.ServiceAccount),
		RoleARN: a.RoleArn, TargetRoleARN: aws.String(aws.ToString(a.TargetRoleArn)), DisableSessionTags: a.DisableSessionTags, Tags: a.Tags}
}

func lateInitialize(p, o *v1alpha1.PodIdentityAssociationParameters) bool {
	return lateinit.Any(
		lateinit.Ptr(&p.DisableSessionTags, o.DisableSessionTags),
		lateinit.Map(&p.Tags, commonv1alpha1.Tags(tags.User(o.Tags))),
	)
}

func comparable(desired, observed *v1alpha1.PodIdentityAssociationParameters) (*v1alpha1.PodIdentityAssociationParameters, *v1alpha1.PodIdentityAssociationParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	for _, p := range []*v1alpha1.PodIdentityAssociationParameters{d, o} {
		p.Region, p.ClusterName, p.ClusterNameRef, p.ClusterNameSelector, p.RoleARNRef, p.RoleARNSelector = nil, nil, nil, nil, nil, nil
	}
	lateinit.Unmanaged(&o.RoleARN, d.RoleARN == nil)
	lateinit.Unmanaged(&o.TargetRoleARN, d.TargetRoleARN == nil)
	lateinit.Unmanaged(&o.DisableSessionTags, d.DisableSessionTags == nil)
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

func compare(desired, observed *v1alpha1.PodIdentityAssociationParameters) string {
	d, o := comparable(desired, observed)
	return cmp.Diff(o, d, cmpopts.EquateEmpty())
}

// Create creates the association and saves its ID as the external name.
func (e *external) Create(ctx context.Context, cr *v1alpha1.PodIdentityAssociation) (managed.ExternalCreation, error) {
	cn, err := cluster(cr)
	if err != nil {
		return managed.ExternalCreation{}, err
	}
	p := &cr.Spec.ForProvider
	if p.RoleARN == nil {
		return managed.ExternalCreation{}, errors.New("spec.forProvider.roleArn is not set: set it, or reference a Role with roleArnRef or roleArnSelector")
	}
	in := &eks.CreatePodIdentityAssociationInput{ClusterName: cn, Namespace: aws.String(p.Namespace), ServiceAccount: aws.String(p.ServiceAccount),
		RoleArn: p.RoleARN, DisableSessionTags: p.DisableSessionTags, Tags: p.Tags}
	if aws.ToString(p.TargetRoleARN) != "" {
		in.TargetRoleArn = p.TargetRoleARN
	}
	out, err := e.api.CreatePodIdentityAssociation(ctx, in)
	if ekskit.IsInUse(err) {
		// Created before but its ID was not saved: adopt it.
		id, ferr := e.find(ctx, cn, p)
		if ferr != nil || id == "" {
			return managed.ExternalCreation{}, errors.Wrap(err, "cannot create EKS pod identity association: the service account already has one")
		}
		meta.SetExternalName(cr, id)
		return managed.ExternalCreation{}, nil
	}
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create EKS pod identity association")
	}
	if out.Association != nil {
		meta.SetExternalName(cr, aws.ToString(out.Association.AssociationId))
	}
	return managed.ExternalCreation{}, nil
}

// Update syncs tags and makes one UpdatePodIdentityAssociation when the
// role, target role or session tags differ.
func (e *external) Update(ctx context.Context, cr *v1alpha1.PodIdentityAssociation) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("EKS pod identity association")
	}
	cn, err := cluster(cr)
	if err != nil {
		return managed.ExternalUpdate{}, err
	}
	p := &cr.Spec.ForProvider
	if err := ekskit.SyncTags(ctx, e.api, e.observed.AssociationArn, p.Tags, e.observed.Tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the EKS pod identity association")
	}
	d, o := comparable(p, parameters(e.observed))
	d.Tags, o.Tags = nil, nil
	if cmp.Equal(d, o, cmpopts.EquateEmpty()) {
		return managed.ExternalUpdate{}, nil
	}
	in := &eks.UpdatePodIdentityAssociationInput{ClusterName: cn, AssociationId: aws.String(meta.GetExternalName(cr)),
		RoleArn: p.RoleARN, TargetRoleArn: p.TargetRoleARN, DisableSessionTags: p.DisableSessionTags}
	if _, err := e.api.UpdatePodIdentityAssociation(ctx, in); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update EKS pod identity association")
	}
	return managed.ExternalUpdate{}, nil
}

// Delete deletes the association; an already gone one is a success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.PodIdentityAssociation) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	cn, err := cluster(cr)
	if err != nil {
		return managed.ExternalDelete{}, err
	}
	_, err = e.api.DeletePodIdentityAssociation(ctx, &eks.DeletePodIdentityAssociationInput{ClusterName: cn, AssociationId: aws.String(meta.GetExternalName(cr))})
	return managed.ExternalDelete{}, ekskit.DeleteError(err, "pod identity association", "")
}
