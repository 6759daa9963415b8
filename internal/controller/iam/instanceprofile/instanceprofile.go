// Package instanceprofile is the controller of the IAM InstanceProfile
// managed resource.
package instanceprofile

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/iam/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamutil"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the InstanceProfile controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return mr.Setup(mgr, o, mr.Kind[*v1alpha1.InstanceProfile]{
		GroupVersionKind: v1alpha1.InstanceProfileGroupVersionKind,
		Object:           &v1alpha1.InstanceProfile{},
		List:             &v1alpha1.InstanceProfileList{},
		Connector: &mr.Connector[*v1alpha1.InstanceProfile]{
			Configs: mr.SharedConfigs(mgr),
			// IAM is global: the ProviderConfig's region only signs requests.
			Region: nil,
			NewClient: func(cfg *clients.Config, _ *v1alpha1.InstanceProfile) managed.TypedExternalClient[*v1alpha1.InstanceProfile] {
				return &external{api: NewAPI(cfg)}
			},
		},
	},
		managed.WithCreationGracePeriod(2*time.Second),
	)
}

// external reconciles one InstanceProfile with IAM.
type external struct {
	api API

	observed *v1alpha1.InstanceProfileParameters
}

// Observe reads the instance profile with GetInstanceProfile.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.InstanceProfile) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	out, err := e.api.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
	if iamutil.IsNotFound(err) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot get IAM instance profile")
	}
	ip := out.InstanceProfile
	p := &cr.Spec.ForProvider
	if p.Path != nil && ip.Path != nil && *p.Path != *ip.Path {
		return managed.ExternalObservation{}, errors.Errorf("instance profile %q has path %s in AWS, not %s: path is immutable, set spec.forProvider.path to %s (or create a new InstanceProfile)", name, *ip.Path, *p.Path, *ip.Path)
	}
	o := &v1alpha1.InstanceProfileParameters{Path: ip.Path, Tags: iamutil.FromTags(ip.Tags), RoleName: aws.String(roleOf(ip.Roles))}
	e.observed = o

	cr.Status.AtProvider = v1alpha1.InstanceProfileObservation{ARN: aws.ToString(ip.Arn), InstanceProfileID: aws.ToString(ip.InstanceProfileId)}
	if ip.CreateDate != nil {
		cr.Status.AtProvider.CreateDate = ip.CreateDate.UTC().Format(time.RFC3339)
	}
	cr.SetConditions(xpv2.Available())

	li := lateInitialize(p, o)
	diff := compare(p, o)
	return managed.ExternalObservation{
		ResourceExists:          true,
		ResourceUpToDate:        diff == "",
		ResourceLateInitialized: li,
		Diff:                    diff,
	}, nil
}

// roleOf returns the name of the role of an instance profile, or "".
func roleOf(rs []types.Role) string {
	if len(rs) == 0 {
		return ""
	}
	return aws.ToString(rs[0].RoleName)
}

func lateInitialize(p, o *v1alpha1.InstanceProfileParameters) bool {
	changed := false
	if p.Path == nil && o.Path != nil {
		p.Path, changed = aws.String(*o.Path), true
	}
	if p.RoleName == nil && aws.ToString(o.RoleName) != "" {
		p.RoleName, changed = aws.String(*o.RoleName), true
	}
	if p.Tags == nil && len(o.Tags) > 0 {
		p.Tags, changed = o.Tags, true
	}
	return changed
}

func comparable(desired, observed *v1alpha1.InstanceProfileParameters) (*v1alpha1.InstanceProfileParameters, *v1alpha1.InstanceProfileParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	d.RoleNameRef, d.RoleNameSelector = nil, nil
	if d.Path == nil {
		o.Path = nil
	}
	if d.RoleName == nil {
		o.RoleName = nil
	}
	if d.Tags == nil || tags.Equal(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

func compare(desired, observed *v1alpha1.InstanceProfileParameters) string {
	d, o := comparable(desired, observed)
	return cmp.Diff(o, d, cmpopts.EquateEmpty())
}

// Create creates the instance profile and adds its role.
func (e *external) Create(ctx context.Context, cr *v1alpha1.InstanceProfile) (managed.ExternalCreation, error) {
	name := meta.GetExternalName(cr)
	p := &cr.Spec.ForProvider
	_, err := e.api.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(name), Path: p.Path, Tags: iamutil.Tags(p.Tags)})
	if awserr.HasCode(err, "EntityAlreadyExists") {
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
		if _, err := e.Observe(ctx, cr); err != nil {
			return managed.ExternalUpdate{}, err
		}
		if e.observed == nil {
			return managed.ExternalUpdate{}, errors.Errorf("IAM instance profile %q does not exist", name)
		}
	}
	p := &cr.Spec.ForProvider
	n := aws.String(name)
	if want, have := aws.ToString(p.RoleName), aws.ToString(e.observed.RoleName); p.RoleName != nil && want != have {
		if have != "" {
			if _, err := e.api.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: n, RoleName: aws.String(have)}); err != nil && !iamutil.IsNotFound(err) {
				return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot remove role %s from the IAM instance profile", have)
			}
		}
		if want != "" {
			if _, err := e.api.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: n, RoleName: aws.String(want)}); err != nil {
				return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot add role %s to the IAM instance profile", want)
			}
		}
	}
	if p.Tags != nil {
		add, remove := tags.Diff(p.Tags, e.observed.Tags)
		if len(remove) > 0 {
			if _, err := e.api.UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: n, TagKeys: remove}); err != nil {
				return managed.ExternalUpdate{}, errors.Wrap(err, "cannot remove tags of the IAM instance profile")
			}
		}
		if len(add) > 0 {
			if _, err := e.api.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: n, Tags: iamutil.Tags(add)}); err != nil {
				return managed.ExternalUpdate{}, errors.Wrap(err, "cannot tag the IAM instance profile")
			}
		}
	}
	return managed.ExternalUpdate{}, nil
}

// Delete removes the role (AWS refuses to delete an instance profile that
// holds one), then deletes the instance profile. Already gone is success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.InstanceProfile) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	n := aws.String(meta.GetExternalName(cr))
	if e.observed != nil {
		if r := aws.ToString(e.observed.RoleName); r != "" {
			_, err := e.api.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: n, RoleName: aws.String(r)})
			if err != nil && !iamutil.IsNotFound(err) {
				return managed.ExternalDelete{}, errors.Wrapf(err, "cannot remove role %s from the IAM instance profile", r)
			}
		}
	}
	_, err := e.api.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: n})
	switch {
	case err == nil, iamutil.IsNotFound(err):
		return managed.ExternalDelete{}, nil
	case awserr.HasCode(err, iamutil.CodeDeleteConflict):
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete IAM instance profile: it still holds a role (removed on the next attempt) or is associated with an EC2 instance; the deletion is retried")
	default:
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete IAM instance profile")
	}
}

// Disconnect implements managed.TypedExternalClient.
func (e *external) Disconnect(_ context.Context) error { return nil }
