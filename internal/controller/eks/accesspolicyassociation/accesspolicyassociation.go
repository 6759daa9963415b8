// Package accesspolicyassociation is the controller of the EKS
// AccessPolicyAssociation managed resource.
package accesspolicyassociation

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

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the AccessPolicyAssociation controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ekskit.Setup(mgr, o, &v1alpha1.AccessPolicyAssociation{},
		func(a *v1alpha1.AccessPolicyAssociation) **string { return &a.Spec.ForProvider.Region },
		func(api ekskit.API) mr.External[*v1alpha1.AccessPolicyAssociation] { return &external{api: api} })
}

// external reconciles one AccessPolicyAssociation with EKS.
type external struct {
	api ekskit.API
}

// externalName is "<clusterName>/<principalArn>/<policyArn>".
func externalName(cr *v1alpha1.AccessPolicyAssociation) string {
	p := &cr.Spec.ForProvider
	return aws.ToString(p.ClusterName) + "/" + aws.ToString(p.PrincipalARN) + "/" + p.PolicyARN
}

func ids(cr *v1alpha1.AccessPolicyAssociation) (*string, *string, error) {
	return ekskit.AccessEntryID(cr.Spec.ForProvider.ClusterName, cr.Spec.ForProvider.PrincipalARN)
}

// Observe lists the policies associated with the access entry and finds
// this one. A missing access entry means the association does not exist.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.AccessPolicyAssociation) (managed.ExternalObservation, error) {
	cn, pa, err := ids(cr)
	if err != nil {
		return managed.ExternalObservation{}, err
	}
	p := &cr.Spec.ForProvider
	var found *types.AssociatedAccessPolicy
	in := &eks.ListAssociatedAccessPoliciesInput{ClusterName: cn, PrincipalArn: pa}
	for found == nil {
		out, err := e.api.ListAssociatedAccessPolicies(ctx, in)
		if ekskit.IsNotFound(err) {
			return managed.ExternalObservation{ResourceExists: false}, nil
		}
		if err != nil {
			return managed.ExternalObservation{}, errors.Wrap(err, "cannot list the access policies of the EKS access entry")
		}
		for i := range out.AssociatedAccessPolicies {
			if aws.ToString(out.AssociatedAccessPolicies[i].PolicyArn) == p.PolicyARN {
				found = &out.AssociatedAccessPolicies[i]
			}
		}
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	if found == nil {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	cr.Status.AtProvider = v1alpha1.AccessPolicyAssociationObservation{}
	if found.AssociatedAt != nil {
		cr.Status.AtProvider.AssociatedAt = found.AssociatedAt.UTC().Format(time.RFC3339)
	}
	cr.SetConditions(xpv2.Available())
	li := ekskit.SetExternalName(cr, externalName(cr))
	o := v1alpha1.AccessScope{}
	if s := found.AccessScope; s != nil {
		o = v1alpha1.AccessScope{Type: string(s.Type), Namespaces: s.Namespaces}
	}
	diff := cmp.Diff(o, p.AccessScope, cmpopts.EquateEmpty(), cmpopts.SortSlices(func(a, b string) bool { return a < b }))
	return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}, nil
}

func (e *external) associate(ctx context.Context, cr *v1alpha1.AccessPolicyAssociation) error {
	cn, pa, err := ids(cr)
	if err != nil {
		return err
	}
	s := cr.Spec.ForProvider.AccessScope
	_, err = e.api.AssociateAccessPolicy(ctx, &eks.AssociateAccessPolicyInput{ClusterName: cn, PrincipalArn: pa, PolicyArn: aws.String(cr.Spec.ForProvider.PolicyARN),
		AccessScope: &types.AccessScope{Type: types.AccessScopeType(s.Type), Namespaces: s.Namespaces}})
	if ekskit.IsNotFound(err) {
		return errors.Wrap(err, "cannot associate the access policy: the access entry of the principal does not exist yet (create an AccessEntry); retried")
	}
	return errors.Wrap(err, "cannot associate the access policy with the EKS access entry")
}

// Create associates the policy and sets the external name.
func (e *external) Create(ctx context.Context, cr *v1alpha1.AccessPolicyAssociation) (managed.ExternalCreation, error) {
	if err := e.associate(ctx, cr); err != nil {
		return managed.ExternalCreation{}, err
	}
	meta.SetExternalName(cr, externalName(cr))
	return managed.ExternalCreation{}, nil
}

// Update associates the policy again with the desired scope (EKS replaces
// the scope).
func (e *external) Update(ctx context.Context, cr *v1alpha1.AccessPolicyAssociation) (managed.ExternalUpdate, error) {
	return managed.ExternalUpdate{}, e.associate(ctx, cr)
}

// Delete disassociates the policy; an already gone one is a success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.AccessPolicyAssociation) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	cn, pa, err := ids(cr)
	if err != nil {
		return managed.ExternalDelete{}, err
	}
	_, err = e.api.DisassociateAccessPolicy(ctx, &eks.DisassociateAccessPolicyInput{ClusterName: cn, PrincipalArn: pa, PolicyArn: aws.String(cr.Spec.ForProvider.PolicyARN)})
	if err != nil && !ekskit.IsNotFound(err) {
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot disassociate the access policy from the EKS access entry")
	}
	return managed.ExternalDelete{}, nil
}
