package subscription

import (
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

func newExternal(api *snsfake.API) mr.External[*v1alpha1.Subscription] { return &external{api: api} }

func TestObserve(t *testing.T) {
	upToDate := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}
	get := []string{"GetSubscriptionAttributes"}
	noName := func(s *v1alpha1.Subscription) { meta.SetExternalName(s, "") }
	cases := map[string]snsfake.Case[*v1alpha1.Subscription]{
		"InvalidJSON": {
			Reason: "A filter policy that is not JSON is rejected before any AWS call.",
			API:    snsfake.New(nil, nil),
			CR:     subscription(func(s *v1alpha1.Subscription) { s.Spec.ForProvider.FilterPolicy = aws.String("{") }),
			Err:    snskit.ValidateJSON("spec.forProvider.filterPolicy", aws.String("{")),
			WantCR: subscription(func(s *v1alpha1.Subscription) { s.Spec.ForProvider.FilterPolicy = aws.String("{") }),
		},
		"UpToDate": {
			Reason: "A subscription like its spec, with a filter policy that means the same, is up to date: one read; the default scope counts.",
			API:    snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes()}, nil),
			CR:     subscription(func(s *v1alpha1.Subscription) { s.Spec.ForProvider.FilterPolicy = aws.String(filterReordered) }),
			Want:   upToDate,
			Calls:  get,
			WantCR: subscription(withAvailable, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.FilterPolicy = aws.String(filterReordered) }),
		},
		"NotFound": {
			Reason: "A subscription SNS does not know does not exist.",
			API:    snsfake.New(nil, map[string]error{"GetSubscriptionAttributes": snsfake.NotFound()}),
			CR:     subscription(),
			Calls:  get,
			WantCR: subscription(),
		},
		"GetError": {
			Reason: "Other errors keep AWS's code, with context.",
			API:    snsfake.New(nil, map[string]error{"GetSubscriptionAttributes": snsfake.AuthorizationError()}),
			CR:     subscription(),
			Err:    errors.Wrap(snsfake.AuthorizationError(), "cannot get SNS subscription attributes"),
			Calls:  get,
			WantCR: subscription(),
		},
		"Drift": {
			Reason: "Changed raw delivery, filter policy and a removed redrive policy are differences.",
			API: snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes(func(a map[string]string) {
				a["RawMessageDelivery"] = "false"
				a["FilterPolicy"] = `{"event":["other"]}`
				delete(a, "RedrivePolicy")
			})}, nil),
			CR:     subscription(),
			Want:   managed.ExternalObservation{ResourceExists: true},
			Calls:  get,
			WantCR: subscription(withAvailable),
		},
		"LateInitialize": {
			Reason: "Fields the user left unset are copied from SNS: endpoint, raw delivery, filter policy and scope, redrive policy.",
			API:    snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes()}, nil),
			CR: subscription(func(s *v1alpha1.Subscription) {
				s.Spec.ForProvider = v1alpha1.SubscriptionParameters{Region: aws.String("us-east-1"), TopicARN: aws.String(topicARN), Protocol: "sqs"}
			}),
			Want:   managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
			Calls:  get,
			WantCR: subscription(withAvailable),
		},
		"Immutable": {
			Reason: "An external name that is a subscription of another endpoint cannot be changed: the error says what to do.",
			API:    snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes(func(a map[string]string) { a["Endpoint"] = dlqARN })}, nil),
			CR:     subscription(),
			Err: errors.Errorf(`SNS subscription %s has endpoint %q, not %q: topicArn, protocol and endpoint are immutable; set spec.forProvider.endpoint to %q, or create a new Subscription (without the external name) instead`,
				subARN, dlqARN, queueARN, dlqARN),
			Calls:  get,
			WantCR: subscription(),
		},
		"Pending": {
			Reason: "A subscription pending confirmation is not Ready, says the endpoint must confirm, and is left as it is (SNS refuses changes until then).",
			API: snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes(func(a map[string]string) {
				a["PendingConfirmation"] = "true"
				a["RawMessageDelivery"] = "false"
			})}, nil),
			CR:     subscription(),
			Want:   upToDate,
			Calls:  get,
			WantCR: subscription(withPending),
		},
		"PendingDeleted": {
			Reason: "A subscription pending confirmation that is being deleted is reported gone: SNS cannot unsubscribe it, and deletes it after 3 days.",
			API:    snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes(func(a map[string]string) { a["PendingConfirmation"] = "true" })}, nil),
			CR:     subscription(func(s *v1alpha1.Subscription) { s.SetDeletionTimestamp(&metav1.Time{Time: time.Unix(1, 0)}) }),
			Calls:  get,
			WantCR: subscription(func(s *v1alpha1.Subscription) {
				s.SetDeletionTimestamp(&metav1.Time{Time: time.Unix(1, 0)})
				s.Status.AtProvider = v1alpha1.SubscriptionObservation{ARN: subARN, Owner: "123456789012", PendingConfirmation: true}
			}),
		},
		"FoundByEndpoint": {
			Reason: "Without an external name (an ARN not recorded), the subscription is found among the topic's by protocol and endpoint, across pages, and its ARN recorded.",
			API: snsfake.New(map[string]any{
				"ListSubscriptionsByTopic": func(in any) (any, error) {
					if in.(*sns.ListSubscriptionsByTopicInput).NextToken == nil {
						return &sns.ListSubscriptionsByTopicOutput{NextToken: aws.String("p2")}, nil
					}
					return listed(subARN), nil
				},
				"GetSubscriptionAttributes": awsAttributes(),
			}, nil),
			CR:     subscription(noName),
			Want:   managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
			Calls:  []string{"ListSubscriptionsByTopic", "ListSubscriptionsByTopic", "GetSubscriptionAttributes"},
			WantCR: subscription(withAvailable),
		},
		"NotFoundByEndpoint": {
			Reason: "A pending subscription is listed without its ARN: it is not found, and subscribing again returns it.",
			API:    snsfake.New(map[string]any{"ListSubscriptionsByTopic": listed("PendingConfirmation")}, nil),
			CR:     subscription(noName),
			Calls:  []string{"ListSubscriptionsByTopic"},
			WantCR: subscription(noName),
		},
		"TopicGone": {
			Reason: "Without the topic there is no subscription.",
			API:    snsfake.New(nil, map[string]error{"ListSubscriptionsByTopic": snsfake.NotFound()}),
			CR:     subscription(noName),
			Calls:  []string{"ListSubscriptionsByTopic"},
			WantCR: subscription(noName),
		},
		"ListError": {
			Reason: "A list error keeps AWS's code, with context.",
			API:    snsfake.New(nil, map[string]error{"ListSubscriptionsByTopic": snsfake.AuthorizationError()}),
			CR:     subscription(noName),
			Err:    errors.Wrap(snsfake.AuthorizationError(), "cannot list the subscriptions of the SNS topic"),
			Calls:  []string{"ListSubscriptionsByTopic"},
			WantCR: subscription(noName),
		},
		"NoTopic": {
			Reason: "Without a topic ARN (a reference not resolved) there is nowhere to look: the error says how to set it.",
			API:    snsfake.New(nil, nil),
			CR:     subscription(noName, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.TopicARN = nil }),
			Err:    errors.New("spec.forProvider.topicArn is not set: set it, or reference a Topic with topicArnRef or topicArnSelector"),
			WantCR: subscription(noName, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.TopicARN = nil }),
		},
	}
	snsfake.Run(t, "Observe", snsfake.Observe[*v1alpha1.Subscription], cases, newExternal)
}

func TestCreate(t *testing.T) {
	subscribe := &sns.SubscribeInput{TopicArn: aws.String(topicARN), Protocol: aws.String("sqs"), Endpoint: aws.String(queueARN), ReturnSubscriptionArn: true,
		Attributes: map[string]string{"RawMessageDelivery": "true", "FilterPolicy": filter, "FilterPolicyScope": "MessageAttributes", "RedrivePolicy": `{"deadLetterTargetArn":"` + dlqARN + `"}`}}
	noName := func(s *v1alpha1.Subscription) { meta.SetExternalName(s, "") }
	named := func(want string) func(t *testing.T, reason string, cr *v1alpha1.Subscription) {
		return func(t *testing.T, reason string, cr *v1alpha1.Subscription) {
			t.Helper()
			if got := meta.GetExternalName(cr); got != want {
				t.Errorf("%s\nCreate(...): external name %q, want %q", reason, got, want)
			}
		}
	}
	cases := map[string]snsfake.Case[*v1alpha1.Subscription]{
		"Subscribe": {
			Reason: "The endpoint is subscribed with its attributes, and the ARN SNS returns is the external name.",
			API:    snsfake.New(map[string]any{"Subscribe": &sns.SubscribeOutput{SubscriptionArn: aws.String(subARN)}}, nil),
			CR:     subscription(noName),
			Calls:  []string{"Subscribe"},
			Inputs: []any{subscribe},
			Check:  named(subARN),
		},
		"Minimal": {
			Reason: "Without attributes, none are sent.",
			API:    snsfake.New(map[string]any{"Subscribe": &sns.SubscribeOutput{SubscriptionArn: aws.String(subARN)}}, nil),
			CR: subscription(noName, func(s *v1alpha1.Subscription) {
				s.Spec.ForProvider = v1alpha1.SubscriptionParameters{TopicARN: aws.String(topicARN), Protocol: "email", Endpoint: aws.String("a@example.com"), RedrivePolicy: &v1alpha1.SubscriptionRedrivePolicy{}}
			}),
			Calls:  []string{"Subscribe"},
			Inputs: []any{&sns.SubscribeInput{TopicArn: aws.String(topicARN), Protocol: aws.String("email"), Endpoint: aws.String("a@example.com"), ReturnSubscriptionArn: true}},
			Check:  named(subARN),
		},
		"AlreadyExists": {
			Reason: "A subscription of that endpoint with other attributes is adopted: found by protocol and endpoint, its ARN recorded.",
			API:    snsfake.New(map[string]any{"ListSubscriptionsByTopic": listed(subARN)}, map[string]error{"Subscribe": snsfake.AlreadyExists()}),
			CR:     subscription(noName),
			Calls:  []string{"Subscribe", "ListSubscriptionsByTopic"},
			Inputs: []any{subscribe, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicARN)}},
			Check:  named(subARN),
		},
		"AlreadyExistsNotFound": {
			Reason: "An existing subscription that cannot be found again is an error, with SNS's.",
			API:    snsfake.New(map[string]any{"ListSubscriptionsByTopic": listed("PendingConfirmation")}, map[string]error{"Subscribe": snsfake.AlreadyExists()}),
			CR:     subscription(noName),
			Err:    errors.Wrap(snsfake.AlreadyExists(), "cannot subscribe to SNS topic"),
			Calls:  []string{"Subscribe", "ListSubscriptionsByTopic"},
			Inputs: []any{subscribe, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicARN)}},
		},
		"Error": {
			Reason: "Other errors keep AWS's code, with context, so the reconciler backs off.",
			API:    snsfake.New(nil, map[string]error{"Subscribe": snsfake.AuthorizationError()}),
			CR:     subscription(noName),
			Err:    errors.Wrap(snsfake.AuthorizationError(), "cannot subscribe to SNS topic"),
			Calls:  []string{"Subscribe"},
			Inputs: []any{subscribe},
		},
		"NoEndpoint": {
			Reason: "Without an endpoint (a reference not resolved) nothing is subscribed: the error says how to set it.",
			API:    snsfake.New(nil, nil),
			CR:     subscription(noName, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.Endpoint = nil }),
			Err:    errors.New("spec.forProvider.endpoint is not set: set it, or for protocol sqs reference a Queue with endpointQueueRef or endpointQueueSelector"),
		},
		"InvalidJSON": {
			Reason: "A delivery policy that is not JSON is rejected before any AWS call.",
			API:    snsfake.New(nil, nil),
			CR:     subscription(noName, func(s *v1alpha1.Subscription) { s.Spec.ForProvider.DeliveryPolicy = aws.String("{") }),
			Err:    snskit.ValidateJSON("spec.forProvider.deliveryPolicy", aws.String("{")),
		},
	}
	snsfake.Run(t, "Create", snsfake.Create[*v1alpha1.Subscription], cases, newExternal)
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
	cases := map[string]snsfake.Case[*v1alpha1.Subscription]{
		"NotObserved": {
			Reason: "Without an observation Update calls nothing: the reconciler always observes first.",
			API:    snsfake.New(nil, nil),
			CR:     subscription(),
			Err:    mr.NotObserved("SNS subscription"),
		},
		"OnlyWhatDiffers": {
			Reason:  "Only the attributes that differ are set, in name order; a filter policy that means the same is not.",
			API:     snsfake.New(map[string]any{"GetSubscriptionAttributes": drifted}, nil),
			Observe: true,
			CR:      subscription(),
			Calls:   []string{"SetSubscriptionAttributes", "SetSubscriptionAttributes"},
			Inputs:  []any{setAttr("RawMessageDelivery", "true"), setAttr("RedrivePolicy", `{"deadLetterTargetArn":"`+dlqARN+`"}`)},
		},
		"RemoveRedrive": {
			Reason:  "An empty redrive policy removes the dead-letter queue.",
			API:     snsfake.New(map[string]any{"GetSubscriptionAttributes": awsAttributes()}, nil),
			Observe: true,
			CR: subscription(func(s *v1alpha1.Subscription) {
				s.Spec.ForProvider.RedrivePolicy = &v1alpha1.SubscriptionRedrivePolicy{}
			}),
			Calls:  []string{"SetSubscriptionAttributes"},
			Inputs: []any{setAttr("RedrivePolicy", "")},
		},
		"SetError": {
			Reason:  "A refused attribute keeps AWS's code and names the attribute, so the reconciler backs off.",
			API:     snsfake.New(map[string]any{"GetSubscriptionAttributes": drifted}, map[string]error{"SetSubscriptionAttributes": snsfake.AuthorizationError()}),
			Observe: true,
			CR:      subscription(),
			Err:     errors.Wrap(snsfake.AuthorizationError(), "cannot set attribute RawMessageDelivery of the SNS subscription"),
			Calls:   []string{"SetSubscriptionAttributes"},
			Inputs:  []any{setAttr("RawMessageDelivery", "true")},
		},
	}
	snsfake.Run(t, "Update", snsfake.Update[*v1alpha1.Subscription], cases, newExternal)
}

func TestDelete(t *testing.T) {
	snsfake.Run(t, "Delete", snsfake.Delete[*v1alpha1.Subscription], snsfake.DeleteCases("Unsubscribe", &sns.UnsubscribeInput{SubscriptionArn: aws.String(subARN)}, "cannot unsubscribe from SNS topic",
		func() *v1alpha1.Subscription { return subscription() },
		func() *v1alpha1.Subscription {
			return subscription(func(s *v1alpha1.Subscription) { meta.SetExternalName(s, "") })
		}), newExternal)
}
