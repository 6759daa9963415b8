// Package dynamodbkit holds what the DynamoDB controllers share: the
// DynamoDB client and the API it implements, the error codes DynamoDB
// answers with, the tag codec on tags.Sync, the wiring of a regional kind
// and the hold-back of an update DynamoDB accepted without showing it. A
// new DynamoDB kind adds its operations to API (and to dynamodbfake) and
// wires itself with Setup.
package dynamodbkit

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/apis/dynamodb/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// The error codes DynamoDB answers with.
const (
	// CodeNotFound: the table (or the resource of an ARN) does not exist.
	CodeNotFound = "ResourceNotFoundException"
	// CodeInUse: the table exists already (create), or is being created,
	// updated or deleted (update, delete).
	CodeInUse = "ResourceInUseException"
	// CodeValidation: DynamoDB refused a parameter, e.g. deleting a table
	// whose deletion protection is on.
	CodeValidation = "ValidationException"
)

// IsNotFound reports whether DynamoDB answered that the resource does not
// exist.
func IsNotFound(err error) bool { return awserr.IsNotFound(err, CodeNotFound) }

// IsInUse reports whether DynamoDB answered ResourceInUseException.
func IsInUse(err error) bool { return awserr.HasCode(err, CodeInUse) }

// IsValidation reports whether DynamoDB answered ValidationException.
func IsValidation(err error) bool { return awserr.HasCode(err, CodeValidation) }

// API is the part of the DynamoDB API the DynamoDB kinds call.
// *dynamodb.Client implements it; tests use dynamodbfake.API.
type API interface {
	DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
	CreateTable(ctx context.Context, in *dynamodb.CreateTableInput, o ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	UpdateTable(ctx context.Context, in *dynamodb.UpdateTableInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error)
	DeleteTable(ctx context.Context, in *dynamodb.DeleteTableInput, o ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)

	DescribeTimeToLive(ctx context.Context, in *dynamodb.DescribeTimeToLiveInput, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error)
	UpdateTimeToLive(ctx context.Context, in *dynamodb.UpdateTimeToLiveInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error)
	DescribeContinuousBackups(ctx context.Context, in *dynamodb.DescribeContinuousBackupsInput, o ...func(*dynamodb.Options)) (*dynamodb.DescribeContinuousBackupsOutput, error)
	UpdateContinuousBackups(ctx context.Context, in *dynamodb.UpdateContinuousBackupsInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateContinuousBackupsOutput, error)

	ListTagsOfResource(ctx context.Context, in *dynamodb.ListTagsOfResourceInput, o ...func(*dynamodb.Options)) (*dynamodb.ListTagsOfResourceOutput, error)
	TagResource(ctx context.Context, in *dynamodb.TagResourceInput, o ...func(*dynamodb.Options)) (*dynamodb.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *dynamodb.UntagResourceInput, o ...func(*dynamodb.Options)) (*dynamodb.UntagResourceOutput, error)
}

// NewAPI returns the DynamoDB client of a configuration, built once per
// config and shared by every DynamoDB kind.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "dynamodb", func(c *clients.Config) API {
		return newSDKClient(dynamodb.NewFromConfig(c.AWS, func(o *dynamodb.Options) { o.BaseEndpoint = c.BaseEndpoint("dynamodb") }))
	})
}

// Setup adds the controller of a DynamoDB kind to mgr: obj is the kind,
// region the address of its forProvider.region and external builds its
// client on the shared DynamoDB client of the resource's configuration and
// the region it is in.
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, obj T, region func(T) **string, external func(api API, region string) mr.External[T], extra ...managed.ReconcilerOption) error {
	return mr.Regional(mgr, o, obj, region, NewAPI, external, extra...)
}

// Diff returns a readable diff between the spec (desired, +) and what
// DynamoDB has (observed, -), or "" when they mean the same; empty and
// unset count as equal. Pass a kind's comparable copies.
func Diff(desired, observed any) string { return cmp.Diff(observed, desired, cmpopts.EquateEmpty()) }

// FromTags returns DynamoDB tags as a map.
func FromTags(ts []types.Tag) map[string]string {
	return tags.Map(ts, func(t types.Tag) (k, v *string) { return t.Key, t.Value })
}

// Tags returns a map as DynamoDB tags, sorted by key (nil when empty).
func Tags(m map[string]string) []types.Tag {
	return tags.List(m, func(k, v *string) types.Tag { return types.Tag{Key: k, Value: v} })
}

// ListTags returns every tag of the DynamoDB resource arn, page by page.
func ListTags(ctx context.Context, api API, arn *string) (map[string]string, error) {
	out := map[string]string{}
	in := &dynamodb.ListTagsOfResourceInput{ResourceArn: arn}
	for {
		page, err := api.ListTagsOfResource(ctx, in)
		if err != nil {
			return nil, errors.Wrap(err, "cannot list the tags of the DynamoDB resource")
		}
		for k, v := range FromTags(page.Tags) {
			out[k] = v
		}
		if aws.ToString(page.NextToken) == "" {
			return out, nil
		}
		in.NextToken = page.NextToken
	}
}

// SyncTags makes the tags of the DynamoDB resource arn equal desired (see
// tags.Sync: nil desired tags are not managed; the identity tag and aws:*
// tags are never removed).
func SyncTags(ctx context.Context, api API, arn *string, desired, observed map[string]string) error {
	err := tags.Sync(desired, observed,
		func(add map[string]string) error {
			_, err := api.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: arn, Tags: Tags(add)})
			return err
		},
		func(keys []string) error {
			_, err := api.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: arn, TagKeys: keys})
			return err
		})
	return errors.Wrap(err, "cannot update the tags of the DynamoDB resource")
}

// Record returns the record of an update request sent now: what it changes
// (step) and the request's fingerprint.
func Record(step string, req any, now time.Time) *v1alpha1.LastUpdate {
	return &v1alpha1.LastUpdate{Step: step, Request: eksupdate.Fingerprint(req), Time: metav1.NewTime(now)}
}

// Held returns why req may not be sent now, or "" when it may: it is the
// request last sent (last), less than eksupdate.RetryAfter ago, and the
// resource, no longer busy with it, still does not show its change (an
// update DynamoDB, or an emulator, accepted without applying it). The
// request is sent again after RetryAfter, or at once when the spec changes
// (another request).
func Held(last *v1alpha1.LastUpdate, req any, now time.Time) string {
	if last == nil || last.Request != eksupdate.Fingerprint(req) {
		return ""
	}
	retry := last.Time.Add(eksupdate.RetryAfter)
	if !now.Before(retry) {
		return ""
	}
	return fmt.Sprintf("DynamoDB accepted the request %s at %s but does not show the change; the same request is sent again after %s, or at once when the spec changes",
		last.Step, last.Time.UTC().Format(time.RFC3339), retry.UTC().Format(time.RFC3339))
}
