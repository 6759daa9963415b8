// Package eksfake is the recording fake of the EKS API for the unit tests
// of the EKS controllers: one method per operation the kinds call, each
// answered by the embedded awsfake.Recorder (whose Check, CheckCalls and
// Sent the tests use).
package eksfake

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
)

// API answers every EKS operation from the Recorder's Out and Errs, keyed by
// operation name (e.g. "DescribeCluster"), and records the calls.
type API struct{ awsfake.Recorder }

var _ ekskit.API = &API{}

// New returns a fake that answers with out and errs, keyed by operation
// (either may be nil).
func New(out map[string]any, errs map[string]error) *API {
	return &API{Recorder: awsfake.Recorder{Out: out, Errs: errs}}
}

// AssociateAccessPolicy records the call and answers it.
func (a *API) AssociateAccessPolicy(_ context.Context, in *eks.AssociateAccessPolicyInput, _ ...func(*eks.Options)) (*eks.AssociateAccessPolicyOutput, error) {
	return awsfake.Call[eks.AssociateAccessPolicyOutput](&a.Recorder, "AssociateAccessPolicy", in)
}

// CreateAccessEntry records the call and answers it.
func (a *API) CreateAccessEntry(_ context.Context, in *eks.CreateAccessEntryInput, _ ...func(*eks.Options)) (*eks.CreateAccessEntryOutput, error) {
	return awsfake.Call[eks.CreateAccessEntryOutput](&a.Recorder, "CreateAccessEntry", in)
}

// CreateAddon records the call and answers it.
func (a *API) CreateAddon(_ context.Context, in *eks.CreateAddonInput, _ ...func(*eks.Options)) (*eks.CreateAddonOutput, error) {
	return awsfake.Call[eks.CreateAddonOutput](&a.Recorder, "CreateAddon", in)
}

// CreateCluster records the call and answers it.
func (a *API) CreateCluster(_ context.Context, in *eks.CreateClusterInput, _ ...func(*eks.Options)) (*eks.CreateClusterOutput, error) {
	return awsfake.Call[eks.CreateClusterOutput](&a.Recorder, "CreateCluster", in)
}

// CreateNodegroup records the call and answers it.
func (a *API) CreateNodegroup(_ context.Context, in *eks.CreateNodegroupInput, _ ...func(*eks.Options)) (*eks.CreateNodegroupOutput, error) {
	return awsfake.Call[eks.CreateNodegroupOutput](&a.Recorder, "CreateNodegroup", in)
}

// CreatePodIdentityAssociation records the call and answers it.
func (a *API) CreatePodIdentityAssociation(_ context.Context, in *eks.CreatePodIdentityAssociationInput, _ ...func(*eks.Options)) (*eks.CreatePodIdentityAssociationOutput, error) {
	return awsfake.Call[eks.CreatePodIdentityAssociationOutput](&a.Recorder, "CreatePodIdentityAssociation", in)
}

// DeleteAccessEntry records the call and answers it.
func (a *API) DeleteAccessEntry(_ context.Context, in *eks.DeleteAccessEntryInput, _ ...func(*eks.Options)) (*eks.DeleteAccessEntryOutput, error) {
	return awsfake.Call[eks.DeleteAccessEntryOutput](&a.Recorder, "DeleteAccessEntry", in)
}

// DeleteAddon records the call and answers it.
func (a *API) DeleteAddon(_ context.Context, in *eks.DeleteAddonInput, _ ...func(*eks.Options)) (*eks.DeleteAddonOutput, error) {
	return awsfake.Call[eks.DeleteAddonOutput](&a.Recorder, "DeleteAddon", in)
}

// DeleteCluster records the call and answers it.
func (a *API) DeleteCluster(_ context.Context, in *eks.DeleteClusterInput, _ ...func(*eks.Options)) (*eks.DeleteClusterOutput, error) {
	return awsfake.Call[eks.DeleteClusterOutput](&a.Recorder, "DeleteCluster", in)
}

// DeleteNodegroup records the call and answers it.
func (a *API) DeleteNodegroup(_ context.Context, in *eks.DeleteNodegroupInput, _ ...func(*eks.Options)) (*eks.DeleteNodegroupOutput, error) {
	return awsfake.Call[eks.DeleteNodegroupOutput](&a.Recorder, "DeleteNodegroup", in)
}

// DeletePodIdentityAssociation records the call and answers it.
func (a *API) DeletePodIdentityAssociation(_ context.Context, in *eks.DeletePodIdentityAssociationInput, _ ...func(*eks.Options)) (*eks.DeletePodIdentityAssociationOutput, error) {
	return awsfake.Call[eks.DeletePodIdentityAssociationOutput](&a.Recorder, "DeletePodIdentityAssociation", in)
}

// DescribeAccessEntry records the call and answers it.
func (a *API) DescribeAccessEntry(_ context.Context, in *eks.DescribeAccessEntryInput, _ ...func(*eks.Options)) (*eks.DescribeAccessEntryOutput, error) {
	return awsfake.Call[eks.DescribeAccessEntryOutput](&a.Recorder, "DescribeAccessEntry", in)
}

// DescribeAddon records the call and answers it.
func (a *API) DescribeAddon(_ context.Context, in *eks.DescribeAddonInput, _ ...func(*eks.Options)) (*eks.DescribeAddonOutput, error) {
	return awsfake.Call[eks.DescribeAddonOutput](&a.Recorder, "DescribeAddon", in)
}

// DescribeCluster records the call and answers it.
func (a *API) DescribeCluster(_ context.Context, in *eks.DescribeClusterInput, _ ...func(*eks.Options)) (*eks.DescribeClusterOutput, error) {
	return awsfake.Call[eks.DescribeClusterOutput](&a.Recorder, "DescribeCluster", in)
}

// DescribeNodegroup records the call and answers it.
func (a *API) DescribeNodegroup(_ context.Context, in *eks.DescribeNodegroupInput, _ ...func(*eks.Options)) (*eks.DescribeNodegroupOutput, error) {
	return awsfake.Call[eks.DescribeNodegroupOutput](&a.Recorder, "DescribeNodegroup", in)
}

// DescribePodIdentityAssociation records the call and answers it.
func (a *API) DescribePodIdentityAssociation(_ context.Context, in *eks.DescribePodIdentityAssociationInput, _ ...func(*eks.Options)) (*eks.DescribePodIdentityAssociationOutput, error) {
	return awsfake.Call[eks.DescribePodIdentityAssociationOutput](&a.Recorder, "DescribePodIdentityAssociation", in)
}

// DescribeUpdate records the call and answers it.
func (a *API) DescribeUpdate(_ context.Context, in *eks.DescribeUpdateInput, _ ...func(*eks.Options)) (*eks.DescribeUpdateOutput, error) {
	return awsfake.Call[eks.DescribeUpdateOutput](&a.Recorder, "DescribeUpdate", in)
}

// DisassociateAccessPolicy records the call and answers it.
func (a *API) DisassociateAccessPolicy(_ context.Context, in *eks.DisassociateAccessPolicyInput, _ ...func(*eks.Options)) (*eks.DisassociateAccessPolicyOutput, error) {
	return awsfake.Call[eks.DisassociateAccessPolicyOutput](&a.Recorder, "DisassociateAccessPolicy", in)
}

// ListAddons records the call and answers it.
func (a *API) ListAddons(_ context.Context, in *eks.ListAddonsInput, _ ...func(*eks.Options)) (*eks.ListAddonsOutput, error) {
	return awsfake.Call[eks.ListAddonsOutput](&a.Recorder, "ListAddons", in)
}

// ListAssociatedAccessPolicies records the call and answers it.
func (a *API) ListAssociatedAccessPolicies(_ context.Context, in *eks.ListAssociatedAccessPoliciesInput, _ ...func(*eks.Options)) (*eks.ListAssociatedAccessPoliciesOutput, error) {
	return awsfake.Call[eks.ListAssociatedAccessPoliciesOutput](&a.Recorder, "ListAssociatedAccessPolicies", in)
}

// ListNodegroups records the call and answers it.
func (a *API) ListNodegroups(_ context.Context, in *eks.ListNodegroupsInput, _ ...func(*eks.Options)) (*eks.ListNodegroupsOutput, error) {
	return awsfake.Call[eks.ListNodegroupsOutput](&a.Recorder, "ListNodegroups", in)
}

// ListPodIdentityAssociations records the call and answers it.
func (a *API) ListPodIdentityAssociations(_ context.Context, in *eks.ListPodIdentityAssociationsInput, _ ...func(*eks.Options)) (*eks.ListPodIdentityAssociationsOutput, error) {
	return awsfake.Call[eks.ListPodIdentityAssociationsOutput](&a.Recorder, "ListPodIdentityAssociations", in)
}

// TagResource records the call and answers it.
func (a *API) TagResource(_ context.Context, in *eks.TagResourceInput, _ ...func(*eks.Options)) (*eks.TagResourceOutput, error) {
	return awsfake.Call[eks.TagResourceOutput](&a.Recorder, "TagResource", in)
}

// UntagResource records the call and answers it.
func (a *API) UntagResource(_ context.Context, in *eks.UntagResourceInput, _ ...func(*eks.Options)) (*eks.UntagResourceOutput, error) {
	return awsfake.Call[eks.UntagResourceOutput](&a.Recorder, "UntagResource", in)
}

// UpdateAccessEntry records the call and answers it.
func (a *API) UpdateAccessEntry(_ context.Context, in *eks.UpdateAccessEntryInput, _ ...func(*eks.Options)) (*eks.UpdateAccessEntryOutput, error) {
	return awsfake.Call[eks.UpdateAccessEntryOutput](&a.Recorder, "UpdateAccessEntry", in)
}

// UpdateAddon records the call and answers it.
func (a *API) UpdateAddon(_ context.Context, in *eks.UpdateAddonInput, _ ...func(*eks.Options)) (*eks.UpdateAddonOutput, error) {
	return awsfake.Call[eks.UpdateAddonOutput](&a.Recorder, "UpdateAddon", in)
}

// UpdateClusterConfig records the call and answers it.
func (a *API) UpdateClusterConfig(_ context.Context, in *eks.UpdateClusterConfigInput, _ ...func(*eks.Options)) (*eks.UpdateClusterConfigOutput, error) {
	return awsfake.Call[eks.UpdateClusterConfigOutput](&a.Recorder, "UpdateClusterConfig", in)
}

// UpdateClusterVersion records the call and answers it.
func (a *API) UpdateClusterVersion(_ context.Context, in *eks.UpdateClusterVersionInput, _ ...func(*eks.Options)) (*eks.UpdateClusterVersionOutput, error) {
	return awsfake.Call[eks.UpdateClusterVersionOutput](&a.Recorder, "UpdateClusterVersion", in)
}

// UpdateNodegroupConfig records the call and answers it.
func (a *API) UpdateNodegroupConfig(_ context.Context, in *eks.UpdateNodegroupConfigInput, _ ...func(*eks.Options)) (*eks.UpdateNodegroupConfigOutput, error) {
	return awsfake.Call[eks.UpdateNodegroupConfigOutput](&a.Recorder, "UpdateNodegroupConfig", in)
}

// UpdateNodegroupVersion records the call and answers it.
func (a *API) UpdateNodegroupVersion(_ context.Context, in *eks.UpdateNodegroupVersionInput, _ ...func(*eks.Options)) (*eks.UpdateNodegroupVersionOutput, error) {
	return awsfake.Call[eks.UpdateNodegroupVersionOutput](&a.Recorder, "UpdateNodegroupVersion", in)
}

// UpdatePodIdentityAssociation records the call and answers it.
func (a *API) UpdatePodIdentityAssociation(_ context.Context, in *eks.UpdatePodIdentityAssociationInput, _ ...func(*eks.Options)) (*eks.UpdatePodIdentityAssociationOutput, error) {
	return awsfake.Call[eks.UpdatePodIdentityAssociationOutput](&a.Recorder, "UpdatePodIdentityAssociation", in)
}
