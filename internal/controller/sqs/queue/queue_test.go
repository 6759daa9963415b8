package queue

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis/sqs/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
	"github.com/kaws-dev/provider-aws/internal/controller/sqs/sqsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/sqs/sqskit"
)

const (
	name    = "orders"
	url     = "https://sqs.us-east-1.amazonaws.com/123456789012/orders"
	arn     = "arn:aws:sqs:us-east-1:123456789012:orders"
	dlqARN  = "arn:aws:sqs:us-east-1:123456789012:orders-dlq"
	srcA    = "arn:aws:sqs:us-east-1:123456789012:a"
	srcB    = "arn:aws:sqs:us-east-1:123456789012:b"
	region  = "us-east-1"
	doc     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*"}]}`
	docSame = `{"Statement":{"Resource":"*","Action":["sqs:SendMessage"],"Principal":{"Service":["sns.amazonaws.com"]},"Effect":"Allow"},"Version":"2012-10-17"}`
)

var (
	errBoom     = errors.New("boom")
	errNotFound = sqsfake.Error(sqskit.CodeNonExistentQueue)
)

type modifier func(*v1alpha1.Queue)

// queue is a Queue whose spec manages everything awsAttrs reports.
func queue(m ...modifier) *v1alpha1.Queue {
	q := &v1alpha1.Queue{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"}}
	meta.SetExternalName(q, name)
	q.Spec.ForProvider = v1alpha1.QueueParameters{
		Region: aws.String(region), FifoQueue: aws.Bool(false), VisibilityTimeoutSeconds: aws.Int32(30),
		MessageRetentionPeriodSeconds: aws.Int32(345600), DelaySeconds: aws.Int32(0), MaximumMessageSize: aws.Int32(1048576),
		ReceiveMessageWaitTimeSeconds: aws.Int32(0), SQSManagedSSEEnabled: aws.Bool(true), Policy: aws.String(doc),
		RedrivePolicy:      &v1alpha1.RedrivePolicy{DeadLetterTargetARN: aws.String(dlqARN), MaxReceiveCount: 5},
		RedriveAllowPolicy: &v1alpha1.RedriveAllowPolicy{RedrivePermission: "byQueue", SourceQueueARNs: []string{srcA, srcB}},
		Tags:               map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(q)
	}
	return q
}

func withURL(q *v1alpha1.Queue) { q.Status.AtProvider.URL = url }

// observed is what Observe leaves on q: the observation and Available.
func observed(q *v1alpha1.Queue) {
	q.Status.AtProvider = v1alpha1.QueueObservation{URL: url, ARN: arn}
	q.SetConditions(xpv2.Available())
}

func awsAttrs(m ...func(map[string]string)) map[string]string {
	a := map[string]string{
		"QueueArn": arn, "ApproximateNumberOfMessages": "3", "CreatedTimestamp": "1700000000", "LastModifiedTimestamp": "1700000001",
		"VisibilityTimeout": "30", "MessageRetentionPeriod": "345600", "DelaySeconds": "0", "MaximumMessageSize": "1048576",
		"ReceiveMessageWaitTimeSeconds": "0", "SqsManagedSseEnabled": "true", "Policy": doc,
		"RedrivePolicy":      `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":5}`,
		"RedriveAllowPolicy": `{"redrivePermission":"byQueue","sourceQueueArns":["` + srcA + `","` + srcB + `"]}`,
	}
	for _, f := range m {
		f(a)
	}
	return a
}

// found answers GetQueueUrl, GetQueueAttributes and ListQueueTags.
func found(attrs map[string]string, tags map[string]string) map[string]any {
	return map[string]any{
		"GetQueueUrl":        &sqs.GetQueueUrlOutput{QueueUrl: aws.String(url)},
		"GetQueueAttributes": &sqs.GetQueueAttributesOutput{Attributes: attrs},
		"ListQueueTags":      &sqs.ListQueueTagsOutput{Tags: tags},
	}
}

var platform = map[string]string{"team": "platform"}

func TestObserve(t *testing.T) {
	upToDate := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}
	drift := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}
	read := []string{"GetQueueAttributes", "ListQueueTags"}
	lookup := []string{"GetQueueUrl", "GetQueueAttributes", "ListQueueTags"}
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Queue
		api    *sqsfake.API
		want   managed.ExternalObservation
		wantMR *v1alpha1.Queue
		err    error
		calls  []string
	}{
		"NoName": {
			reason: "Without an external name nothing is read.",
			cr:     queue(func(q *v1alpha1.Queue) { meta.SetExternalName(q, "") }), api: &sqsfake.API{},
			wantMR: queue(func(q *v1alpha1.Queue) { meta.SetExternalName(q, "") }),
		},
		"FifoNameMismatch": {
			reason: "A FIFO queue whose name does not end in .fifo is refused before any AWS call.",
			cr:     queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.FifoQueue = aws.Bool(true) }), api: &sqsfake.API{},
			wantMR: queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.FifoQueue = aws.Bool(true) }),
			err:    errors.New(`queue name "orders" and fifoQueue true do not match: a FIFO queue's name ends in .fifo, a standard queue's does not; fix the name (crossplane.io/external-name or metadata.name) or fifoQueue`),
		},
		"InvalidPolicy": {
			reason: "A policy that is not JSON is refused before any AWS call.",
			cr:     queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.Policy = aws.String("{") }), api: &sqsfake.API{},
			wantMR: queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.Policy = aws.String("{") }),
			err:    errors.Wrap(errors.Wrap(errors.New("unexpected end of JSON input"), "policy is not valid JSON"), "spec.forProvider.policy is not a valid JSON policy document: fix the JSON"),
		},
		"NoDeadLetterTarget": {
			reason: "A redrive policy whose reference is not resolved is an error saying how to set it.",
			cr:     queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.RedrivePolicy.DeadLetterTargetARN = nil }), api: &sqsfake.API{},
			wantMR: queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.RedrivePolicy.DeadLetterTargetARN = nil }),
			err:    errors.New("spec.forProvider.redrivePolicy.deadLetterTargetArn is not set: set it, or reference a Queue with deadLetterTargetArnRef or deadLetterTargetArnSelector"),
		},
		"NotFound": {
			reason: "A queue whose name SQS does not know does not exist.",
			cr:     queue(), api: sqsfake.New(nil, map[string]error{"GetQueueUrl": errNotFound}),
			wantMR: queue(), calls: []string{"GetQueueUrl"},
		},
		"GetQueueUrlError": {
			reason: "Other errors of GetQueueUrl are wrapped.",
			cr:     queue(), api: sqsfake.New(nil, map[string]error{"GetQueueUrl": errBoom}),
			wantMR: queue(), calls: []string{"GetQueueUrl"}, err: errors.Wrap(errBoom, "cannot get SQS queue URL"),
		},
		"Lookup": {
			reason: "Without a known URL the queue is found by name, and then read.",
			cr:     queue(), api: sqsfake.New(found(awsAttrs(), platform), nil),
			want: upToDate, wantMR: queue(observed), calls: lookup,
		},
		"KnownURL": {
			reason: "With the URL in the status, a poll makes two reads: the attributes and the tags.",
			cr:     queue(withURL), api: sqsfake.New(found(awsAttrs(), platform), nil),
			want: upToDate, wantMR: queue(observed), calls: read,
		},
		"KnownURLOfAnotherQueue": {
			reason: "A URL in the status that names another queue is not used.",
			cr: queue(func(q *v1alpha1.Queue) {
				q.Status.AtProvider.URL = "https://sqs.us-east-1.amazonaws.com/123456789012/other"
			}),
			api:  sqsfake.New(found(awsAttrs(), platform), nil),
			want: upToDate, wantMR: queue(observed), calls: lookup,
		},
		"KnownURLGone": {
			reason: "A queue gone from its known URL is looked up by name.",
			cr:     queue(withURL), api: sqsfake.New(nil, map[string]error{"GetQueueAttributes": errNotFound, "GetQueueUrl": errNotFound}),
			wantMR: queue(withURL), calls: []string{"GetQueueAttributes", "GetQueueUrl"},
		},
		"KnownURLError": {
			reason: "Other errors of GetQueueAttributes are wrapped.",
			cr:     queue(withURL), api: sqsfake.New(nil, map[string]error{"GetQueueAttributes": errBoom}),
			wantMR: queue(withURL), calls: []string{"GetQueueAttributes"}, err: errors.Wrap(errBoom, "cannot get SQS queue attributes"),
		},
		"GoneAfterLookup": {
			reason: "A queue deleted between GetQueueUrl and GetQueueAttributes does not exist.",
			cr:     queue(), api: sqsfake.New(found(nil, nil), map[string]error{"GetQueueAttributes": errNotFound}),
			wantMR: queue(), calls: []string{"GetQueueUrl", "GetQueueAttributes"},
		},
		"TagsGone": {
			reason: "A queue deleted before its tags are read does not exist.",
			cr:     queue(withURL), api: sqsfake.New(found(awsAttrs(), nil), map[string]error{"ListQueueTags": errNotFound}),
			wantMR: queue(withURL), calls: read,
		},
		"TagsError": {
			reason: "Other errors of ListQueueTags are wrapped.",
			cr:     queue(withURL), api: sqsfake.New(found(awsAttrs(), nil), map[string]error{"ListQueueTags": errBoom}),
			wantMR: queue(withURL), calls: read, err: errors.Wrap(errBoom, "cannot list SQS queue tags"),
		},
		"TypeMismatch": {
			reason: "A queue of the other type in AWS is an error saying what to set.",
			cr:     queue(withURL), api: sqsfake.New(found(awsAttrs(func(a map[string]string) { a["FifoQueue"] = "true" }), platform), nil),
			wantMR: queue(withURL), calls: read,
			err: errors.New(`queue "orders" is a FIFO queue in AWS: fifoQueue is immutable, set spec.forProvider.fifoQueue to true (or create a new Queue)`),
		},
		"LateInit": {
			reason: "What the user left unset is copied from AWS (not the message counts or timestamps, nor the identity tag).",
			cr:     queue(withURL, func(q *v1alpha1.Queue) { q.Spec.ForProvider = v1alpha1.QueueParameters{Region: aws.String(region)} }),
			api:    sqsfake.New(found(awsAttrs(), map[string]string{"team": "platform", "kaws.dev/managed-by": "x"}), nil),
			want:   managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
			wantMR: queue(observed), calls: read,
		},
		"LateInitFIFO": {
			reason: "A FIFO queue's attributes are copied from AWS.",
			cr: queue(withURL, func(q *v1alpha1.Queue) {
				meta.SetExternalName(q, "orders.fifo")
				q.Spec.ForProvider = v1alpha1.QueueParameters{Region: aws.String(region), FifoQueue: aws.Bool(true)}
			}),
			api:  sqsfake.New(found(map[string]string{"QueueArn": arn, "FifoQueue": "true", "ContentBasedDeduplication": "false", "DeduplicationScope": "queue", "FifoThroughputLimit": "perQueue"}, nil), nil),
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
			wantMR: queue(observed, func(q *v1alpha1.Queue) {
				meta.SetExternalName(q, "orders.fifo")
				q.Spec.ForProvider = v1alpha1.QueueParameters{Region: aws.String(region), FifoQueue: aws.Bool(true), ContentBasedDeduplication: aws.Bool(false),
					DeduplicationScope: aws.String("queue"), FifoThroughputLimit: aws.String("perQueue")}
			}),
			calls: lookup,
		},
		"Drift": {
			reason: "Another visibility timeout is a diff.",
			cr:     queue(withURL), api: sqsfake.New(found(awsAttrs(func(a map[string]string) { a["VisibilityTimeout"] = "60" }), platform), nil),
			want: drift, wantMR: queue(observed), calls: read,
		},
		"TagDrift": {
			reason: "A tag added out of band is a diff.",
			cr:     queue(withURL), api: sqsfake.New(found(awsAttrs(), map[string]string{"team": "platform", "x": "y"}), nil),
			want: drift, wantMR: queue(observed), calls: read,
		},
		"PolicyByMeaning": {
			reason: "A policy written differently but meaning the same is no diff.",
			cr:     queue(withURL), api: sqsfake.New(found(awsAttrs(func(a map[string]string) { a["Policy"] = docSame }), platform), nil),
			want: upToDate, wantMR: queue(observed), calls: read,
		},
		"PolicyRemoved": {
			reason: "A policy removed out of band is a diff.",
			cr:     queue(withURL), api: sqsfake.New(found(awsAttrs(func(a map[string]string) { delete(a, "Policy") }), platform), nil),
			want: drift, wantMR: queue(observed), calls: read,
		},
		"RedriveByMeaning": {
			reason: "A redrive policy with its count as a string and other key order means the same.",
			cr:     queue(withURL),
			api: sqsfake.New(found(awsAttrs(func(a map[string]string) {
				a["RedrivePolicy"] = `{"maxReceiveCount":"5", "deadLetterTargetArn":"` + dlqARN + `"}`
				a["RedriveAllowPolicy"] = `{"sourceQueueArns":["` + srcB + `","` + srcA + `"],"redrivePermission":"byQueue"}`
			}), platform), nil),
			want: upToDate, wantMR: queue(observed), calls: read,
		},
		"RedriveDrift": {
			reason: "Another max receive count is a diff.",
			cr:     queue(withURL),
			api: sqsfake.New(found(awsAttrs(func(a map[string]string) {
				a["RedrivePolicy"] = `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":7}`
			}), platform), nil),
			want: drift, wantMR: queue(observed), calls: read,
		},
		"KMS": {
			reason: "With a KMS key SSE-SQS is neither compared nor late-initialized, whatever AWS reports.",
			cr: queue(withURL, func(q *v1alpha1.Queue) {
				q.Spec.ForProvider.SQSManagedSSEEnabled = nil
				q.Spec.ForProvider.KMSMasterKeyID = aws.String("alias/aws/sqs")
			}),
			api: sqsfake.New(found(awsAttrs(func(a map[string]string) {
				a["KmsMasterKeyId"], a["KmsDataKeyReusePeriodSeconds"] = "alias/aws/sqs", "300"
			}), platform), nil),
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
			wantMR: queue(observed, func(q *v1alpha1.Queue) {
				q.Spec.ForProvider.SQSManagedSSEEnabled = nil
				q.Spec.ForProvider.KMSMasterKeyID = aws.String("alias/aws/sqs")
				q.Spec.ForProvider.KMSDataKeyReusePeriodSeconds = aws.Int32(300)
			}),
			calls: read,
		},
		"ConnectionDetails": {
			reason: "With a connection secret, the URL, ARN, name and region are connection details.",
			cr:     queue(withURL, func(q *v1alpha1.Queue) { q.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "q"}) }),
			api:    sqsfake.New(found(awsAttrs(), platform), nil),
			want: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ConnectionDetails: managed.ConnectionDetails{
				"url": []byte(url), "arn": []byte(arn), "name": []byte(name), "region": []byte(region),
			}},
			wantMR: queue(observed, func(q *v1alpha1.Queue) { q.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "q"}) }),
			calls:  read,
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			got, err := (&external{api: tc.api, region: region}).Observe(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Observe", tc.err, err, tc.calls)
			awsfake.CheckObserve(t, tc.reason, tc.want, got, tc.wantMR, tc.cr)
		})
	}
}

func TestCreate(t *testing.T) {
	created := map[string]any{"CreateQueue": &sqs.CreateQueueOutput{QueueUrl: aws.String(url)}}
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Queue
		api    *sqsfake.API
		err    error
		input  *sqs.CreateQueueInput
		wantMR *v1alpha1.Queue
	}{
		"Success": {
			reason: "The queue is created with its attributes and tags in one call; its URL and Creating are recorded.",
			cr:     queue(), api: sqsfake.New(created, nil),
			input: &sqs.CreateQueueInput{QueueName: aws.String(name), Tags: platform, Attributes: map[string]string{
				"VisibilityTimeout": "30", "MessageRetentionPeriod": "345600", "DelaySeconds": "0", "MaximumMessageSize": "1048576",
				"ReceiveMessageWaitTimeSeconds": "0", "SqsManagedSseEnabled": "true", "Policy": doc,
				"RedrivePolicy":      `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":5}`,
				"RedriveAllowPolicy": `{"redrivePermission":"byQueue","sourceQueueArns":["` + srcA + `","` + srcB + `"]}`,
			}},
			wantMR: queue(withURL, func(q *v1alpha1.Queue) { q.SetConditions(xpv2.Creating()) }),
		},
		"FIFO": {
			reason: "A FIFO queue is created with FifoQueue; an empty policy and KMS key are left out.",
			cr: queue(func(q *v1alpha1.Queue) {
				meta.SetExternalName(q, "orders.fifo")
				q.Spec.ForProvider = v1alpha1.QueueParameters{FifoQueue: aws.Bool(true), ContentBasedDeduplication: aws.Bool(true), Policy: aws.String(""), KMSMasterKeyID: aws.String("")}
			}),
			api:   sqsfake.New(created, nil),
			input: &sqs.CreateQueueInput{QueueName: aws.String("orders.fifo"), Attributes: map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"}},
			wantMR: queue(withURL, func(q *v1alpha1.Queue) {
				meta.SetExternalName(q, "orders.fifo")
				q.Spec.ForProvider = v1alpha1.QueueParameters{FifoQueue: aws.Bool(true), ContentBasedDeduplication: aws.Bool(true), Policy: aws.String(""), KMSMasterKeyID: aws.String("")}
				q.SetConditions(xpv2.Creating())
			}),
		},
		"Invalid": {
			reason: "An invalid spec is refused before any AWS call.",
			cr:     queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.Policy = aws.String("{") }), api: &sqsfake.API{},
			err:    errors.Wrap(errors.Wrap(errors.New("unexpected end of JSON input"), "policy is not valid JSON"), "spec.forProvider.policy is not a valid JSON policy document: fix the JSON"),
			wantMR: queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.Policy = aws.String("{") }),
		},
		"NameExists": {
			reason: "A queue of that name with other attributes is adopted: the next observation updates it.",
			cr:     queue(), api: sqsfake.New(nil, map[string]error{"CreateQueue": sqsfake.Error(sqskit.CodeQueueNameExists)}),
			wantMR: queue(),
		},
		"DeletedRecently": {
			reason: "A name deleted less than 60 s ago is an error saying AWS refuses it and the provider retries.",
			cr:     queue(), api: sqsfake.New(nil, map[string]error{"CreateQueue": sqsfake.Error(sqskit.CodeQueueDeletedRecently)}),
			err: errors.Wrap(sqsfake.Error(sqskit.CodeQueueDeletedRecently), `cannot create SQS queue "orders" yet: AWS refuses to re-create a queue name for 60 seconds after the queue's deletion; the provider retries`),
			wantMR: queue(func(q *v1alpha1.Queue) {
				q.SetConditions(xpv2.Creating().WithMessage("waiting for AWS: it refuses to re-create a queue name for 60 seconds after the queue's deletion"))
			}),
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     queue(), api: sqsfake.New(nil, map[string]error{"CreateQueue": errBoom}),
			err: errors.Wrap(errBoom, "cannot create SQS queue"), wantMR: queue(),
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			_, err := (&external{api: tc.api, region: region}).Create(context.Background(), tc.cr)
			if diff := cmp.Diff(tc.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\nCreate(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if tc.input != nil {
				tc.api.CheckInputs(t, tc.reason, map[string]any{"CreateQueue": tc.input})
			}
			awsfake.CheckObserve(t, tc.reason, managed.ExternalObservation{}, managed.ExternalObservation{}, tc.wantMR, tc.cr)
		})
	}
}

func TestUpdate(t *testing.T) {
	obs := func(m ...func(map[string]string)) *v1alpha1.QueueParameters {
		return fromAttributes(awsAttrs(m...), platform)
	}
	cases := map[string]struct {
		reason   string
		cr       *v1alpha1.Queue
		observed *v1alpha1.QueueParameters
		api      *sqsfake.API
		err      error
		calls    []string
		inputs   []any
		ready    xpv2.Condition
	}{
		"NotObserved": {
			reason: "An update without an observation is an error.",
			cr:     queue(), api: &sqsfake.API{}, err: mr.NotObserved("SQS queue"),
		},
		"Invalid": {
			reason: "An invalid spec is refused before any AWS call.",
			cr:     queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.Policy = aws.String("{") }), observed: obs(), api: &sqsfake.API{},
			err: errors.Wrap(errors.Wrap(errors.New("unexpected end of JSON input"), "policy is not valid JSON"), "spec.forProvider.policy is not a valid JSON policy document: fix the JSON"),
		},
		"NothingDiffers": {
			reason: "Nothing is written when AWS has what the spec says, written differently.",
			cr:     queue(), observed: obs(func(a map[string]string) { a["Policy"] = docSame }), api: &sqsfake.API{},
		},
		"Attributes": {
			reason: "Only the attributes that differ are set, and Ready says SQS applies them lazily.",
			cr:     queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.Policy = aws.String("") }),
			observed: obs(func(a map[string]string) {
				a["VisibilityTimeout"] = "60"
				a["RedrivePolicy"] = `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":"9"}`
			}),
			api:   &sqsfake.API{},
			calls: []string{"SetQueueAttributes"},
			inputs: []any{&sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{
				"VisibilityTimeout": "30", "Policy": "", "RedrivePolicy": `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":5}`,
			}}},
			ready: xpv2.Available().WithMessage(msgLazy),
		},
		"AttributesError": {
			reason: "An error setting attributes is wrapped.",
			cr:     queue(), observed: obs(func(a map[string]string) { a["DelaySeconds"] = "5" }),
			api: sqsfake.New(nil, map[string]error{"SetQueueAttributes": errBoom}), calls: []string{"SetQueueAttributes"},
			err: errors.Wrap(errBoom, "cannot set SQS queue attributes"),
		},
		"Tags": {
			reason: "Tags are synced: removed ones untagged, changed ones tagged; the identity tag stays.",
			cr:     queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.Tags = map[string]string{"team": "payments"} }),
			observed: func() *v1alpha1.QueueParameters {
				o := obs()
				o.Tags = map[string]string{"team": "platform", "old": "x", "kaws.dev/managed-by": "id"}
				return o
			}(),
			api:   &sqsfake.API{},
			calls: []string{"UntagQueue", "TagQueue"},
			inputs: []any{
				&sqs.UntagQueueInput{QueueUrl: aws.String(url), TagKeys: []string{"old"}},
				&sqs.TagQueueInput{QueueUrl: aws.String(url), Tags: map[string]string{"team": "payments"}},
			},
		},
		"TagsError": {
			reason: "An error tagging is wrapped.",
			cr:     queue(func(q *v1alpha1.Queue) { q.Spec.ForProvider.Tags = map[string]string{"team": "payments"} }), observed: obs(),
			api: sqsfake.New(nil, map[string]error{"TagQueue": errBoom}), calls: []string{"TagQueue"},
			err: errors.Wrap(errors.Wrap(errBoom, "cannot add tags"), "cannot update the tags of the SQS queue"),
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := &external{api: tc.api, region: region, url: url, observed: tc.observed}
			_, err := e.Update(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Update", tc.err, err, tc.calls)
			if tc.inputs != nil {
				tc.api.CheckCalls(t, tc.reason, tc.calls, tc.inputs)
			}
			if diff := cmp.Diff(tc.ready, tc.cr.GetCondition(xpv2.TypeReady), cmpIgnoreTime); diff != "" && tc.ready.Type != "" {
				t.Errorf("%s\nReady: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	cases := map[string]struct {
		reason string
		url    string
		api    *sqsfake.API
		err    error
		calls  []string
	}{
		"Success":  {reason: "The observed queue is deleted.", url: url, api: &sqsfake.API{}, calls: []string{"DeleteQueue"}},
		"Gone":     {reason: "A queue already gone is deleted.", url: url, api: sqsfake.New(nil, map[string]error{"DeleteQueue": errNotFound}), calls: []string{"DeleteQueue"}},
		"Error":    {reason: "Other errors are wrapped.", url: url, api: sqsfake.New(nil, map[string]error{"DeleteQueue": errBoom}), calls: []string{"DeleteQueue"}, err: errors.Wrap(errBoom, "cannot delete SQS queue")},
		"Lookup":   {reason: "Without an observed URL the queue is looked up by name.", api: sqsfake.New(found(nil, nil), nil), calls: []string{"GetQueueUrl", "DeleteQueue"}},
		"NotFound": {reason: "A queue whose name SQS does not know is gone.", api: sqsfake.New(nil, map[string]error{"GetQueueUrl": errNotFound}), calls: []string{"GetQueueUrl"}},
		"LookupError": {reason: "A lookup error is wrapped.", api: sqsfake.New(nil, map[string]error{"GetQueueUrl": errBoom}), calls: []string{"GetQueueUrl"},
			err: errors.Wrap(errBoom, "cannot get SQS queue URL")},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			cr := queue()
			_, err := (&external{api: tc.api, region: region, url: tc.url}).Delete(context.Background(), cr)
			tc.api.Check(t, tc.reason, "Delete", tc.err, err, tc.calls)
			if c := cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Deleting()) {
				t.Errorf("%s\nReady: want Deleting, got %+v", tc.reason, c)
			}
			if tc.calls != nil && tc.calls[len(tc.calls)-1] == "DeleteQueue" {
				tc.api.CheckInputs(t, tc.reason, map[string]any{"DeleteQueue": &sqs.DeleteQueueInput{QueueUrl: aws.String(url)}})
			}
		})
	}
}

func TestAttributesRoundTrip(t *testing.T) {
	p := queue().Spec.ForProvider
	p.Region = nil
	got := fromAttributes(toAttributes(&p), p.Tags)
	got.KMSMasterKeyID = nil // "" (none) when AWS reports no key
	if diff := cmp.Diff(&p, got); diff != "" {
		t.Errorf("fromAttributes(toAttributes(p)): -want, +got:\n%s", diff)
	}
	if got := toAttributes(&v1alpha1.QueueParameters{})[string(types.QueueAttributeNameFifoQueue)]; got != "" {
		t.Errorf("unset fifoQueue: want no FifoQueue attribute, got %q", got)
	}
}

var cmpIgnoreTime = cmpopts.IgnoreFields(xpv2.Condition{}, "LastTransitionTime")
