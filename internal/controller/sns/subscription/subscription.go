// Package subscription is the controller of the SNS Subscription managed
// resource.
package subscription

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/sns/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snskit"
)

// The subscription attributes the controller reads and writes.
const (
	attrTopicARN            = "TopicArn"
	attrProtocol            = "Protocol"
	attrEndpoint            = "Endpoint"
	attrOwner               = "Owner"
	attrPending             = "PendingConfirmation"
	attrRawMessageDelivery  = "RawMessageDelivery"
	attrFilterPolicy        = "FilterPolicy"
	attrFilterPolicyScope   = "FilterPolicyScope"
	attrRedrivePolicy       = "RedrivePolicy"
	attrDeliveryPolicy      = "DeliveryPolicy"
	attrSubscriptionRoleARN = "SubscriptionRoleArn"
)

// jsonAttrs are compared as JSON documents.
var jsonAttrs = []string{attrFilterPolicy, attrRedrivePolicy, attrDeliveryPolicy}

// creationGrace is how long a new subscription is trusted to exist while
// SNS does not show it: SNS shows it as soon as Subscribe returns.
const creationGrace = 5 * time.Second

// PendingMessage is the Ready condition's message of a subscription that
// is pending confirmation.
const PendingMessage = "the subscription is pending confirmation: the endpoint must confirm it (the link SNS emailed, or the SubscribeURL SNS posted to the HTTP/S endpoint); " +
	"its settings are applied once it is confirmed, SNS deletes it when it is not confirmed within 3 days, and SNS cannot unsubscribe it before"

// Setup adds the Subscription controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return snskit.Setup(mgr, o, &v1alpha1.Subscription{},
		func(s *v1alpha1.Subscription) **string { return &s.Spec.ForProvider.Region },
		func(api snskit.API) mr.External[*v1alpha1.Subscription] { return &external{api: api} },
		mr.AssignedID(creationGrace)...)
}

// external reconciles one Subscription with SNS. It lives for one
// reconcile.
type external struct {
	api snskit.API

	// observed are the attributes Observe read, so Update writes only what
	// differs.
	observed snskit.Attributes
}

// Observe reads the subscription's attributes by its ARN, the external
// name. Without one it looks for the subscription among the topic's by
// protocol and endpoint (a subscription whose ARN was not recorded).
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Subscription) (managed.ExternalObservation, error) {
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalObservation{}, err
	}
	arn := meta.GetExternalName(cr)
	found := false
	if arn == "" {
		a, err := e.find(ctx, p)
		if err != nil || a == "" {
			return managed.ExternalObservation{}, err
		}
		meta.SetExternalName(cr, a)
		arn, found = a, true
	}
	out, err := e.api.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(arn)})
	if snskit.IsNotFound(err) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot get SNS subscription attributes")
	}
	o := snskit.Attributes(out.Attributes).Default(attrRawMessageDelivery, "false")
	if o[attrFilterPolicy] != "" {
		o.Default(attrFilterPolicyScope, "MessageAttributes")
	}
	if err := checkIdentity(arn, p, o); err != nil {
		return managed.ExternalObservation{}, err
	}
	pending := aws.ToBool(o.Bool(attrPending))
	cr.Status.AtProvider = v1alpha1.SubscriptionObservation{ARN: arn, Owner: o[attrOwner], PendingConfirmation: pending}
	if pending && meta.WasDeleted(cr) {
		// SNS cannot unsubscribe it; it deletes it after 3 days.
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	e.observed = o

	li := lateInitialize(p, o) || found
	if pending {
		// SNS refuses changes until the endpoint confirms.
		cr.SetConditions(xpv2.Unavailable().WithMessage(PendingMessage))
		return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: li}, nil
	}
	cr.SetConditions(xpv2.Available())
	diff := snskit.Diff(attributes(p), o, jsonAttrs...)
	return managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}, nil
}

// find returns the ARN of the topic's confirmed subscription with the
// spec's protocol and endpoint, or "" when there is none (a subscription
// pending confirmation is listed without its ARN: subscribing again
// returns it).
func (e *external) find(ctx context.Context, p *v1alpha1.SubscriptionParameters) (string, error) {
	topic, endpoint, err := target(p)
	if err != nil {
		return "", err
	}
	in := &sns.ListSubscriptionsByTopicInput{TopicArn: topic}
	for {
		out, err := e.api.ListSubscriptionsByTopic(ctx, in)
		if snskit.IsNotFound(err) {
			return "", nil
		}
		if err != nil {
			return "", errors.Wrap(err, "cannot list the subscriptions of the SNS topic")
		}
		for _, s := range out.Subscriptions {
			if a := aws.ToString(s.SubscriptionArn); strings.HasPrefix(a, "arn:") && aws.ToString(s.Protocol) == p.Protocol && aws.ToString(s.Endpoint) == *endpoint {
				return a, nil
			}
		}
		if aws.ToString(out.NextToken) == "" {
			return "", nil
		}
		in.NextToken = out.NextToken
	}
}

// target returns the topic and the endpoint of the subscription, or an
// error saying how to set the one that is not set.
func target(p *v1alpha1.SubscriptionParameters) (topic, endpoint *string, err error) {
	if aws.ToString(p.TopicARN) == "" {
		return nil, nil, errors.New("spec.forProvider.topicArn is not set: set it, or reference a Topic with topicArnRef or topicArnSelector")
	}
	if aws.ToString(p.Endpoint) == "" {
		return nil, nil, errors.New("spec.forProvider.endpoint is not set: set it, or for protocol sqs reference a Queue with endpointQueueRef or endpointQueueSelector")
	}
	return p.TopicARN, p.Endpoint, nil
}

// checkIdentity returns an error that says what to do when the
// subscription arn (the external name) is not one of the spec's topic,
// protocol and endpoint: SNS cannot change them. An unset endpoint (an
// adopted subscription) is not checked; it is late-initialized.
func checkIdentity(arn string, p *v1alpha1.SubscriptionParameters, o snskit.Attributes) error {
	for _, f := range []struct {
		field   string
		desired *string
		attr    string
	}{
		{"topicArn", p.TopicARN, attrTopicARN},
		{"protocol", &p.Protocol, attrProtocol},
		{"endpoint", p.Endpoint, attrEndpoint},
	} {
		if f.desired != nil && *f.desired != "" && *f.desired != o[f.attr] {
			return errors.Errorf("SNS subscription %s has %s %q, not %q: topicArn, protocol and endpoint are immutable; set spec.forProvider.%s to %q, or create a new Subscription (without the external name) instead", arn, f.field, o[f.attr], *f.desired, f.field, o[f.attr])
		}
	}
	return nil
}

// validate rejects documents that are not JSON before any AWS call.
func validate(p *v1alpha1.SubscriptionParameters) error {
	if err := snskit.ValidateJSON("spec.forProvider.filterPolicy", p.FilterPolicy); err != nil {
		return err
	}
	return snskit.ValidateJSON("spec.forProvider.deliveryPolicy", p.DeliveryPolicy)
}

// redrivePolicy is the JSON of the RedrivePolicy attribute.
type redrivePolicy struct {
	DeadLetterTargetARN string `json:"deadLetterTargetArn"`
}

// encodeRedrive returns the RedrivePolicy attribute of the spec's redrive
// policy: "" without a dead-letter queue.
func encodeRedrive(r *v1alpha1.SubscriptionRedrivePolicy) *string {
	if r == nil {
		return nil
	}
	if aws.ToString(r.DeadLetterTargetARN) == "" {
		return aws.String("")
	}
	b, _ := json.Marshal(redrivePolicy{DeadLetterTargetARN: *r.DeadLetterTargetARN}) //nolint:errchkjson // A struct of one string always marshals.
	return aws.String(string(b))
}

// decodeRedrive returns SNS's RedrivePolicy attribute as the spec's, or nil
// when there is none (or it is not the JSON SNS writes).
func decodeRedrive(attr string) *v1alpha1.SubscriptionRedrivePolicy {
	var r redrivePolicy
	if attr == "" || json.Unmarshal([]byte(attr), &r) != nil || r.DeadLetterTargetARN == "" {
		return nil
	}
	return &v1alpha1.SubscriptionRedrivePolicy{DeadLetterTargetARN: aws.String(r.DeadLetterTargetARN)}
}

// lateInitialize copies what SNS has into the fields the user left unset.
func lateInitialize(p *v1alpha1.SubscriptionParameters, o snskit.Attributes) bool {
	return lateinit.Any(
		lateinit.Ptr(&p.TopicARN, o.String(attrTopicARN)),
		lateinit.Ptr(&p.Endpoint, o.String(attrEndpoint)),
		lateinit.Ptr(&p.RawMessageDelivery, o.Bool(attrRawMessageDelivery)),
		lateinit.Ptr(&p.FilterPolicy, o.String(attrFilterPolicy)),
		lateinit.Ptr(&p.FilterPolicyScope, o.String(attrFilterPolicyScope)),
		lateinit.Ptr(&p.RedrivePolicy, decodeRedrive(o[attrRedrivePolicy])),
		lateinit.Ptr(&p.DeliveryPolicy, o.String(attrDeliveryPolicy)),
		lateinit.Ptr(&p.SubscriptionRoleARN, o.String(attrSubscriptionRoleARN)),
	)
}

// attributes are the attributes the spec manages, as SNS writes them.
func attributes(p *v1alpha1.SubscriptionParameters) snskit.Attributes {
	return snskit.Attributes{}.
		PutBool(attrRawMessageDelivery, p.RawMessageDelivery).
		Put(attrFilterPolicy, p.FilterPolicy).
		Put(attrFilterPolicyScope, p.FilterPolicyScope).
		Put(attrRedrivePolicy, encodeRedrive(p.RedrivePolicy)).
		Put(attrDeliveryPolicy, p.DeliveryPolicy).
		Put(attrSubscriptionRoleARN, p.SubscriptionRoleARN)
}

// Create subscribes the endpoint to the topic with the spec's attributes
// and records the subscription's ARN as the external name. Subscribe is
// idempotent for the same protocol, endpoint and attributes; when SNS
// answers that the subscription exists with other attributes, it is
// adopted (the next observation updates what differs).
func (e *external) Create(ctx context.Context, cr *v1alpha1.Subscription) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalCreation{}, err
	}
	topic, endpoint, err := target(p)
	if err != nil {
		return managed.ExternalCreation{}, err
	}
	attrs := snskit.Attributes{}
	for n, v := range attributes(p) {
		if v != "" {
			attrs[n] = v
		}
	}
	in := &sns.SubscribeInput{TopicArn: topic, Protocol: aws.String(p.Protocol), Endpoint: endpoint, Attributes: attrs, ReturnSubscriptionArn: true}
	if len(attrs) == 0 {
		in.Attributes = nil
	}
	out, err := e.api.Subscribe(ctx, in)
	if snskit.IsAlreadyExists(err) {
		arn, ferr := e.find(ctx, p)
		if ferr != nil || arn == "" {
			return managed.ExternalCreation{}, errors.Wrap(err, "cannot subscribe to SNS topic")
		}
		meta.SetExternalName(cr, arn)
		return managed.ExternalCreation{}, nil
	}
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot subscribe to SNS topic")
	}
	meta.SetExternalName(cr, aws.ToString(out.SubscriptionArn))
	return managed.ExternalCreation{}, nil
}

// Update writes each attribute that differs from what Observe read.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Subscription) (managed.ExternalUpdate, error) {
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalUpdate{}, err
	}
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("SNS subscription")
	}
	arn := aws.String(meta.GetExternalName(cr))
	err := snskit.SetChanged(attributes(p), e.observed, jsonAttrs, "SNS subscription", func(name, value string) error {
		_, err := e.api.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: arn, AttributeName: aws.String(name), AttributeValue: aws.String(value)})
		return err
	})
	return managed.ExternalUpdate{}, err
}

// Delete unsubscribes the endpoint; a subscription already gone is
// deleted. (One pending confirmation is never deleted here: SNS cannot
// unsubscribe it, and Observe reports it gone once the Subscription is
// being deleted.)
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Subscription) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	arn := meta.GetExternalName(cr)
	if arn == "" {
		return managed.ExternalDelete{}, nil
	}
	_, err := e.api.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(arn)})
	if err != nil && !snskit.IsNotFound(err) {
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot unsubscribe from SNS topic")
	}
	return managed.ExternalDelete{}, nil
}
