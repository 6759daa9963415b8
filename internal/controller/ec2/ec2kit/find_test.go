package ec2kit

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
)

// TestFind covers the identity cases every EC2 kind relies on, once.
func TestFind(t *testing.T) {
	obj := func(id string) *v1alpha1.VPC {
		v := &v1alpha1.VPC{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "net", UID: "u1"}}
		if id != "" {
			meta.SetExternalName(v, id)
		}
		return v
	}
	identity := types.Tag{Key: aws.String(tags.KeyManagedBy), Value: aws.String("ns/net/u1")}
	other := types.Tag{Key: aws.String(tags.KeyManagedBy), Value: aws.String("ns/net/u0")}
	vpc := func(id string, ts ...types.Tag) types.Vpc { return types.Vpc{VpcId: aws.String(id), Tags: ts} }
	boom := errors.New("boom")

	type want struct {
		id      string
		adopted bool
		err     error
		ids     []string
		filters []types.Filter
	}
	cases := map[string]struct {
		reason string
		obj    *v1alpha1.VPC
		out    []types.Vpc
		err    error
		gone   func(*types.Vpc) bool
		want   want
	}{
		"ByID": {
			reason: "A recorded ID is looked up by ID, and the result is not adopted.",
			obj:    obj("vpc-1"),
			out:    []types.Vpc{vpc("vpc-1")},
			want:   want{id: "vpc-1", ids: []string{"vpc-1"}},
		},
		"IDNotFound": {
			reason: "An ID AWS does not know means the resource does not exist.",
			obj:    obj("vpc-1"),
			err:    awsfake.APIError("EC2", http.StatusBadRequest, CodeVPCNotFound),
			want:   want{ids: []string{"vpc-1"}},
		},
		"IDEmptyAnswer": {
			reason: "An empty answer for an ID means the resource does not exist.",
			obj:    obj("vpc-1"),
			want:   want{ids: []string{"vpc-1"}},
		},
		"ByIdentityTag": {
			reason: "Without a recorded ID, the resource carrying the object's identity tag is adopted.",
			obj:    obj(""),
			out:    []types.Vpc{vpc("vpc-2", identity)},
			want:   want{id: "vpc-2", adopted: true, filters: IdentityFilter(obj(""))},
		},
		"FilterIgnored": {
			reason: "An emulator that ignores tag: filters returns others' resources: they are never adopted.",
			obj:    obj(""),
			out:    []types.Vpc{vpc("vpc-3"), vpc("vpc-4", other)},
			want:   want{filters: IdentityFilter(obj(""))},
		},
		"Gone": {
			reason: "A resource AWS still lists but that is gone does not count.",
			obj:    obj("vpc-1"),
			out:    []types.Vpc{vpc("vpc-1")},
			gone:   func(*types.Vpc) bool { return true },
			want:   want{ids: []string{"vpc-1"}},
		},
		"ErrorByID": {
			reason: "Another error names the ID.",
			obj:    obj("vpc-1"),
			err:    boom,
			want:   want{err: errors.Wrap(boom, "cannot get VPC vpc-1"), ids: []string{"vpc-1"}},
		},
		"ErrorByTag": {
			reason: "An error of the tag lookup says so.",
			obj:    obj(""),
			err:    boom,
			want:   want{err: errors.Wrap(boom, "cannot look up VPC by its identity tag"), filters: IdentityFilter(obj(""))},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got want
			l := Lookup[types.Vpc]{
				What:     "VPC",
				NotFound: []string{CodeVPCNotFound},
				Describe: func(_ context.Context, ids []string, filters []types.Filter) ([]types.Vpc, error) {
					got.ids, got.filters = ids, filters
					return tc.out, tc.err
				},
				ID:   func(v *types.Vpc) *string { return v.VpcId },
				Tags: func(v *types.Vpc) []types.Tag { return v.Tags },
				Gone: tc.gone,
			}
			wantName := meta.GetExternalName(tc.obj)
			if tc.want.adopted {
				wantName = tc.want.id
			}
			r, adopted, err := l.Find(context.Background(), tc.obj)
			got.adopted, got.err = adopted, err
			if r != nil {
				got.id = aws.ToString(r.VpcId)
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(want{}), test.EquateErrors(), cmpopts.IgnoreUnexported(types.Filter{})); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
			if got := meta.GetExternalName(tc.obj); got != wantName {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, wantName, got)
			}
		})
	}
}
