package mr

import (
	"github.com/pkg/errors"
	"github.com/prometheus/client_golang/prometheus"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/metrics"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
)

// MetricControllersStartedName is the name of the gauge that says which
// managed-resource kinds' controllers run: 1 once a kind's controller has
// started, 0 while it waits for its CRD (safe-start).
const MetricControllersStartedName = "kaws_controllers_started"

var controllersStarted = registerGaugeVec(metrics.Registry, prometheus.NewGaugeVec(prometheus.GaugeOpts{
	Name: MetricControllersStartedName,
	Help: "Managed-resource controllers by group and kind: 1 once started, 0 while waiting for the kind's CRD (and every CRD it needs) to be established.",
}, []string{"group", "kind"}))

// registerGaugeVec registers g with r and returns the collector to use: g,
// or the equal one registered before. It never panics.
func registerGaugeVec(r prometheus.Registerer, g *prometheus.GaugeVec) *prometheus.GaugeVec {
	err := r.Register(g)
	var are prometheus.AlreadyRegisteredError
	if err != nil && errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(*prometheus.GaugeVec); ok {
			return existing
		}
	}
	return g
}

// startGated runs start, which adds the controller of kind gvk to the
// manager, once the CRDs of gvk and of every kind in needs are established.
// Without a gate (o.Gate nil: tests, tools) it runs start at once and
// returns its error. With one (the provider's safe-start) it registers start
// with the gate and returns: the gate calls it, in a goroutine of its own,
// when the CRD reconciler has seen every CRD established; an error then is
// logged (Setup checked everything it could before, so it means a bug).
//
// Either way the start is logged ("starting controller", with group and
// kind) and kaws_controllers_started{group,kind} says whether it runs.
func startGated(o controller.Options, gvk schema.GroupVersionKind, needs []schema.GroupVersionKind, start func() error) error {
	started := controllersStarted.WithLabelValues(gvk.Group, gvk.Kind)
	run := func() error {
		o.Logger.Info("starting controller", "group", gvk.Group, "kind", gvk.Kind)
		if err := start(); err != nil {
			return errors.Wrapf(err, "cannot start the controller of %s", gvk.GroupKind())
		}
		started.Set(1)
		return nil
	}
	if o.Gate == nil {
		return run()
	}
	started.Set(0)
	gvks := append([]schema.GroupVersionKind{gvk}, needs...)
	o.Gate.Register(func() {
		if err := run(); err != nil {
			o.Logger.Info("controller not started", "group", gvk.Group, "kind", gvk.Kind, "error", err.Error())
		}
	}, gvks...)
	return nil
}
