package eksupdate

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"
	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
)

var (
	sent    = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	req     = &eks.UpdateClusterConfigInput{Name: aws.String("prod"), Logging: &types.Logging{}}
	fp      = Fingerprint(req)
	errBoom = errors.New("boom")
	again   = "the same request is sent again after 2026-11-25T11:00:00Z, or at once when the spec changes"
)

func notFound() error {
	return &smithy.OperationError{ServiceID: "EKS", OperationName: "DescribeUpdate", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: http.StatusNotFound}},
			Err:      &smithy.GenericAPIError{Code: "ResourceNotFoundException", Message: "No update found"},
		},
	}}
}

// describer answers DescribeUpdate with u and err, and counts the calls.
type describer struct {
	u     *types.Update
	err   error
	calls int
	id    string
}

func (d *describer) describe(_ context.Context, id string) (*types.Update, error) {
	d.calls++
	d.id = id
	return d.u, d.err
}

func TestFingerprint(t *testing.T) {
	same := &eks.UpdateClusterConfigInput{Name: aws.String("prod"), Logging: &types.Logging{}}
	other := &eks.UpdateClusterConfigInput{Name: aws.String("prod"), Logging: &types.Logging{ClusterLogging: []types.LogSetup{{Enabled: aws.Bool(true)}}}}
	if Fingerprint(same) != fp {
		t.Errorf("Fingerprint of an equal request: got %s, want %s", Fingerprint(same), fp)
	}
	if Fingerprint(other) == fp {
		t.Errorf("Fingerprint of another request equals %s", fp)
	}
	if len(fp) != 16 {
		t.Errorf("Fingerprint length: got %d, want 16", len(fp))
	}
}

func TestCheck(t *testing.T) {
	last := func(id string) *v1alpha1.LastUpdate {
		return &v1alpha1.LastUpdate{ID: id, Type: "logging", Request: fp, Time: metav1.NewTime(sent)}
	}
	type want struct {
		wait  bool
		err   error
		calls int
	}
	cases := map[string]struct {
		reason string
		last   *v1alpha1.LastUpdate
		fp     string
		now    time.Time
		d      *describer
		want   want
	}{
		"NoLastUpdate": {
			reason: "Without a recorded update any request is sent.",
			fp:     fp, now: sent, d: &describer{},
		},
		"OtherRequest": {
			reason: "A request other than the recorded one is sent.",
			last:   last("u-1"), fp: "0123456789abcdef", now: sent.Add(time.Minute), d: &describer{},
		},
		"RetryTime": {
			reason: "The same request is sent again RetryAfter after the last one.",
			last:   last("u-1"), fp: fp, now: sent.Add(RetryAfter), d: &describer{},
		},
		"NoID": {
			reason: "An update AWS returned no ID for and does not show is reported, without a call.",
			last:   last(""), fp: fp, now: sent.Add(time.Minute), d: &describer{},
			want: want{err: errors.New("EKS accepted the logging update at 2026-11-25T10:00:00Z but does not show the change; " + again)},
		},
		"InProgress": {
			reason: "The same update still in progress is waited for.",
			last:   last("u-1"), fp: fp, now: sent.Add(time.Minute), d: &describer{u: &types.Update{Id: aws.String("u-1"), Status: types.UpdateStatusInProgress}},
			want: want{wait: true, calls: 1},
		},
		"Failed": {
			reason: "A failed update is reported with AWS's error codes, messages and resources.",
			last:   last("u-1"), fp: fp, now: sent.Add(time.Minute),
			d: &describer{u: &types.Update{Id: aws.String("u-1"), Status: types.UpdateStatusFailed, Errors: []types.ErrorDetail{
				{ErrorCode: types.ErrorCodeAccessDenied, ErrorMessage: aws.String("not authorized to perform: logs:CreateLogGroup"), ResourceIds: []string{"prod"}},
				{ErrorCode: types.ErrorCodeUnknown, ErrorMessage: aws.String("try again")},
			}}},
			want: want{calls: 1, err: errors.New("the logging update u-1 sent at 2026-11-25T10:00:00Z failed: AccessDenied: not authorized to perform: logs:CreateLogGroup (prod); Unknown: try again; " + again)},
		},
		"CancelledNoDetails": {
			reason: "A cancelled update without details says so.",
			last:   last("u-1"), fp: fp, now: sent.Add(time.Minute),
			d:    &describer{u: &types.Update{Id: aws.String("u-1"), Status: types.UpdateStatusCancelled}},
			want: want{calls: 1, err: errors.New("the logging update u-1 sent at 2026-11-25T10:00:00Z cancelled: EKS gave no details; " + again)},
		},
		"SuccessfulNotShown": {
			reason: "A successful update whose change does not show is reported.",
			last:   last("u-1"), fp: fp, now: sent.Add(time.Minute),
			d:    &describer{u: &types.Update{Id: aws.String("u-1"), Status: types.UpdateStatusSuccessful}},
			want: want{calls: 1, err: errors.New("EKS reports the logging update u-1 sent at 2026-11-25T10:00:00Z as Successful but does not show the change; " + again)},
		},
		"UpdateNotFound": {
			reason: "An update AWS no longer knows is reported as not shown.",
			last:   last("u-1"), fp: fp, now: sent.Add(time.Minute), d: &describer{err: notFound()},
			want: want{calls: 1, err: errors.New("EKS accepted the logging update u-1 at 2026-11-25T10:00:00Z but does not show the change; " + again)},
		},
		"DescribeError": {
			reason: "Other DescribeUpdate errors are wrapped.",
			last:   last("u-1"), fp: fp, now: sent.Add(time.Minute), d: &describer{err: errBoom},
			want: want{calls: 1, err: errors.Wrap(errBoom, "cannot describe EKS update u-1")},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			wait, err := check(context.Background(), tc.last, tc.fp, tc.d.describe, tc.now)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\ncheck(): -want error, +got error:\n%s", tc.reason, diff)
			}
			if wait != tc.want.wait {
				t.Errorf("%s\ncheck(): wait = %t, want %t", tc.reason, wait, tc.want.wait)
			}
			if tc.d.calls != tc.want.calls {
				t.Errorf("%s\nDescribeUpdate calls: got %d, want %d", tc.reason, tc.d.calls, tc.want.calls)
			}
			if tc.d.calls > 0 && tc.d.id != tc.last.ID {
				t.Errorf("%s\nDescribeUpdate ID: got %q, want %q", tc.reason, tc.d.id, tc.last.ID)
			}
		})
	}
}

func TestInProgress(t *testing.T) {
	cases := map[string]struct {
		reason string
		last   *v1alpha1.LastUpdate
		want   string
	}{
		"Own":       {reason: "The update the provider sent is named.", last: &v1alpha1.LastUpdate{ID: "u-1", Type: "logging"}, want: "the logging update u-1 of the cluster is in progress; further changes wait until it is ACTIVE"},
		"NoID":      {reason: "An update AWS gave no ID for cannot be named.", last: &v1alpha1.LastUpdate{Type: "logging"}, want: "an update of the cluster is in progress; further changes wait until it is ACTIVE"},
		"OutOfBand": {reason: "Without a record the update came from elsewhere.", want: "an update of the cluster is in progress; further changes wait until it is ACTIVE"},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			got := InProgress("cluster", tc.last)
			if diff := cmp.Diff(Updating(tc.want), got, test.EquateConditions()); diff != "" {
				t.Errorf("%s\nInProgress(): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestSend(t *testing.T) {
	recent := func(id, fp string) *v1alpha1.LastUpdate {
		return &v1alpha1.LastUpdate{ID: id, Type: "logging", Request: fp, Time: metav1.NewTime(time.Now().Add(-time.Minute))}
	}
	type want struct {
		err   error
		sent  bool
		last  *v1alpha1.LastUpdate
		ready string
	}
	cases := map[string]struct {
		reason string
		last   *v1alpha1.LastUpdate
		d      *describer
		out    *types.Update
		err    error
		want   want
	}{
		"Sent": {
			reason: "A new request is sent and recorded with the update's ID; Ready says what is updated.",
			d:      &describer{}, out: &types.Update{Id: aws.String("u-2")},
			want: want{sent: true, last: &v1alpha1.LastUpdate{ID: "u-2", Type: "logging", Request: fp}, ready: "updating the logging"},
		},
		"SentWithoutID": {
			reason: "An update AWS returns no ID for is recorded without one.",
			last:   recent("u-1", "0123456789abcdef"), d: &describer{},
			want: want{sent: true, last: &v1alpha1.LastUpdate{Type: "logging", Request: fp}, ready: "updating the logging"},
		},
		"HeldBack": {
			reason: "The same request is not sent again; the record stays and Ready is not touched.",
			last:   recent("", fp), d: &describer{},
			want: want{err: errors.New("held"), last: &v1alpha1.LastUpdate{Type: "logging", Request: fp}},
		},
		"Wait": {
			reason: "The same update in progress is waited for, not sent again; Ready names it.",
			last:   recent("u-1", fp), d: &describer{u: &types.Update{Status: types.UpdateStatusInProgress}},
			want: want{last: &v1alpha1.LastUpdate{ID: "u-1", Type: "logging", Request: fp}, ready: "the logging update u-1 is in progress; further changes wait until it is done"},
		},
		"CallError": {
			reason: "A failed call is returned and not recorded.",
			d:      &describer{}, err: errBoom,
			want: want{sent: true, err: errBoom},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			last := tc.last
			cr := &v1alpha1.Cluster{}
			called := false
			err := Send(context.Background(), cr, &last, Update{What: "logging", Request: req, Message: "updating the logging", Describe: tc.d.describe,
				Call: func(context.Context) (*types.Update, error) {
					called = true
					return tc.out, tc.err
				}})
			if (err != nil) != (tc.want.err != nil) || (errors.Is(tc.want.err, errBoom) && !errors.Is(err, errBoom)) {
				t.Errorf("%s\nSend(): error %v, want %v", tc.reason, err, tc.want.err)
			}
			if called != tc.want.sent {
				t.Errorf("%s\nSend(): sent %t, want %t", tc.reason, called, tc.want.sent)
			}
			if diff := cmp.Diff(tc.want.last, last, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Time" }, cmp.Ignore())); diff != "" {
				t.Errorf("%s\nrecord: -want, +got:\n%s", tc.reason, diff)
			}
			if last != nil && last.Time.IsZero() {
				t.Errorf("%s\nrecord without a time", tc.reason)
			}
			c := cr.GetCondition(xpv2.TypeReady)
			if tc.want.ready == "" && c.Reason != "" || tc.want.ready != "" && (c.Reason != ReasonUpdating || c.Message != tc.want.ready) {
				t.Errorf("%s\nReady: got %s %q, want Updating %q", tc.reason, c.Reason, c.Message, tc.want.ready)
			}
		})
	}
}
