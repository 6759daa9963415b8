// Package eksupdate keeps an EKS update from being sent again on every poll
// when AWS does not show its change: an update that failed, or one that AWS
// (or an emulator) accepted without applying it. The controllers record the
// update they send in status.atProvider.lastUpdate and clear it once the
// resource matches the spec; while it is set, the same request waits for
// the update in progress, or is reported and held back for RetryAfter.
package eksupdate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/pkg/errors"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
)

// RetryAfter is how long the same request is held back after AWS failed
// it or did not apply it.
const RetryAfter = time.Hour

// Fingerprint returns the first 16 hex digits of the SHA-256 of the
// request's JSON.
func Fingerprint(req any) string {
	b, err := json.Marshal(req)
	if err != nil {
		// SDK inputs always marshal; fall back to their printed form.
		b = fmt.Appendf(nil, "%#v", req)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// Describe reads an update of the resource by ID (EKS DescribeUpdate).
type Describe func(ctx context.Context, id string) (*types.Update, error)

// Describer is the EKS call DescribeWith makes.
type Describer interface {
	DescribeUpdate(ctx context.Context, in *eks.DescribeUpdateInput, o ...func(*eks.Options)) (*eks.DescribeUpdateOutput, error)
}

// DescribeWith returns the Describe that calls api's DescribeUpdate with in,
// which names the resource (the cluster, and the node group or add-on), and
// the update's ID.
func DescribeWith(api Describer, in eks.DescribeUpdateInput) Describe {
	return func(ctx context.Context, id string) (*types.Update, error) {
		req := in
		req.UpdateId = aws.String(id)
		out, err := api.DescribeUpdate(ctx, &req)
		if err != nil {
			return nil, err
		}
		return out.Update, nil
	}
}

// check says whether a request with fingerprint fp may be sent now, given
// the last update sent. It returns wait when that same update is still in
// progress, and an error saying why the same request is held back when AWS
// failed it or did not apply it. Any other request may be sent.
func check(ctx context.Context, last *v1alpha1.LastUpdate, fp string, describe Describe, now time.Time) (wait bool, err error) {
	if last == nil || last.Request != fp {
		return false, nil
	}
	retry := last.Time.Add(RetryAfter)
	if !now.Before(retry) {
		return false, nil
	}
	again := fmt.Sprintf("the same request is sent again after %s, or at once when the spec changes", retry.UTC().Format(time.RFC3339))
	sent := last.Time.UTC().Format(time.RFC3339)
	if last.ID == "" {
		return false, errors.Errorf("EKS accepted the %s update at %s but does not show the change; %s", last.Type, sent, again)
	}
	u, err := describe(ctx, last.ID)
	if awserr.IsNotFound(err, "ResourceNotFoundException") || (err == nil && u == nil) {
		return false, errors.Errorf("EKS accepted the %s update %s at %s but does not show the change; %s", last.Type, last.ID, sent, again)
	}
	if err != nil {
		return false, errors.Wrapf(err, "cannot describe EKS update %s", last.ID)
	}
	switch u.Status {
	case types.UpdateStatusInProgress:
		return true, nil
	case types.UpdateStatusFailed, types.UpdateStatusCancelled:
		return false, errors.Errorf("the %s update %s sent at %s %s: %s; %s", last.Type, last.ID, sent, strings.ToLower(string(u.Status)), details(u.Errors), again)
	default:
		return false, errors.Errorf("EKS reports the %s update %s sent at %s as %s but does not show the change; %s", last.Type, last.ID, sent, u.Status, again)
	}
}

// details joins the errors of an update, keeping AWS's codes and messages.
func details(es []types.ErrorDetail) string {
	if len(es) == 0 {
		return "EKS gave no details"
	}
	out := make([]string, 0, len(es))
	for _, e := range es {
		s := fmt.Sprintf("%s: %s", e.ErrorCode, aws.ToString(e.ErrorMessage))
		if len(e.ResourceIds) > 0 {
			s += " (" + strings.Join(e.ResourceIds, ", ") + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// record returns the record of an update sent now: what it changes, the
// request's fingerprint and the update AWS returned (nil when it returned
// none).
func record(what, fp string, u *types.Update, now time.Time) *v1alpha1.LastUpdate {
	r := &v1alpha1.LastUpdate{Type: what, Request: fp, Time: metav1.NewTime(now)}
	if u != nil {
		r.ID = aws.ToString(u.Id)
	}
	return r
}

// ReasonUpdating is the Ready=False reason of an EKS resource being updated.
const ReasonUpdating xpv2.ConditionReason = "Updating"

// InProgress is the Ready condition of a resource (what, e.g. "cluster")
// whose status is UPDATING: it names the update when it is the one the
// provider sent (last), else says that an update, made outside the
// provider, is in progress.
func InProgress(what string, last *v1alpha1.LastUpdate) xpv2.Condition {
	if last != nil && last.ID != "" {
		return Updating(fmt.Sprintf("the %s update %s of the %s is in progress; further changes wait until it is ACTIVE", last.Type, last.ID, what))
	}
	return Updating(fmt.Sprintf("an update of the %s is in progress; further changes wait until it is ACTIVE", what))
}

// Updating returns a Ready=False condition with reason Updating.
func Updating(msg string) xpv2.Condition {
	return xpv2.Condition{Type: xpv2.TypeReady, Status: corev1.ConditionFalse, LastTransitionTime: metav1.Now(), Reason: ReasonUpdating, Message: msg}
}

// An Update is one EKS update request.
type Update struct {
	// What the update changes, e.g. "logging", for the record and the
	// messages.
	What string
	// Request is the request's input, to recognise the same request.
	Request any
	// Message is the Ready message once the update is sent.
	Message string
	// Describe reads an earlier update of the same resource by ID.
	Describe Describe
	// Call sends the update and returns what AWS returned, or a wrapped
	// error.
	Call func(context.Context) (*types.Update, error)
}

// Send sends u, unless check holds it back, records it in *last, and sets
// cr's Ready condition to Updating: with u.Message once sent, or naming the
// same update while it is still in progress.
func Send(ctx context.Context, cr resource.Conditioned, last **v1alpha1.LastUpdate, u Update) error {
	fp := Fingerprint(u.Request)
	now := time.Now()
	wait, err := check(ctx, *last, fp, u.Describe, now)
	switch {
	case err != nil:
		return err
	case wait:
		cr.SetConditions(Updating(fmt.Sprintf("the %s update %s is in progress; further changes wait until it is done", u.What, (*last).ID)))
		return nil
	}
	out, err := u.Call(ctx)
	if err != nil {
		return err
	}
	*last = record(u.What, fp, out, now)
	cr.SetConditions(Updating(u.Message))
	return nil
}
