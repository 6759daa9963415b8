// Package queue is the controller of the SQS Queue managed resource.
package queue

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/sqs/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
	"github.com/kaws-dev/provider-aws/internal/controller/sqs/sqskit"
)

// Connection detail keys of a Queue.
const (
	ConnectionKeyURL    = "url"
	ConnectionKeyARN    = "arn"
	ConnectionKeyName   = "name"
	ConnectionKeyRegion = "region"
)

// msgLazy is the Ready condition's message after an attribute change.
const msgLazy = "attribute changes sent: SQS applies them within about 60 seconds (the retention period within 15 minutes); the provider checks again on the next poll"

// Setup adds the Queue controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return sqskit.Setup(mgr, o, &v1alpha1.Queue{}, func(q *v1alpha1.Queue) **string { return &q.Spec.ForProvider.Region },
		func(api sqskit.API, region string) mr.External[*v1alpha1.Queue] {
			return &external{api: api, region: region}
		})
}

// external reconciles one Queue with SQS. It lives for one reconcile.
type external struct {
	api    sqskit.API
	region string

	// url and observed are what Observe read, so Update writes only what
	// differs and Delete needs no lookup.
	url      string
	observed *v1alpha1.QueueParameters
}

// Observe reads the queue's attributes and tags: two reads per poll. The
// queue's URL is kept in status.atProvider.url, so GetQueueUrl is called
// only when it is not known yet (or names another queue, or the queue is
// gone from it).
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Queue) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	p := &cr.Spec.ForProvider
	if err := validate(name, p); err != nil {
		return managed.ExternalObservation{}, err
	}
	url, attrs, err := e.read(ctx, cr.Status.AtProvider.URL, name)
	if err != nil || url == "" {
		return managed.ExternalObservation{}, err
	}
	tout, err := e.api.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: aws.String(url)})
	if sqskit.IsNotFound(err) {
		return managed.ExternalObservation{}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot list SQS queue tags")
	}
	o := fromAttributes(attrs, tout.Tags)
	if p.FifoQueue != nil && *p.FifoQueue != *o.FifoQueue {
		return managed.ExternalObservation{}, errors.Errorf("queue %q is a %s queue in AWS: fifoQueue is immutable, set spec.forProvider.fifoQueue to %t (or create a new Queue)", name, kind(*o.FifoQueue), *o.FifoQueue)
	}
	e.url, e.observed = url, o

	arn := attrs[string(types.QueueAttributeNameQueueArn)]
	cr.Status.AtProvider = v1alpha1.QueueObservation{URL: url, ARN: arn}
	cr.SetConditions(xpv2.Available())

	li := lateInitialize(p, o)
	d, ob := comparable(p, o)
	diff := cmp.Diff(ob, d, cmpopts.EquateEmpty())
	obs := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}
	if cr.GetWriteConnectionSecretToReference() != nil {
		obs.ConnectionDetails = managed.ConnectionDetails{
			ConnectionKeyURL:    []byte(url),
			ConnectionKeyARN:    []byte(arn),
			ConnectionKeyName:   []byte(name),
			ConnectionKeyRegion: []byte(e.region),
		}
	}
	return obs, nil
}

// read returns the URL and attributes of the queue name, or "" when it does
// not exist. known is the URL recorded in the status.
func (e *external) read(ctx context.Context, known, name string) (string, map[string]string, error) {
	if known != "" && sqskit.NameOf(known) == name {
		attrs, err := e.attributes(ctx, known)
		if err == nil || !sqskit.IsNotFound(err) {
			return known, attrs, err
		}
	}
	url, err := sqskit.QueueURL(ctx, e.api, name)
	if err != nil || url == "" {
		return "", nil, err
	}
	attrs, err := e.attributes(ctx, url)
	if sqskit.IsNotFound(err) {
		return "", nil, nil
	}
	return url, attrs, err
}

func (e *external) attributes(ctx context.Context, url string) (map[string]string, error) {
	out, err := e.api.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll}})
	if err != nil {
		return nil, errors.Wrap(err, "cannot get SQS queue attributes")
	}
	return out.Attributes, nil
}

func kind(fifo bool) string {
	if fifo {
		return "FIFO"
	}
	return "standard"
}

// validate rejects what SQS would refuse, before any AWS call, with what to
// do.
func validate(name string, p *v1alpha1.QueueParameters) error {
	if fifo := aws.ToBool(p.FifoQueue); strings.HasSuffix(name, ".fifo") != fifo {
		return errors.Errorf("queue name %q and fifoQueue %t do not match: a FIFO queue's name ends in .fifo, a standard queue's does not; fix the name (crossplane.io/external-name or metadata.name) or fifoQueue", name, fifo)
	}
	if aws.ToString(p.Policy) != "" {
		if _, err := policy.Normalize(*p.Policy); err != nil {
			return errors.Wrap(err, "spec.forProvider.policy is not a valid JSON policy document: fix the JSON")
		}
	}
	if p.RedrivePolicy != nil && aws.ToString(p.RedrivePolicy.DeadLetterTargetARN) == "" {
		return errors.New("spec.forProvider.redrivePolicy.deadLetterTargetArn is not set: set it, or reference a Queue with deadLetterTargetArnRef or deadLetterTargetArnSelector")
	}
	return nil
}

// lateInitialize copies what AWS has into the fields the user left unset.
// SSE-SQS is left alone while a KMS key encrypts the queue (AWS may still
// report it enabled, and the spec cannot have both).
func lateInitialize(p, o *v1alpha1.QueueParameters) bool {
	sse := o.SQSManagedSSEEnabled
	if aws.ToString(p.KMSMasterKeyID) != "" || aws.ToString(o.KMSMasterKeyID) != "" {
		sse = nil
	}
	return lateinit.Any(
		lateinit.Ptr(&p.FifoQueue, o.FifoQueue),
		lateinit.Ptr(&p.ContentBasedDeduplication, o.ContentBasedDeduplication),
		lateinit.Ptr(&p.DeduplicationScope, o.DeduplicationScope),
		lateinit.Ptr(&p.FifoThroughputLimit, o.FifoThroughputLimit),
		lateinit.Ptr(&p.VisibilityTimeoutSeconds, o.VisibilityTimeoutSeconds),
		lateinit.Ptr(&p.MessageRetentionPeriodSeconds, o.MessageRetentionPeriodSeconds),
		lateinit.Ptr(&p.DelaySeconds, o.DelaySeconds),
		lateinit.Ptr(&p.MaximumMessageSize, o.MaximumMessageSize),
		lateinit.Ptr(&p.ReceiveMessageWaitTimeSeconds, o.ReceiveMessageWaitTimeSeconds),
		lateinit.Ptr(&p.RedrivePolicy, o.RedrivePolicy),
		lateinit.Ptr(&p.RedriveAllowPolicy, o.RedriveAllowPolicy),
		lateinit.Ptr(&p.SQSManagedSSEEnabled, sse),
		lateinit.Ptr(&p.KMSMasterKeyID, lateinit.NonZero(o.KMSMasterKeyID)),
		lateinit.Ptr(&p.KMSDataKeyReusePeriodSeconds, o.KMSDataKeyReusePeriodSeconds),
		lateinit.Ptr(&p.Policy, lateinit.NonZero(o.Policy)),
		lateinit.Map(&p.Tags, tags.User(o.Tags)),
	)
}

// comparable returns normalized copies of the desired and observed
// parameters, restricted to what the spec manages: references, the region
// and fields the user left unset do not count, policies that mean the same
// and source queue lists with the same ARNs compare equal, and SSE-SQS does
// not count while a KMS key is wanted.
func comparable(desired, observed *v1alpha1.QueueParameters) (*v1alpha1.QueueParameters, *v1alpha1.QueueParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	d.Region, d.KMSMasterKeyIDRef, d.KMSMasterKeyIDSelector = nil, nil, nil
	if d.RedrivePolicy != nil {
		d.RedrivePolicy.DeadLetterTargetARNRef, d.RedrivePolicy.DeadLetterTargetARNSelector = nil, nil
	}
	lateinit.Unmanaged(&o.FifoQueue, d.FifoQueue == nil)
	lateinit.Unmanaged(&o.ContentBasedDeduplication, d.ContentBasedDeduplication == nil)
	lateinit.Unmanaged(&o.DeduplicationScope, d.DeduplicationScope == nil)
	lateinit.Unmanaged(&o.FifoThroughputLimit, d.FifoThroughputLimit == nil)
	lateinit.Unmanaged(&o.VisibilityTimeoutSeconds, d.VisibilityTimeoutSeconds == nil)
	lateinit.Unmanaged(&o.MessageRetentionPeriodSeconds, d.MessageRetentionPeriodSeconds == nil)
	lateinit.Unmanaged(&o.DelaySeconds, d.DelaySeconds == nil)
	lateinit.Unmanaged(&o.MaximumMessageSize, d.MaximumMessageSize == nil)
	lateinit.Unmanaged(&o.ReceiveMessageWaitTimeSeconds, d.ReceiveMessageWaitTimeSeconds == nil)
	lateinit.Unmanaged(&o.RedrivePolicy, d.RedrivePolicy == nil)
	lateinit.Unmanaged(&o.RedriveAllowPolicy, d.RedriveAllowPolicy == nil)
	lateinit.Unmanaged(&o.SQSManagedSSEEnabled, d.SQSManagedSSEEnabled == nil || aws.ToString(d.KMSMasterKeyID) != "")
	lateinit.Unmanaged(&o.KMSMasterKeyID, d.KMSMasterKeyID == nil)
	lateinit.Unmanaged(&o.KMSDataKeyReusePeriodSeconds, d.KMSDataKeyReusePeriodSeconds == nil)
	lateinit.Unmanaged(&o.Policy, d.Policy == nil)
	if d.SQSManagedSSEEnabled != nil && aws.ToString(d.KMSMasterKeyID) != "" {
		d.SQSManagedSSEEnabled = nil
	}
	if d.Policy != nil && o.Policy != nil && policy.Equal(*d.Policy, *o.Policy) {
		o.Policy = d.Policy
	}
	sortSources(d.RedriveAllowPolicy)
	sortSources(o.RedriveAllowPolicy)
	lateinit.Unmanaged(&o.Tags, d.Tags == nil)
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

// Create creates the queue with every attribute and tag of the spec. A
// queue of that name with other attributes is adopted (the next observation
// updates them); a name deleted less than 60 seconds ago is retried.
func (e *external) Create(ctx context.Context, cr *v1alpha1.Queue) (managed.ExternalCreation, error) {
	name := meta.GetExternalName(cr)
	p := &cr.Spec.ForProvider
	if err := validate(name, p); err != nil {
		return managed.ExternalCreation{}, err
	}
	attrs := map[string]string{}
	for k, v := range toAttributes(p) {
		// Empty is "none" (the default of a new queue), and a standard
		// queue is created without FifoQueue.
		if v != "" && (k != string(types.QueueAttributeNameFifoQueue) || v == "true") {
			attrs[k] = v
		}
	}
	in := &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs}
	if len(p.Tags) > 0 {
		in.Tags = p.Tags
	}
	out, err := e.api.CreateQueue(ctx, in)
	switch {
	case sqskit.IsNameExists(err):
		// Adopted by name: the next observation updates its attributes.
		return managed.ExternalCreation{}, nil
	case sqskit.IsDeletedRecently(err):
		cr.SetConditions(xpv2.Creating().WithMessage("waiting for AWS: it refuses to re-create a queue name for 60 seconds after the queue's deletion"))
		return managed.ExternalCreation{}, errors.Wrapf(err, "cannot create SQS queue %q yet: AWS refuses to re-create a queue name for 60 seconds after the queue's deletion; the provider retries", name)
	case err != nil:
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create SQS queue")
	}
	cr.Status.AtProvider.URL = aws.ToString(out.QueueUrl)
	cr.SetConditions(xpv2.Creating())
	return managed.ExternalCreation{}, nil
}

// Update sets the attributes that differ from what Observe read, then the
// tags. SQS applies attribute changes lazily: the Ready condition says so.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Queue) (managed.ExternalUpdate, error) {
	p := &cr.Spec.ForProvider
	if err := validate(meta.GetExternalName(cr), p); err != nil {
		return managed.ExternalUpdate{}, err
	}
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("SQS queue")
	}
	d, o := comparable(p, e.observed)
	want, have := toAttributes(d), toAttributes(o)
	changed := map[string]string{}
	for k, v := range want {
		if have[k] != v && k != string(types.QueueAttributeNameFifoQueue) {
			changed[k] = v
		}
	}
	if len(changed) > 0 {
		if _, err := e.api.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(e.url), Attributes: changed}); err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot set SQS queue attributes")
		}
		cr.SetConditions(xpv2.Available().WithMessage(msgLazy))
	}
	if err := sqskit.SyncTags(ctx, e.api, e.url, p.Tags, e.observed.Tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the SQS queue")
	}
	return managed.ExternalUpdate{}, nil
}

// Delete deletes the queue; a queue already gone is deleted. SQS takes up
// to 60 seconds to delete a queue, and the deletion is repeated until the
// queue is gone.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Queue) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	url := e.url
	if url == "" {
		var err error
		if url, err = sqskit.QueueURL(ctx, e.api, meta.GetExternalName(cr)); err != nil || url == "" {
			return managed.ExternalDelete{}, err
		}
	}
	_, err := e.api.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(url)})
	if err != nil && !sqskit.IsNotFound(err) {
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete SQS queue")
	}
	return managed.ExternalDelete{}, nil
}
