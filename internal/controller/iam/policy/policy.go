// Package policy is the controller of the IAM Policy managed resource.
package policy

import (
	"context"
	"sort"
	"strings"

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
	docs "github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// MaxVersions is the number of versions AWS keeps of a managed policy.
const MaxVersions = 5

// Setup adds the Policy controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return iamkit.Setup(mgr, o, &v1alpha1.Policy{}, func(api iamkit.API) mr.External[*v1alpha1.Policy] { return &external{api: api} })
}

// external reconciles one Policy with IAM. It lives for one reconcile.
type external struct {
	api iamkit.API

	// What Observe read, for Update and Delete.
	arn         string
	observed    *v1alpha1.PolicyParameters
	attachments int32
}

// Observe reads the policy (GetPolicy) and its default version
// (GetPolicyVersion). The policy is addressed by the ARN recorded in
// status.atProvider.arn; before one is recorded (a new or adopted policy)
// it is looked up by name with ListPolicies.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Policy) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	p := &cr.Spec.ForProvider
	if err := iamkit.ValidateDocument("spec.forProvider.document", p.Document); err != nil {
		return managed.ExternalObservation{}, err
	}
	arn, err := e.findARN(ctx, cr)
	if err != nil || arn == "" {
		return managed.ExternalObservation{}, err
	}
	out, err := e.api.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
	if iamkit.IsNotFound(err) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot get IAM policy")
	}
	pol := out.Policy
	v, err := e.api.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: pol.DefaultVersionId})
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot get the default version of the IAM policy")
	}
	o := &v1alpha1.PolicyParameters{
		Path:        pol.Path,
		Description: aws.String(aws.ToString(pol.Description)),
		Tags:        iamkit.FromTags(pol.Tags),
	}
	if v.PolicyVersion != nil {
		o.Document = iamkit.DecodeDocument(aws.ToString(v.PolicyVersion.Document))
	}
	if err := iamkit.CheckPath("policy", name, "Policy", p.Path, pol.Path); err != nil {
		return managed.ExternalObservation{}, err
	}
	if p.Description != nil && *p.Description != *o.Description {
		return managed.ExternalObservation{}, errors.Errorf("policy %q has description %q in AWS, not %q: AWS cannot change a policy's description, set spec.forProvider.description to %q (or create a new Policy)", name, *o.Description, *p.Description, *o.Description)
	}
	e.arn, e.observed, e.attachments = arn, o, aws.ToInt32(pol.AttachmentCount)

	cr.Status.AtProvider = v1alpha1.PolicyObservation{
		ARN: arn, PolicyID: aws.ToString(pol.PolicyId), DefaultVersionID: aws.ToString(pol.DefaultVersionId),
		AttachmentCount: aws.ToInt32(pol.AttachmentCount),
	}
	cr.SetConditions(xpv2.Available())

	li := lateInitialize(p, o)
	diff := iamkit.Diff(comparable(p, o))
	return iamkit.Observed(diff, li), nil
}

// findARN returns the ARN of the policy: the recorded one, or the one of
// the local policy of that name (path prefix spec.forProvider.path), or ""
// when there is none.
func (e *external) findARN(ctx context.Context, cr *v1alpha1.Policy) (string, error) {
	name := meta.GetExternalName(cr)
	if a := cr.Status.AtProvider.ARN; a != "" && strings.HasSuffix(a, "/"+name) {
		return a, nil
	}
	in := &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal, PathPrefix: cr.Spec.ForProvider.Path}
	for {
		out, err := e.api.ListPolicies(ctx, in)
		if err != nil {
			return "", errors.Wrap(err, "cannot list IAM policies to find the policy's ARN")
		}
		for _, p := range out.Policies {
			if aws.ToString(p.PolicyName) == name {
				return aws.ToString(p.Arn), nil
			}
		}
		if !out.IsTruncated || out.Marker == nil {
			return "", nil
		}
		in.Marker = out.Marker
	}
}

// lateInitialize copies what AWS has into the fields the user left unset.
func lateInitialize(p, o *v1alpha1.PolicyParameters) bool {
	return lateinit.Any(
		lateinit.Ptr(&p.Path, o.Path),
		lateinit.Ptr(&p.Description, lateinit.NonZero(o.Description)),
		lateinit.Map(&p.Tags, tags.User(o.Tags)),
	)
}

// comparable returns normalized copies of the desired and observed
// parameters, restricted to what the spec manages.
func comparable(desired, observed *v1alpha1.PolicyParameters) (*v1alpha1.PolicyParameters, *v1alpha1.PolicyParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	if docs.Equal(d.Document, o.Document) {
		o.Document = d.Document
	}
	lateinit.Unmanaged(&o.Path, d.Path == nil)
	lateinit.Unmanaged(&o.Description, d.Description == nil)
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

// Create creates the policy and records its ARN.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Policy) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	if err := iamkit.ValidateDocument("spec.forProvider.document", p.Document); err != nil {
		return managed.ExternalCreation{}, err
	}
	in := &iam.CreatePolicyInput{
		PolicyName:     aws.String(meta.GetExternalName(cr)),
		PolicyDocument: aws.String(p.Document),
		Path:           p.Path,
		Tags:           iamkit.Tags(p.Tags),
	}
	if aws.ToString(p.Description) != "" {
		in.Description = p.Description
	}
	out, err := e.api.CreatePolicy(ctx, in)
	if iamkit.IsAlreadyExists(err) {
		// A retried create: the next observation finds it by name.
		return managed.ExternalCreation{}, nil
	}
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create IAM policy")
	}
	if out.Policy != nil {
		cr.Status.AtProvider.ARN = aws.ToString(out.Policy.Arn)
	}
	return managed.ExternalCreation{}, nil
}

// Update makes a changed document the new default version and syncs tags.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Policy) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("IAM policy")
	}
	p := &cr.Spec.ForProvider
	d, o := comparable(p, e.observed)
	arn := aws.String(e.arn)
	if d.Document != o.Document {
		if err := e.pruneVersions(ctx); err != nil {
			return managed.ExternalUpdate{}, err
		}
		if _, err := e.api.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: arn, PolicyDocument: aws.String(p.Document), SetAsDefault: true}); err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot create a new default version of the IAM policy")
		}
	}
	err := iamkit.SyncTags(p.Tags, e.observed.Tags, func(ts []types.Tag) error {
		_, err := e.api.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: arn, Tags: ts})
		return err
	}, func(keys []string) error {
		_, err := e.api.UntagPolicy(ctx, &iam.UntagPolicyInput{PolicyArn: arn, TagKeys: keys})
		return err
	})
	return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the IAM policy")
}

// pruneVersions deletes the oldest non-default version when the policy
// has as many versions as AWS allows, making room for a new one.
func (e *external) pruneVersions(ctx context.Context) error {
	vs, err := e.versions(ctx)
	if err != nil {
		return err
	}
	if len(vs) < MaxVersions {
		return nil
	}
	var old []types.PolicyVersion
	for _, v := range vs {
		if !v.IsDefaultVersion {
			old = append(old, v)
		}
	}
	if len(old) == 0 {
		return nil
	}
	sort.SliceStable(old, func(i, j int) bool {
		return aws.ToTime(old[i].CreateDate).Before(aws.ToTime(old[j].CreateDate))
	})
	_, err = e.api.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(e.arn), VersionId: old[0].VersionId})
	return errors.Wrapf(err, "cannot delete the oldest version %s of the IAM policy to make room for a new one (AWS keeps at most %d)", aws.ToString(old[0].VersionId), MaxVersions)
}

func (e *external) versions(ctx context.Context) ([]types.PolicyVersion, error) {
	var vs []types.PolicyVersion
	in := &iam.ListPolicyVersionsInput{PolicyArn: aws.String(e.arn)}
	for {
		out, err := e.api.ListPolicyVersions(ctx, in)
		if err != nil {
			return nil, errors.Wrap(err, "cannot list the versions of the IAM policy")
		}
		vs = append(vs, out.Versions...)
		if !out.IsTruncated || out.Marker == nil {
			return vs, nil
		}
		in.Marker = out.Marker
	}
}

// Delete deletes the non-default versions, then the policy. A policy that
// is still attached cannot be deleted: the error names what it is attached
// to, and the deletion is retried.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Policy) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	if e.arn == "" {
		arn, err := e.findARN(ctx, cr)
		if err != nil || arn == "" {
			return managed.ExternalDelete{}, err
		}
		e.arn = arn
	}
	if e.attachments > 0 {
		return managed.ExternalDelete{}, e.conflict(ctx, nil)
	}
	vs, err := e.versions(ctx)
	if iamkit.IsNotFound(err) {
		return managed.ExternalDelete{}, nil
	}
	if err != nil {
		return managed.ExternalDelete{}, err
	}
	for _, v := range vs {
		if v.IsDefaultVersion {
			continue
		}
		_, err := e.api.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(e.arn), VersionId: v.VersionId})
		if err != nil && !iamkit.IsNotFound(err) {
			return managed.ExternalDelete{}, errors.Wrapf(err, "cannot delete version %s of the IAM policy", aws.ToString(v.VersionId))
		}
	}
	_, err = e.api.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: aws.String(e.arn)})
	switch {
	case err == nil, iamkit.IsNotFound(err):
		return managed.ExternalDelete{}, nil
	case iamkit.IsDeleteConflict(err):
		return managed.ExternalDelete{}, e.conflict(ctx, err)
	default:
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete IAM policy")
	}
}

// conflict names the roles, users and groups the policy is attached to.
func (e *external) conflict(ctx context.Context, err error) error {
	var blockers []string
	if out, lerr := e.api.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(e.arn)}); lerr == nil {
		for _, r := range out.PolicyRoles {
			blockers = append(blockers, "role "+aws.ToString(r.RoleName))
		}
		for _, u := range out.PolicyUsers {
			blockers = append(blockers, "user "+aws.ToString(u.UserName))
		}
		for _, g := range out.PolicyGroups {
			blockers = append(blockers, "group "+aws.ToString(g.GroupName))
		}
	}
	what := "other entities"
	if len(blockers) > 0 {
		what = strings.Join(blockers, ", ")
	}
	msg := "cannot delete IAM policy " + e.arn + ": it is still attached to " + what + "; detach it (e.g. delete the RolePolicyAttachments) and the deletion is retried"
	if err == nil {
		return errors.New(msg + " (DeleteConflict)")
	}
	return errors.Wrap(err, msg)
}
