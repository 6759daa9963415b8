package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"

	"github.com/kaws-dev/provider-aws/apis"
	s3v1alpha1 "github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
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
	allButBucket := meta.NewDefaultRESTMapper(nil)
	for gvk := range s.AllKnownTypes() {
		if gvk.Kind != s3v1alpha1.BucketKind {
			allButBucket.Add(gvk, meta.RESTScopeNamespace)
		}
	}
	cases := map[string]struct {
		reason string
		mapper meta.RESTMapper
		want   error
	}{
		"Installed": {reason: "Every kind is served: no error.", mapper: all},
		"Missing": {
			reason: "A kind that is not served is named in one line.",
			mapper: allButBucket,
			want:   errors.New("the provider's CRDs are not installed (apply package/crds); missing: Bucket.s3.kaws.dev"),
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
