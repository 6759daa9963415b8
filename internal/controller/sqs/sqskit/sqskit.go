// Package sqskit is what the SQS kinds' controllers share on top of the
// provider-wide helpers: the SQS API they call and its client, the wiring of
// a regional SQS kind, SQS's error codes, named once, the lookup of a
// queue's URL by name, and SQS's tag format on tags.Sync.
//
// A new SQS kind adds its operations to API (and to sqsfake), its codes
// here, and wires itself with Setup.
package sqskit

import (
	"context"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// SQS's error codes the controllers act on. SQS answers in its JSON
// protocol with the short code, and with the older query protocol's code
// where it keeps compatibility (AWS.SimpleQueueService.*); both are named.
const (
	// CodeQueueDoesNotExist is SQS's "not found" (JSON protocol).
	CodeQueueDoesNotExist = "QueueDoesNotExist"
	// CodeNonExistentQueue is SQS's "not found" (query protocol).
	CodeNonExistentQueue = "AWS.SimpleQueueService.NonExistentQueue"
	// CodeQueueNameExists means a queue of that name exists with other
	// attributes (JSON protocol).
	CodeQueueNameExists = "QueueNameExists"
	// CodeQueueAlreadyExists is CodeQueueNameExists in the query protocol.
	CodeQueueAlreadyExists = "QueueAlreadyExists"
	// CodeQueueDeletedRecently means a queue of that name was deleted less
	// than 60 seconds ago (JSON protocol).
	CodeQueueDeletedRecently = "QueueDeletedRecently"
	// CodeQueueDeletedRecentlyQuery is CodeQueueDeletedRecently in the query
	// protocol.
	CodeQueueDeletedRecentlyQuery = "AWS.SimpleQueueService.QueueDeletedRecently"
)

// API is the part of the SQS API the SQS kinds call. *sqs.Client implements
// it; the unit tests use sqsfake.API. A new SQS kind adds its operations
// here and to sqsfake.
type API interface {
	CreateQueue(ctx context.Context, in *sqs.CreateQueueInput, o ...func(*sqs.Options)) (*sqs.CreateQueueOutput, error)
	GetQueueUrl(ctx context.Context, in *sqs.GetQueueUrlInput, o ...func(*sqs.Options)) (*sqs.GetQueueUrlOutput, error) //nolint:revive // The SDK's name.
	GetQueueAttributes(ctx context.Context, in *sqs.GetQueueAttributesInput, o ...func(*sqs.Options)) (*sqs.GetQueueAttributesOutput, error)
	SetQueueAttributes(ctx context.Context, in *sqs.SetQueueAttributesInput, o ...func(*sqs.Options)) (*sqs.SetQueueAttributesOutput, error)
	DeleteQueue(ctx context.Context, in *sqs.DeleteQueueInput, o ...func(*sqs.Options)) (*sqs.DeleteQueueOutput, error)
	ListQueueTags(ctx context.Context, in *sqs.ListQueueTagsInput, o ...func(*sqs.Options)) (*sqs.ListQueueTagsOutput, error)
	TagQueue(ctx context.Context, in *sqs.TagQueueInput, o ...func(*sqs.Options)) (*sqs.TagQueueOutput, error)
	UntagQueue(ctx context.Context, in *sqs.UntagQueueInput, o ...func(*sqs.Options)) (*sqs.UntagQueueOutput, error)
}

// NewAPI returns the SQS client of a configuration, built once per config
// and shared by every SQS kind.
func NewAPI(cfg *clients.Config) API {
	return clients.ServiceClient(cfg, "sqs", func(c *clients.Config) API {
		return newSDKClient(sqs.NewFromConfig(c.AWS, func(o *sqs.Options) { o.BaseEndpoint = c.BaseEndpoint("sqs") }))
	})
}

// Setup adds the controller of an SQS kind to mgr: obj is the kind, region
// the address of its forProvider.region, and external builds its client on
// the shared SQS client of the resource's configuration and that
// configuration's region (the resource's, once pinned). SQS names are the
// user's (the external name): a create whose result was not recorded (the
// provider died in between) is followed up by an observation that finds
// the queue by its name (mr.Setup's deterministic external names).
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, obj T, region func(T) **string, external func(api API, region string) mr.External[T], extra ...managed.ReconcilerOption) error {
	return mr.Regional(mgr, o, obj, region, NewAPI, external, extra...)
}

// IsNotFound reports whether SQS answered that the queue does not exist.
func IsNotFound(err error) bool {
	return awserr.IsNotFound(err, CodeQueueDoesNotExist, CodeNonExistentQueue)
}

// IsNameExists reports whether SQS refused to create a queue because one of
// that name exists with other attributes.
func IsNameExists(err error) bool {
	return awserr.HasCode(err, CodeQueueNameExists, CodeQueueAlreadyExists)
}

// IsDeletedRecently reports whether SQS refused to create a queue because
// one of that name was deleted less than 60 seconds ago.
func IsDeletedRecently(err error) bool {
	return awserr.HasCode(err, CodeQueueDeletedRecently, CodeQueueDeletedRecentlyQuery)
}

// QueueURL returns the URL of the queue name, or "" without an error when
// the queue does not exist.
func QueueURL(ctx context.Context, api API, name string) (string, error) {
	out, err := api.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
	if IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", errors.Wrap(err, "cannot get SQS queue URL")
	}
	return aws.ToString(out.QueueUrl), nil
}

// urls remembers the URL of each queue by client and name: a queue's URL
// never changes, and a Queue whose status was reset (the reconciler's spec
// write after a late-initialization returns the stored status, without the
// URL the observation had just read) would otherwise need GetQueueUrl again.
// It is only a hint: a URL that no longer answers is forgotten and looked
// up by name.
var urls sync.Map // urlKey -> string

type urlKey struct {
	api  API
	name string
}

// RememberURL records url as the URL of the queue name of api's account and
// region.
func RememberURL(api API, name, url string) {
	if url != "" {
		urls.Store(urlKey{api, name}, url)
	}
}

// KnownURL returns the URL RememberURL recorded for the queue name, or "".
func KnownURL(api API, name string) string {
	if v, ok := urls.Load(urlKey{api, name}); ok {
		return v.(string) //nolint:forcetypeassert // Only RememberURL stores here.
	}
	return ""
}

// ForgetURL forgets the URL of the queue name (deleted, or not found there).
func ForgetURL(api API, name string) { urls.Delete(urlKey{api, name}) }

// NameOf returns the queue name of a queue URL: its last path segment.
func NameOf(url string) string {
	return url[strings.LastIndex(url, "/")+1:]
}

// SyncTags makes the tags of the queue url equal desired (see tags.Sync:
// nil desired tags are not managed; the identity tag and aws:* tags are
// never removed).
func SyncTags(ctx context.Context, api API, url string, desired, observed map[string]string) error {
	return tags.Sync(desired, observed,
		func(add map[string]string) error {
			_, err := api.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(url), Tags: add})
			return err
		},
		func(keys []string) error {
			_, err := api.UntagQueue(ctx, &sqs.UntagQueueInput{QueueUrl: aws.String(url), TagKeys: keys})
			return err
		})
}
