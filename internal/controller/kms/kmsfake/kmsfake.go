// Package kmsfake is the recording fake of the KMS API (kmskit.API) for the
// unit tests of the KMS controllers: one method per operation the KMS kinds
// call, each answered by awsfake.Call from the embedded Recorder.
package kmsfake

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kms"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/kmskit"
)

// API answers every KMS operation from the Recorder's Out and Errs, keyed by
// operation name, and records the calls.
type API struct{ awsfake.Recorder }

var _ kmskit.API = &API{}

// New returns a fake that answers from out and fails with errs (either may
// be nil).
func New(out map[string]any, errs map[string]error) *API {
	return &API{Recorder: awsfake.Recorder{Out: out, Errs: errs}}
}

// Err is an error as the SDK returns it for KMS: HTTP 400 with AWS's code.
func Err(code string) error { return awsfake.APIError("KMS", http.StatusBadRequest, code) }

// NotFound is KMS's answer for a key or alias that does not exist.
func NotFound() error { return Err(kmskit.CodeNotFound) }

// DescribeKey implements kmskit.API.
func (f *API) DescribeKey(_ context.Context, in *kms.DescribeKeyInput, _ ...func(*kms.Options)) (*kms.DescribeKeyOutput, error) {
	return awsfake.Call[kms.DescribeKeyOutput](&f.Recorder, "DescribeKey", in)
}

// CreateKey implements kmskit.API.
func (f *API) CreateKey(_ context.Context, in *kms.CreateKeyInput, _ ...func(*kms.Options)) (*kms.CreateKeyOutput, error) {
	return awsfake.Call[kms.CreateKeyOutput](&f.Recorder, "CreateKey", in)
}

// ListKeys implements kmskit.API.
func (f *API) ListKeys(_ context.Context, in *kms.ListKeysInput, _ ...func(*kms.Options)) (*kms.ListKeysOutput, error) {
	return awsfake.Call[kms.ListKeysOutput](&f.Recorder, "ListKeys", in)
}

// UpdateKeyDescription implements kmskit.API.
func (f *API) UpdateKeyDescription(_ context.Context, in *kms.UpdateKeyDescriptionInput, _ ...func(*kms.Options)) (*kms.UpdateKeyDescriptionOutput, error) {
	return awsfake.Call[kms.UpdateKeyDescriptionOutput](&f.Recorder, "UpdateKeyDescription", in)
}

// GetKeyPolicy implements kmskit.API.
func (f *API) GetKeyPolicy(_ context.Context, in *kms.GetKeyPolicyInput, _ ...func(*kms.Options)) (*kms.GetKeyPolicyOutput, error) {
	return awsfake.Call[kms.GetKeyPolicyOutput](&f.Recorder, "GetKeyPolicy", in)
}

// PutKeyPolicy implements kmskit.API.
func (f *API) PutKeyPolicy(_ context.Context, in *kms.PutKeyPolicyInput, _ ...func(*kms.Options)) (*kms.PutKeyPolicyOutput, error) {
	return awsfake.Call[kms.PutKeyPolicyOutput](&f.Recorder, "PutKeyPolicy", in)
}

// GetKeyRotationStatus implements kmskit.API.
func (f *API) GetKeyRotationStatus(_ context.Context, in *kms.GetKeyRotationStatusInput, _ ...func(*kms.Options)) (*kms.GetKeyRotationStatusOutput, error) {
	return awsfake.Call[kms.GetKeyRotationStatusOutput](&f.Recorder, "GetKeyRotationStatus", in)
}

// EnableKeyRotation implements kmskit.API.
func (f *API) EnableKeyRotation(_ context.Context, in *kms.EnableKeyRotationInput, _ ...func(*kms.Options)) (*kms.EnableKeyRotationOutput, error) {
	return awsfake.Call[kms.EnableKeyRotationOutput](&f.Recorder, "EnableKeyRotation", in)
}

// DisableKeyRotation implements kmskit.API.
func (f *API) DisableKeyRotation(_ context.Context, in *kms.DisableKeyRotationInput, _ ...func(*kms.Options)) (*kms.DisableKeyRotationOutput, error) {
	return awsfake.Call[kms.DisableKeyRotationOutput](&f.Recorder, "DisableKeyRotation", in)
}

// EnableKey implements kmskit.API.
func (f *API) EnableKey(_ context.Context, in *kms.EnableKeyInput, _ ...func(*kms.Options)) (*kms.EnableKeyOutput, error) {
	return awsfake.Call[kms.EnableKeyOutput](&f.Recorder, "EnableKey", in)
}

// DisableKey implements kmskit.API.
func (f *API) DisableKey(_ context.Context, in *kms.DisableKeyInput, _ ...func(*kms.Options)) (*kms.DisableKeyOutput, error) {
	return awsfake.Call[kms.DisableKeyOutput](&f.Recorder, "DisableKey", in)
}

// ScheduleKeyDeletion implements kmskit.API.
func (f *API) ScheduleKeyDeletion(_ context.Context, in *kms.ScheduleKeyDeletionInput, _ ...func(*kms.Options)) (*kms.ScheduleKeyDeletionOutput, error) {
	return awsfake.Call[kms.ScheduleKeyDeletionOutput](&f.Recorder, "ScheduleKeyDeletion", in)
}

// ListResourceTags implements kmskit.API.
func (f *API) ListResourceTags(_ context.Context, in *kms.ListResourceTagsInput, _ ...func(*kms.Options)) (*kms.ListResourceTagsOutput, error) {
	return awsfake.Call[kms.ListResourceTagsOutput](&f.Recorder, "ListResourceTags", in)
}

// TagResource implements kmskit.API.
func (f *API) TagResource(_ context.Context, in *kms.TagResourceInput, _ ...func(*kms.Options)) (*kms.TagResourceOutput, error) {
	return awsfake.Call[kms.TagResourceOutput](&f.Recorder, "TagResource", in)
}

// UntagResource implements kmskit.API.
func (f *API) UntagResource(_ context.Context, in *kms.UntagResourceInput, _ ...func(*kms.Options)) (*kms.UntagResourceOutput, error) {
	return awsfake.Call[kms.UntagResourceOutput](&f.Recorder, "UntagResource", in)
}

// ListAliases implements kmskit.API.
func (f *API) ListAliases(_ context.Context, in *kms.ListAliasesInput, _ ...func(*kms.Options)) (*kms.ListAliasesOutput, error) {
	return awsfake.Call[kms.ListAliasesOutput](&f.Recorder, "ListAliases", in)
}

// CreateAlias implements kmskit.API.
func (f *API) CreateAlias(_ context.Context, in *kms.CreateAliasInput, _ ...func(*kms.Options)) (*kms.CreateAliasOutput, error) {
	return awsfake.Call[kms.CreateAliasOutput](&f.Recorder, "CreateAlias", in)
}

// UpdateAlias implements kmskit.API.
func (f *API) UpdateAlias(_ context.Context, in *kms.UpdateAliasInput, _ ...func(*kms.Options)) (*kms.UpdateAliasOutput, error) {
	return awsfake.Call[kms.UpdateAliasOutput](&f.Recorder, "UpdateAlias", in)
}

// DeleteAlias implements kmskit.API.
func (f *API) DeleteAlias(_ context.Context, in *kms.DeleteAliasInput, _ ...func(*kms.Options)) (*kms.DeleteAliasOutput, error) {
	return awsfake.Call[kms.DeleteAliasOutput](&f.Recorder, "DeleteAlias", in)
}

// CheckCall reports on t, under a test case's reason, how one call of a KMS
// kind's external client (method) with f differs from what the case wants:
// the error, the operations called and, when calls is not empty, the input
// of the first call of op.
func (f *API) CheckCall(t testing.TB, reason, method string, wantErr, err error, calls []string, op string, input any) {
	t.Helper()
	f.Check(t, reason, method, wantErr, err, calls)
	if len(calls) > 0 {
		f.CheckInputs(t, reason, map[string]any{op: input})
	}
}

// CheckDeleting reports on t, under a test case's reason, a Ready condition
// of cr other than Deleting: what every Delete sets first.
func CheckDeleting(t testing.TB, reason string, cr resource.Conditioned) {
	t.Helper()
	if c := cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Deleting()) {
		t.Errorf("%s\nReady: want Deleting, got %+v", reason, c)
	}
}

// An ObserveCase is one case of a KMS kind's Observe test. M is the kind's
// object type, e.g. *v1alpha1.Key.
type ObserveCase[M resource.Managed] struct {
	Reason string
	// CR is the object to observe.
	CR M
	// Out and Errs are what the fake answers, by operation.
	Out  map[string]any
	Errs map[string]error
	Want ObserveWant[M]
}

// ObserveWant is what an ObserveCase expects.
type ObserveWant[M resource.Managed] = awsfake.ObserveWant[M]

// TestObserve runs a KMS kind's Observe cases (awsfake.TestObserve), each
// on a fake that answers with the case's Out and Errs.
func TestObserve[M resource.Managed](t *testing.T, cases map[string]ObserveCase[M], observe func(api *API, cr M) (managed.ExternalObservation, error)) {
	t.Helper()
	withFakes := make(map[string]awsfake.ObserveCase[M, *API], len(cases))
	for n, c := range cases {
		withFakes[n] = awsfake.ObserveCase[M, *API]{Reason: c.Reason, API: New(c.Out, c.Errs), CR: c.CR, Want: c.Want}
	}
	awsfake.TestObserve(t, withFakes, observe)
}
