package ekskit_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/ekskit"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
)

const arn = "arn:aws:eks:us-east-1:123456789012:cluster/prod"

var errBoom = errors.New("boom")

func TestSyncTags(t *testing.T) {
	type want struct {
		err    error
		calls  []string
		inputs []any
	}
	cases := map[string]struct {
		reason   string
		desired  map[string]string
		observed map[string]string
		errs     map[string]error
		want     want
	}{
		"Unmanaged": {
			reason:   "Tags omitted from the spec are not managed: nothing is called.",
			observed: map[string]string{"team": "x"},
		},
		"UpToDate": {
			reason:   "Equal tags need no call.",
			desired:  map[string]string{"team": "platform"},
			observed: map[string]string{"team": "platform"},
		},
		"AddChangeRemove": {
			reason:   "Keys to remove are untagged first (sorted), then the tags to add or change are tagged, by the resource's ARN.",
			desired:  map[string]string{"team": "infra", "env": "prod"},
			observed: map[string]string{"team": "platform", "old": "x", "a-old": "y"},
			want: want{calls: []string{"UntagResource", "TagResource"}, inputs: []any{
				&eks.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"a-old", "old"}},
				&eks.TagResourceInput{ResourceArn: aws.String(arn), Tags: map[string]string{"team": "infra", "env": "prod"}},
			}},
		},
		"KeepsIdentityAndAWSTags": {
			reason:   "The identity tag and AWS's aws:* tags are never removed.",
			desired:  map[string]string{},
			observed: map[string]string{tags.KeyManagedBy: "default/prod/uid", "aws:cloudformation:stack-name": "s"},
		},
		"UntagError": {
			reason:   "An untag error stops the sync and is wrapped.",
			desired:  map[string]string{"team": "infra"},
			observed: map[string]string{"old": "x"},
			errs:     map[string]error{"UntagResource": errBoom},
			want: want{calls: []string{"UntagResource"}, inputs: []any{&eks.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"old"}}},
				err: errors.Wrap(errBoom, "cannot remove tags")},
		},
		"TagError": {
			reason:   "A tag error is wrapped.",
			desired:  map[string]string{"team": "infra"},
			observed: map[string]string{},
			errs:     map[string]error{"TagResource": errBoom},
			want: want{calls: []string{"TagResource"}, inputs: []any{&eks.TagResourceInput{ResourceArn: aws.String(arn), Tags: map[string]string{"team": "infra"}}},
				err: errors.Wrap(errBoom, "cannot add tags")},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			api := eksfake.New(nil, tc.errs)
			err := ekskit.SyncTags(context.Background(), api, aws.String(arn), tc.desired, tc.observed)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nSyncTags(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			api.CheckCalls(t, tc.reason, tc.want.calls, tc.want.inputs)
		})
	}
}

func TestErrors(t *testing.T) {
	notFound := awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")
	inUse := awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")
	invalid := awsfake.APIError("EKS", http.StatusBadRequest, "InvalidParameterException")
	cases := map[string]struct {
		reason   string
		err      error
		notFound bool
		inUse    bool
	}{
		"NotFound":  {reason: "ResourceNotFoundException is not found.", err: notFound, notFound: true},
		"InUse":     {reason: "ResourceInUseException is in use.", err: inUse, inUse: true},
		"Wrapped":   {reason: "A wrapped error keeps its code.", err: errors.Wrap(inUse, "cannot create"), inUse: true},
		"Other":     {reason: "Another code is neither.", err: invalid},
		"NoAPI":     {reason: "An error without a code is neither.", err: errBoom},
		"NoError":   {reason: "No error is neither."},
		"Status404": {reason: "A 404 without the code is not found.", err: awsfake.APIError("EKS", http.StatusNotFound, "NotFound"), notFound: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := ekskit.IsNotFound(tc.err); got != tc.notFound {
				t.Errorf("%s\nIsNotFound(...) = %t, want %t", tc.reason, got, tc.notFound)
			}
			if got := ekskit.IsInUse(tc.err); got != tc.inUse {
				t.Errorf("%s\nIsInUse(...) = %t, want %t", tc.reason, got, tc.inUse)
			}
		})
	}
}

func TestFound(t *testing.T) {
	c := &ekstypes.Cluster{Name: aws.String("prod")}
	notFound := awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")
	cases := map[string]struct {
		reason string
		out    *eks.DescribeClusterOutput
		err    error
		want   *ekstypes.Cluster
		wantE  error
	}{
		"Found":    {reason: "The resource in the output is returned.", out: &eks.DescribeClusterOutput{Cluster: c}, want: c},
		"NotFound": {reason: "Not found is no resource and no error.", err: notFound},
		"None":     {reason: "An output without the resource is no resource.", out: &eks.DescribeClusterOutput{}},
		"Error":    {reason: "Other errors are wrapped, keeping AWS's code.", err: errBoom, wantE: errors.Wrap(errBoom, "cannot describe EKS cluster")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := ekskit.Found(tc.out, tc.err, "cluster", func(o *eks.DescribeClusterOutput) *ekstypes.Cluster { return o.Cluster })
			if diff := cmp.Diff(tc.wantE, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nFound(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if got != tc.want {
				t.Errorf("%s\nFound(...) = %v, want %v", tc.reason, got, tc.want)
			}
		})
	}
}

func TestDeleteError(t *testing.T) {
	inUse := awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")
	cases := map[string]struct {
		reason string
		err    error
		why    string
		want   error
	}{
		"Deleted":     {reason: "A deletion EKS accepted is a success."},
		"Gone":        {reason: "A resource already gone is a success.", err: awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")},
		"Busy":        {reason: "A busy resource is retried, saying why.", err: inUse, why: "an update is in progress", want: errors.Wrap(inUse, "cannot delete EKS add-on yet (an update is in progress); the deletion is retried")},
		"InUseNoWhy":  {reason: "Without a why, in use is an error like another.", err: inUse, want: errors.Wrap(inUse, "cannot delete EKS add-on")},
		"OtherErrors": {reason: "Other errors are wrapped.", err: errBoom, why: "an update is in progress", want: errors.Wrap(errBoom, "cannot delete EKS add-on")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := ekskit.DeleteError(tc.err, "add-on", tc.why)
			if diff := cmp.Diff(tc.want, got, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nDeleteError(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestClusterName(t *testing.T) {
	if got, err := ekskit.ClusterName(aws.String("prod")); err != nil || aws.ToString(got) != "prod" {
		t.Errorf("ClusterName(prod) = %v, %v; want prod", aws.ToString(got), err)
	}
	want := errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector")
	for _, n := range []*string{nil, aws.String("")} {
		if _, err := ekskit.ClusterName(n); cmp.Diff(want, err, test.EquateErrors()) != "" {
			t.Errorf("ClusterName(%v): want %v, got %v", n, want, err)
		}
	}
}

func TestAccessEntryID(t *testing.T) {
	const principal = "arn:aws:iam::123456789012:role/dev"
	noCluster := errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector")
	noPrincipal := errors.New("spec.forProvider.principalArn is not set: set it, or reference a Role with principalArnRef or principalArnSelector")
	cases := map[string]struct {
		reason             string
		cluster, principal *string
		want               error
	}{
		"Both":        {reason: "The cluster and the principal identify the entry.", cluster: aws.String("prod"), principal: aws.String(principal)},
		"NoCluster":   {reason: "The cluster is named first.", principal: aws.String(principal), want: noCluster},
		"NoPrincipal": {reason: "A missing principal says how to set it.", cluster: aws.String("prod"), principal: aws.String(""), want: noPrincipal},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c, p, err := ekskit.AccessEntryID(tc.cluster, tc.principal)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nAccessEntryID(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if tc.want == nil && (c != tc.cluster || p != tc.principal) {
				t.Errorf("%s\nAccessEntryID(...) = %v, %v; want the inputs", tc.reason, aws.ToString(c), aws.ToString(p))
			}
		})
	}
}

func TestSetExternalName(t *testing.T) {
	a := &v1alpha1.Addon{}
	if !ekskit.SetExternalName(a, "prod/vpc-cni") || meta.GetExternalName(a) != "prod/vpc-cni" {
		t.Errorf("a new external name: want it set and reported, got %q", meta.GetExternalName(a))
	}
	if ekskit.SetExternalName(a, "prod/vpc-cni") {
		t.Errorf("the same external name: want no change reported")
	}
}

func TestSetReady(t *testing.T) {
	last := &v1alpha1.LastUpdate{ID: "u-1", Type: "logging"}
	cases := map[string]struct {
		reason string
		status string
		last   *v1alpha1.LastUpdate
		want   xpv2.Condition
	}{
		"Active":      {reason: "ACTIVE is Available.", status: "ACTIVE", want: xpv2.Available()},
		"Creating":    {reason: "CREATING is Creating.", status: "CREATING", want: xpv2.Creating()},
		"Pending":     {reason: "A PENDING cluster is Creating.", status: "PENDING", want: xpv2.Creating()},
		"Deleting":    {reason: "DELETING is Deleting.", status: "DELETING", want: xpv2.Deleting()},
		"Updating":    {reason: "UPDATING is Updating.", status: "UPDATING", want: eksupdate.Updating("an update of the node group is in progress; further changes wait until it is ACTIVE")},
		"UpdatingOwn": {reason: "UPDATING names the provider's update.", status: "UPDATING", last: last, want: eksupdate.Updating("the logging update u-1 of the node group is in progress; further changes wait until it is ACTIVE")},
		"Other":       {reason: "Another status is Unavailable, naming it.", status: "DEGRADED", want: xpv2.Unavailable().WithMessage("EKS node group status is DEGRADED")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ng := &v1alpha1.Nodegroup{}
			ekskit.SetReady(ng, "node group", tc.status, tc.last)
			if got := ng.GetCondition(xpv2.TypeReady); !got.Equal(tc.want) {
				t.Errorf("%s\nReady: want %+v, got %+v", tc.reason, tc.want, got)
			}
		})
	}
}

func TestNewAPI(t *testing.T) {
	cfg := &clients.Config{AWS: aws.Config{Region: "eu-west-1"}, Region: "eu-west-1"}
	a, b := ekskit.NewAPI(cfg), ekskit.NewAPI(cfg)
	if a == nil || a != b {
		t.Errorf("NewAPI: want one client per config, got %T and %T (same: %t)", a, b, a == b)
	}
	if _, ok := a.(*eks.Client); ok {
		t.Errorf("NewAPI: got the SDK's *eks.Client, want the generated sdkClient (hack/sdkclient: a binary links every operation of an SDK client held in an interface)")
	}
}
