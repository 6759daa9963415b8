package v1alpha1

import "github.com/crossplane/crossplane-runtime/v2/pkg/resource"

var (
	_ resource.ModernManaged = &Topic{}
	_ resource.ModernManaged = &Subscription{}
)
