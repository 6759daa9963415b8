package ec2kit

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2fake"
)

func TestSyncTags(t *testing.T) {
	type want struct {
		err    error
		calls  []string
		inputs []any
	}
	cases := map[string]struct {
		reason            string
		desired, observed map[string]string
		errs              map[string]error
		want              want
	}{
		"NotManaged": {reason: "nil desired tags are not managed.", observed: map[string]string{"a": "1"}},
		"Equal": {reason: "The identity tag is never removed; equal tags need no call.",
			desired: map[string]string{"a": "1"}, observed: map[string]string{"a": "1", tags.KeyManagedBy: "x"}},
		"AddAndRemove": {reason: "Removals first, then additions, in EC2's shapes, sorted by key.",
			desired: map[string]string{"a": "2", "c": "3"}, observed: map[string]string{"a": "1", "b": "1", "d": "1", tags.KeyManagedBy: "x"},
			want: want{calls: []string{"DeleteTags", "CreateTags"}, inputs: []any{
				&ec2.DeleteTagsInput{Resources: []string{"vpc-1"}, Tags: []types.Tag{{Key: aws.String("b")}, {Key: aws.String("d")}}},
				&ec2.CreateTagsInput{Resources: []string{"vpc-1"}, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("2")}, {Key: aws.String("c"), Value: aws.String("3")}}},
			}}},
		"DeleteError": {reason: "A failed removal is returned with the resource.", desired: map[string]string{}, observed: map[string]string{"b": "1"},
			errs: map[string]error{"DeleteTags": ec2fake.Err("X")},
			want: want{err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot remove tags"), "cannot update tags of VPC vpc-1"), calls: []string{"DeleteTags"},
				inputs: []any{&ec2.DeleteTagsInput{Resources: []string{"vpc-1"}, Tags: []types.Tag{{Key: aws.String("b")}}}}}},
		"CreateError": {reason: "A failed addition is returned with the resource.", desired: map[string]string{"a": "1"},
			errs: map[string]error{"CreateTags": ec2fake.Err("X")},
			want: want{err: errors.Wrap(errors.Wrap(ec2fake.Err("X"), "cannot add tags"), "cannot update tags of VPC vpc-1"), calls: []string{"CreateTags"},
				inputs: []any{&ec2.CreateTagsInput{Resources: []string{"vpc-1"}, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}}}}}},
	}
	ignore := cmpopts.IgnoreUnexported(ec2.CreateTagsInput{}, ec2.DeleteTagsInput{}, types.Tag{})
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := ec2fake.New(nil, tc.errs)
			err := SyncTags(context.Background(), f, "VPC", "vpc-1", tc.desired, tc.observed)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nSyncTags(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.calls, f.Calls); diff != "" {
				t.Errorf("%s\nSyncTags(...) calls: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.inputs, f.Sent(), ignore); diff != "" {
				t.Errorf("%s\nSyncTags(...) inputs: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestTags(t *testing.T) {
	got := Tags(map[string]string{"b": "2", "a": "1"})
	want := []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("b"), Value: aws.String("2")}}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(types.Tag{})); diff != "" {
		t.Errorf("Tags(...): -want, +got:\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"a": "1", "b": "2"}, FromTags(got)); diff != "" {
		t.Errorf("FromTags(...): -want, +got:\n%s", diff)
	}
}

func TestDeleteError(t *testing.T) {
	cases := map[string]struct {
		reason string
		err    error
		want   error
	}{
		"Deleted": {reason: "A delete that succeeded is no error."},
		"NotFound": {reason: "A resource that is already gone is no error.",
			err: ec2fake.Err(CodeVPCNotFound)},
		"DependencyViolation": {reason: "A blocked delete keeps AWS's code and says that the provider retries.",
			err:  ec2fake.Err(CodeDependencyViolation),
			want: errors.Wrap(ec2fake.Err(CodeDependencyViolation), "cannot delete VPC vpc-1: other resources still depend on it; the provider retries")},
		"Other": {reason: "Another error names the resource.",
			err: ec2fake.Err("X"), want: errors.Wrap(ec2fake.Err("X"), "cannot delete VPC vpc-1")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, DeleteError(tc.err, "VPC", "vpc-1", CodeVPCNotFound), test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDeleteError(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestObserved(t *testing.T) {
	cases := map[string]struct {
		reason                   string
		diff                     string
		lateInitialized, adopted bool
		want                     managed.ExternalObservation
	}{
		"UpToDate": {reason: "No diff: up to date.",
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}},
		"Diff": {reason: "A diff: not up to date, and the diff is kept.", diff: "-a +b",
			want: managed.ExternalObservation{ResourceExists: true, Diff: "-a +b"}},
		"LateInitialized": {reason: "Late-initialized fields are saved.", lateInitialized: true,
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}},
		"Adopted": {reason: "An adopted resource's ID is saved.", adopted: true,
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Observed(tc.diff, tc.lateInitialized, tc.adopted)); diff != "" {
				t.Errorf("%s\nObserved(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestObservedTags(t *testing.T) {
	identity := map[string]string{"a": "1", tags.KeyManagedBy: "x", "aws:cloudformation:stack-name": "s"}
	cases := map[string]struct {
		reason            string
		desired, observed map[string]string
		want              map[string]string
	}{
		"UpToDate":   {reason: "Up-to-date tags are the desired ones: no diff.", desired: map[string]string{"a": "1"}, observed: identity, want: map[string]string{"a": "1"}},
		"NotManaged": {reason: "nil desired tags are not managed: no diff.", observed: identity},
		"Differ":     {reason: "Tags that differ are the user's, without the identity and aws:* tags.", desired: map[string]string{"a": "2"}, observed: identity, want: map[string]string{"a": "1"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, ObservedTags(tc.desired, tc.observed)); diff != "" {
				t.Errorf("%s\nObservedTags(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
	if d := Diff(map[string]string{}, map[string]string(nil)); d != "" {
		t.Errorf("Diff(empty, nil): got %q, want none: empty and unset are equal", d)
	}
	if d := Diff(map[string]string{"a": "1"}, map[string]string{"a": "2"}); d == "" {
		t.Error("Diff(a=1, a=2): got none, want a diff")
	}
}
