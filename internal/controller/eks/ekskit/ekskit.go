// Package ekskit holds what the EKS controllers share: the EKS client, the
// error codes EKS answers with, the Ready condition of a resource from the
// status EKS reports, and the tag codec on tags.Sync. A new EKS kind uses
// NewAPI for its client, IsNotFound and IsInUse for AWS's answers, and
// SyncTags for its tags.
package ekskit

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// The error codes EKS answers with.
const (
	// CodeNotFound: the resource (or the cluster it belongs to) does not
	// exist.
	CodeNotFound = "ResourceNotFoundException"
	// CodeInUse: the resource exists already (create), or is busy with an
	// update or has dependents (delete).
	CodeInUse = "ResourceInUseException"
	// CodeInvalidParameter: EKS refused a parameter of the request.
	CodeInvalidParameter = "InvalidParameterException"
)

// IsNotFound reports whether EKS answered that the resource does not exist.
func IsNotFound(err error) bool { return awserr.IsNotFound(err, CodeNotFound) }

// IsInUse reports whether EKS answered ResourceInUseException.
func IsInUse(err error) bool { return awserr.HasCode(err, CodeInUse) }

// API is the part of the EKS API the EKS controllers call. *eks.Client
// implements it; tests use eksfake.API.
type API interface {
	Tagger
	eksupdate.Describer

	DescribeCluster(ctx context.Context, in *eks.DescribeClusterInput, o ...func(*eks.Options)) (*eks.DescribeClusterOutput, error)
	CreateCluster(ctx context.Context, in *eks.CreateClusterInput, o ...func(*eks.Options)) (*eks.CreateClusterOutput, error)
	DeleteCluster(ctx context.Context, in *eks.DeleteClusterInput, o ...func(*eks.Options)) (*eks.DeleteClusterOutput, error)
	UpdateClusterConfig(ctx context.Context, in *eks.UpdateClusterConfigInput, o ...func(*eks.Options)) (*eks.UpdateClusterConfigOutput, error)
	UpdateClusterVersion(ctx context.Context, in *eks.UpdateClusterVersionInput, o ...func(*eks.Options)) (*eks.UpdateClusterVersionOutput, error)

	ListNodegroups(ctx context.Context, in *eks.ListNodegroupsInput, o ...func(*eks.Options)) (*eks.ListNodegroupsOutput, error)
	DescribeNodegroup(ctx context.Context, in *eks.DescribeNodegroupInput, o ...func(*eks.Options)) (*eks.DescribeNodegroupOutput, error)
	CreateNodegroup(ctx context.Context, in *eks.CreateNodegroupInput, o ...func(*eks.Options)) (*eks.CreateNodegroupOutput, error)
	DeleteNodegroup(ctx context.Context, in *eks.DeleteNodegroupInput, o ...func(*eks.Options)) (*eks.DeleteNodegroupOutput, error)
	UpdateNodegroupConfig(ctx context.Context, in *eks.UpdateNodegroupConfigInput, o ...func(*eks.Options)) (*eks.UpdateNodegroupConfigOutput, error)
	UpdateNodegroupVersion(ctx context.Context, in *eks.UpdateNodegroupVersionInput, o ...func(*eks.Options)) (*eks.UpdateNodegroupVersionOutput, error)

	ListAddons(ctx context.Context, in *eks.ListAddonsInput, o ...func(*eks.Options)) (*eks.ListAddonsOutput, error)
	DescribeAddon(ctx context.Context, in *eks.DescribeAddonInput, o ...func(*eks.Options)) (*eks.DescribeAddonOutput, error)
	CreateAddon(ctx context.Context, in *eks.CreateAddonInput, o ...func(*eks.Options)) (*eks.CreateAddonOutput, error)
	UpdateAddon(ctx context.Context, in *eks.UpdateAddonInput, o ...func(*eks.Options)) (*eks.UpdateAddonOutput, error)
	DeleteAddon(ctx context.Context, in *eks.DeleteAddonInput, o ...func(*eks.Options)) (*eks.DeleteAddonOutput, error)

	DescribeAccessEntry(ctx context.Context, in *eks.DescribeAccessEntryInput, o ...func(*eks.Options)) (*eks.DescribeAccessEntryOutput, error)
	CreateAccessEntry(ctx context.Context, in *eks.CreateAccessEntryInput, o ...func(*eks.Options)) (*eks.CreateAccessEntryOutput, error)
	UpdateAccessEntry(ctx context.Context, in *eks.UpdateAccessEntryInput, o ...func(*eks.Options)) (*eks.UpdateAccessEntryOutput, error)
	DeleteAccessEntry(ctx context.Context, in *eks.DeleteAccessEntryInput, o ...func(*eks.Options)) (*eks.DeleteAccessEntryOutput, error)

	ListAssociatedAccessPolicies(ctx context.Context, in *eks.ListAssociatedAccessPoliciesInput, o ...func(*eks.Options)) (*eks.ListAssociatedAccessPoliciesOutput, error)
	AssociateAccessPolicy(ctx context.Context, in *eks.AssociateAccessPolicyInput, o ...func(*eks.Options)) (*eks.AssociateAccessPolicyOutput, error)
	DisassociateAccessPolicy(ctx context.Context, in *eks.DisassociateAccessPolicyInput, o ...func(*eks.Options)) (*eks.DisassociateAccessPolicyOutput, error)

	DescribePodIdentityAssociation(ctx context.Context, in *eks.DescribePodIdentityAssociationInput, o ...func(*eks.Options)) (*eks.DescribePodIdentityAssociationOutput, error)
	ListPodIdentityAssociations(ctx context.Context, in *eks.ListPodIdentityAssociationsInput, o ...func(*eks.Options)) (*eks.ListPodIdentityAssociationsOutput, error)
	CreatePodIdentityAssociation(ctx context.Context, in *eks.CreatePodIdentityAssociationInput, o ...func(*eks.Options)) (*eks.CreatePodIdentityAssociationOutput, error)
	UpdatePodIdentityAssociation(ctx context.Context, in *eks.UpdatePodIdentityAssociationInput, o ...func(*eks.Options)) (*eks.UpdatePodIdentityAssociationOutput, error)
	DeletePodIdentityAssociation(ctx context.Context, in *eks.DeletePodIdentityAssociationInput, o ...func(*eks.Options)) (*eks.DeletePodIdentityAssociationOutput, error)
}

// Tagger tags EKS resources by ARN.
type Tagger interface {
	TagResource(ctx context.Context, in *eks.TagResourceInput, o ...func(*eks.Options)) (*eks.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *eks.UntagResourceInput, o ...func(*eks.Options)) (*eks.UntagResourceOutput, error)
}

// NewAPI returns the EKS client of a configuration, built once per config
// and shared by every EKS kind.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "eks", func(c *clients.Config) API {
		return newSDKClient(eks.NewFromConfig(c.AWS, func(o *eks.Options) { o.BaseEndpoint = c.BaseEndpoint("eks") }))
	})
}

// Setup adds the controller of an EKS kind to mgr: obj is the kind, region
// the address of its forProvider.region and external builds its client on
// the shared EKS client of the resource's configuration.
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, obj T, region func(T) **string, external func(api API) mr.External[T], extra ...managed.ReconcilerOption) error {
	return mr.Regional(mgr, o, obj, region, NewAPI, func(api API, _ string) mr.External[T] { return external(api) }, extra...)
}

// Found returns the resource a Describe call returned, picked from its
// output by get: nil without an error when EKS answered not found (or
// returned none), and the call's error with context (what, e.g. "node
// group") otherwise.
func Found[O, R any](out *O, err error, what string, get func(*O) *R) (*R, error) {
	if IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, errors.Wrapf(err, "cannot describe EKS %s", what)
	}
	return get(out), nil
}

// SyncTags makes the tags of the EKS resource arn equal desired (see
// tags.Sync: nil desired tags are not managed; the identity tag and aws:*
// tags are never removed).
func SyncTags(ctx context.Context, api Tagger, arn *string, desired, observed map[string]string) error {
	return tags.Sync(desired, observed,
		func(add map[string]string) error {
			_, err := api.TagResource(ctx, &eks.TagResourceInput{ResourceArn: arn, Tags: add})
			return err
		},
		func(keys []string) error {
			_, err := api.UntagResource(ctx, &eks.UntagResourceInput{ResourceArn: arn, TagKeys: keys})
			return err
		})
}

// ClusterName returns the name of the cluster a resource belongs to, or an
// error saying how to set it (a reference that is not resolved yet).
func ClusterName(name *string) (*string, error) {
	if aws.ToString(name) == "" {
		return nil, errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector")
	}
	return name, nil
}

// AccessEntryID returns the cluster and the principal that identify an
// access entry (and its access policy associations), or an error saying
// which is not set and how to set it.
func AccessEntryID(cluster, principal *string) (*string, *string, error) {
	if _, err := ClusterName(cluster); err != nil {
		return nil, nil, err
	}
	if aws.ToString(principal) == "" {
		return nil, nil, errors.New("spec.forProvider.principalArn is not set: set it, or reference a Role with principalArnRef or principalArnSelector")
	}
	return cluster, principal, nil
}

// SetExternalName sets the external name of a resource EKS identifies by
// its parameters (e.g. "<clusterName>/<addonName>") and reports whether it
// changed, so an adopted or renamed resource's annotation is saved.
func SetExternalName(mg resource.Object, name string) bool {
	if meta.GetExternalName(mg) == name {
		return false
	}
	meta.SetExternalName(mg, name)
	return true
}

// The statuses EKS reports for clusters, node groups and add-ons alike.
const (
	StatusActive   = "ACTIVE"
	StatusCreating = "CREATING"
	StatusPending  = "PENDING"
	StatusDeleting = "DELETING"
	StatusUpdating = "UPDATING"
)

// SetReady sets the Ready condition of a cluster, node group or add-on
// (what) from the status EKS reports: Available when ACTIVE, Creating while
// CREATING (or PENDING), Deleting while DELETING, Updating while UPDATING
// (naming the provider's update, last, when it sent it), else Unavailable
// naming the status.
func SetReady(cr resource.Conditioned, what, status string, last *v1alpha1.LastUpdate) {
	switch status {
	case StatusActive:
		cr.SetConditions(xpv2.Available())
	case StatusCreating, StatusPending:
		cr.SetConditions(xpv2.Creating())
	case StatusDeleting:
		cr.SetConditions(xpv2.Deleting())
	case StatusUpdating:
		cr.SetConditions(eksupdate.InProgress(what, last))
	default:
		cr.SetConditions(xpv2.Unavailable().WithMessage(fmt.Sprintf("EKS %s status is %s", what, status)))
	}
}

// DeleteError is the result of deleting an EKS resource (what, e.g. "node
// group"): nil when it is deleted or gone; when why is set (e.g. "an update
// is in progress") and EKS reports the resource busy, an error saying why
// and that the deletion is retried; else err with context.
func DeleteError(err error, what, why string) error {
	switch {
	case err == nil, IsNotFound(err):
		return nil
	case why != "" && IsInUse(err):
		return errors.Wrapf(err, "cannot delete EKS %s yet (%s); the deletion is retried", what, why)
	default:
		return errors.Wrapf(err, "cannot delete EKS %s", what)
	}
}
