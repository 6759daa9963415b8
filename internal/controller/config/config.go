// Package config runs the controllers of ProviderConfig and
// ClusterProviderConfig: they count the managed resources using a config and
// block its deletion while any does.
package config

import (
	"k8s.io/apimachinery/pkg/runtime/schema"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/event"
	"github.com/crossplane/crossplane-runtime/v2/pkg/ratelimiter"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/providerconfig"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

type configKind struct {
	kinds resource.ProviderConfigKinds
	of    client.Object
	usage client.Object
}

// Setup adds the ProviderConfig and ClusterProviderConfig controllers.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	for _, k := range []configKind{
		{
			kinds: resource.ProviderConfigKinds{
				Config:    v1alpha1.ProviderConfigGroupVersionKind,
				Usage:     v1alpha1.ProviderConfigUsageGroupVersionKind,
				UsageList: v1alpha1.ProviderConfigUsageListGroupVersionKind,
			},
			of: &v1alpha1.ProviderConfig{}, usage: &v1alpha1.ProviderConfigUsage{},
		},
		{
			kinds: resource.ProviderConfigKinds{
				Config:    v1alpha1.ClusterProviderConfigGroupVersionKind,
				Usage:     v1alpha1.ClusterProviderConfigUsageGroupVersionKind,
				UsageList: v1alpha1.ClusterProviderConfigUsageListGroupVersionKind,
			},
			of: &v1alpha1.ClusterProviderConfig{}, usage: &v1alpha1.ClusterProviderConfigUsage{},
		},
	} {
		if err := setup(mgr, o, k); err != nil {
			return err
		}
	}
	return nil
}

func setup(mgr ctrl.Manager, o controller.Options, k configKind) error {
	name := providerconfig.ControllerName(schema.GroupKind{Group: k.kinds.Config.Group, Kind: k.kinds.Config.Kind}.String())
	// The reconciler updates the config and its status on every reconcile
	// (each usage created or deleted): only the writes that change
	// something go out.
	r := providerconfig.NewReconciler(mr.SkippingNoOps{Manager: mgr}, k.kinds,
		providerconfig.WithLogger(o.Logger.WithValues("controller", name)),
		providerconfig.WithRecorder(event.NewAPIRecorder(mgr.GetEventRecorderFor(name))))

	return ctrl.NewControllerManagedBy(mgr).
		Named(name).
		WithOptions(o.ForControllerRuntime()).
		For(k.of).
		Watches(k.usage, &resource.EnqueueRequestForProviderConfig{Kind: k.kinds.Config.Kind}).
		Complete(ratelimiter.NewReconciler(name, r, o.GlobalRateLimiter))
}
