package kmskit_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kaws-dev/provider-aws/apis/kms/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/kmsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/kmskit"
)

func tagsOut(truncated bool, kv ...string) *kms.ListResourceTagsOutput {
	out := &kms.ListResourceTagsOutput{Truncated: truncated}
	if truncated {
		out.NextMarker = aws.String("m")
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Tags = append(out.Tags, types.Tag{TagKey: aws.String(kv[i]), TagValue: aws.String(kv[i+1])})
	}
	return out
}

func TestFindByIdentity(t *testing.T) {
	obj := &v1alpha1.Key{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "k", UID: "u1"}}
	boom := kmsfake.Err("KMSInternalException")
	// keys answers ListKeys with two pages: k1, then k2 and k3.
	keys := awsfake.Func(func(in any) (any, error) {
		if in.(*kms.ListKeysInput).Marker == nil {
			return &kms.ListKeysOutput{Keys: []types.KeyListEntry{{KeyId: aws.String("k1")}}, Truncated: true, NextMarker: aws.String("p2")}, nil
		}
		return &kms.ListKeysOutput{Keys: []types.KeyListEntry{{KeyId: aws.String("k2")}, {KeyId: aws.String("k3")}}}, nil
	})
	// tagged answers ListResourceTags: k1 is gone, k2 is somebody else's,
	// k3 carries the identity on its second page of tags.
	tagged := awsfake.Func(func(in any) (any, error) {
		i := in.(*kms.ListResourceTagsInput)
		switch aws.ToString(i.KeyId) {
		case "k1":
			return nil, kmsfake.NotFound()
		case "k2":
			return tagsOut(false, tags.KeyManagedBy, "ns/k/u0"), nil
		}
		if i.Marker == nil {
			return tagsOut(true, "a", "1"), nil
		}
		return tagsOut(false, tags.KeyManagedBy, "ns/k/u1"), nil
	})
	cases := map[string]struct {
		reason string
		out    map[string]any
		errs   map[string]error
		want   string
		err    error
		calls  []string
	}{
		"Found": {
			reason: "Every page of keys and of tags is read until the key with the object's identity; a key gone meanwhile and others' keys are skipped.",
			out:    map[string]any{"ListKeys": keys, "ListResourceTags": tagged},
			want:   "k3",
			calls:  []string{"ListKeys", "ListResourceTags", "ListKeys", "ListResourceTags", "ListResourceTags", "ListResourceTags"},
		},
		"None": {
			reason: "No key with the identity: none.",
			out:    map[string]any{"ListKeys": &kms.ListKeysOutput{Keys: []types.KeyListEntry{{KeyId: aws.String("k2")}}}, "ListResourceTags": tagged},
			calls:  []string{"ListKeys", "ListResourceTags"},
		},
		"ListError": {
			reason: "An error listing keys keeps AWS's code.",
			errs:   map[string]error{"ListKeys": boom},
			err:    errors.Wrap(boom, "cannot look up KMS key by its identity tag: cannot list keys"),
			calls:  []string{"ListKeys"},
		},
		"TagsError": {
			reason: "An error reading a key's tags names the key.",
			out:    map[string]any{"ListKeys": &kms.ListKeysOutput{Keys: []types.KeyListEntry{{KeyId: aws.String("k2")}}}},
			errs:   map[string]error{"ListResourceTags": boom},
			err:    errors.Wrap(boom, "cannot look up KMS key by its identity tag: cannot list the tags of key k2"),
			calls:  []string{"ListKeys", "ListResourceTags"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := kmsfake.New(tc.out, tc.errs)
			got, err := kmskit.FindByIdentity(context.Background(), f, obj)
			f.Check(t, tc.reason, "FindByIdentity", tc.err, err, tc.calls)
			if got != tc.want {
				t.Errorf("%s\nFindByIdentity(...): want %q, got %q", tc.reason, tc.want, got)
			}
		})
	}
}

func TestSyncTags(t *testing.T) {
	boom := kmsfake.Err("TagException")
	cases := map[string]struct {
		reason            string
		desired, observed map[string]string
		errs              map[string]error
		err               error
		calls             []string
		inputs            []any
	}{
		"NotManaged": {reason: "nil desired tags are not managed.", observed: map[string]string{"a": "1"}},
		"AddAndRemove": {
			reason:  "Removals first, then additions, in KMS's shapes; the identity tag stays.",
			desired: map[string]string{"a": "2"}, observed: map[string]string{"a": "1", "b": "1", tags.KeyManagedBy: "x"},
			calls: []string{"UntagResource", "TagResource"},
			inputs: []any{&kms.UntagResourceInput{KeyId: aws.String("k"), TagKeys: []string{"b"}},
				&kms.TagResourceInput{KeyId: aws.String("k"), Tags: []types.Tag{{TagKey: aws.String("a"), TagValue: aws.String("2")}}}},
		},
		"UntagError": {
			reason: "A refused removal names the key.", desired: map[string]string{}, observed: map[string]string{"b": "1"},
			errs: map[string]error{"UntagResource": boom}, calls: []string{"UntagResource"},
			err: errors.Wrap(errors.Wrap(boom, "cannot remove tags"), "cannot update tags of KMS key k"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := kmsfake.New(nil, tc.errs)
			err := kmskit.SyncTags(context.Background(), f, "k", tc.desired, tc.observed)
			f.Check(t, tc.reason, "SyncTags", tc.err, err, tc.calls)
			f.CheckCalls(t, tc.reason, tc.calls, tc.inputs)
		})
	}
}

func TestKeyID(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"ID":    {in: "1234", want: "1234"},
		"ARN":   {in: "arn:aws:kms:us-east-1:123456789012:key/1234", want: "1234"},
		"Alias": {in: "arn:aws:kms:us-east-1:123456789012:alias/a", want: "arn:aws:kms:us-east-1:123456789012:alias/a"},
	}
	for name, tc := range cases {
		if got := kmskit.KeyID(tc.in); got != tc.want {
			t.Errorf("%s: KeyID(%q): want %q, got %q", name, tc.in, tc.want, got)
		}
	}
}

func TestTags(t *testing.T) {
	m := map[string]string{"b": "2", "a": "1"}
	if diff := cmp.Diff(m, kmskit.FromTags(kmskit.Tags(m))); diff != "" {
		t.Errorf("FromTags(Tags(m)): -want, +got:\n%s", diff)
	}
	if kmskit.Tags(nil) != nil {
		t.Error("Tags(nil) is not nil")
	}
}
