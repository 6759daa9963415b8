package subscription

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/sns/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snskit"
)

const (
	topicARN = "arn:aws:sns:us-east-1:123456789012:orders"
	subARN   = topicARN + ":0a1b2c3d-1111-2222-3333-444455556666"
	queueARN = "arn:aws:sqs:us-east-1:123456789012:orders-events"
	dlqARN   = "arn:aws:sqs:us-east-1:123456789012:orders-events-dlq"
	filter   = `{"event":["order_placed"]}`
	// filterReordered means the same as filter.
	filterReordered = `{ "event": [ "order_placed" ] }`
	redrive         = `{"deadLetterTargetArn": "` + dlqARN + `"}`
)

type modifier func(*v1alpha1.Subscription)

// subscription returns a Subscription whose every field is set, as after
// late initialization.
func subscription(m ...modifier) *v1alpha1.Subscription {
	s := &v1alpha1.Subscription{ObjectMeta: metav1.ObjectMeta{Name: "orders-events", Namespace: "default"}}
	meta.SetExternalName(s, subARN)
	s.Spec.ForProvider = v1alpha1.SubscriptionParameters{
		Region:             aws.String("us-east-1"),
		TopicARN:           aws.String(topicARN),
		Protocol:           "sqs",
		Endpoint:           aws.String(queueARN),
		RawMessageDelivery: aws.Bool(true),
		FilterPolicy:       aws.String(filter),
		FilterPolicyScope:  aws.String("MessageAttributes"),
		RedrivePolicy:      &v1alpha1.SubscriptionRedrivePolicy{DeadLetterTargetARN: aws.String(dlqARN)},
	}
	for _, f := range m {
		f(s)
	}
	return s
}

func withAvailable(s *v1alpha1.Subscription) {
	s.Status.AtProvider = v1alpha1.SubscriptionObservation{ARN: subARN, Owner: "123456789012"}
	s.SetConditions(xpv2.Available())
}

func withPending(s *v1alpha1.Subscription) {
	s.Status.AtProvider = v1alpha1.SubscriptionObservation{ARN: subARN, Owner: "123456789012", PendingConfirmation: true}
	s.SetConditions(xpv2.Unavailable().WithMessage(PendingMessage))
}

// awsAttributes are the subscription's attributes as SNS returns them.
func awsAttributes(m ...func(map[string]string)) *sns.GetSubscriptionAttributesOutput {
	a := map[string]string{
		"SubscriptionArn": subARN, "TopicArn": topicARN, "Protocol": "sqs", "Endpoint": queueARN, "Owner": "123456789012",
		"PendingConfirmation": "false", "ConfirmationWasAuthenticated": "true",
		"RawMessageDelivery": "true", "FilterPolicy": filter, "RedrivePolicy": redrive,
	}
	for _, f := range m {
		f(a)
	}
	return &sns.GetSubscriptionAttributesOutput{Attributes: a}
}

func listed(arn string) *sns.ListSubscriptionsByTopicOutput {
	return &sns.ListSubscriptionsByTopicOutput{Subscriptions: []types.Subscription{
		{SubscriptionArn: aws.String(topicARN + ":other"), Protocol: aws.String("email"), Endpoint: aws.String("a@example.com")},
		{SubscriptionArn: aws.String(arn), Protocol: aws.String("sqs"), Endpoint: aws.String(queueARN)},
	}}
}

func TestObserve(t *testing.T) {
	upToDate := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}
	get := []string{"GetSubscriptionAttributes"}
	noName := func(s *v1alpha1.Subscription) { meta.SetExternalName(s, "") }
	cases := map[string]struct {
		reason string
		api    *snsfake.API
		cr     *v1alpha1.Subscription
		want   managed.ExternalObservation
		err    error
		calls  []string
		wantCR *v1alpha1.Subscription
	}{
		"InvalidJSON": {
			reason: "A filter policy that is not JSON is rejected before any AWS call.",
			api:    snsfake.New(nil, nil),
			cr:     subscription(func(s *v1alpha1.Subscription) { s.Spec.ForProvider.FilterPolicy = aws.String("{") }),
			err:    snskit.ValidateJSON("spec.forProvider.filterPolicy", aws.String("{")),
			wantCR: subscription(func(s *v1alpha1.Subscription) { s.Spec.ForProvider.FilterPolicy = aws.String("{") }),
		},
		"UpToDate": {
			reason: "A subscription like its spec, with a filter policy that means the same, is up to date: one read; the default scope counts.",
			api:    snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes()}, nil),
			cr:     subscription(func(s *v1alpha1.Subscription) { s.Spec.ForProvider.FilterPolicy = aws.String(filterReordered) }),
			want:   upToDate,
			calls:  get,
			wantCR: subscription(withAvailable, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.FilterPolicy = aws.String(filterReordered) }),
		},
		"NotFound": {
			reason: "A subscription SNS does not know does not exist.",
			api:    snsfake.New(nil, map[string]error{"GetSubscriptionAttributes": snsfake.NotFound()}),
			cr:     subscription(),
			calls:  get,
			wantCR: subscription(),
		},
		"GetError": {
			reason: "Other errors keep AWS's code, with context.",
			api:    snsfake.New(nil, map[string]error{"GetSubscriptionAttributes": snsfake.AuthorizationError()}),
			cr:     subscription(),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot get SNS subscription attributes"),
			calls:  get,
			wantCR: subscription(),
		},
		"Drift": {
			reason: "Changed raw delivery, filter policy and a removed redrive policy are differences.",
			api: snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes(func(a map[string]string) {
				a["RawMessageDelivery"] = "false"
				a["FilterPolicy"] = `{"event":["other"]}`
				delete(a, "RedrivePolicy")
			})}, nil),
			cr:     subscription(),
			want:   managed.ExternalObservation{ResourceExists: true},
			calls:  get,
			wantCR: subscription(withAvailable),
		},
		"LateInitialize": {
			reason: "Fields the user left unset are copied from SNS: endpoint, raw delivery, filter policy and scope, redrive policy.",
			api:    snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes()}, nil),
			cr: subscription(func(s *v1alpha1.Subscription) {
				s.Spec.ForProvider = v1alpha1.SubscriptionParameters{Region: aws.String("us-east-1"), TopicARN: aws.String(topicARN), Protocol: "sqs"}
			}),
			want:   managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
			calls:  get,
			wantCR: subscription(withAvailable),
		},
		"Immutable": {
			reason: "An external name that is a subscription of another endpoint cannot be changed: the error says what to do.",
			api:    snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes(func(a map[string]string) { a["Endpoint"] = dlqARN })}, nil),
			cr:     subscription(),
			err: errors.Errorf(`SNS subscription %s has endpoint %q, not %q: topicArn, protocol and endpoint are immutable; set spec.forProvider.endpoint to %q, or create a new Subscription (without the external name) instead`,
				subARN, dlqARN, queueARN, dlqARN),
			calls:  get,
			wantCR: subscription(),
		},
		"Pending": {
			reason: "A subscription pending confirmation is not Ready, says the endpoint must confirm, and is left as it is (SNS refuses changes until then).",
			api: snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes(func(a map[string]string) {
				a["PendingConfirmation"] = "true"
				a["RawMessageDelivery"] = "false"
			})}, nil),
			cr:     subscription(),
			want:   upToDate,
			calls:  get,
			wantCR: subscription(withPending),
		},
		"PendingDeleted": {
			reason: "A subscription pending confirmation that is being deleted is reported gone: SNS cannot unsubscribe it, and deletes it after 3 days.",
			api:    snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes(func(a map[string]string) { a["PendingConfirmation"] = "true" })}, nil),
			cr:     subscription(func(s *v1alpha1.Subscription) { s.SetDeletionTimestamp(&metav1.Time{Time: time.Unix(1, 0)}) }),
			calls:  get,
			wantCR: subscription(func(s *v1alpha1.Subscription) {
				s.SetDeletionTimestamp(&metav1.Time{Time: time.Unix(1, 0)})
				s.Status.AtProvider = v1alpha1.SubscriptionObservation{ARN: subARN, Owner: "123456789012", PendingConfirmation: true}
			}),
		},
		"FoundByEndpoint": {
			reason: "Without an external name (an ARN not recorded), the subscription is found among the topic's by protocol and endpoint, across pages, and its ARN recorded.",
			api: snsfake.New(map[string]any{
				"ListSubscriptionsByTopic": func(in any) (any, error) {
					if in.(*sns.ListSubscriptionsByTopicInput).NextToken == nil {
						return &sns.ListSubscriptionsByTopicOutput{NextToken: aws.String("p2")}, nil
					}
					return listed(subARN), nil
				},
				"GetSubscriptionAttributes": awsAttributes(),
			}, nil),
			cr:     subscription(noName),
			want:   managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
			calls:  []string{"ListSubscriptionsByTopic", "ListSubscriptionsByTopic", "GetSubscriptionAttributes"},
			wantCR: subscription(withAvailable),
		},
		"NotFoundByEndpoint": {
			reason: "A pending subscription is listed without its ARN: it is not found, and subscribing again returns it.",
			api:    snsfake.New(map[string]any{"ListSubscriptionsByTopic": listed("PendingConfirmation")}, nil),
			cr:     subscription(noName),
			calls:  []string{"ListSubscriptionsByTopic"},
			wantCR: subscription(noName),
		},
		"TopicGone": {
			reason: "Without the topic there is no subscription.",
			api:    snsfake.New(nil, map[string]error{"ListSubscriptionsByTopic": snsfake.NotFound()}),
			cr:     subscription(noName),
			calls:  []string{"ListSubscriptionsByTopic"},
			wantCR: subscription(noName),
		},
		"ListError": {
			reason: "A list error keeps AWS's code, with context.",
			api:    snsfake.New(nil, map[string]error{"ListSubscriptionsByTopic": snsfake.AuthorizationError()}),
			cr:     subscription(noName),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot list the subscriptions of the SNS topic"),
			calls:  []string{"ListSubscriptionsByTopic"},
			wantCR: subscription(noName),
		},
		"NoTopic": {
			reason: "Without a topic ARN (a reference not resolved) there is nowhere to look: the error says how to set it.",
			api:    snsfake.New(nil, nil),
			cr:     subscription(noName, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.TopicARN = nil }),
			err:    errors.New("spec.forProvider.topicArn is not set: set it, or reference a Topic with topicArnRef or topicArnSelector"),
			wantCR: subscription(noName, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.TopicARN = nil }),
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := &external{api: tc.api}
			got, err := e.Observe(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Observe", tc.err, err, tc.calls)
			awsfake.CheckObserve(t, tc.reason, tc.want, got, tc.wantCR, tc.cr)
		})
	}
}

func TestCreate(t *testing.T) {
	subscribe := &sns.SubscribeInput{TopicArn: aws.String(topicARN), Protocol: aws.String("sqs"), Endpoint: aws.String(queueARN), ReturnSubscriptionArn: true,
		Attributes: map[string]string{"RawMessageDelivery": "true", "FilterPolicy": filter, "FilterPolicyScope": "MessageAttributes", "RedrivePolicy": `{"deadLetterTargetArn":"` + dlqARN + `"}`}}
	noName := func(s *v1alpha1.Subscription) { meta.SetExternalName(s, "") }
	cases := map[string]struct {
		reason string
		api    *snsfake.API
		cr     *v1alpha1.Subscription
		err    error
		inputs []any
		name   string
	}{
		"Subscribe": {
			reason: "The endpoint is subscribed with its attributes, and the ARN SNS returns is the external name.",
			api:    snsfake.New(map[string]any{"Subscribe": &sns.SubscribeOutput{SubscriptionArn: aws.String(subARN)}}, nil),
			cr:     subscription(noName),
			inputs: []any{subscribe},
			name:   subARN,
		},
		"Minimal": {
			reason: "Without attributes, none are sent.",
			api:    snsfake.New(map[string]any{"Subscribe": &sns.SubscribeOutput{SubscriptionArn: aws.String(subARN)}}, nil),
			cr: subscription(noName, func(s *v1alpha1.Subscription) {
				s.Spec.ForProvider = v1alpha1.SubscriptionParameters{TopicARN: aws.String(topicARN), Protocol: "email", Endpoint: aws.String("a@example.com"), RedrivePolicy: &v1alpha1.SubscriptionRedrivePolicy{}}
			}),
			inputs: []any{&sns.SubscribeInput{TopicArn: aws.String(topicARN), Protocol: aws.String("email"), Endpoint: aws.String("a@example.com"), ReturnSubscriptionArn: true}},
			name:   subARN,
		},
		"AlreadyExists": {
			reason: "A subscription of that endpoint with other attributes is adopted: found by protocol and endpoint, its ARN recorded.",
			api:    snsfake.New(map[string]any{"ListSubscriptionsByTopic": listed(subARN)}, map[string]error{"Subscribe": snsfake.AlreadyExists()}),
			cr:     subscription(noName),
			inputs: []any{subscribe, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicARN)}},
			name:   subARN,
		},
		"AlreadyExistsNotFound": {
			reason: "An existing subscription that cannot be found again is an error, with SNS's.",
			api:    snsfake.New(map[string]any{"ListSubscriptionsByTopic": listed("PendingConfirmation")}, map[string]error{"Subscribe": snsfake.AlreadyExists()}),
			cr:     subscription(noName),
			err:    errors.Wrap(snsfake.AlreadyExists(), "cannot subscribe to SNS topic"),
			inputs: []any{subscribe, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicARN)}},
		},
		"Error": {
			reason: "Other errors keep AWS's code, with context, so the reconciler backs off.",
			api:    snsfake.New(nil, map[string]error{"Subscribe": snsfake.AuthorizationError()}),
			cr:     subscription(noName),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot subscribe to SNS topic"),
			inputs: []any{subscribe},
		},
		"NoEndpoint": {
			reason: "Without an endpoint (a reference not resolved) nothing is subscribed: the error says how to set it.",
			api:    snsfake.New(nil, nil),
			cr:     subscription(noName, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.Endpoint = nil }),
			err:    errors.New("spec.forProvider.endpoint is not set: set it, or for protocol sqs reference a Queue with endpointQueueRef or endpointQueueSelector"),
		},
		"InvalidJSON": {
			reason: "A delivery policy that is not JSON is rejected before any AWS call.",
			api:    snsfake.New(nil, nil),
			cr:     subscription(noName, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.DeliveryPolicy = aws.String("{") }),
			err:    snskit.ValidateJSON("spec.forProvider.deliveryPolicy", aws.String("{")),
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Create(context.Background(), tc.cr)
			var calls []string
			for _, in := range tc.inputs {
				calls = append(calls, map[bool]string{true: "Subscribe", false: "ListSubscriptionsByTopic"}[isSubscribe(in)])
			}
			tc.api.Check(t, tc.reason, "Create", tc.err, err, calls)
			tc.api.CheckCalls(t, tc.reason, calls, tc.inputs)
			if got := meta.GetExternalName(tc.cr); got != tc.name {
				t.Errorf("%s\nCreate(...): external name %q, want %q", tc.reason, got, tc.name)
			}
		})
	}
}

func isSubscribe(in any) bool {
	_, ok := in.(*sns.SubscribeInput)
	return ok
}

func TestUpdate(t *testing.T) {
	setAttr := func(n, v string) *sns.SetSubscriptionAttributesInput {
		return &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(subARN), AttributeName: aws.String(n), AttributeValue: aws.String(v)}
	}
	drifted := awsAttributes(func(a map[string]string) {
		a["RawMessageDelivery"] = "false"
		a["FilterPolicy"] = filterReordered
		delete(a, "RedrivePolicy")
	})
	cases := map[string]struct {
		reason  string
		api     *snsfake.API
		observe bool
		cr      *v1alpha1.Subscription
		err     error
		inputs  []any
	}{
		"NotObserved": {
			reason: "Without an observation Update calls nothing: the reconciler always observes first.",
			api:    snsfake.New(nil, nil),
			cr:     subscription(),
			err:    mr.NotObserved("SNS subscription"),
		},
		"OnlyWhatDiffers": {
			reason:  "Only the attributes that differ are set, in name order; a filter policy that means the same is not.",
			api:     snsfake.New(map[string]any{"GetSubscriptionAttributes": drifted}, nil),
			observe: true,
			cr:      subscription(),
			inputs:  []any{setAttr("RawMessageDelivery", "true"), setAttr("RedrivePolicy", `{"deadLetterTargetArn":"`+dlqARN+`"}`)},
		},
		"RemoveRedrive": {
			reason:  "An empty redrive policy removes the dead-letter queue.",
			api:     snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes()}, nil),
			observe: true,
			cr:      subscription(func(s *v1alpha1.Subscription) { s.Spec.ForProvider.RedrivePolicy = &v1alpha1.SubscriptionRedrivePolicy{} }),
			inputs:  []any{setAttr("RedrivePolicy", "")},
		},
		"SetError": {
			reason:  "A refused attribute keeps AWS's code and names the attribute, so the reconciler backs off.",
			api:     snsfake.New(map[string]any{"GetSubscriptionAttributes": drifted}, map[string]error{"SetSubscriptionAttributes": snsfake.AuthorizationError()}),
			observe: true,
			cr:      subscription(),
			err:     errors.Wrap(snsfake.AuthorizationError(), "cannot set attribute RawMessageDelivery of the SNS subscription"),
			inputs:  []any{setAttr("RawMessageDelivery", "true")},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := &external{api: tc.api}
			if tc.observe {
				if _, err := e.Observe(context.Background(), tc.cr); err != nil {
					t.Fatalf("Observe: %v", err)
				}
				tc.api.Calls, tc.api.Inputs = nil, nil
			}
			_, err := e.Update(context.Background(), tc.cr)
			var calls []string
			for range tc.inputs {
				calls = append(calls, "SetSubscriptionAttributes")
			}
			tc.api.Check(t, tc.reason, "Update", tc.err, err, calls)
			tc.api.CheckCalls(t, tc.reason, calls, tc.inputs)
		})
	}
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *snsfake.API
		cr     *v1alpha1.Subscription
		err    error
		calls  []string
	}{
		"Unsubscribed": {
			reason: "The subscription is unsubscribed by its ARN.",
			api:    snsfake.New(nil, nil),
			cr:     subscription(),
			calls:  []string{"Unsubscribe"},
		},
		"Gone": {
			reason: "A subscription already gone is deleted.",
			api:    snsfake.New(nil, map[string]error{"Unsubscribe": snsfake.NotFound()}),
			cr:     subscription(),
			calls:  []string{"Unsubscribe"},
		},
		"NoExternalName": {
			reason: "Without an ARN there is nothing to unsubscribe.",
			api:    snsfake.New(nil, nil),
			cr:     subscription(func(s *v1alpha1.Subscription) { meta.SetExternalName(s, "") }),
		},
		"Error": {
			reason: "Other errors keep AWS's code, with context.",
			api:    snsfake.New(nil, map[string]error{"Unsubscribe": snsfake.AuthorizationError()}),
			cr:     subscription(),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot unsubscribe from SNS topic"),
			calls:  []string{"Unsubscribe"},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Delete(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Delete", tc.err, err, tc.calls)
			if got := tc.cr.GetCondition(xpv2.TypeReady); !got.Equal(xpv2.Deleting()) {
				t.Errorf("%s\nDelete(...): Ready condition %+v, want Deleting", tc.reason, got)
			}
			if tc.calls != nil {
				tc.api.CheckInputs(t, tc.reason, map[string]any{"Unsubscribe": &sns.UnsubscribeInput{SubscriptionArn: aws.String(subARN)}})
			}
		})
	}
}
