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
	"k8s.io/client-go/util/workqueue"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
	ctrlevent "sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/source"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/event"
	"github.com/crossplane/crossplane-runtime/v2/pkg/feature"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
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

// An External is a kind's external client: what it does with AWS. mr adds
// the rest of managed.TypedExternalClient (Disconnect) and the region pin.
type External[T resource.ModernManaged] interface {
	Observe(ctx context.Context, mg T) (managed.ExternalObservation, error)
	Create(ctx context.Context, mg T) (managed.ExternalCreation, error)
	Update(ctx context.Context, mg T) (managed.ExternalUpdate, error)
	Delete(ctx context.Context, mg T) (managed.ExternalDelete, error)
}

// A Connector connects a managed resource of type T to AWS: it resolves the
// resource's provider config and region and builds the kind's external client.
type Connector[T resource.ModernManaged] struct {
	// Configs resolves provider configs; cached, so a steady-state connect
	// does no AWS call. Setup defaults it to the process's SharedConfigs.
	Configs ConfigGetter
	// Region returns the address of the resource's forProvider.region; nil
	// for global services (IAM). A resource without a region uses its
	// config's, and its first observation pins it: the region is written to
	// the spec, so a later change of the config's region never makes the
	// provider look for (and re-create) the resource elsewhere.
	Region func(T) **string
	// NewClient builds the kind's external client from the configuration.
	NewClient func(cfg *clients.Config, mg T) External[T]
}

// Connect implements managed.TypedExternalConnector.
func (c *Connector[T]) Connect(ctx context.Context, mg T) (managed.TypedExternalClient[T], error) {
	var region *string
	if c.Region != nil {
		region = *c.Region(mg)
	}
	cfg, err := c.Configs.GetConfig(ctx, mg, region)
	if err != nil {
		return nil, errors.Wrap(err, "cannot get AWS configuration")
	}
	return &externalClient[T]{External: c.NewClient(cfg, mg), region: c.Region, cfgRegion: cfg.Region}, nil
}

// externalClient is a kind's External as a managed.TypedExternalClient.
type externalClient[T resource.ModernManaged] struct {
	External[T]
	region    func(T) **string
	cfgRegion string
}

// Observe observes the resource and pins its region: an unset region is
// set to the one the client was built for. The reconciler saves it with a
// late-initialized spec (existing resource) or with the annotations it
// writes right after Create (new resource).
func (c *externalClient[T]) Observe(ctx context.Context, mg T) (managed.ExternalObservation, error) {
	o, err := c.External.Observe(ctx, mg)
	if err != nil || c.region == nil || c.cfgRegion == "" {
		return o, err
	}
	if r := c.region(mg); *r == nil {
		*r = &c.cfgRegion
		o.ResourceLateInitialized = o.ResourceLateInitialized || o.ResourceExists
	}
	return o, nil
}

// Disconnect implements managed.TypedExternalClient: the SDK clients are
// cached per config and outlive a reconcile, so there is nothing to close.
func (c *externalClient[T]) Disconnect(_ context.Context) error { return nil }

// NotObserved is the error of an Update that runs without the observation
// it acts on. The managed reconciler always observes first with the same
// client, so it means a bug; every kind answers it the same way rather than
// reading AWS again.
func NotObserved(what string) error {
	return errors.Errorf("cannot update %s: it was not observed first", what)
}

// Kind describes a managed-resource kind to Setup. A kind states what is its
// own (its object, region field and client); Setup derives or defaults the
// rest.
type Kind[T resource.ModernManaged] struct {
	// Object is an empty managed resource of the kind. Its GroupVersionKind
	// and list type come from the manager's scheme.
	Object T
	// Region returns the address of forProvider.region (see Connector);
	// nil for global kinds.
	Region func(T) **string
	// NewClient builds the kind's external client from the configuration.
	NewClient func(cfg *clients.Config, mg T) External[T]
	// PollBound, when set and positive for a resource, caps how long that
	// resource waits for its next observation (e.g. an EKS cluster whose
	// connection secret holds a token that must be refreshed).
	PollBound func(T) time.Duration

	// Connector, when set, replaces the Connector built from Region and
	// NewClient (tests; a kind that connects differently).
	Connector managed.TypedExternalConnector[T]

	// Needs are the other kinds whose CRDs the controller cannot run
	// without (kinds it watches). With safe-start the controller starts
	// once its own CRD and all of these are established. References are
	// not needs: they are read when set, and one to a kind that is not
	// installed fails that resource's reconcile with a clear error.
	Needs []schema.GroupVersionKind
}

// PollJitter is the share of the poll interval added or removed at random,
// so resources created together are not all polled together.
const PollJitter = 0.1

// NotReadyPoll caps the wait before the next observation of a resource that
// is not Ready: one being created, updated or attached shows Ready soon after
// AWS finishes, not a whole --poll later.
const NotReadyPoll = 15 * time.Second

// pollHook returns when a resource is observed next: --poll with jitter, at
// most NotReadyPoll while it is not Ready, and at most its kind's bound. A
// resource's crossplane.io/poll-interval annotation wins over all of them:
// the user asked for exactly that interval.
func pollHook[T resource.ModernManaged](poll time.Duration, bound func(T) time.Duration) managed.PollIntervalHook {
	return func(m resource.Managed, _ time.Duration) time.Duration {
		if d, ok := meta.GetPollInterval(m); ok {
			return d
		}
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
// provider's standard options. Extra reconciler options are appended. With
// o.Gate set (safe-start), the controller is added only once the kind's CRD
// (and those of k.Needs) is established; Setup returns at once.
func Setup[T resource.ModernManaged](mgr ctrl.Manager, o controller.Options, k Kind[T], extra ...managed.ReconcilerOption) error {
	gvk, err := apiutil.GVKForObject(k.Object, mgr.GetScheme())
	if err != nil {
		return errors.Wrap(err, "cannot find the kind of a managed resource in the scheme")
	}
	name := managed.ControllerName(gvk.GroupKind().String())
	wk := wakerFor(mgr.GetScheme())
	conn := k.Connector
	if conn == nil {
		conn = &Connector[T]{Configs: SharedConfigs(mgr), Region: k.Region, NewClient: k.NewClient}
	}

	opts := []managed.ReconcilerOption{
		managed.WithTypedExternalConnector[T](withCrashHook(gvk.Kind, conn)),
		managed.WithLogger(o.Logger.WithValues("controller", name)),
		managed.WithRecorder(event.NewAPIRecorder(mgr.GetEventRecorderFor(name))),
		managed.WithPollInterval(o.PollInterval),
		managed.WithPollIntervalHook(pollHook(o.PollInterval, k.PollBound)),
		managed.WithReferenceResolver(referenceResolver{client: mgr.GetClient(), waker: wk, gk: gvk.GroupKind()}),
		// Every kind's external name is deterministic: the user's name
		// (a role, a queue) or, where AWS assigns the ID, found again by
		// the identity tag (AssignedID). So a create whose result was not
		// recorded (the provider died in between) is safe to follow up:
		// the next observation finds the resource instead of stopping at
		// "cannot determine creation result".
		managed.WithDeterministicExternalName(true),
	}
	if o.Features.Enabled(feature.EnableBetaManagementPolicies) {
		opts = append(opts, managed.WithManagementPolicies())
	}
	var ml resource.ManagedList
	if o.MetricOptions != nil {
		opts = append(opts, managed.WithMetricRecorder(o.MetricOptions.MRMetrics))
		if o.MetricOptions.MRStateMetrics != nil {
			l, err := mgr.GetScheme().New(gvk.GroupVersion().WithKind(gvk.Kind + "List"))
			if err != nil {
				return errors.Wrap(err, "cannot find the list kind of "+gvk.Kind)
			}
			var ok bool
			if ml, ok = l.(resource.ManagedList); !ok {
				return errors.Errorf("%sList is not a list of managed resources", gvk.Kind)
			}
		}
	}
	opts = append(opts, extra...)

	return startGated(o, gvk, k.Needs, func() error {
		if ml != nil {
			sr := statemetrics.NewMRStateRecorder(mgr.GetClient(), o.Logger, o.MetricOptions.MRStateMetrics, ml, o.MetricOptions.PollStateMetricInterval)
			if err := mgr.Add(sr); err != nil {
				return errors.Wrap(err, "cannot register MR state metrics recorder for kind "+gvk.Kind)
			}
		}
		r := managed.NewReconciler(statusKeeping{mgr}, resource.ManagedKind(gvk), opts...)
		return ctrl.NewControllerManagedBy(mgr).
			Named(name).
			WithOptions(o.ForControllerRuntime()).
			WithEventFilter(resource.DesiredStateChanged()).
			For(k.Object).
			WatchesRawSource(source.Channel(wk.queue(gvk.GroupKind()), &handler.EnqueueRequestForObject{})).
			// Resources waiting on one of this kind are queued again
			// when it changes (see waker). A kind source, so that it
			// waits, like For, until the API server serves the kind.
			WatchesRawSource(source.Kind(mgr.GetCache(), client.Object(k.Object), wakeHandler(wk))).
			Complete(ratelimiter.NewReconciler(name, refAware{Reconciler: r, waker: wk, gk: gvk.GroupKind()}, o.GlobalRateLimiter))
	})
}

// wakeHandler wakes the resources waiting on an object that is created or
// changes, and forgets the waits of one that is deleted. It queues nothing
// of its own kind.
func wakeHandler(w *waker) handler.Funcs {
	return handler.Funcs{
		CreateFunc: func(_ context.Context, e ctrlevent.CreateEvent, _ workqueue.TypedRateLimitingInterface[reconcile.Request]) {
			w.changed(e.Object)
		},
		UpdateFunc: func(_ context.Context, e ctrlevent.UpdateEvent, _ workqueue.TypedRateLimitingInterface[reconcile.Request]) {
			w.changed(e.ObjectNew)
		},
		DeleteFunc: func(_ context.Context, e ctrlevent.DeleteEvent, _ workqueue.TypedRateLimitingInterface[reconcile.Request]) {
			w.deleted(e.Object)
		},
	}
}

// Regional is Setup for a regional kind of a service whose kinds share one
// SDK client per configuration: newAPI returns the configuration's client
// (clients.ServiceClient builds it once), external the kind's client on it
// and the region the resource is reconciled in (its own, once pinned).
func Regional[T resource.ModernManaged, API any](mgr ctrl.Manager, o controller.Options, obj T, region func(T) **string,
	newAPI func(*clients.Config) API, external func(api API, region string) External[T], extra ...managed.ReconcilerOption) error {
	return Setup(mgr, o, Kind[T]{
		Object:    obj,
		Region:    region,
		NewClient: func(cfg *clients.Config, _ T) External[T] { return external(newAPI(cfg), cfg.Region) },
	}, extra...)
}

// AssignedID are the reconciler options of a kind whose ID AWS assigns (an
// EC2 VPC, an EKS pod identity association): no initializer names the
// resource after the object, and a create that did not record the ID is
// safe to follow up, because the kind's Observe finds the resource by its
// identity tag instead of creating another (Setup runs every kind with
// managed.WithDeterministicExternalName). grace is how long a
// just-created resource is trusted to exist while AWS does not show it yet.
func AssignedID(grace time.Duration) []managed.ReconcilerOption {
	return []managed.ReconcilerOption{
		managed.WithInitializers(),
		managed.WithCreationGracePeriod(grace),
	}
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
