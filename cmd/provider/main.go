// Command provider runs the kaws.dev AWS provider: the controllers that keep
// AWS equal to the managed resources' specs.
package main

import (
	"fmt"
	"math"
	"net/http"
	httppprof "net/http/pprof"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/alecthomas/kingpin/v2"
	"github.com/pkg/errors"
	"go.uber.org/zap/zapcore"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	ctrllog "sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	ctrlmetrics "sigs.k8s.io/controller-runtime/pkg/metrics"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/feature"
	"github.com/crossplane/crossplane-runtime/v2/pkg/gate"
	"github.com/crossplane/crossplane-runtime/v2/pkg/logging"
	"github.com/crossplane/crossplane-runtime/v2/pkg/ratelimiter"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/customresourcesgate"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"
	"github.com/crossplane/crossplane-runtime/v2/pkg/statemetrics"

	"github.com/kaws-dev/provider-aws/apis"
	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	awscontroller "github.com/kaws-dev/provider-aws/internal/controller"
	ekscluster "github.com/kaws-dev/provider-aws/internal/controller/eks/cluster"
)

func main() {
	app := kingpin.New(filepath.Base(os.Args[0]), "Crossplane provider for AWS (kaws.dev).").DefaultEnvars()
	var (
		debug            = app.Flag("debug", "Log at debug level.").Short('d').Bool()
		pollInterval     = app.Flag("poll", "How often every managed resource is checked for drift in AWS (a jitter of up to 10% is added).").Default("10m").Duration()
		syncInterval     = app.Flag("sync", "How often the provider's caches of Kubernetes objects are fully resynchronised.").Short('s').Default("1h").Duration()
		maxReconcileRate = app.Flag("max-reconcile-rate", "Reconciles per second, across all controllers; also sizes concurrency and the Kubernetes client's QPS.").Default("100").Int()
		maxConcurrent    = app.Flag("max-concurrent-reconciles", "Reconcile workers of each controller; 0 sizes them to what --max-reconcile-rate lets through (see workers).").Default("0").Int()
		leaderElection   = app.Flag("leader-election", "Elect a leader among provider replicas before reconciling.").Short('l').Default("false").Envar("LEADER_ELECTION").Bool()
		metricsAddr      = app.Flag("metrics-bind-address", "Address the Prometheus metrics endpoint listens on ('0' disables it).").Default(":8080").String()
		healthAddr       = app.Flag("health-probe-bind-address", "Address of the /healthz and /readyz endpoints ('0' disables them).").Default(":8081").String()
		mgmtPolicies     = app.Flag("enable-management-policies", "Honour spec.managementPolicies (e.g. Observe-only imports).").Default("true").Bool()
		pprof            = app.Flag("enable-pprof", "Serve Go's /debug/pprof/ profiles on the metrics address.").Default("false").Bool()
		eksTokenRefresh  = app.Flag("eks-token-refresh", "How often the token in the kubeconfig connection secret of an EKS Cluster is renewed (tokens live 15m).").Default(ekscluster.DefaultTokenRefresh.String()).Duration()
	)
	if _, err := app.Parse(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v (try --help)\n", app.Name, err)
		os.Exit(2)
	}
	ekscluster.SetTokenRefresh(*eksTokenRefresh)
	if err := run(*debug, *pollInterval, *syncInterval, *maxReconcileRate, workers(*maxReconcileRate, *maxConcurrent), *leaderElection, *metricsAddr, *healthAddr, *mgmtPolicies, *pprof); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", app.Name, err)
		os.Exit(1)
	}
}

// workerLatency is the reconcile time workers assumes: a reconcile makes
// one to a few AWS calls and a Kubernetes write or two. With the global
// rate limiter letting rate reconciles a second through across all
// controllers, one controller needs rate × latency workers to use the whole
// budget (Little's law) when it is the only one with work; more only wait.
const workerLatency = 200 * time.Millisecond

// minWorkers keeps a controller from waiting on one slow reconcile (an AWS
// call retried with backoff) when the rate is low.
const minWorkers = 5

// workers returns the reconcile workers of each controller: flag when set,
// else what the global rate limiter lets through. controller-runtime starts
// every worker of every controller at once, so --max-reconcile-rate workers
// per controller (the usual choice) kept 100 × 28 goroutines idle here.
func workers(rate, flag int) int {
	if flag > 0 {
		return flag
	}
	return max(minWorkers, int(math.Ceil(float64(rate)*workerLatency.Seconds())))
}

func run(debug bool, poll, sync time.Duration, rate, concurrency int, leader bool, metricsAddr, healthAddr string, mgmtPolicies, pprof bool) error {
	if rate < 1 {
		return errors.Errorf("--max-reconcile-rate must be at least 1, got %d", rate)
	}
	if poll <= 0 || sync <= 0 {
		return errors.New("--poll and --sync must be positive durations")
	}
	zl := zap.New(zap.UseDevMode(debug), zap.Level(levelFor(debug)))
	log := logging.NewLogrLogger(zl.WithName("provider-aws"))
	ctrl.SetLogger(zl)

	cfg, err := ctrl.GetConfig()
	if err != nil {
		return errors.Wrap(err, "cannot find a Kubernetes API server (set KUBECONFIG or run in a pod)")
	}
	// The Kubernetes client must never be what limits a wave of reconciles:
	// every reconcile makes a few reads (from cache) and one or two writes.
	cfg.QPS = float32(math.Max(50, float64(rate)*5))
	cfg.Burst = int(cfg.QPS) * 2
	cfg.UserAgent = "provider-aws"
	// The API server warns about the managed reconciler's finalizer name
	// (not domain-qualified) on every finalizer it adds: log each distinct
	// warning once, not once per resource (2,000 lines in a 2,000-resource
	// wave otherwise).
	cfg.WarningHandlerWithContext = ctrllog.NewKubeAPIWarningLogger(ctrllog.KubeAPIWarningLoggerOptions{Deduplicate: true})
	// Count every request by verb and resource (kaws_kube_api_requests_total),
	// for the bench's Kubernetes figures.
	cfg.Wrap(clients.CountKubeRequests)

	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{clientgoscheme.AddToScheme, apiextensionsv1.AddToScheme, apis.AddToScheme} {
		if err := add(scheme); err != nil {
			return errors.Wrap(err, "cannot build the scheme")
		}
	}
	mgr, err := ctrl.NewManager(cfg, ctrl.Options{
		Scheme: scheme,
		// The provider never reads managed fields: not caching them saves
		// a large share of the informers' memory.
		Cache: cache.Options{
			SyncPeriod:       &sync,
			DefaultTransform: cache.TransformStripManagedFields(),
			// safe-start watches every CRD of the cluster, but only for
			// its group, kind, versions and Established condition: not
			// caching their schemas keeps that informer small.
			ByObject: map[client.Object]cache.ByObject{
				&apiextensionsv1.CustomResourceDefinition{}: {Transform: customresourcesgate.TransformStripCRDSchema},
			},
		},
		Metrics:                    metricsOptions(metricsAddr, pprof),
		HealthProbeBindAddress:     healthAddr,
		LeaderElection:             leader,
		LeaderElectionID:           "crossplane-leader-election-provider-aws",
		LeaderElectionNamespace:    os.Getenv("POD_NAMESPACE"),
		LeaderElectionResourceLock: resourcelock.LeasesResourceLock,
		LeaseDuration:              func() *time.Duration { d := 60 * time.Second; return &d }(),
		RenewDeadline:              func() *time.Duration { d := 50 * time.Second; return &d }(),
	})
	if err != nil {
		return errors.Wrap(err, "cannot create controller manager")
	}
	if err := checkCRDs(mgr.GetScheme(), mgr.GetRESTMapper()); err != nil {
		return err
	}
	if err := mgr.AddHealthzCheck("ping", func(_ *http.Request) error { return nil }); err != nil {
		return errors.Wrap(err, "cannot add health check")
	}

	mm := managed.NewMRMetricRecorder()
	sm := statemetrics.NewMRStateMetrics()
	ctrlmetrics.Registry.MustRegister(mm, sm)

	o := controller.Options{
		Logger:                  log,
		MaxConcurrentReconciles: concurrency,
		PollInterval:            poll,
		GlobalRateLimiter:       ratelimiter.NewGlobal(rate),
		Features:                &feature.Flags{},
		// safe-start: every managed-resource kind's controller starts once
		// its CRD is established (Crossplane creates the CRDs an activation
		// policy selects, at any time); see mr.Setup.
		Gate: new(gate.Gate[schema.GroupVersionKind]),
		MetricOptions: &controller.MetricOptions{
			PollStateMetricInterval: time.Minute,
			MRMetrics:               mm,
			MRStateMetrics:          sm,
		},
	}
	if mgmtPolicies {
		o.Features.Enable(feature.EnableBetaManagementPolicies)
	}
	if err := customresourcesgate.Setup(mgr, o); err != nil {
		return errors.Wrap(err, "cannot set up the CRD gate")
	}
	if err := awscontroller.Setup(mgr, o); err != nil {
		return errors.Wrap(err, "cannot set up controllers")
	}
	log.Info("Starting provider-aws", "poll", poll.String(), "maxReconcileRate", rate, "maxConcurrentReconciles", concurrency)
	if err := mgr.Start(ctrl.SetupSignalHandler()); err != nil {
		return errors.Wrap(err, "controller manager stopped")
	}
	return nil
}

func levelFor(debug bool) zapcore.Level {
	if debug {
		return zapcore.DebugLevel
	}
	return zapcore.InfoLevel
}

func metricsOptions(addr string, pprof bool) metricsserver.Options {
	o := metricsserver.Options{BindAddress: addr}
	if pprof {
		o.ExtraHandlers = map[string]http.Handler{
			"/debug/pprof/":        http.HandlerFunc(httppprof.Index),
			"/debug/pprof/cmdline": http.HandlerFunc(httppprof.Cmdline),
			"/debug/pprof/profile": http.HandlerFunc(httppprof.Profile),
			"/debug/pprof/symbol":  http.HandlerFunc(httppprof.Symbol),
			"/debug/pprof/trace":   http.HandlerFunc(httppprof.Trace),
		}
	}
	return o
}

// checkCRDs fails at once, with the kinds missing, when the CRDs of the
// ProviderConfig family (group kaws.dev) are not installed: they are never
// optional (no activation policy selects them, every managed resource needs
// them) and their controllers start at once. The managed-resource kinds'
// CRDs may be missing: their controllers wait for them (safe-start).
func checkCRDs(s *runtime.Scheme, m meta.RESTMapper) error {
	var missing []string
	for gvk := range s.AllKnownTypes() {
		if gvk.Group != v1alpha1.Group {
			continue
		}
		// Only the kinds a CRD serves: objects, not lists or the option
		// and watch-event kinds every group version registers.
		if o, err := s.New(gvk); err != nil || meta.IsListType(o) {
			continue
		} else if _, ok := o.(metav1.Object); !ok {
			continue
		}
		if _, err := m.RESTMapping(gvk.GroupKind(), gvk.Version); err != nil {
			if !meta.IsNoMatchError(err) {
				return errors.Wrap(err, "cannot look up the provider's API kinds")
			}
			missing = append(missing, gvk.GroupKind().String())
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return errors.Errorf("the provider's ProviderConfig CRDs (group %s, never optional) are not installed (apply package/crds/%s_*.yaml); missing: %s",
			v1alpha1.Group, v1alpha1.Group, strings.Join(missing, ", "))
	}
	return nil
}
