// Package snskit is what the SNS kinds' controllers share on top of the
// provider-wide helpers: the SNS API they call and its client, the wiring
// of a regional SNS kind, SNS's error codes, named once, its tag codec on
// tags.Sync, and the attribute maps both topics and subscriptions are
// made of (compared with JSON attributes by meaning, written one attribute
// per call).
//
// A new SNS kind adds its operations to API (and to snsfake), its codes
// here, and wires itself with Setup.
package snskit

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// SNS's error codes the controllers act on.
const (
	// CodeNotFound is SNS's "the topic (or subscription) does not exist".
	CodeNotFound = "NotFound"
	// CodeResourceNotFound is the not found of the tagging operations.
	CodeResourceNotFound = "ResourceNotFound"
	// CodeInvalidParameter is SNS's answer to a parameter it refuses; also
	// to a create whose name (or protocol and endpoint) exists with other
	// attributes or tags.
	CodeInvalidParameter = "InvalidParameter"
)

// API is the part of the SNS API the SNS kinds call. *sns.Client
// implements it; the unit tests use snsfake.API. A new SNS kind adds its
// operations here and to snsfake.
type API interface {
	// Topic
	CreateTopic(ctx context.Context, in *sns.CreateTopicInput, o ...func(*sns.Options)) (*sns.CreateTopicOutput, error)
	DeleteTopic(ctx context.Context, in *sns.DeleteTopicInput, o ...func(*sns.Options)) (*sns.DeleteTopicOutput, error)
	GetTopicAttributes(ctx context.Context, in *sns.GetTopicAttributesInput, o ...func(*sns.Options)) (*sns.GetTopicAttributesOutput, error)
	SetTopicAttributes(ctx context.Context, in *sns.SetTopicAttributesInput, o ...func(*sns.Options)) (*sns.SetTopicAttributesOutput, error)
	ListTopics(ctx context.Context, in *sns.ListTopicsInput, o ...func(*sns.Options)) (*sns.ListTopicsOutput, error)
	GetDataProtectionPolicy(ctx context.Context, in *sns.GetDataProtectionPolicyInput, o ...func(*sns.Options)) (*sns.GetDataProtectionPolicyOutput, error)
	PutDataProtectionPolicy(ctx context.Context, in *sns.PutDataProtectionPolicyInput, o ...func(*sns.Options)) (*sns.PutDataProtectionPolicyOutput, error)
	ListTagsForResource(ctx context.Context, in *sns.ListTagsForResourceInput, o ...func(*sns.Options)) (*sns.ListTagsForResourceOutput, error)
	TagResource(ctx context.Context, in *sns.TagResourceInput, o ...func(*sns.Options)) (*sns.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *sns.UntagResourceInput, o ...func(*sns.Options)) (*sns.UntagResourceOutput, error)

	// Subscription
	Subscribe(ctx context.Context, in *sns.SubscribeInput, o ...func(*sns.Options)) (*sns.SubscribeOutput, error)
	Unsubscribe(ctx context.Context, in *sns.UnsubscribeInput, o ...func(*sns.Options)) (*sns.UnsubscribeOutput, error)
	GetSubscriptionAttributes(ctx context.Context, in *sns.GetSubscriptionAttributesInput, o ...func(*sns.Options)) (*sns.GetSubscriptionAttributesOutput, error)
	SetSubscriptionAttributes(ctx context.Context, in *sns.SetSubscriptionAttributesInput, o ...func(*sns.Options)) (*sns.SetSubscriptionAttributesOutput, error)
	ListSubscriptionsByTopic(ctx context.Context, in *sns.ListSubscriptionsByTopicInput, o ...func(*sns.Options)) (*sns.ListSubscriptionsByTopicOutput, error)
}

// NewAPI returns the SNS client of a configuration, built once per config
// and shared by every SNS kind.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "sns", func(c *clients.Config) API {
		return newSDKClient(sns.NewFromConfig(c.AWS, func(o *sns.Options) { o.BaseEndpoint = c.BaseEndpoint("sns") }))
	})
}

// Setup adds the controller of an SNS kind to mgr: obj is the kind, region
// the address of its forProvider.region and external builds its client on
// the shared SNS client of the resource's configuration. extra options
// follow (mr.AssignedID for a subscription, whose ARN AWS assigns).
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, obj T, region func(T) **string, external func(api API) mr.External[T], extra ...managed.ReconcilerOption) error {
	return mr.Regional(mgr, o, obj, region, NewAPI, func(api API, _ string) mr.External[T] { return external(api) }, extra...)
}

// IsNotFound reports whether SNS answered that the topic or subscription
// does not exist.
func IsNotFound(err error) bool { return awserr.IsNotFound(err, CodeNotFound, CodeResourceNotFound) }

// IsAlreadyExists reports whether SNS refused a create because a topic of
// that name (or a subscription of that protocol and endpoint) exists with
// other attributes or tags: SNS says so only in the message of an
// InvalidParameter.
func IsAlreadyExists(err error) bool {
	var ae smithy.APIError
	return awserr.HasCode(err, CodeInvalidParameter) && errors.As(err, &ae) && strings.Contains(strings.ToLower(ae.ErrorMessage()), "already exists")
}

// FromTags returns SNS tags as a map.
func FromTags(ts []types.Tag) map[string]string {
	return tags.Map(ts, func(t types.Tag) (k, v *string) { return t.Key, t.Value })
}

// Tags returns a map as SNS tags, sorted by key.
func Tags(m map[string]string) []types.Tag {
	return tags.List(m, func(k, v *string) types.Tag { return types.Tag{Key: k, Value: v} })
}

// ListTags returns the tags of the SNS resource arn.
func ListTags(ctx context.Context, api API, arn string) (map[string]string, error) {
	out, err := api.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	if err != nil {
		return nil, errors.Wrap(err, "cannot list the tags of the SNS resource")
	}
	return FromTags(out.Tags), nil
}

// SyncTags makes the tags of the SNS resource arn equal desired (see
// tags.Sync: nil desired tags are not managed; the identity tag and aws:*
// tags are never removed).
func SyncTags(ctx context.Context, api API, arn string, desired, observed map[string]string) error {
	return tags.Sync(desired, observed,
		func(add map[string]string) error {
			_, err := api.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(arn), Tags: Tags(add)})
			return err
		},
		func(keys []string) error {
			_, err := api.UntagResource(ctx, &sns.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: keys})
			return err
		})
}

// Attributes are an SNS topic's or subscription's attributes by name, as
// SNS reads and writes them: strings, with booleans as "true"/"false" and
// documents as JSON.
type Attributes map[string]string

// Put sets the attribute name to *v when v is set (a field the spec
// manages), and returns a.
func (a Attributes) Put(name string, v *string) Attributes {
	if v != nil {
		a[name] = *v
	}
	return a
}

// PutBool sets the attribute name to "true" or "false" when v is set.
func (a Attributes) PutBool(name string, v *bool) Attributes {
	if v != nil {
		a[name] = strconv.FormatBool(*v)
	}
	return a
}

// Bool returns the boolean attribute name, or nil when SNS did not report it.
func (a Attributes) Bool(name string) *bool {
	v, ok := a[name]
	if !ok {
		return nil
	}
	b := strings.EqualFold(v, "true")
	return &b
}

// String returns the attribute name, or nil when SNS reported none or an
// empty one: nothing to late-initialize from.
func (a Attributes) String(name string) *string {
	if v := a[name]; v != "" {
		return &v
	}
	return nil
}

// Comparable returns the desired attributes and the observed ones
// restricted to the desired names (a missing attribute is ""), with each
// JSON attribute (jsonNames) that means the same as the desired one set to
// the desired text, so that go-cmp sees only real differences.
func Comparable(desired, observed Attributes, jsonNames ...string) (d, o Attributes) {
	isJSON := map[string]bool{}
	for _, n := range jsonNames {
		isJSON[n] = true
	}
	o = Attributes{}
	for n, want := range desired {
		got := observed[n]
		if isJSON[n] && want != "" && got != "" && policy.Equal(want, got) {
			got = want
		}
		o[n] = got
	}
	return desired, o
}

// Diff returns a readable diff between the desired attributes (+) and what
// SNS has (-), or "" when they are up to date.
func Diff(desired, observed Attributes, jsonNames ...string) string {
	d, o := Comparable(desired, observed, jsonNames...)
	return cmp.Diff(o, d)
}

// SetChanged writes, in name order, each desired attribute that differs
// from the observed one (JSON attributes by meaning) with set, one
// attribute per call as SNS takes them; what names the resource in errors.
func SetChanged(desired, observed Attributes, jsonNames []string, what string, set func(name, value string) error) error {
	d, o := Comparable(desired, observed, jsonNames...)
	names := make([]string, 0, len(d))
	for n := range d {
		if d[n] != o[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		if err := set(n, d[n]); err != nil {
			return errors.Wrapf(err, "cannot set attribute %s of the %s", n, what)
		}
	}
	return nil
}

// Default sets the attribute name to v when SNS reported it empty or not
// at all: what SNS means when it says nothing (e.g. RawMessageDelivery
// false). It returns a.
func (a Attributes) Default(name, v string) Attributes {
	if a[name] == "" {
		a[name] = v
	}
	return a
}

// ValidateJSON returns an error naming field when the document doc is set,
// not empty and not valid JSON, before any AWS call.
func ValidateJSON(field string, doc *string) error {
	if doc == nil || *doc == "" {
		return nil
	}
	if _, err := policy.Normalize(*doc); err != nil {
		return errors.Wrapf(err, "%s is not valid JSON: fix the document", field)
	}
	return nil
}
