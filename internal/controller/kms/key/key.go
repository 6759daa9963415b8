// Package key is the controller of the KMS Key managed resource.
package key

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	commonv1alpha1 "github.com/kaws-dev/provider-aws/apis/common/v1alpha1"
	"github.com/kaws-dev/provider-aws/apis/kms/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/kmskit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// policyName is the only key policy name KMS has.
const policyName = "default"

// defaultPendingWindow is the waiting period of a deletion when the spec
// has none (the CRD defaults it, so only objects that skipped defaulting).
const defaultPendingWindow = 30

// Setup adds the Key controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return kmskit.Setup(mgr, o, &v1alpha1.Key{}, func(k *v1alpha1.Key) **string { return &k.Spec.ForProvider.Region },
		func(api kmskit.API) mr.External[*v1alpha1.Key] { return &external{api: api} })
}

// external reconciles one Key with KMS. It lives for one reconcile.
type external struct {
	api kmskit.API

	// observed is what Observe read, so Update changes only what differs
	// without reading again.
	observed *v1alpha1.KeyParameters
}

// Observe describes the key by its ID (the external name). Without an ID it
// looks for the key tagged with the object's identity, but only when a
// create was attempted (a create whose ID was not recorded): a new Key costs
// no listing. The first observation (no ARN recorded yet) also reads the
// policy, rotation and tags to late-initialize them; later ones read only
// what the spec manages.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Key) (managed.ExternalObservation, error) {
	id := meta.GetExternalName(cr)
	adopted := false
	if id == "" {
		if meta.GetExternalCreatePending(cr).IsZero() {
			return managed.ExternalObservation{}, nil
		}
		found, err := kmskit.FindByIdentity(ctx, e.api, cr)
		if err != nil || found == "" {
			return managed.ExternalObservation{}, err
		}
		id, adopted = found, true
		meta.SetExternalName(cr, id)
	}
	out, err := e.api.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	if kmskit.IsNotFound(err) {
		return managed.ExternalObservation{}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrapf(err, "cannot describe KMS key %s", id)
	}
	md := out.KeyMetadata
	first := cr.Status.AtProvider.ARN == ""
	cr.Status.AtProvider = atProvider(md)
	if md.KeyState == types.KeyStatePendingDeletion {
		if meta.WasDeleted(cr) {
			// Deleting the Key scheduled this: the key is gone for the provider.
			return managed.ExternalObservation{}, nil
		}
		msg := fmt.Sprintf("KMS key %s is scheduled for deletion on %s: restore it with CancelKeyDeletion (and EnableKey), or delete this Key", id, kmskit.Date(md.DeletionDate))
		cr.SetConditions(xpv2.Unavailable().WithMessage(msg))
		return managed.ExternalObservation{}, errors.New(msg)
	}

	p := &cr.Spec.ForProvider
	o := parameters(md)
	if err := checkImmutable(id, p, o); err != nil {
		return managed.ExternalObservation{}, err
	}
	if err := e.read(ctx, md, p, first, o); err != nil {
		return managed.ExternalObservation{}, err
	}
	e.observed = o
	setReady(cr, md)

	li := lateInitialize(p, o)
	return kmskit.Observed(kmskit.Diff(comparable(p, o)), li || adopted), nil
}

// parameters returns what DescribeKey reports of the key's parameters.
func parameters(md *types.KeyMetadata) *v1alpha1.KeyParameters {
	return &v1alpha1.KeyParameters{
		Description: aws.String(aws.ToString(md.Description)),
		KeySpec:     aws.String(string(md.KeySpec)),
		KeyUsage:    aws.String(string(md.KeyUsage)),
		Enabled:     aws.Bool(md.Enabled),
		MultiRegion: md.MultiRegion,
	}
}

// read adds to o KMS's policy, rotation and tags of the key when the spec
// manages them or all is set.
func (e *external) read(ctx context.Context, md *types.KeyMetadata, p *v1alpha1.KeyParameters, all bool, o *v1alpha1.KeyParameters) error {
	id := aws.ToString(md.KeyId)
	if all || p.Policy != nil {
		out, err := e.api.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String(policyName)})
		if err != nil {
			return errors.Wrapf(err, "cannot get the policy of KMS key %s", id)
		}
		o.Policy = out.Policy
	}
	// Only symmetric keys with KMS's own key material rotate: KMS refuses
	// GetKeyRotationStatus for others.
	rotates := md.KeySpec == types.KeySpecSymmetricDefault && md.Origin == types.OriginTypeAwsKms
	if (all && rotates) || p.EnableKeyRotation != nil {
		out, err := e.api.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(id)})
		if err != nil {
			return errors.Wrapf(err, "cannot get the rotation status of KMS key %s", id)
		}
		o.EnableKeyRotation = aws.Bool(out.KeyRotationEnabled)
		if out.KeyRotationEnabled {
			o.RotationPeriodInDays = out.RotationPeriodInDays
		}
	}
	if all || p.Tags != nil {
		ts, err := kmskit.ListTags(ctx, e.api, id)
		if err != nil {
			return errors.Wrapf(err, "cannot list the tags of KMS key %s", id)
		}
		o.Tags = ts
	}
	return nil
}

func atProvider(md *types.KeyMetadata) v1alpha1.KeyObservation {
	return v1alpha1.KeyObservation{
		ARN:          aws.ToString(md.Arn),
		KeyID:        aws.ToString(md.KeyId),
		KeyState:     string(md.KeyState),
		KeyManager:   string(md.KeyManager),
		DeletionDate: kmskit.Date(md.DeletionDate),
		CreationDate: kmskit.Date(md.CreationDate),
	}
}

// setReady sets Ready from the key's state: a key that is Enabled or
// Disabled (as the spec asks) is usable as the spec describes it.
func setReady(cr *v1alpha1.Key, md *types.KeyMetadata) {
	switch md.KeyState {
	case types.KeyStateEnabled, types.KeyStateDisabled:
		cr.SetConditions(xpv2.Available())
	case types.KeyStateCreating:
		cr.SetConditions(xpv2.Creating())
	default:
		cr.SetConditions(xpv2.Unavailable().WithMessage(fmt.Sprintf("KMS key %s is %s", aws.ToString(md.KeyId), md.KeyState)))
	}
}

// checkImmutable returns an error that says what to do when a field KMS
// cannot change differs from the key in AWS (an adopted key).
func checkImmutable(id string, p, o *v1alpha1.KeyParameters) error {
	for _, f := range []struct {
		name              string
		desired, observed string
		set               bool
	}{
		{"keySpec", aws.ToString(p.KeySpec), aws.ToString(o.KeySpec), p.KeySpec != nil},
		{"keyUsage", aws.ToString(p.KeyUsage), aws.ToString(o.KeyUsage), p.KeyUsage != nil},
		{"multiRegion", fmt.Sprint(aws.ToBool(p.MultiRegion)), fmt.Sprint(aws.ToBool(o.MultiRegion)), p.MultiRegion != nil},
	} {
		if f.set && f.desired != f.observed {
			return errors.Errorf("KMS key %s has %s %s in AWS, not %s: %s is immutable; set spec.forProvider.%s to %s, or create a new Key", id, f.name, f.observed, f.desired, f.name, f.name, f.observed)
		}
	}
	return nil
}

// lateInitialize copies what AWS has into the fields the user left unset,
// so they are managed from now on. It reports whether it changed p.
func lateInitialize(p, o *v1alpha1.KeyParameters) bool {
	return lateinit.Any(
		lateinit.Ptr(&p.Description, lateinit.NonZero(o.Description)),
		lateinit.Ptr(&p.KeySpec, lateinit.NonZero(o.KeySpec)),
		lateinit.Ptr(&p.KeyUsage, lateinit.NonZero(o.KeyUsage)),
		lateinit.Ptr(&p.MultiRegion, o.MultiRegion),
		lateinit.Ptr(&p.Enabled, o.Enabled),
		lateinit.Ptr(&p.Policy, lateinit.NonZero(o.Policy)),
		lateinit.Ptr(&p.EnableKeyRotation, o.EnableKeyRotation),
		lateinit.Ptr(&p.RotationPeriodInDays, o.RotationPeriodInDays),
		lateinit.Map(&p.Tags, commonv1alpha1.Tags(tags.User(o.Tags))),
	)
}

// comparable returns normalized copies of the observed and desired
// parameters, restricted to what the spec manages and what KMS reports:
// policies that mean the same are equal, the identity tag does not count,
// and a rotation period KMS does not report is no difference.
func comparable(desired, observed *v1alpha1.KeyParameters) (*v1alpha1.KeyParameters, *v1alpha1.KeyParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	// Not in AWS (region is the client's; the rest are used by calls only).
	d.Region, d.PendingWindowInDays, d.BypassPolicyLockoutSafetyCheck = nil, nil, nil
	lateinit.Unmanaged(&o.Description, d.Description == nil)
	lateinit.Unmanaged(&o.KeySpec, d.KeySpec == nil)
	lateinit.Unmanaged(&o.KeyUsage, d.KeyUsage == nil)
	lateinit.Unmanaged(&o.MultiRegion, d.MultiRegion == nil)
	lateinit.Unmanaged(&o.Enabled, d.Enabled == nil)
	lateinit.Unmanaged(&o.Policy, d.Policy == nil)
	if d.Policy != nil && o.Policy != nil && policy.Equal(*d.Policy, *o.Policy) {
		o.Policy = d.Policy
	}
	lateinit.Unmanaged(&o.EnableKeyRotation, d.EnableKeyRotation == nil)
	lateinit.Unmanaged(&o.RotationPeriodInDays, d.RotationPeriodInDays == nil || !aws.ToBool(d.EnableKeyRotation))
	if o.RotationPeriodInDays == nil && aws.ToBool(o.EnableKeyRotation) {
		// Rotating, and KMS does not say how often: nothing to compare.
		d.RotationPeriodInDays = nil
	}
	if !aws.ToBool(d.EnableKeyRotation) {
		d.RotationPeriodInDays = nil
	}
	lateinit.Unmanaged(&o.Tags, d.Tags == nil)
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	} else {
		o.Tags = tags.User(o.Tags)
	}
	return o, d
}

// Create creates the key with everything CreateKey accepts, tagged with the
// object's identity in the same call, and records its ID as the external
// name. What CreateKey does not set (enabled: false, rotation) the next
// observation finds different and Update sets.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Key) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	in := &kms.CreateKeyInput{
		Description:                    p.Description,
		Policy:                         p.Policy,
		MultiRegion:                    p.MultiRegion,
		BypassPolicyLockoutSafetyCheck: aws.ToBool(p.BypassPolicyLockoutSafetyCheck),
		Tags:                           kmskit.Tags(tags.WithIdentity(p.Tags, cr)),
	}
	if p.KeySpec != nil {
		in.KeySpec = types.KeySpec(*p.KeySpec)
	}
	if p.KeyUsage != nil {
		in.KeyUsage = types.KeyUsageType(*p.KeyUsage)
	}
	out, err := e.api.CreateKey(ctx, in)
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create KMS key")
	}
	meta.SetExternalName(cr, aws.ToString(out.KeyMetadata.KeyId))
	cr.SetConditions(xpv2.Creating())
	return managed.ExternalCreation{}, nil
}

// Update writes what differs between the spec and what Observe read. A key
// is enabled before and disabled after the rotation changes, which KMS
// refuses on a disabled key.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Key) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("KMS key")
	}
	id := aws.String(meta.GetExternalName(cr))
	p := &cr.Spec.ForProvider
	o, d := comparable(p, e.observed)

	if d.Description != nil && aws.ToString(d.Description) != aws.ToString(o.Description) {
		if _, err := e.api.UpdateKeyDescription(ctx, &kms.UpdateKeyDescriptionInput{KeyId: id, Description: d.Description}); err != nil {
			return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot update the description of KMS key %s", *id)
		}
	}
	if d.Policy != nil && *d.Policy != aws.ToString(o.Policy) {
		in := &kms.PutKeyPolicyInput{KeyId: id, PolicyName: aws.String(policyName), Policy: d.Policy, BypassPolicyLockoutSafetyCheck: aws.ToBool(p.BypassPolicyLockoutSafetyCheck)}
		if _, err := e.api.PutKeyPolicy(ctx, in); err != nil {
			return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot put the policy of KMS key %s", *id)
		}
	}
	enable := d.Enabled != nil && *d.Enabled != aws.ToBool(o.Enabled)
	if enable && *d.Enabled {
		if _, err := e.api.EnableKey(ctx, &kms.EnableKeyInput{KeyId: id}); err != nil {
			return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot enable KMS key %s", *id)
		}
	}
	if err := e.rotation(ctx, *id, d, o); err != nil {
		return managed.ExternalUpdate{}, err
	}
	if enable && !*d.Enabled {
		if _, err := e.api.DisableKey(ctx, &kms.DisableKeyInput{KeyId: id}); err != nil {
			return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot disable KMS key %s", *id)
		}
	}
	if err := kmskit.SyncTags(ctx, e.api, *id, p.Tags, e.observed.Tags); err != nil {
		return managed.ExternalUpdate{}, err
	}
	return managed.ExternalUpdate{}, nil
}

// rotation turns automatic rotation on (with the spec's period) or off when
// the spec (d) and KMS (o) differ.
func (e *external) rotation(ctx context.Context, id string, d, o *v1alpha1.KeyParameters) error {
	if d.EnableKeyRotation == nil {
		return nil
	}
	want, have := *d.EnableKeyRotation, aws.ToBool(o.EnableKeyRotation)
	switch {
	case want && (!have || aws.ToInt32(d.RotationPeriodInDays) != aws.ToInt32(o.RotationPeriodInDays)):
		if _, err := e.api.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: aws.String(id), RotationPeriodInDays: d.RotationPeriodInDays}); err != nil {
			return errors.Wrapf(err, "cannot enable the rotation of KMS key %s", id)
		}
	case !want && have:
		if _, err := e.api.DisableKeyRotation(ctx, &kms.DisableKeyRotationInput{KeyId: aws.String(id)}); err != nil {
			return errors.Wrapf(err, "cannot disable the rotation of KMS key %s", id)
		}
	}
	return nil
}

// Delete schedules the deletion of the key after pendingWindowInDays. The
// Key is gone when KMS shows the key as PendingDeletion (Observe); a key
// that is gone already is success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Key) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	id := meta.GetExternalName(cr)
	days := cr.Spec.ForProvider.PendingWindowInDays
	if days == nil {
		days = aws.Int32(defaultPendingWindow)
	}
	_, err := e.api.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(id), PendingWindowInDays: days})
	if err == nil || kmskit.IsNotFound(err) {
		return managed.ExternalDelete{}, nil
	}
	return managed.ExternalDelete{}, errors.Wrapf(err, "cannot schedule the deletion of KMS key %s", id)
}
