// Package topic is the controller of the SNS Topic managed resource.
package topic

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsarn "github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/sns/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/policy"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
	"github.com/kaws-dev/provider-aws/internal/controller/sns/snskit"
)

// The topic attributes the spec manages.
const (
	attrDisplayName    = "DisplayName"
	attrPolicy         = "Policy"
	attrDeliveryPolicy = "DeliveryPolicy"
	attrKMSMasterKeyID = "KmsMasterKeyId"
	attrFifoTopic      = "FifoTopic"
	attrContentDedup   = "ContentBasedDeduplication"
	attrOwner          = "Owner"
)

// jsonAttrs are compared as JSON documents.
var jsonAttrs = []string{attrPolicy, attrDeliveryPolicy}

// Setup adds the Topic controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return snskit.Setup(mgr, o, &v1alpha1.Topic{},
		func(t *v1alpha1.Topic) **string { return &t.Spec.ForProvider.Region },
		func(api snskit.API) mr.External[*v1alpha1.Topic] { return &external{api: api} })
}

// external reconciles one Topic with SNS. It lives for one reconcile.
type external struct {
	api snskit.API

	// observed is what Observe read, so Update writes only what differs.
	observed *observed
}

// observed is a topic as SNS reports it.
type observed struct {
	arn   string
	attrs snskit.Attributes
	tags  map[string]string
	// dataProtection is the data protection policy; read only when the
	// spec manages it.
	dataProtection *string
}

// Observe finds the topic's ARN by its name and reads its attributes and
// tags, and its data protection policy when the spec manages it.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.Topic) (managed.ExternalObservation, error) {
	name := meta.GetExternalName(cr)
	if name == "" {
		return managed.ExternalObservation{}, nil
	}
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalObservation{}, err
	}
	arn, err := e.find(ctx, cr, name)
	if err != nil || arn == "" {
		return managed.ExternalObservation{}, err
	}
	out, err := e.api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	if snskit.IsNotFound(err) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot get SNS topic attributes")
	}
	o := &observed{arn: arn, attrs: snskit.Attributes(out.Attributes).Default(attrFifoTopic, "false").Default(attrContentDedup, "false")}
	if o.tags, err = snskit.ListTags(ctx, e.api, arn); err != nil {
		return managed.ExternalObservation{}, err
	}
	if p.DataProtectionPolicy != nil {
		dp, err := e.api.GetDataProtectionPolicy(ctx, &sns.GetDataProtectionPolicyInput{ResourceArn: aws.String(arn)})
		if err != nil {
			return managed.ExternalObservation{}, errors.Wrap(err, "cannot get the data protection policy of the SNS topic")
		}
		o.dataProtection = aws.String(aws.ToString(dp.DataProtectionPolicy))
	}
	if err := checkFifo(name, p.FifoTopic, o.attrs.Bool(attrFifoTopic)); err != nil {
		return managed.ExternalObservation{}, err
	}
	e.observed = o

	cr.Status.AtProvider = v1alpha1.TopicObservation{ARN: arn, Owner: o.attrs[attrOwner]}
	cr.SetConditions(xpv2.Available())

	li := lateInitialize(p, o)
	diff := diff(p, o)
	obs := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: diff == "", ResourceLateInitialized: li, Diff: diff}
	if cr.GetWriteConnectionSecretToReference() != nil {
		obs.ConnectionDetails = connectionDetails(name, arn)
	}
	return obs, nil
}

// find returns the ARN of the topic name: the one in the status when it
// names that topic (every poll after the first), else the one ListTopics
// shows (a new, adopted or imported topic), else "".
func (e *external) find(ctx context.Context, cr *v1alpha1.Topic, name string) (string, error) {
	if a := cr.Status.AtProvider.ARN; strings.HasSuffix(a, ":"+name) {
		return a, nil
	}
	in := &sns.ListTopicsInput{}
	for {
		out, err := e.api.ListTopics(ctx, in)
		if err != nil {
			return "", errors.Wrap(err, "cannot list SNS topics")
		}
		for _, t := range out.Topics {
			if a := aws.ToString(t.TopicArn); strings.HasSuffix(a, ":"+name) {
				return a, nil
			}
		}
		if aws.ToString(out.NextToken) == "" {
			return "", nil
		}
		in.NextToken = out.NextToken
	}
}

// validate rejects documents that are not JSON before any AWS call.
func validate(p *v1alpha1.TopicParameters) error {
	for f, d := range map[string]*string{
		"spec.forProvider.policy":               p.Policy,
		"spec.forProvider.deliveryPolicy":       p.DeliveryPolicy,
		"spec.forProvider.dataProtectionPolicy": p.DataProtectionPolicy,
	} {
		if err := snskit.ValidateJSON(f, d); err != nil {
			return err
		}
	}
	return nil
}

// checkFifo returns an error that says what to do when the spec's type of
// topic is not the topic's type in SNS: SNS cannot change it.
func checkFifo(name string, desired, observed *bool) error {
	if desired == nil || observed == nil || *desired == *observed {
		return nil
	}
	kind := map[bool]string{true: "a FIFO topic", false: "a standard topic"}
	return errors.Errorf("SNS topic %q is %s, not %s: fifoTopic is immutable, set spec.forProvider.fifoTopic to %t (or create a new Topic)", name, kind[*observed], kind[*desired], *observed)
}

// lateInitialize copies what SNS has into the fields the user left unset.
func lateInitialize(p *v1alpha1.TopicParameters, o *observed) bool {
	fifo := o.attrs.Bool(attrFifoTopic)
	changed := lateinit.Any(
		lateinit.Ptr(&p.FifoTopic, fifo),
		lateinit.Ptr(&p.DisplayName, o.attrs.String(attrDisplayName)),
		lateinit.Ptr(&p.Policy, o.attrs.String(attrPolicy)),
		lateinit.Ptr(&p.DeliveryPolicy, o.attrs.String(attrDeliveryPolicy)),
		lateinit.Ptr(&p.KMSMasterKeyID, o.attrs.String(attrKMSMasterKeyID)),
		lateinit.Map(&p.Tags, tags.User(o.tags)),
	)
	if aws.ToBool(fifo) {
		changed = lateinit.Ptr(&p.ContentBasedDeduplication, o.attrs.Bool(attrContentDedup)) || changed
	}
	return changed
}

// attributes are the attributes the spec manages, as SNS writes them.
// FifoTopic is set only at creation.
func attributes(p *v1alpha1.TopicParameters) snskit.Attributes {
	return snskit.Attributes{}.
		Put(attrDisplayName, p.DisplayName).
		Put(attrPolicy, p.Policy).
		Put(attrDeliveryPolicy, p.DeliveryPolicy).
		Put(attrKMSMasterKeyID, p.KMSMasterKeyID).
		PutBool(attrContentDedup, p.ContentBasedDeduplication)
}

// dataProtectionUpToDate reports whether the data protection policy needs
// no write: not managed, or the same document.
func dataProtectionUpToDate(p *v1alpha1.TopicParameters, o *observed) bool {
	return p.DataProtectionPolicy == nil || policy.Equal(*p.DataProtectionPolicy, aws.ToString(o.dataProtection))
}

// diff returns what differs between the spec (+) and SNS (-), or "".
func diff(p *v1alpha1.TopicParameters, o *observed) string {
	d := snskit.Diff(attributes(p), o.attrs, jsonAttrs...)
	if !tags.UpToDate(p.Tags, o.tags) {
		d += cmp.Diff(tags.User(o.tags), map[string]string(p.Tags))
	}
	if !dataProtectionUpToDate(p, o) {
		d += cmp.Diff(aws.ToString(o.dataProtection), *p.DataProtectionPolicy)
	}
	return d
}

// connectionDetails are the keys of the topic's connection secret.
func connectionDetails(name, arn string) managed.ConnectionDetails {
	cd := managed.ConnectionDetails{
		v1alpha1.ConnectionKeyARN:  []byte(arn),
		v1alpha1.ConnectionKeyName: []byte(name),
	}
	if a, err := awsarn.Parse(arn); err == nil {
		cd[v1alpha1.ConnectionKeyRegion] = []byte(a.Region)
	}
	return cd
}

// Create creates the topic with its attributes, tags and data protection
// policy. CreateTopic is idempotent for the same name and settings; a
// topic of that name with other settings is adopted (the next observation
// finds it and updates what differs).
func (e *external) Create(ctx context.Context, cr *v1alpha1.Topic) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalCreation{}, err
	}
	attrs := snskit.Attributes{}
	for n, v := range attributes(p).PutBool(attrFifoTopic, p.FifoTopic) {
		if v != "" {
			attrs[n] = v
		}
	}
	in := &sns.CreateTopicInput{
		Name:                 aws.String(meta.GetExternalName(cr)),
		Attributes:           attrs,
		Tags:                 snskit.Tags(p.Tags),
		DataProtectionPolicy: p.DataProtectionPolicy,
	}
	if len(attrs) == 0 {
		in.Attributes = nil
	}
	out, err := e.api.CreateTopic(ctx, in)
	if snskit.IsAlreadyExists(err) {
		return managed.ExternalCreation{}, nil
	}
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create SNS topic")
	}
	cr.Status.AtProvider.ARN = aws.ToString(out.TopicArn)
	return managed.ExternalCreation{}, nil
}

// Update writes what differs between the spec and what Observe read: each
// attribute, the data protection policy and the tags.
func (e *external) Update(ctx context.Context, cr *v1alpha1.Topic) (managed.ExternalUpdate, error) {
	p := &cr.Spec.ForProvider
	if err := validate(p); err != nil {
		return managed.ExternalUpdate{}, err
	}
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("SNS topic")
	}
	o := e.observed
	arn := aws.String(o.arn)
	err := snskit.SetChanged(attributes(p), o.attrs, jsonAttrs, "SNS topic", func(name, value string) error {
		_, err := e.api.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: arn, AttributeName: aws.String(name), AttributeValue: aws.String(value)})
		return err
	})
	if err != nil {
		return managed.ExternalUpdate{}, err
	}
	if !dataProtectionUpToDate(p, o) {
		if _, err := e.api.PutDataProtectionPolicy(ctx, &sns.PutDataProtectionPolicyInput{ResourceArn: arn, DataProtectionPolicy: p.DataProtectionPolicy}); err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot put the data protection policy of the SNS topic")
		}
	}
	if err := snskit.SyncTags(ctx, e.api, o.arn, p.Tags, o.tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the SNS topic")
	}
	return managed.ExternalUpdate{}, nil
}

// Delete deletes the topic (and with it its subscriptions); a topic
// already gone is deleted.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.Topic) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	arn := cr.Status.AtProvider.ARN
	if e.observed != nil {
		arn = e.observed.arn
	}
	if arn == "" {
		return managed.ExternalDelete{}, nil
	}
	_, err := e.api.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(arn)})
	if err != nil && !snskit.IsNotFound(err) {
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete SNS topic")
	}
	return managed.ExternalDelete{}, nil
}
