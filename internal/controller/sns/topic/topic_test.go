package topic

import (
	"testing"

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

func newExternal(api *snsfake.API) mr.External[*v1alpha1.Topic] { return &external{api: api} }

func TestObserve(t *testing.T) {
	upToDate := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}
	reads := []string{"GetTopicAttributes", "ListTagsForResource"}
	cases := map[string]snsfake.Case[*v1alpha1.Topic]{
		"NoExternalName": {
			Reason: "Without an external name there is nothing to look for.",
			API:    snsfake.New(nil, nil),
			CR:     topic(func(t *v1alpha1.Topic) { meta.SetExternalName(t, "") }),
			WantCR: topic(func(t *v1alpha1.Topic) { meta.SetExternalName(t, "") }),
		},
		"InvalidJSON": {
			Reason: "A policy that is not JSON is rejected before any AWS call.",
			API:    snsfake.New(nil, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(`{"Version":`) }),
			Err:    snskit.ValidateJSON("spec.forProvider.policy", aws.String(`{"Version":`)),
			WantCR: topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(`{"Version":`) }),
		},
		"UpToDate": {
			Reason: "A topic like its spec, with a policy that means the same written differently, is up to date: two reads, no write.",
			API:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(accessReordered) }),
			Want:   upToDate,
			Calls:  reads,
			WantCR: topic(withAvailable, func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(accessReordered) }),
		},
		"NotFoundByARN": {
			Reason: "A topic whose ARN SNS does not know does not exist.",
			API:    snsfake.New(nil, map[string]error{"GetTopicAttributes": snsfake.NotFound()}),
			CR:     topic(),
			Want:   managed.ExternalObservation{},
			Calls:  []string{"GetTopicAttributes"},
			WantCR: topic(),
		},
		"GetError": {
			Reason: "Other errors keep AWS's code, with context.",
			API:    snsfake.New(nil, map[string]error{"GetTopicAttributes": snsfake.AuthorizationError()}),
			CR:     topic(),
			Err:    errors.Wrap(snsfake.AuthorizationError(), "cannot get SNS topic attributes"),
			Calls:  []string{"GetTopicAttributes"},
			WantCR: topic(),
		},
		"TagsError": {
			Reason: "A tag read error is returned with context.",
			API:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes()}, map[string]error{"ListTagsForResource": snsfake.AuthorizationError()}),
			CR:     topic(),
			Err:    errors.Wrap(snsfake.AuthorizationError(), "cannot list the tags of the SNS resource"),
			Calls:  reads,
			WantCR: topic(),
		},
		"FindByName": {
			Reason: "Without the ARN in the status (a new, adopted or imported topic), the ARN is found among the topics by name, across pages.",
			API: snsfake.New(map[string]any{
				"ListTopics": func(in any) (any, error) {
					if in.(*sns.ListTopicsInput).NextToken == nil {
						return &sns.ListTopicsOutput{Topics: []types.Topic{{TopicArn: aws.String(arn + "-dlq")}}, NextToken: aws.String("p2")}, nil
					}
					return &sns.ListTopicsOutput{Topics: []types.Topic{{TopicArn: aws.String(arn)}}}, nil
				},
				"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform"),
			}, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
			Want:   upToDate,
			Calls:  append([]string{"ListTopics", "ListTopics"}, reads...),
			WantCR: topic(withAvailable),
		},
		"NotFoundByName": {
			Reason: "A name no topic has does not exist.",
			API:    snsfake.New(map[string]any{"ListTopics": &sns.ListTopicsOutput{Topics: []types.Topic{{TopicArn: aws.String(arn + "-dlq")}}}}, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
			Calls:  []string{"ListTopics"},
			WantCR: topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
		},
		"ListError": {
			Reason: "A list error is returned with context.",
			API:    snsfake.New(nil, map[string]error{"ListTopics": snsfake.AuthorizationError()}),
			CR:     topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
			Err:    errors.Wrap(snsfake.AuthorizationError(), "cannot list SNS topics"),
			Calls:  []string{"ListTopics"},
			WantCR: topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }),
		},
		"LateInitialize": {
			Reason: "Fields the user left unset are copied from SNS: the type, display name, policies, key, tags, and the deduplication of a FIFO topic.",
			API: snsfake.New(map[string]any{
				"GetTopicAttributes":  awsAttributes(func(a map[string]string) { a["FifoTopic"] = "true"; a["ContentBasedDeduplication"] = "true" }),
				"ListTagsForResource": awsTags("team", "platform", "kaws.dev/managed-by", "x"),
			}, nil),
			CR: topic(func(t *v1alpha1.Topic) {
				t.Spec.ForProvider = v1alpha1.TopicParameters{Region: aws.String("us-east-1")}
			}),
			Want:  managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
			Calls: reads,
			WantCR: topic(withAvailable, func(t *v1alpha1.Topic) {
				t.Spec.ForProvider.FifoTopic = aws.Bool(true)
				t.Spec.ForProvider.ContentBasedDeduplication = aws.Bool(true)
			}),
		},
		"StandardDefaults": {
			Reason: "A standard topic reports neither FifoTopic nor ContentBasedDeduplication: both mean false, so a spec saying false is up to date.",
			API:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.ContentBasedDeduplication = aws.Bool(false) }),
			Want:   upToDate,
			Calls:  reads,
			WantCR: topic(withAvailable, func(t *v1alpha1.Topic) { t.Spec.ForProvider.ContentBasedDeduplication = aws.Bool(false) }),
		},
		"Drift": {
			Reason: "A changed display name, policy and a removed tag are differences.",
			API: snsfake.New(map[string]any{
				"GetTopicAttributes":  awsAttributes(func(a map[string]string) { a["DisplayName"] = "Other"; a["Policy"] = delivery }),
				"ListTagsForResource": awsTags(),
			}, nil),
			CR:     topic(),
			Want:   managed.ExternalObservation{ResourceExists: true},
			Calls:  reads,
			WantCR: topic(withAvailable),
		},
		"FifoImmutable": {
			Reason: "A spec's FIFO topic that is standard in SNS cannot be changed: the error says what to do.",
			API:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.FifoTopic = aws.Bool(true) }),
			Err:    errors.New(`SNS topic "orders" is a standard topic, not a FIFO topic: fifoTopic is immutable, set spec.forProvider.fifoTopic to false (or create a new Topic)`),
			Calls:  reads,
			WantCR: topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.FifoTopic = aws.Bool(true) }),
		},
		"DataProtectionRead": {
			Reason: "A managed data protection policy is read and compared as JSON.",
			API: snsfake.New(map[string]any{
				"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform"),
				"GetDataProtectionPolicy": &sns.GetDataProtectionPolicyOutput{DataProtectionPolicy: aws.String(`{ "Version": "2021-06-01", "Statement": [], "Name": "p" }`)},
			}, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			Want:   upToDate,
			Calls:  append(reads, "GetDataProtectionPolicy"),
			WantCR: topic(withAvailable, func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
		},
		"DataProtectionDrift": {
			Reason: "A data protection policy SNS does not have is a difference.",
			API: snsfake.New(map[string]any{
				"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform"),
			}, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			Want:   managed.ExternalObservation{ResourceExists: true},
			Calls:  append(reads, "GetDataProtectionPolicy"),
			WantCR: topic(withAvailable, func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
		},
		"DataProtectionError": {
			Reason: "A data protection policy read error is returned with context.",
			API: snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")},
				map[string]error{"GetDataProtectionPolicy": snsfake.AuthorizationError()}),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			Err:    errors.Wrap(snsfake.AuthorizationError(), "cannot get the data protection policy of the SNS topic"),
			Calls:  append(reads, "GetDataProtectionPolicy"),
			WantCR: topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
		},
		"ConnectionDetails": {
			Reason: "With a connection secret, the observation carries the topic's arn, name and region.",
			API:    snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			CR: topic(func(t *v1alpha1.Topic) {
				t.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "orders-topic"})
			}),
			Want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ConnectionDetails: managed.ConnectionDetails{
				"arn": []byte(arn), "name": []byte(name), "region": []byte("us-east-1"),
			}},
			Calls: reads,
			WantCR: topic(withAvailable, func(t *v1alpha1.Topic) {
				t.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "orders-topic"})
			}),
		},
	}
	snsfake.Run(t, "Observe", snsfake.Observe[*v1alpha1.Topic], cases, newExternal)
}

func TestCreate(t *testing.T) {
	created := func(arn string) func(t *testing.T, reason string, cr *v1alpha1.Topic) {
		return func(t *testing.T, reason string, cr *v1alpha1.Topic) {
			t.Helper()
			if got := cr.Status.AtProvider.ARN; got != arn {
				t.Errorf("%s\nCreate(...): status ARN %q, want %q", reason, got, arn)
			}
		}
	}
	cases := map[string]snsfake.Case[*v1alpha1.Topic]{
		"Create": {
			Reason: "The topic is created with its set attributes, tags and data protection policy, and its ARN recorded.",
			API:    snsfake.New(map[string]any{"CreateTopic": &sns.CreateTopicOutput{TopicArn: aws.String(arn)}}, nil),
			CR: topic(func(t *v1alpha1.Topic) {
				t.Status.AtProvider.ARN = ""
				t.Spec.ForProvider.DisplayName = aws.String("")
				t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection)
			}),
			Calls: []string{"CreateTopic"},
			Inputs: []any{&sns.CreateTopicInput{Name: aws.String(name), Attributes: map[string]string{
				"FifoTopic": "false", "Policy": access, "DeliveryPolicy": delivery, "KmsMasterKeyId": "alias/aws/sns",
			}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}, DataProtectionPolicy: aws.String(dataProtection)}},
			Check: created(arn),
		},
		"Minimal": {
			Reason: "A topic without settings is created with its name only.",
			API:    snsfake.New(map[string]any{"CreateTopic": &sns.CreateTopicOutput{TopicArn: aws.String(arn)}}, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider = v1alpha1.TopicParameters{}; t.Status.AtProvider.ARN = "" }),
			Calls:  []string{"CreateTopic"},
			Inputs: []any{&sns.CreateTopicInput{Name: aws.String(name)}},
			Check:  created(arn),
		},
		"AlreadyExists": {
			Reason: "A topic of that name with other settings is adopted: the next observation finds it and updates it.",
			API:    snsfake.New(nil, map[string]error{"CreateTopic": snsfake.AlreadyExists()}),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider = v1alpha1.TopicParameters{}; t.Status.AtProvider.ARN = "" }),
			Calls:  []string{"CreateTopic"},
			Inputs: []any{&sns.CreateTopicInput{Name: aws.String(name)}},
			Check:  created(""),
		},
		"Error": {
			Reason: "Other errors keep AWS's code, with context, so the reconciler backs off.",
			API:    snsfake.New(nil, map[string]error{"CreateTopic": snsfake.AuthorizationError()}),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider = v1alpha1.TopicParameters{}; t.Status.AtProvider.ARN = "" }),
			Err:    errors.Wrap(snsfake.AuthorizationError(), "cannot create SNS topic"),
			Calls:  []string{"CreateTopic"},
			Inputs: []any{&sns.CreateTopicInput{Name: aws.String(name)}},
			Check:  created(""),
		},
		"InvalidJSON": {
			Reason: "A delivery policy that is not JSON is rejected before any AWS call.",
			API:    snsfake.New(nil, nil),
			CR:     topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DeliveryPolicy = aws.String("{") }),
			Err:    snskit.ValidateJSON("spec.forProvider.deliveryPolicy", aws.String("{")),
			Check:  created(arn),
		},
	}
	snsfake.Run(t, "Create", snsfake.Create[*v1alpha1.Topic], cases, newExternal)
}

func TestUpdate(t *testing.T) {
	setAttr := func(n, v string) *sns.SetTopicAttributesInput {
		return &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String(n), AttributeValue: aws.String(v)}
	}
	cases := map[string]snsfake.Case[*v1alpha1.Topic]{
		"NotObserved": {
			Reason: "Without an observation Update calls nothing: the reconciler always observes first.",
			API:    snsfake.New(nil, nil),
			CR:     topic(),
			Err:    mr.NotObserved("SNS topic"),
		},
		"OnlyWhatDiffers": {
			Reason:  "Only the attributes that differ are set, in name order, one per call; a policy that means the same is not; tags are synced.",
			API:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(func(a map[string]string) { a["DisplayName"] = "Other"; a["KmsMasterKeyId"] = "" }), "ListTagsForResource": awsTags("team", "x", "old", "y")}, nil),
			Observe: true,
			CR:      topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.Policy = aws.String(accessReordered) }),
			Calls:   []string{"SetTopicAttributes", "SetTopicAttributes", "UntagResource", "TagResource"},
			Inputs: []any{
				setAttr("DisplayName", "Orders"), setAttr("KmsMasterKeyId", "alias/aws/sns"),
				&sns.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"old"}},
				&sns.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}},
			},
		},
		"DataProtection": {
			Reason:  "A data protection policy that differs is put.",
			API:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, nil),
			Observe: true,
			CR:      topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			Calls:   []string{"PutDataProtectionPolicy"},
			Inputs:  []any{&sns.PutDataProtectionPolicyInput{ResourceArn: aws.String(arn), DataProtectionPolicy: aws.String(dataProtection)}},
		},
		"SetError": {
			Reason:  "A refused attribute is returned with AWS's code and the attribute's name, so the reconciler backs off.",
			API:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(func(a map[string]string) { a["DisplayName"] = "Other" }), "ListTagsForResource": awsTags("team", "platform")}, map[string]error{"SetTopicAttributes": snsfake.AuthorizationError()}),
			Observe: true,
			CR:      topic(),
			Err:     errors.Wrap(snsfake.AuthorizationError(), "cannot set attribute DisplayName of the SNS topic"),
			Calls:   []string{"SetTopicAttributes"},
			Inputs:  []any{setAttr("DisplayName", "Orders")},
		},
		"PutError": {
			Reason:  "A refused data protection policy is returned with context.",
			API:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags("team", "platform")}, map[string]error{"PutDataProtectionPolicy": snsfake.AuthorizationError()}),
			Observe: true,
			CR:      topic(func(t *v1alpha1.Topic) { t.Spec.ForProvider.DataProtectionPolicy = aws.String(dataProtection) }),
			Err:     errors.Wrap(snsfake.AuthorizationError(), "cannot put the data protection policy of the SNS topic"),
			Calls:   []string{"PutDataProtectionPolicy"},
		},
		"TagError": {
			Reason:  "A tag error is returned with context.",
			API:     snsfake.New(map[string]any{"GetTopicAttributes": awsAttributes(), "ListTagsForResource": awsTags()}, map[string]error{"TagResource": snsfake.AuthorizationError()}),
			Observe: true,
			CR:      topic(),
			Err:     errors.Wrap(errors.Wrap(snsfake.AuthorizationError(), "cannot add tags"), "cannot update the tags of the SNS topic"),
			Calls:   []string{"TagResource"},
		},
	}
	snsfake.Run(t, "Update", snsfake.Update[*v1alpha1.Topic], cases, newExternal)
}

func TestDelete(t *testing.T) {
	snsfake.Run(t, "Delete", snsfake.Delete[*v1alpha1.Topic], snsfake.DeleteCases("DeleteTopic", &sns.DeleteTopicInput{TopicArn: aws.String(arn)}, "cannot delete SNS topic",
		func() *v1alpha1.Topic { return topic() },
		func() *v1alpha1.Topic { return topic(func(t *v1alpha1.Topic) { t.Status.AtProvider.ARN = "" }) }), newExternal)
}
