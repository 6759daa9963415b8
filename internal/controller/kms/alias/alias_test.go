package alias

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/kms/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/kmsfake"
)

const (
	aliasName = "alias/app"
	aliasARN  = "arn:aws:kms:us-east-1:123456789012:alias/app"
	keyID     = "1234abcd-12ab-34cd-56ef-1234567890ab"
	keyARN    = "arn:aws:kms:us-east-1:123456789012:key/" + keyID
	otherKey  = "0000abcd-12ab-34cd-56ef-1234567890ab"
)

var created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

type aliasModifier func(*v1alpha1.Alias)

// alias returns an Alias named app pointing at keyID, with its name recorded.
func alias(m ...aliasModifier) *v1alpha1.Alias {
	a := &v1alpha1.Alias{ObjectMeta: metav1.ObjectMeta{Name: "app", Namespace: "default"}}
	meta.SetExternalName(a, aliasName)
	a.Spec.ForProvider = v1alpha1.AliasParameters{Region: aws.String("us-east-1"), TargetKeyID: aws.String(keyID)}
	for _, f := range m {
		f(a)
	}
	return a
}

func withName(n string) aliasModifier { return func(a *v1alpha1.Alias) { meta.SetExternalName(a, n) } }

func withTarget(t *string) aliasModifier {
	return func(a *v1alpha1.Alias) { a.Spec.ForProvider.TargetKeyID = t }
}

func withAvailable(target string) aliasModifier {
	return func(a *v1alpha1.Alias) {
		a.Status.AtProvider = v1alpha1.AliasObservation{ARN: aliasARN, TargetKeyID: target, CreationDate: "2026-01-02T03:04:05Z"}
		a.SetConditions(xpv2.Available())
	}
}

func entry(n, target string) types.AliasListEntry {
	return types.AliasListEntry{AliasName: aws.String(n), AliasArn: aws.String("arn:aws:kms:us-east-1:123456789012:" + n), TargetKeyId: aws.String(target), CreationDate: aws.Time(created)}
}

// aliases answers ListAliases: those of keyID with a KeyId filter, else
// every alias, on two pages.
func aliases(ofKey []types.AliasListEntry, all ...types.AliasListEntry) awsfake.Func {
	return func(in any) (any, error) {
		i := in.(*kms.ListAliasesInput)
		switch {
		case i.KeyId != nil:
			return &kms.ListAliasesOutput{Aliases: ofKey}, nil
		case i.Marker == nil:
			return &kms.ListAliasesOutput{Aliases: []types.AliasListEntry{entry("alias/aws/s3", "k-s3")}, Truncated: true, NextMarker: aws.String("p2")}, nil
		}
		return &kms.ListAliasesOutput{Aliases: all}, nil
	}
}

func TestObserve(t *testing.T) {
	type want = kmsfake.ObserveWant[*v1alpha1.Alias]
	boom := kmsfake.Err("KMSInternalException")
	byKey := &kms.ListAliasesInput{KeyId: aws.String(keyID)}
	kmsfake.TestObserve(t, map[string]kmsfake.ObserveCase[*v1alpha1.Alias]{
		"UpToDate": {
			Reason: "In steady state one ListAliases call of the target key finds the alias.",
			CR:     alias(),
			Out:    map[string]any{"ListAliases": aliases([]types.AliasListEntry{entry("alias/other", keyID), entry(aliasName, keyID)})},
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: []string{"ListAliases"}, Inputs: []any{byKey}, CR: alias(withAvailable(keyID))},
		},
		"TargetByARN": {
			Reason: "A target key given by ARN is the same key as its ID.",
			CR:     alias(withTarget(aws.String(keyARN))),
			Out:    map[string]any{"ListAliases": aliases([]types.AliasListEntry{entry(aliasName, keyID)})},
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true},
				Calls: []string{"ListAliases"}, CR: alias(withTarget(aws.String(keyARN)), withAvailable(keyID))},
		},
		"DefaultName": {
			Reason: "Without an external name, the alias is alias/<metadata.name>, found and recorded.",
			CR:     alias(withName("")),
			Out:    map[string]any{"ListAliases": aliases([]types.AliasListEntry{entry(aliasName, keyID)})},
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: []string{"ListAliases"}, CR: alias(withAvailable(keyID))},
		},
		"Retargeted": {
			Reason: "An alias pointed at another key out of band is found among all aliases (every page) and is not up to date.",
			CR:     alias(),
			Out:    map[string]any{"ListAliases": aliases(nil, entry(aliasName, otherKey))},
			Want: want{O: managed.ExternalObservation{ResourceExists: true},
				Calls:  []string{"ListAliases", "ListAliases", "ListAliases"},
				Inputs: []any{byKey, &kms.ListAliasesInput{}, &kms.ListAliasesInput{Marker: aws.String("p2")}},
				CR:     alias(withAvailable(otherKey))},
		},
		"TargetKeyGone": {
			Reason: "A target key KMS does not know: the alias is looked for among all aliases.",
			CR:     alias(),
			Out: map[string]any{"ListAliases": awsfake.Func(func(in any) (any, error) {
				if in.(*kms.ListAliasesInput).KeyId != nil {
					return nil, kmsfake.NotFound()
				}
				return aliases(nil, entry(aliasName, otherKey))(in)
			})},
			Want: want{O: managed.ExternalObservation{ResourceExists: true},
				Calls: []string{"ListAliases", "ListAliases", "ListAliases"}, CR: alias(withAvailable(otherKey))},
		},
		"NotFound": {
			Reason: "An alias that is neither among its key's nor among all aliases does not exist.",
			CR:     alias(),
			Out:    map[string]any{"ListAliases": aliases(nil)},
			Want:   want{Calls: []string{"ListAliases", "ListAliases", "ListAliases"}, CR: alias()},
		},
		"Import": {
			Reason: "An alias imported without a target key is found among all aliases and its target is late-initialized.",
			CR:     alias(withTarget(nil)),
			Out:    map[string]any{"ListAliases": aliases(nil, entry(aliasName, keyID))},
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: []string{"ListAliases", "ListAliases"}, CR: alias(withAvailable(keyID))},
		},
		"NoPrefix": {
			Reason: "An external name without alias/ is refused before any AWS call, saying what to set.",
			CR:     alias(withName("app")),
			Want: want{Err: errors.New(`external name "app" is not a KMS alias name: set the crossplane.io/external-name annotation to alias/<name>, e.g. alias/app`),
				CR: alias(withName("app"))},
		},
		"AWSName": {
			Reason: "AWS's own alias names are refused before any AWS call.",
			CR:     alias(withName("alias/aws/s3")),
			Want: want{Err: errors.New(`alias name "alias/aws/s3" is reserved for AWS managed keys: choose a name that does not start with alias/aws/`),
				CR: alias(withName("alias/aws/s3"))},
		},
		"ListError": {
			Reason: "An error listing aliases keeps AWS's code.",
			CR:     alias(),
			Errs:   map[string]error{"ListAliases": boom},
			Want:   want{Err: errors.Wrap(boom, "cannot list KMS aliases"), Calls: []string{"ListAliases"}, CR: alias()},
		},
	}, func(api *kmsfake.API, cr *v1alpha1.Alias) (managed.ExternalObservation, error) {
		return (&external{api: api}).Observe(context.Background(), cr)
	})
}

func TestCreate(t *testing.T) {
	boom := kmsfake.Err("LimitExceededException")
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Alias
		errs   map[string]error
		want   error
		calls  []string
	}{
		"Created":       {reason: "The alias is created pointing at the spec's key.", cr: alias(), calls: []string{"CreateAlias"}},
		"AlreadyExists": {reason: "An alias of that name is adopted, not an error.", cr: alias(), errs: map[string]error{"CreateAlias": kmsfake.Err("AlreadyExistsException")}, calls: []string{"CreateAlias"}},
		"Error": {reason: "Other errors keep AWS's code.", cr: alias(), errs: map[string]error{"CreateAlias": boom}, calls: []string{"CreateAlias"},
			want: errors.Wrap(boom, "cannot create KMS alias alias/app")},
		"NoTarget": {reason: "Without a target key (a reference not resolved) nothing is created.", cr: alias(withTarget(nil)),
			want: errors.New("spec.forProvider.targetKeyId is not set: set it, or reference a Key with targetKeyIdRef or targetKeyIdSelector")},
		"BadName": {reason: "An invalid name is refused.", cr: alias(withName("x")),
			want: errors.New(`external name "x" is not a KMS alias name: set the crossplane.io/external-name annotation to alias/<name>, e.g. alias/app`)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := kmsfake.New(nil, tc.errs)
			_, err := (&external{api: f}).Create(context.Background(), tc.cr)
			f.CheckCall(t, tc.reason, "Create", tc.want, err, tc.calls, "CreateAlias", &kms.CreateAliasInput{AliasName: aws.String(aliasName), TargetKeyId: aws.String(keyID)})
		})
	}
}

func TestUpdate(t *testing.T) {
	boom := kmsfake.Err("KMSInvalidStateException")
	observed := entry(aliasName, otherKey)
	cases := map[string]struct {
		reason   string
		cr       *v1alpha1.Alias
		observed *types.AliasListEntry
		errs     map[string]error
		want     error
		calls    []string
	}{
		"Retarget":    {reason: "The alias is pointed at the spec's key.", cr: alias(), observed: &observed, calls: []string{"UpdateAlias"}},
		"NotObserved": {reason: "An Update without an observation is a bug.", cr: alias(), want: errors.New("cannot update KMS alias: it was not observed first")},
		"NoTarget": {reason: "Without a target key nothing is changed.", cr: alias(withTarget(nil)), observed: &observed,
			want: errors.New("spec.forProvider.targetKeyId is not set: set it, or reference a Key with targetKeyIdRef or targetKeyIdSelector")},
		"Error": {reason: "A refused retarget keeps AWS's code.", cr: alias(), observed: &observed, errs: map[string]error{"UpdateAlias": boom}, calls: []string{"UpdateAlias"},
			want: errors.Wrap(boom, "cannot point KMS alias alias/app at key "+keyID)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := kmsfake.New(nil, tc.errs)
			_, err := (&external{api: f, observed: tc.observed}).Update(context.Background(), tc.cr)
			f.CheckCall(t, tc.reason, "Update", tc.want, err, tc.calls, "UpdateAlias", &kms.UpdateAliasInput{AliasName: aws.String(aliasName), TargetKeyId: aws.String(keyID)})
		})
	}
}

func TestDelete(t *testing.T) {
	boom := kmsfake.Err("KMSInternalException")
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Alias
		errs   map[string]error
		want   error
		calls  []string
	}{
		"Deleted":     {reason: "The alias is deleted.", cr: alias(), calls: []string{"DeleteAlias"}},
		"AlreadyGone": {reason: "An alias that is gone is deleted.", cr: alias(), errs: map[string]error{"DeleteAlias": kmsfake.NotFound()}, calls: []string{"DeleteAlias"}},
		"Error": {reason: "Other errors keep AWS's code.", cr: alias(), errs: map[string]error{"DeleteAlias": boom}, calls: []string{"DeleteAlias"},
			want: errors.Wrap(boom, "cannot delete KMS alias alias/app")},
		"BadName": {reason: "An invalid name is refused.", cr: alias(withName("x")),
			want: errors.New(`external name "x" is not a KMS alias name: set the crossplane.io/external-name annotation to alias/<name>, e.g. alias/app`)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := kmsfake.New(nil, tc.errs)
			_, err := (&external{api: f}).Delete(context.Background(), tc.cr)
			f.CheckCall(t, tc.reason, "Delete", tc.want, err, tc.calls, "DeleteAlias", &kms.DeleteAliasInput{AliasName: aws.String(aliasName)})
			kmsfake.CheckDeleting(t, tc.reason, tc.cr)
		})
	}
}
