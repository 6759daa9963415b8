package v1alpha1

import "github.com/crossplane/crossplane-runtime/v2/pkg/resource"

var (
	_ resource.ModernManaged = &Role{}
	_ resource.ModernManaged = &Policy{}
	_ resource.ModernManaged = &RolePolicyAttachment{}
	_ resource.ModernManaged = &OpenIDConnectProvider{}
	_ resource.ModernManaged = &InstanceProfile{}
)
