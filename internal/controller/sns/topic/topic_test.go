package topic

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/sns/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snskit"
)

const (
	name   = "orders"
	arn    = "arn:aws:sns:us-east-1:123456789012:orders"
	access = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"SNS:Publish","Resource":"arn:aws:sns:us-east-1:123456789012:orders"}]}`
	// accessReordered means the same as access.
	accessReordered = `{"Statement":[{"Resource":"arn:aws:sns:us-east-1:123456789012:orders","Action":["SNS:Publish"],"Principal":{"AWS":["*"]},"Effect":"Allow"}],"Version":"2012-10-17"}`
	delivery        = `{"http":{"defaultHealthyRetryPolicy":{"numRetries":3}}}`
	dataProtection  = `{"Name":"p","Version":"2021-06-01","Statement":[]}`
)

type modifier func(*v1alpha1.Topic)

// topic returns a Topic whose every field is set, as after late
// initialization.
func topic(m ...modifier) *v1alpha1.Topic {
	t := &v1alpha1.Topic{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"}}
	meta.SetExternalName(t, name)
	t.Spec.ForProvider = v1alpha1.TopicParameters{
		Region:         aws.String("us-east-1"),
		FifoTopic:      aws.Bool(false),
		DisplayName:    aws.String("Orders"),
		Policy:         aws.String(access),
		DeliveryPolicy: aws.String(delivery),
		KMSMasterKeyID: aws.String("alias/aws/sns"),
		Tags:           map[string]string{"team": "platform"},
	}
	t.Status.AtProvider.ARN = arn
	for _, f := range m {
		f(t)
	}
	return t
}

func withAvailable(t *v1alpha1.Topic) {
	t.Status.AtProvider = v1alpha1.TopicObservation{ARN: arn, Owner: "123456789012"}
	t.SetConditions(xpv2.Available())
}

// awsAttributes are the topic's attributes as SNS returns them.
func awsAttributes(m ...func(map[string]string)) *sns.GetTopicAttributesOutput {
	a := map[string]string{
		"TopicArn": arn, "Owner": "123456789012", "DisplayName": "Orders", "Policy": access,
		"DeliveryPolicy": delivery, "KmsMasterKeyId": "alias/aws/sns", "SubscriptionsConfirmed": "3",
	}
	for _, f := range m {
		f(a)
	}
	return &sns.GetTopicAttributesOutput{Attributes: a}
}

func awsTags(kv ...string) *sns.ListTagsForResourceOutput {
	out := &sns.ListTagsForResourceOutput{}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Tags = append(out.Tags, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

func TestObserve(t *testing.T) {
	upToDate := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}
	reads := []string{"GetTopicAttributes", "ListTagsForResource"}
	cases := map[string]struct {
		reason string
		api    *snsfake.API
		cr     *v1alpha1.Topic
		want   managed.ExternalObservation
		err    error
		calls  []string
		wantCR *v1alpha1.Topic
	}{
		"NoExternalName": {
			reason: "Without an external name there is nothing to look for.",
			api:    snsfake.New(nil, nil),
			cr:     topic(func(t *v1alpha1.Topic) { meta.SetExternalName(t, "") }),
			wantCR: topic(func(t *v1alpha1.Topic) { meta.SetExternalName(t, "") }),
		},
		"InvalidJSON": {
			reason: "A policy that is not JSON is rejected before any AWS call.",
			api:    snsfake.New(nil, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(`{"Version":`) }),
			err:    snskit.ValidateJSON("spec.forProvider.policy", aws.String(`{"Version":`)),
			wantCR: topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(`{"Version":`) }),
		},
		"UpToDate": {
			reason: "A topic like its spec, with a policy that means the same written differently, is up to date: two reads, no write.",
			api:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(accessReordered) }),
			want:   upToDate,
			calls:  reads,
			wantCR: topic(withAvailable, func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(accessReordered) }),
		},
		"NotFoundByARN": {
			reason: "A topic whose ARN SNS does not know does not exist.",
			api:    snsfake.New(nil, map[string]error{"GetTopicAttributes": snsfake.NotFound()}),
			cr:     topic(),
			want:   managed.ExternalObservation{},
			calls:  []string{"GetTopicAttributes"},
			wantCR: topic(),
		},
		"GetError": {
			reason: "Other errors keep AWS's code, with context.",
			api:    snsfake.New(nil, map[string]error{"GetTopicAttributes": snsfake.AuthorizationError()}),
			cr:     topic(),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot get SNS topic attributes"),
			calls:  []string{"GetTopicAttributes"},
			wantCR: topic(),
		},
		"TagsError": {
			reason: "A tag read error is returned with context.",
			api:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes()}, map[string]error{"ListTagsForResource": snsfake.AuthorizationError()}),
			cr:     topic(),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot list the tags of the SNS resource"),
			calls:  reads,
			wantCR: topic(),
		},
		"FindByName": {
			reason: "Without the ARN in the status (a new, adopted or imported topic), the ARN is found among the topics by name, across pages.",
			api: snsfake.New(map[string]any{
				"ListTopics": func(in any) (any, error) {
					if in.(*sns.ListTopicsInput).NextToken == nil {
						return &sns.ListTopicsOutput{Topics: []types.Topic{{TopicArn: aws.String(arn + "-dlq")}}, NextToken: aws.String("p2")}, nil
					}
					return &sns.ListTopicsOutput{Topics: []types.Topic{{TopicArn: aws.String(arn)}}}, nil
				},
				"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform"),
			}, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
			want:   upToDate,
			calls:  append([]string{"ListTopics", "ListTopics"}, reads...),
			wantCR: topic(withAvailable),
		},
		"NotFoundByName": {
			reason: "A name no topic has does not exist.",
			api:    snsfake.New(map[string]any{"ListTopics": &sns.ListTopicsOutput{Topics: []types.Topic{{TopicArn: aws.String(arn + "-dlq")}}}}, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
			calls:  []string{"ListTopics"},
			wantCR: topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
		},
		"ListError": {
			reason: "A list error is returned with context.",
			api:    snsfake.New(nil, map[string]error{"ListTopics": snsfake.AuthorizationError()}),
			cr:     topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot list SNS topics"),
			calls:  []string{"ListTopics"},
			wantCR: topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
		},
		"LateInitialize": {
			reason: "Fields the user left unset are copied from SNS: the type, display name, policies, key, tags, and the deduplication of a FIFO topic.",
			api: snsfake.New(map[string]any{
				"GetTopicAttributes":  awsAttributes(func(a map[string]string) { a["FifoTopic"] = "true"; a["ContentBasedDeduplication"] = "true" }),
				"ListTagsForResource": awsTags("team", "platform", "kaws.dev/managed-by", "x"),
			}, nil),
			cr: topic(func(t *v1alpha1.Topic) {
				t.Spec.ForProvider = v1alpha1.TopicParameters{Region: aws.String("us-east-1")}
			}),
			want:  managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
			calls: reads,
			wantCR: topic(withAvailable, func(t *v1alpha1.Topic) {
				t.Spec.ForProvider.FifoTopic = aws.Bool(true)
				t.Spec.ForProvider.ContentBasedDeduplication = aws.Bool(true)
			}),
		},
		"StandardDefaults": {
			reason: "A standard topic reports neither FifoTopic nor ContentBasedDeduplication: both mean false, so a spec saying false is up to date.",
			api:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.ContentBasedDeduplication = aws.Bool(false) }),
			want:   upToDate,
			calls:  reads,
			wantCR: topic(withAvailable, func(t *v1alpha1.Topic) { t.Spec.ForProvider.ContentBasedDeduplication = aws.Bool(false) }),
		},
		"Drift": {
			reason: "A changed display name, policy and a removed tag are differences.",
			api: snsfake.New(map[string]any{
				"GetTopicAttributes":  awsAttributes(func(a map[string]string) { a["DisplayName"] = "Other"; a["Policy"] = delivery }),
				"ListTagsForResource": awsTags(),
			}, nil),
			cr:     topic(),
			want:   managed.ExternalObservation{ResourceExists: true},
			calls:  reads,
			wantCR: topic(withAvailable),
		},
		"FifoImmutable": {
			reason: "A spec's FIFO topic that is standard in SNS cannot be changed: the error says what to do.",
			api:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.FifoTopic = aws.Bool(true) }),
			err:    errors.New(`SNS topic "orders" is a standard topic, not a FIFO topic: fifoTopic is immutable, set spec.forProvider.fifoTopic to false (or create a new Topic)`),
			calls:  reads,
			wantCR: topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.FifoTopic = aws.Bool(true) }),
		},
		"DataProtectionRead": {
			reason: "A managed data protection policy is read and compared as JSON.",
			api: snsfake.New(map[string]any{
				"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform"),
				"GetDataProtectionPolicy": &sns.GetDataProtectionPolicyOutput{DataProtectionPolicy: aws.String(`{ "Version": "2021-06-01", "Statement": [], "Name": "p" }`)},
			}, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			want:   upToDate,
			calls:  append(reads, "GetDataProtectionPolicy"),
			wantCR: topic(withAvailable, func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
		},
		"DataProtectionDrift": {
			reason: "A data protection policy SNS does not have is a difference.",
			api: snsfake.New(map[string]any{
				"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform"),
			}, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			want:   managed.ExternalObservation{ResourceExists: true},
			calls:  append(reads, "GetDataProtectionPolicy"),
			wantCR: topic(withAvailable, func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
		},
		"DataProtectionError": {
			reason: "A data protection policy read error is returned with context.",
			api: snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")},
				map[string]error{"GetDataProtectionPolicy": snsfake.AuthorizationError()}),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot get the data protection policy of the SNS topic"),
			calls:  append(reads, "GetDataProtectionPolicy"),
			wantCR: topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
		},
		"ConnectionDetails": {
			reason: "With a connection secret, the observation carries the topic's arn, name and region.",
			api:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			cr: topic(func(t *v1alpha1.Topic) {
				t.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "orders-topic"})
			}),
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ConnectionDetails: managed.ConnectionDetails{
				"arn": []byte(arn), "name": []byte(name), "region": []byte("us-east-1"),
			}},
			calls: reads,
			wantCR: topic(withAvailable, func(t *v1alpha1.Topic) {
				t.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "orders-topic"})
			}),
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
	cases := map[string]struct {
		reason string
		api    *snsfake.API
		cr     *v1alpha1.Topic
		err    error
		in     any
		arn    string
	}{
		"Create": {
			reason: "The topic is created with its set attributes, tags and data protection policy, and its ARN recorded.",
			api:    snsfake.New(map[string]any{"CreateTopic": &sns.CreateTopicOutput{TopicArn: aws.String(arn)}}, nil),
			cr: topic(func(t *v1alpha1.Topic) {
				t.Status.AtProvider.ARN = ""
				t.Spec.ForProvider.DisplayName = aws.String("")
				t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection)
			}),
			in: &sns.CreateTopicInput{Name: aws.String(name), Attributes: map[string]string{
				"FifoTopic": "false", "Policy": access, "DeliveryPolicy": delivery, "KmsMasterKeyId": "alias/aws/sns",
			}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}, DataProtectionPolicy: aws.String(dataProtection)},
			arn: arn,
		},
		"Minimal": {
			reason: "A topic without settings is created with its name only.",
			api:    snsfake.New(map[string]any{"CreateTopic": &sns.CreateTopicOutput{TopicArn: aws.String(arn)}}, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider = v1alpha1.TopicParameters{}; t.Status.AtProvider.ARN = "" }),
			in:     &sns.CreateTopicInput{Name: aws.String(name)},
			arn:    arn,
		},
		"AlreadyExists": {
			reason: "A topic of that name with other settings is adopted: the next observation finds it and updates it.",
			api:    snsfake.New(nil, map[string]error{"CreateTopic": snsfake.AlreadyExists()}),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider = v1alpha1.TopicParameters{}; t.Status.AtProvider.ARN = "" }),
			in:     &sns.CreateTopicInput{Name: aws.String(name)},
		},
		"Error": {
			reason: "Other errors keep AWS's code, with context, so the reconciler backs off.",
			api:    snsfake.New(nil, map[string]error{"CreateTopic": snsfake.AuthorizationError()}),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider = v1alpha1.TopicParameters{}; t.Status.AtProvider.ARN = "" }),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot create SNS topic"),
			in:     &sns.CreateTopicInput{Name: aws.String(name)},
		},
		"InvalidJSON": {
			reason: "A delivery policy that is not JSON is rejected before any AWS call.",
			api:    snsfake.New(nil, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DeliveryPolicy = aws.String("{") }),
			err:    snskit.ValidateJSON("spec.forProvider.deliveryPolicy", aws.String("{")),
			arn:    arn,
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := &external{api: tc.api}
			_, err := e.Create(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			var inputs []any
			if tc.in != nil {
				inputs = []any{tc.in}
			}
			if diff := cmp.Diff(inputs, tc.api.Sent(), awsfake.SDKInputs()); diff != "" {
				t.Errorf("%s\nCreate(...): AWS inputs -want, +got:\n%s", tc.reason, diff)
			}
			if got := tc.cr.Status.AtProvider.ARN; got != tc.arn {
				t.Errorf("%s\nCreate(...): status ARN %q, want %q", tc.reason, got, tc.arn)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	setAttr := func(n, v string) *sns.SetTopicAttributesInput {
		return &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String(n), AttributeValue: aws.String(v)}
	}
	cases := map[string]struct {
		reason  string
		api     *snsfake.API
		observe bool
		cr      *v1alpha1.Topic
		err     error
		calls   []string
		inputs  []any
	}{
		"NotObserved": {
			reason: "Without an observation Update calls nothing: the reconciler always observes first.",
			api:    snsfake.New(nil, nil),
			cr:     topic(),
			err:    mr.NotObserved("SNS topic"),
		},
		"OnlyWhatDiffers": {
			reason:  "Only the attributes that differ are set, in name order, one per call; a policy that means the same is not; tags are synced.",
			api:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(func(a map[string]string) { a["DisplayName"] = "Other"; a["KmsMasterKeyId"] = "" }), "ListTagsForResource": awsTags("team", "x", "old", "y")}, nil),
			observe: true,
			cr:      topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(accessReordered) }),
			calls:   []string{"SetTopicAttributes", "SetTopicAttributes", "UntagResource", "TagResource"},
			inputs: []any{
				setAttr("DisplayName", "Orders"), setAttr("KmsMasterKeyId", "alias/aws/sns"),
				&sns.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"old"}},
				&sns.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}},
			},
		},
		"DataProtection": {
			reason:  "A data protection policy that differs is put.",
			api:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			observe: true,
			cr:      topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			calls:   []string{"PutDataProtectionPolicy"},
			inputs:  []any{&sns.PutDataProtectionPolicyInput{ResourceArn: aws.String(arn), DataProtectionPolicy: aws.String(dataProtection)}},
		},
		"SetError": {
			reason:  "A refused attribute is returned with AWS's code and the attribute's name, so the reconciler backs off.",
			api:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(func(a map[string]string) { a["DisplayName"] = "Other" }), "ListTagsForResource": awsTags("team", "platform")}, map[string]error{"SetTopicAttributes": snsfake.AuthorizationError()}),
			observe: true,
			cr:      topic(),
			err:     errors.Wrap(snsfake.AuthorizationError(), "cannot set attribute DisplayName of the SNS topic"),
			calls:   []string{"SetTopicAttributes"},
			inputs:  []any{setAttr("DisplayName", "Orders")},
		},
		"PutError": {
			reason:  "A refused data protection policy is returned with context.",
			api:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, map[string]error{"PutDataProtectionPolicy": snsfake.AuthorizationError()}),
			observe: true,
			cr:      topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			err:     errors.Wrap(snsfake.AuthorizationError(), "cannot put the data protection policy of the SNS topic"),
			calls:   []string{"PutDataProtectionPolicy"},
		},
		"TagError": {
			reason:  "A tag error is returned with context.",
			api:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags()}, map[string]error{"TagResource": snsfake.AuthorizationError()}),
			observe: true,
			cr:      topic(),
			err:     errors.Wrap(errors.Wrap(snsfake.AuthorizationError(), "cannot add tags"), "cannot update the tags of the SNS topic"),
			calls:   []string{"TagResource"},
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
			tc.api.Check(t, tc.reason, "Update", tc.err, err, tc.calls)
			if tc.inputs != nil {
				tc.api.CheckCalls(t, tc.reason, tc.calls, tc.inputs)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason string
		api    *snsfake.API
		cr     *v1alpha1.Topic
		err    error
		calls  []string
	}{
		"Deleted": {
			reason: "The topic is deleted by its ARN.",
			api:    snsfake.New(nil, nil),
			cr:     topic(),
			calls:  []string{"DeleteTopic"},
		},
		"Gone": {
			reason: "A topic already gone is deleted.",
			api:    snsfake.New(nil, map[string]error{"DeleteTopic": snsfake.NotFound()}),
			cr:     topic(),
			calls:  []string{"DeleteTopic"},
		},
		"NoARN": {
			reason: "Without an ARN there is nothing to delete.",
			api:    snsfake.New(nil, nil),
			cr:     topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
		},
		"Error": {
			reason: "Other errors keep AWS's code, with context.",
			api:    snsfake.New(nil, map[string]error{"DeleteTopic": snsfake.AuthorizationError()}),
			cr:     topic(),
			err:    errors.Wrap(snsfake.AuthorizationError(), "cannot delete SNS topic"),
			calls:  []string{"DeleteTopic"},
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
				tc.api.CheckInputs(t, tc.reason, map[string]any{"DeleteTopic": &sns.DeleteTopicInput{TopicArn: aws.String(arn)}})
			}
		})
	}
}
