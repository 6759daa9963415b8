package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis"
	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

func TestCheckCRDs(t *testing.T) {
	s := runtime.NewScheme()
	if err := apis.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	all := meta.NewDefaultRESTMapper(nil)
	for gvk := range s.AllKnownTypes() {
		all.Add(gvk, meta.RESTScopeNamespace)
	}
	onlyConfigs := meta.NewDefaultRESTMapper(nil)
	allButConfig := meta.NewDefaultRESTMapper(nil)
	for gvk := range s.AllKnownTypes() {
		if gvk.Group == v1alpha1.Group {
			onlyConfigs.Add(gvk, meta.RESTScopeNamespace)
		}
		if gvk.Kind != v1alpha1.ClusterProviderConfigKind {
			allButConfig.Add(gvk, meta.RESTScopeNamespace)
		}
	}
	cases := map[string]struct {
		reason string
		mapper meta.RESTMapper
		want   error
	}{
		"Installed": {reason: "Every kind is served: no error.", mapper: all},
		"OnlyConfigs": {
			reason: "Managed-resource kinds may be missing (safe-start: their controllers wait): no error.",
			mapper: onlyConfigs,
		},
		"MissingConfig": {
			reason: "A ProviderConfig-family kind that is not served is named in one line: they are never optional.",
			mapper: allButConfig,
			want:   errors.New("the provider's ProviderConfig CRDs (group kaws.dev, never optional) are not installed (apply package/crds/kaws.dev_*.yaml); missing: ClusterProviderConfig.kaws.dev"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := checkCRDs(s, tc.mapper)
			if diff := cmp.Diff(tc.want, err, test.EquateErrors()); diff != "" {
				t.Errorf("%s\ncheckCRDs(...): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestWorkers(t *testing.T) {
	cases := map[string]struct {
		reason     string
		rate, flag int
		want       int
	}{
		"Default": {reason: "At the default rate of 100 a controller gets the workers 100 reconciles/s of 200 ms keep busy.", rate: 100, want: 20},
		"Rounded": {reason: "A fraction of a worker is a worker.", rate: 101, want: 21},
		"LowRate": {reason: "A low rate still leaves a few workers, so one slow reconcile does not stall a kind.", rate: 10, want: minWorkers},
		"Flag":    {reason: "--max-concurrent-reconciles wins.", rate: 100, flag: 100, want: 100},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, workers(tc.rate, tc.flag)); diff != "" {
				t.Errorf("%s\nworkers(%d, %d): -want, +got:\n%s", tc.reason, tc.rate, tc.flag, diff)
			}
		})
	}
}
