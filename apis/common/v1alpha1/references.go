package v1alpha1

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/reference"
	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
)

// ARN extracts status.atProvider.arn of a referenced managed resource: the
// reference extractor of every field that names another kind by ARN (a KMS
// key, a queue, a topic). The referenced kind's observation must have an
// `arn` field.
func ARN() reference.ExtractValueFn { return AtProvider("arn") }

// AtProvider extracts the string field status.atProvider.<field> of a
// referenced managed resource ("" while it is not set).
func AtProvider(field string) reference.ExtractValueFn {
	return func(mg resource.Managed) string {
		u, err := runtime.DefaultUnstructuredConverter.ToUnstructured(mg)
		if err != nil {
			return ""
		}
		s, _, _ := unstructured.NestedString(u, "status", "atProvider", field)
		return s
	}
}
