// Package role is the controller of the IAM Role managed resource.
package role

import (
	"context"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/iam/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the Role controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return iamkit.Setup(mgr, o, &v1alpha1.Role{}, func(api iamkit.API) mr.External[*v1alpha1.Role] { return &external{api: api} })
}

// external reconciles one Role with IAM. It lives for one reconcile.
type external struct {
	api iamkit.API

	// observed is what Observe read, so Update writes only what differs.
	observed *v1alpha1.RoleParameters
}

// Observe reads the role with GetRole and, when the spec manages inline
// policies, lists and reads them.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Role) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalObservation{}, err
	}
	out, err := e.api.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if iamkit.IsNotFound(err) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot get IAM role")
	}
	r := out.Role
	o := &v1alpha1.RoleParameters{
		AssumeRolePolicy:    iamkit.DecodeDocument(aws.ToString(r.AssumeRolePolicyDocument)),
		Description:         aws.String(aws.ToString(r.Description)),
		MaxSessionDuration:  r.MaxSessionDuration,
		Path:                r.Path,
		PermissionsBoundary: aws.String(""),
		Tags:                iamkit.FromTags(r.Tags),
	}
	if r.PermissionsBoundary != nil {
		o.PermissionsBoundary = aws.String(aws.ToString(r.PermissionsBoundary.PermissionsBoundaryArn))
	}
	if p.InlinePolicies != nil {
		if o.InlinePolicies, err = e.inlinePolicies(ctx, name); err != nil {
			return managed.ExternalObservation{}, err
		}
	}
	if err := iamkit.CheckPath("role", name, "Role", p.Path, r.Path); err != nil {
		return managed.ExternalObservation{}, err
	}
	e.observed = o

	cr.Status.AtProvider = v1alpha1.RoleObservation{ARN: aws.ToString(r.Arn), RoleID: aws.ToString(r.RoleId), CreateDate: iamkit.Date(r.CreateDate)}
	cr.SetConditions(xpv2.Available())

	li := lateInitialize(p, o)
	diff := iamkit.Diff(comparable(p, o))
	return iamkit.Observed(diff, li), nil
}

// inlinePolicies lists and reads every inline policy of a role.
func (e *external) inlinePolicies(ctx context.Context, name string) ([]v1alpha1.InlinePolicy, error) {
	var names []string
	in := &iam.ListRolePoliciesInput{RoleName: aws.String(name)}
	for {
		out, err := e.api.ListRolePolicies(ctx, in)
		if err != nil {
			return nil, errors.Wrap(err, "cannot list the inline policies of the IAM role")
		}
		names = append(names, out.PolicyNames...)
		if !out.IsTruncated || out.Marker == nil {
			break
		}
		in.Marker = out.Marker
	}
	ps := make([]v1alpha1.InlinePolicy, 0, len(names))
	for _, n := range names {
		out, err := e.api.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(n)})
		if iamkit.IsNotFound(err) {
			continue // deleted since the list
		}
		if err != nil {
			return nil, errors.Wrapf(err, "cannot get inline policy %q of the IAM role", n)
		}
		ps = append(ps, v1alpha1.InlinePolicy{Name: n, Policy: iamkit.DecodeDocument(aws.ToString(out.PolicyDocument))})
	}
	return ps, nil
}

// validate rejects policy documents that are not JSON before any AWS call.
func validate(p *v1alpha1.RoleParameters) error {
	if err := iamkit.ValidateDocument("spec.forProvider.assumeRolePolicy", p.AssumeRolePolicy); err != nil {
		return err
	}
	for _, ip := range p.InlinePolicies {
		if err := iamkit.ValidateDocument("the policy of spec.forProvider.inlinePolicies "+ip.Name, ip.Policy); err != nil {
			return err
		}
	}
	return nil
}

// lateInitialize copies what AWS has into the fields the user left unset.
func lateInitialize(p, o *v1alpha1.RoleParameters) bool {
	return lateinit.Any(
		lateinit.Ptr(&p.Path, o.Path),
		lateinit.Ptr(&p.MaxSessionDuration, o.MaxSessionDuration),
		lateinit.Ptr(&p.Description, lateinit.NonZero(o.Description)),
		lateinit.Ptr(&p.PermissionsBoundary, lateinit.NonZero(o.PermissionsBoundary)),
		lateinit.Map(&p.Tags, tags.User(o.Tags)),
	)
}

// comparable returns normalized copies of the desired and observed
// parameters, restricted to what the spec manages. Policy documents that
// mean the same compare equal.
func comparable(desired, observed *v1alpha1.RoleParameters) (*v1alpha1.RoleParameters, *v1alpha1.RoleParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	if policy.Equal(d.AssumeRolePolicy, o.AssumeRolePolicy) {
		o.AssumeRolePolicy = d.AssumeRolePolicy
	}
	lateinit.Unmanaged(&o.Description, d.Description == nil)
	lateinit.Unmanaged(&o.MaxSessionDuration, d.MaxSessionDuration == nil)
	lateinit.Unmanaged(&o.Path, d.Path == nil)
	lateinit.Unmanaged(&o.PermissionsBoundary, d.PermissionsBoundary == nil)
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	lateinit.Unmanaged(&o.InlinePolicies, d.InlinePolicies == nil)
	byName := func(ps []v1alpha1.InlinePolicy) {
		sort.Slice(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
	}
	byName(d.InlinePolicies)
	byName(o.InlinePolicies)
	want := map[string]string{}
	for _, ip := range d.InlinePolicies {
		want[ip.Name] = ip.Policy
	}
	for i, ip := range o.InlinePolicies {
		if w, ok := want[ip.Name]; ok && policy.Equal(w, ip.Policy) {
			o.InlinePolicies[i].Policy = w
		}
	}
	return d, o
}

// Create creates the role with everything CreateRole accepts, then puts
// its inline policies.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Role) (managed.ExternalCreation, error) {
	name := meta.GetExternalName(cr)
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalCreation{}, err
	}
	in := &iam.CreateRoleInput{
		RoleName:                 aws.String(name),
		AssumeRolePolicyDocument: aws.String(p.AssumeRolePolicy),
		MaxSessionDuration:       p.MaxSessionDuration,
		Path:                     p.Path,
		Tags:                     iamkit.Tags(p.Tags),
	}
	if aws.ToString(p.Description) != "" {
		in.Description = p.Description
	}
	if aws.ToString(p.PermissionsBoundary) != "" {
		in.PermissionsBoundary = p.PermissionsBoundary
	}
	_, err := e.api.CreateRole(ctx, in)
	if iamkit.IsAlreadyExists(err) {
		// A retried create: the next observation compares and updates the rest.
		return managed.ExternalCreation{}, nil
	}
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create IAM role")
	}
	for _, ip := range p.InlinePolicies {
		if err := e.putInline(ctx, name, ip); err != nil {
			return managed.ExternalCreation{}, err
		}
	}
	return managed.ExternalCreation{}, nil
}

func (e *external) putInline(ctx context.Context, role string, ip v1alpha1.InlinePolicy) error {
	_, err := e.api.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(ip.Name), PolicyDocument: aws.String(ip.Policy)})
	return errors.Wrapf(err, "cannot put inline policy %q of the IAM role", ip.Name)
}

// Update writes what differs between the spec and what Observe read.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Role) (managed.ExternalUpdate, error) { //nolint:gocyclo // One branch per field.
	name := meta.GetExternalName(cr)
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalUpdate{}, err
	}
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("IAM role")
	}
	d, o := comparable(p, e.observed)
	rn := aws.String(name)

	if d.AssumeRolePolicy != o.AssumeRolePolicy {
		if _, err := e.api.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: rn, PolicyDocument: aws.String(p.AssumeRolePolicy)}); err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the assume role policy of the IAM role")
		}
	}
	if !cmp.Equal(d.Description, o.Description) || !cmp.Equal(d.MaxSessionDuration, o.MaxSessionDuration) {
		in := &iam.UpdateRoleInput{RoleName: rn, Description: p.Description, MaxSessionDuration: p.MaxSessionDuration}
		if _, err := e.api.UpdateRole(ctx, in); err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update IAM role")
		}
	}
	if !cmp.Equal(d.PermissionsBoundary, o.PermissionsBoundary) {
		var err error
		if *p.PermissionsBoundary == "" {
			_, err = e.api.DeleteRolePermissionsBoundary(ctx, &iam.DeleteRolePermissionsBoundaryInput{RoleName: rn})
		} else {
			_, err = e.api.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: rn, PermissionsBoundary: p.PermissionsBoundary})
		}
		if err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the permissions boundary of the IAM role")
		}
	}
	err := iamkit.SyncTags(p.Tags, e.observed.Tags, func(ts []types.Tag) error {
		_, err := e.api.TagRole(ctx, &iam.TagRoleInput{RoleName: rn, Tags: ts})
		return err
	}, func(keys []string) error {
		_, err := e.api.UntagRole(ctx, &iam.UntagRoleInput{RoleName: rn, TagKeys: keys})
		return err
	})
	if err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the IAM role")
	}
	if p.InlinePolicies != nil {
		if err := e.updateInline(ctx, name, d.InlinePolicies, o.InlinePolicies); err != nil {
			return managed.ExternalUpdate{}, err
		}
	}
	return managed.ExternalUpdate{}, nil
}

// updateInline puts the desired inline policies that are missing or differ
// and deletes the others.
func (e *external) updateInline(ctx context.Context, role string, desired, observed []v1alpha1.InlinePolicy) error {
	have := map[string]string{}
	for _, ip := range observed {
		have[ip.Name] = ip.Policy
	}
	want := map[string]bool{}
	for _, ip := range desired {
		want[ip.Name] = true
		if h, ok := have[ip.Name]; ok && h == ip.Policy {
			continue
		}
		if err := e.putInline(ctx, role, ip); err != nil {
			return err
		}
	}
	for _, ip := range observed {
		if want[ip.Name] {
			continue
		}
		_, err := e.api.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(ip.Name)})
		if err != nil && !iamkit.IsNotFound(err) {
			return errors.Wrapf(err, "cannot delete inline policy %q of the IAM role", ip.Name)
		}
	}
	return nil
}

// Delete deletes the inline policies the spec manages, then the role. A
// role that still has managed policies attached cannot be deleted: the
// error names them, and the deletion is retried.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Role) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	name := meta.GetExternalName(cr)
	rn := aws.String(name)
	for _, ip := range cr.Spec.ForProvider.InlinePolicies {
		_, err := e.api.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: rn, PolicyName: aws.String(ip.Name)})
		if err != nil && !iamkit.IsNotFound(err) {
			return managed.ExternalDelete{}, errors.Wrapf(err, "cannot delete inline policy %q of the IAM role", ip.Name)
		}
	}
	_, err := e.api.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: rn})
	switch {
	case err == nil, iamkit.IsNotFound(err):
		return managed.ExternalDelete{}, nil
	case iamkit.IsDeleteConflict(err):
		return managed.ExternalDelete{}, e.conflict(ctx, name, err)
	default:
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete IAM role")
	}
}

// conflict explains a DeleteConflict: which attached managed policies and
// inline policies still block the deletion.
func (e *external) conflict(ctx context.Context, name string, err error) error {
	var blockers []string
	if out, lerr := e.api.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(name)}); lerr == nil {
		for _, ap := range out.AttachedPolicies {
			blockers = append(blockers, "attached policy "+aws.ToString(ap.PolicyArn))
		}
	}
	if out, lerr := e.api.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String(name)}); lerr == nil {
		for _, n := range out.PolicyNames {
			blockers = append(blockers, "inline policy "+n)
		}
	}
	what := "other resources (e.g. instance profiles)"
	if len(blockers) > 0 {
		what = strings.Join(blockers, ", ")
	}
	return errors.Wrapf(err, "cannot delete IAM role %q: it still has %s; detach them (e.g. delete their RolePolicyAttachments) and the deletion is retried", name, what)
}
