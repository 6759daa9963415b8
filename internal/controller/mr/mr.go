// Package mr holds what every managed-resource controller of the provider
// shares: the connector that turns a managed resource into an AWS
// configuration, and the wiring of a controller with the provider's options
// (poll jitter, rate limits, management policies, metrics).
package mr

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/pkg/errors"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/event"
	"github.com/crossplane/crossplane-runtime/v2/pkg/feature"
	"github.com/crossplane/crossplane-runtime/v2/pkg/ratelimiter"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
	"github.com/crossplane/crossplane-runtime/v2/pkg/statemetrics"

	"github.com/kaws-dev/provider-aws/internal/clients"
)

// A ConfigGetter resolves the AWS configuration of a managed resource.
type ConfigGetter interface {
	GetConfig(ctx context.Context, mg resource.ModernManaged, region *string) (*clients.Config, error)
}

// A Connector connects a managed resource of type T to AWS: it resolves the
// resource's provider config and region and builds the kind's external client.
type Connector[T resource.ModernManaged] struct {
	// Configs resolves provider configs; cached, so a steady-state connect
	// does no AWS call.
	Configs ConfigGetter
	// Region returns the resource's own forProvider.region; nil for global
	// services (IAM) or when unset.
	Region func(T) *string
	// NewClient builds the kind's external client from the configuration.
	NewClient func(cfg *clients.Config, mg T) managed.TypedExternalClient[T]
}

// Connect implements managed.TypedExternalConnector.
func (c *Connector[T]) Connect(ctx context.Context, mg T) (managed.TypedExternalClient[T], error) {
	var region *string
	if c.Region != nil {
		region = c.Region(mg)
	}
	cfg, err := c.Configs.GetConfig(ctx, mg, region)
	if err != nil {
		return nil, errors.Wrap(err, "cannot get AWS configuration")
	}
	return c.NewClient(cfg, mg), nil
}

// Kind describes a managed-resource kind to Setup.
type Kind[T resource.ModernManaged] struct {
	// GroupVersionKind of the managed resource.
	GroupVersionKind schema.GroupVersionKind
	// Object is an empty managed resource of the kind.
	Object T
	// List is an empty list of the kind, for the state metrics.
	List resource.ManagedList
	// Connector builds external clients.
	Connector managed.TypedExternalConnector[T]
	// PollBound, when set and positive for a resource, caps how long that
	// resource waits for its next observation (e.g. an EKS cluster whose
	// connection secret holds a token that must be refreshed).
	PollBound func(T) time.Duration
}

// PollJitter is the share of the poll interval added or removed at random,
// so resources created together are not all polled together.
const PollJitter = 0.1

// NotReadyPoll caps the wait before the next observation of a resource that
// is not Ready: one being created, updated or attached shows Ready soon after
// AWS finishes, not a whole --poll later.
const NotReadyPoll = 15 * time.Second

// pollHook returns when a resource is observed next: --poll with jitter, at
// most NotReadyPoll while it is not Ready, and at most its kind's bound.
func pollHook[T resource.ModernManaged](poll time.Duration, bound func(T) time.Duration) managed.PollIntervalHook {
	return func(m resource.Managed, _ time.Duration) time.Duration {
		if t, ok := m.(T); ok && bound != nil {
			if b := bound(t); b > 0 && b < poll {
				return b // a bound, so no jitter
			}
		}
		d := poll
		if m.GetCondition(xpv2.TypeReady).Status != corev1.ConditionTrue && NotReadyPoll < d {
			d = NotReadyPoll
		}
		return d + time.Duration(PollJitter*float64(d)*(2*rand.Float64()-1)) //nolint:gosec // Jitter needs no secure randomness.
	}
}

// Setup adds a controller for a managed-resource kind to mgr with the
// provider's standard options. Extra reconciler options are appended.
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, k Kind[T], extra ...managed.ReconcilerOption) error {
	name := managed.ControllerName(k.GroupVersionKind.GroupKind().String())

	opts := []managed.ReconcilerOption{
		managed.WithTypedExternalConnector[T](withCrashHook(k.GroupVersionKind.Kind, k.Connector)),
		managed.WithLogger(o.Logger.WithValues("controller", name)),
		managed.WithRecorder(event.NewAPIRecorder(mgr.GetEventRecorderFor(name))),
		managed.WithPollInterval(o.PollInterval),
		managed.WithPollIntervalHook(pollHook(o.PollInterval, k.PollBound)),
		managed.WithReferenceResolver(referenceResolver{client: mgr.GetClient()}),
	}
	if o.Features.Enabled(feature.EnableBetaManagementPolicies) {
		opts = append(opts, managed.WithManagementPolicies())
	}
	if o.MetricOptions != nil {
		opts = append(opts, managed.WithMetricRecorder(o.MetricOptions.MRMetrics))
		if o.MetricOptions.MRStateMetrics != nil && k.List != nil {
			sr := statemetrics.NewMRStateRecorder(mgr.GetClient(), o.Logger, o.MetricOptions.MRStateMetrics, k.List, o.MetricOptions.PollStateMetricInterval)
			if err := mgr.Add(sr); err != nil {
				return errors.Wrap(err, "cannot register MR state metrics recorder for kind "+k.GroupVersionKind.Kind)
			}
		}
	}
	opts = append(opts, extra...)

	r := managed.NewReconciler(mgr, resource.ManagedKind(k.GroupVersionKind), opts...)
	return ctrl.NewControllerManagedBy(mgr).
		Named(name).
		WithOptions(o.ForControllerRuntime()).
		WithEventFilter(resource.DesiredStateChanged()).
		For(k.Object).
		Complete(ratelimiter.NewReconciler(name, r, o.GlobalRateLimiter))
}

// configCaches holds one ConfigCache per manager, so every controller of the
// process shares provider-config lookups, credentials and SDK clients.
var configCaches sync.Map // ctrl.Manager -> *clients.ConfigCache

// SharedConfigs returns the ConfigCache every controller of mgr shares.
func SharedConfigs(mgr ctrl.Manager) *clients.ConfigCache {
	if c, ok := configCaches.Load(mgr); ok {
		return c.(*clients.ConfigCache) //nolint:forcetypeassert // Only SharedConfigs stores here.
	}
	c, _ := configCaches.LoadOrStore(mgr, clients.NewConfigCache(mgr.GetClient()))
	return c.(*clients.ConfigCache) //nolint:forcetypeassert // Only SharedConfigs stores here.
}
