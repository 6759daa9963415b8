// Package rolepolicyattachment is the controller of the IAM
// RolePolicyAttachment managed resource.
package rolepolicyattachment

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/iam/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the RolePolicyAttachment controller to mgr. Its external name is "<roleName>/<policyArn>",
// set by Create (not metadata.name), and Observe finds an attachment by its
// spec without one, so a create that did not record it is safe to follow up.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return iamkit.Setup(mgr, o, &v1alpha1.RolePolicyAttachment{}, func(api iamkit.API) mr.External[*v1alpha1.RolePolicyAttachment] { return &external{api: api} }, mr.AssignedID(iamkit.CreationGracePeriod)...)
}

// ExternalName returns the external name of the attachment of a policy to
// a role: "<roleName>/<policyArn>".
func ExternalName(role, policyARN string) string { return role + "/" + policyARN }

// ParseExternalName splits an external name into role name and policy ARN.
// Role names cannot hold a slash, so the first one separates them.
func ParseExternalName(n string) (role, policyARN string, ok bool) {
	role, policyARN, ok = strings.Cut(n, "/")
	return role, policyARN, ok && role != "" && strings.HasPrefix(policyARN, "arn:")
}

// external reconciles one RolePolicyAttachment with IAM.
type external struct {
	api iamkit.API
}

// target returns the role and policy of the attachment: from the external
// name when set, else from the spec.
func target(cr *v1alpha1.RolePolicyAttachment) (role, policyARN string, err error) {
	if n := meta.GetExternalName(cr); n != "" {
		r, p, ok := ParseExternalName(n)
		if !ok {
			return "", "", errors.Errorf("external name %q is not <roleName>/<policyArn>: fix the crossplane.io/external-name annotation, or remove it", n)
		}
		return r, p, nil
	}
	return aws.ToString(cr.Spec.ForProvider.RoleName), aws.ToString(cr.Spec.ForProvider.PolicyARN), nil
}

// Observe lists the managed policies attached to the role.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.RolePolicyAttachment) (managed.ExternalObservation, error) {
	role, arn, err := target(cr)
	if err != nil {
		return managed.ExternalObservation{}, err
	}
	if role == "" || arn == "" {
		return managed.ExternalObservation{}, errors.New("spec.forProvider.roleName and spec.forProvider.policyArn must be set (directly or by reference)")
	}
	in := &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)}
	for {
		out, err := e.api.ListAttachedRolePolicies(ctx, in)
		if iamkit.IsNotFound(err) {
			return managed.ExternalObservation{ResourceExists: false}, nil
		}
		if err != nil {
			return managed.ExternalObservation{}, errors.Wrap(err, "cannot list the policies attached to the IAM role")
		}
		for _, ap := range out.AttachedPolicies {
			if aws.ToString(ap.PolicyArn) != arn {
				continue
			}
			cr.Status.AtProvider.PolicyName = aws.ToString(ap.PolicyName)
			cr.SetConditions(xpv2.Available())
			li := false
			if meta.GetExternalName(cr) == "" {
				// Adopted: record the external name.
				meta.SetExternalName(cr, ExternalName(role, arn))
				li = true
			}
			return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: li}, nil
		}
		if !out.IsTruncated || out.Marker == nil {
			return managed.ExternalObservation{ResourceExists: false}, nil
		}
		in.Marker = out.Marker
	}
}

// Create attaches the policy to the role and records the external name.
func (e *external) Create(ctx context.Context, cr *v1alpha1.RolePolicyAttachment) (managed.ExternalCreation, error) {
	role, arn, err := target(cr)
	if err != nil {
		return managed.ExternalCreation{}, err
	}
	if _, err := e.api.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(arn)}); err != nil {
		return managed.ExternalCreation{}, errors.Wrapf(err, "cannot attach policy %s to IAM role %s", arn, role)
	}
	meta.SetExternalName(cr, ExternalName(role, arn))
	return managed.ExternalCreation{}, nil
}

// Update does nothing: both fields are immutable.
func (e *external) Update(_ context.Context, _ *v1alpha1.RolePolicyAttachment) (managed.ExternalUpdate, error) {
	return managed.ExternalUpdate{}, nil
}

// Delete detaches the policy; an attachment, role or policy already gone
// is success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.RolePolicyAttachment) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	role, arn, err := target(cr)
	if err != nil {
		return managed.ExternalDelete{}, err
	}
	_, err = e.api.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(arn)})
	if err != nil && !iamkit.IsNotFound(err) {
		return managed.ExternalDelete{}, errors.Wrapf(err, "cannot detach policy %s from IAM role %s", arn, role)
	}
	return managed.ExternalDelete{}, nil
}
