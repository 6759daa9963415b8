// Package instanceprofile is the controller of the IAM InstanceProfile
// managed resource.
package instanceprofile

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/iam/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the InstanceProfile controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return iamkit.Setup(mgr, o, &v1alpha1.InstanceProfile{}, func(api iamkit.API) mr.External[*v1alpha1.InstanceProfile] { return &external{api: api} })
}

// external reconciles one InstanceProfile with IAM.
type external struct {
	api iamkit.API

	observed *v1alpha1.InstanceProfileParameters
}

// Observe reads the instance profile with GetInstanceProfile.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.InstanceProfile) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	out, err := e.api.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
	if iamkit.IsNotFound(err) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot get IAM instance profile")
	}
	ip := out.InstanceProfile
	p := &cr.Spec.ForProvider
	if err := iamkit.CheckPath("instance profile", name, "InstanceProfile", p.Path, ip.Path); err != nil {
		return managed.ExternalObservation{}, err
	}
	o := &v1alpha1.InstanceProfileParameters{Path: ip.Path, Tags: iamkit.FromTags(ip.Tags), RoleName: aws.String(roleOf(ip.Roles))}
	e.observed = o

	cr.Status.AtProvider = v1alpha1.InstanceProfileObservation{ARN: aws.ToString(ip.Arn), InstanceProfileID: aws.ToString(ip.InstanceProfileId), CreateDate: iamkit.Date(ip.CreateDate)}
	cr.SetConditions(xpv2.Available())

	li := lateInitialize(p, o)
	diff := iamkit.Diff(comparable(p, o))
	return iamkit.Observed(diff, li), nil
}

// roleOf returns the name of the role of an instance profile, or "".
func roleOf(rs []types.Role) string {
	if len(rs) == 0 {
		return ""
	}
	return aws.ToString(rs[0].RoleName)
}

// lateInitialize copies what AWS has into the fields the user left unset.
func lateInitialize(p, o *v1alpha1.InstanceProfileParameters) bool {
	return lateinit.Any(
		lateinit.Ptr(&p.Path, o.Path),
		lateinit.Ptr(&p.RoleName, lateinit.NonZero(o.RoleName)),
		lateinit.Map(&p.Tags, tags.User(o.Tags)),
	)
}

func comparable(desired, observed *v1alpha1.InstanceProfileParameters) (*v1alpha1.InstanceProfileParameters, *v1alpha1.InstanceProfileParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	d.RoleNameRef, d.RoleNameSelector = nil, nil
	lateinit.Unmanaged(&o.Path, d.Path == nil)
	lateinit.Unmanaged(&o.RoleName, d.RoleName == nil)
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

// Create creates the instance profile and adds its role.
func (e *external) Create(ctx context.Context, cr *v1alpha1.InstanceProfile) (managed.ExternalCreation, error) {
	name := meta.GetExternalName(cr)
	p := &cr.Spec.ForProvider
	_, err := e.api.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(name), Path: p.Path, Tags: iamkit.Tags(p.Tags)})
	if iamkit.IsAlreadyExists(err) {
		// A retried create: the next observation reconciles the rest.
		return managed.ExternalCreation{}, nil
	}
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create IAM instance profile")
	}
	if r := aws.ToString(p.RoleName); r != "" {
		if _, err := e.api.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(name), RoleName: aws.String(r)}); err != nil {
			return managed.ExternalCreation{}, errors.Wrapf(err, "cannot add role %s to the IAM instance profile", r)
		}
	}
	return managed.ExternalCreation{}, nil
}

// Update replaces the role and syncs tags.
func (e *external) Update(ctx context.Context, cr *v1alpha1.InstanceProfile) (managed.ExternalUpdate, error) {
	name := meta.GetExternalName(cr)
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("IAM instance profile")
	}
	p := &cr.Spec.ForProvider
	n := aws.String(name)
	if want, have := aws.ToString(p.RoleName), aws.ToString(e.observed.RoleName); p.RoleName != nil && want != have {
		if have != "" {
			if _, err := e.api.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: n, RoleName: aws.String(have)}); err != nil && !iamkit.IsNotFound(err) {
				return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot remove role %s from the IAM instance profile", have)
			}
		}
		if want != "" {
			if _, err := e.api.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: n, RoleName: aws.String(want)}); err != nil {
				return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot add role %s to the IAM instance profile", want)
			}
		}
	}
	err := iamkit.SyncTags(p.Tags, e.observed.Tags, func(ts []types.Tag) error {
		_, err := e.api.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: n, Tags: ts})
		return err
	}, func(keys []string) error {
		_, err := e.api.UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: n, TagKeys: keys})
		return err
	})
	return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the IAM instance profile")
}

// Delete removes the role (AWS refuses to delete an instance profile that
// holds one), then deletes the instance profile. Already gone is success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.InstanceProfile) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	n := aws.String(meta.GetExternalName(cr))
	if e.observed != nil {
		if r := aws.ToString(e.observed.RoleName); r != "" {
			_, err := e.api.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: n, RoleName: aws.String(r)})
			if err != nil && !iamkit.IsNotFound(err) {
				return managed.ExternalDelete{}, errors.Wrapf(err, "cannot remove role %s from the IAM instance profile", r)
			}
		}
	}
	_, err := e.api.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: n})
	switch {
	case err == nil, iamkit.IsNotFound(err):
		return managed.ExternalDelete{}, nil
	case iamkit.IsDeleteConflict(err):
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete IAM instance profile: it still holds a role (removed on the next attempt) or is associated with an EC2 instance; the deletion is retried")
	default:
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete IAM instance profile")
	}
}
