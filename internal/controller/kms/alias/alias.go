// Package alias is the controller of the KMS Alias managed resource.
package alias

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/kms/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/kmskit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// The prefixes of alias names: every alias name has the first; the second
// is AWS's own (aws/s3, aws/ebs, ...).
const (
	prefix    = "alias/"
	awsPrefix = "alias/aws/"
)

// Setup adds the Alias controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return kmskit.Setup(mgr, o, &v1alpha1.Alias{}, func(a *v1alpha1.Alias) **string { return &a.Spec.ForProvider.Region },
		func(api kmskit.API) mr.External[*v1alpha1.Alias] { return &external{api: api} })
}

// external reconciles one Alias with KMS. It lives for one reconcile.
type external struct {
	api kmskit.API

	// observed is what Observe read, so Update changes only what differs.
	observed *types.AliasListEntry
}

// name returns the alias name of cr: its external name, else (setting it)
// alias/<metadata.name>, and whether it set it. A name without the alias/
// prefix, or with AWS's alias/aws/, is refused before any AWS call.
func name(cr *v1alpha1.Alias) (string, bool, error) {
	n, set := meta.GetExternalName(cr), false
	if n == "" {
		n, set = prefix+cr.GetName(), true
	}
	switch {
	case !strings.HasPrefix(n, prefix) || len(n) == len(prefix):
		return "", false, errors.Errorf("external name %q is not a KMS alias name: set the crossplane.io/external-name annotation to alias/<name>, e.g. alias/%s", n, cr.GetName())
	case strings.HasPrefix(n, awsPrefix):
		return "", false, errors.Errorf("alias name %q is reserved for AWS managed keys: choose a name that does not start with %s", n, awsPrefix)
	}
	if set {
		meta.SetExternalName(cr, n)
	}
	return n, set, nil
}

// Observe finds the alias among the aliases of its target key (one
// ListAliases call in steady state). KMS cannot look an alias up by name:
// only when the alias is not among its key's (new, adopted, or pointed at
// another key out of band) are all the region's aliases listed.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Alias) (managed.ExternalObservation, error) {
	n, set, err := name(cr)
	if err != nil {
		return managed.ExternalObservation{}, err
	}
	p := &cr.Spec.ForProvider
	var a *types.AliasListEntry
	if t := aws.ToString(p.TargetKeyID); t != "" {
		a, err = e.find(ctx, n, t)
		if kmskit.IsNotFound(err) {
			err = nil // the target key does not exist: look among all aliases
		}
		if err != nil {
			return managed.ExternalObservation{}, err
		}
	}
	if a == nil {
		if a, err = e.find(ctx, n, ""); err != nil || a == nil {
			return managed.ExternalObservation{}, err
		}
	}
	e.observed = a
	cr.Status.AtProvider = v1alpha1.AliasObservation{
		ARN: aws.ToString(a.AliasArn), TargetKeyID: aws.ToString(a.TargetKeyId),
		CreationDate: kmskit.Date(a.CreationDate), LastUpdatedDate: kmskit.Date(a.LastUpdatedDate),
	}
	cr.SetConditions(xpv2.Available())
	li := lateinit.Ptr(&p.TargetKeyID, lateinit.NonZero(a.TargetKeyId))
	return kmskit.Observed(kmskit.Diff(comparable(p, a)), li || set), nil
}

// find returns the alias n among the aliases of the key keyID (all of the
// region's when keyID is ""), reading every page, or nil when there is none.
func (e *external) find(ctx context.Context, n, keyID string) (*types.AliasListEntry, error) {
	var marker *string
	for {
		in := &kms.ListAliasesInput{Marker: marker}
		if keyID != "" {
			in.KeyId = aws.String(keyID)
		}
		out, err := e.api.ListAliases(ctx, in)
		if kmskit.IsNotFound(err) {
			return nil, err
		}
		if err != nil {
			return nil, errors.Wrap(err, "cannot list KMS aliases")
		}
		for i := range out.Aliases {
			if aws.ToString(out.Aliases[i].AliasName) == n {
				return &out.Aliases[i], nil
			}
		}
		if !out.Truncated || out.NextMarker == nil {
			return nil, nil
		}
		marker = out.NextMarker
	}
}

// target is what an alias's parameters mean in KMS: the ID of its key
// (a key ARN names the same key as its ID).
type target struct{ KeyID string }

// comparable returns what KMS has (-) and what the spec asks (+).
func comparable(p *v1alpha1.AliasParameters, a *types.AliasListEntry) (target, target) {
	return target{KeyID: aws.ToString(a.TargetKeyId)}, target{KeyID: kmskit.KeyID(aws.ToString(p.TargetKeyID))}
}

// targetKey returns the spec's target key, or an error that says how to set
// it (a reference that is not resolved yet).
func targetKey(p *v1alpha1.AliasParameters) (*string, error) {
	if aws.ToString(p.TargetKeyID) == "" {
		return nil, errors.New("spec.forProvider.targetKeyId is not set: set it, or reference a Key with targetKeyIdRef or targetKeyIdSelector")
	}
	return p.TargetKeyID, nil
}

// Create creates the alias. An alias of that name that exists already is
// adopted: the next observation finds it and points it at the spec's key.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Alias) (managed.ExternalCreation, error) {
	n, _, err := name(cr)
	if err != nil {
		return managed.ExternalCreation{}, err
	}
	t, err := targetKey(&cr.Spec.ForProvider)
	if err != nil {
		return managed.ExternalCreation{}, err
	}
	_, err = e.api.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(n), TargetKeyId: t})
	if err != nil && !kmskit.IsAlreadyExists(err) {
		return managed.ExternalCreation{}, errors.Wrapf(err, "cannot create KMS alias %s", n)
	}
	return managed.ExternalCreation{}, nil
}

// Update points the alias at the spec's key.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Alias) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("KMS alias")
	}
	t, err := targetKey(&cr.Spec.ForProvider)
	if err != nil {
		return managed.ExternalUpdate{}, err
	}
	n := aws.ToString(e.observed.AliasName)
	if _, err := e.api.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String(n), TargetKeyId: t}); err != nil {
		return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot point KMS alias %s at key %s", n, *t)
	}
	return managed.ExternalUpdate{}, nil
}

// Delete deletes the alias (not its key); an alias that is gone is success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Alias) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	n, _, err := name(cr)
	if err != nil {
		return managed.ExternalDelete{}, err
	}
	_, err = e.api.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(n)})
	if err == nil || kmskit.IsNotFound(err) {
		return managed.ExternalDelete{}, nil
	}
	return managed.ExternalDelete{}, errors.Wrapf(err, "cannot delete KMS alias %s", n)
}
