package ecrkit_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/ecr/ecrfake"
	"github.com/kaws-dev/provider-aws/internal/controller/ecr/ecrkit"
)

const arn = "arn:aws:ecr:us-east-1:123456789012:repository/app"

func TestTags(t *testing.T) {
	m := map[string]string{"b": "2", "a": "1"}
	want := []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("b"), Value: aws.String("2")}}
	if diff := cmp.Diff(want, ecrkit.Tags(m), awsfake.SDKInputs()); diff != "" {
		t.Errorf("Tags(...): -want, +got:\n%s", diff)
	}
	if ecrkit.Tags(nil) != nil {
		t.Errorf("Tags(nil) is not nil")
	}
	if diff := cmp.Diff(m, ecrkit.FromTags(want)); diff != "" {
		t.Errorf("FromTags(...): -want, +got:\n%s", diff)
	}
}

func TestListTags(t *testing.T) {
	boom := ecrfake.AccessDenied()
	cases := map[string]struct {
		reason string
		api    *ecrfake.API
		want   map[string]string
		err    error
	}{
		"Tags": {
			reason: "The tags of the resource are returned as a map.",
			api:    ecrfake.New(map[string]any{"ListTagsForResource": &ecr.ListTagsForResourceOutput{Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}}}}, nil),
			want:   map[string]string{"a": "1"},
		},
		"Error": {
			reason: "An error is returned as it is.",
			api:    ecrfake.New(nil, map[string]error{"ListTagsForResource": boom}),
			err:    boom,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := ecrkit.ListTags(context.Background(), tc.api, aws.String(arn))
			tc.api.Check(t, tc.reason, "ListTags", tc.err, err, []string{"ListTagsForResource"})
			tc.api.CheckInputs(t, tc.reason, map[string]any{"ListTagsForResource": &ecr.ListTagsForResourceInput{ResourceArn: aws.String(arn)}})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nListTags(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestSyncTags(t *testing.T) {
	boom := ecrfake.AccessDenied()
	cases := map[string]struct {
		reason            string
		desired, observed map[string]string
		errs              map[string]error
		err               error
		calls             []string
		inputs            []any
	}{
		"Unmanaged": {
			reason:   "nil desired tags are not managed: nothing is called.",
			observed: map[string]string{"a": "1"},
		},
		"InSync": {
			reason:   "Equal tags call nothing; the identity tag is never removed.",
			desired:  map[string]string{"a": "1"},
			observed: map[string]string{"a": "1", "kaws.dev/managed-by": "x"},
		},
		"Changed": {
			reason:   "Removed keys are untagged first, then new and changed tags are tagged, by ARN.",
			desired:  map[string]string{"a": "2", "c": "3"},
			observed: map[string]string{"a": "1", "b": "2"},
			calls:    []string{"UntagResource", "TagResource"},
			inputs: []any{
				&ecr.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"b"}},
				&ecr.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("2")}, {Key: aws.String("c"), Value: aws.String("3")}}},
			},
		},
		"UntagError": {
			reason:   "An untag error is returned with context.",
			desired:  map[string]string{},
			observed: map[string]string{"b": "2"},
			errs:     map[string]error{"UntagResource": boom},
			err:      errors.Wrap(boom, "cannot remove tags"),
			calls:    []string{"UntagResource"},
		},
		"TagError": {
			reason:  "A tag error is returned with context.",
			desired: map[string]string{"a": "1"},
			errs:    map[string]error{"TagResource": boom},
			err:     errors.Wrap(boom, "cannot add tags"),
			calls:   []string{"TagResource"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			api := ecrfake.New(nil, tc.errs)
			err := ecrkit.SyncTags(context.Background(), api, aws.String(arn), tc.desired, tc.observed)
			api.Check(t, tc.reason, "SyncTags", tc.err, err, tc.calls)
			if tc.inputs != nil {
				api.CheckCalls(t, tc.reason, tc.calls, tc.inputs)
			}
		})
	}
}

func TestDocument(t *testing.T) {
	boom := ecrfake.AccessDenied()
	cases := map[string]struct {
		reason string
		text   *string
		err    error
		want   string
		wantE  error
	}{
		"Text":     {reason: "The document is returned.", text: aws.String("{}"), want: "{}"},
		"NoText":   {reason: "No document is empty.", want: ""},
		"NotFound": {reason: "The not-found code means no document.", err: ecrfake.Error(ecrkit.CodeLifecyclePolicyNotFound), want: ""},
		"Error":    {reason: "Another error is returned as it is.", err: boom, wantE: boom},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := ecrkit.Document(tc.text, tc.err, ecrkit.CodeLifecyclePolicyNotFound)
			if diff := cmp.Diff(tc.wantE, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDocument(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if got != tc.want {
				t.Errorf("%s\nDocument(...): want %q, got %q", tc.reason, tc.want, got)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	cases := map[string]struct {
		reason string
		is     func(error) bool
		code   string
	}{
		"NotFound":      {reason: "RepositoryNotFoundException is not found.", is: ecrkit.IsNotFound, code: ecrkit.CodeRepositoryNotFound},
		"AlreadyExists": {reason: "RepositoryAlreadyExistsException is already exists.", is: ecrkit.IsAlreadyExists, code: ecrkit.CodeRepositoryAlreadyExists},
		"NotEmpty":      {reason: "RepositoryNotEmptyException is not empty.", is: ecrkit.IsNotEmpty, code: ecrkit.CodeRepositoryNotEmpty},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if !tc.is(ecrfake.Error(tc.code)) {
				t.Errorf("%s\n%s: want true", tc.reason, tc.code)
			}
			if tc.is(ecrfake.AccessDenied()) {
				t.Errorf("%s\nAccessDeniedException: want false", tc.reason)
			}
		})
	}
}
