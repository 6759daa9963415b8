package v1alpha1

import "github.com/crossplane/crossplane-runtime/v2/pkg/resource"

var _ resource.ModernManaged = &Cluster{}
var _ resource.ModernManaged = &Nodegroup{}
var _ resource.ModernManaged = &Addon{}
var _ resource.ModernManaged = &AccessEntry{}
var _ resource.ModernManaged = &AccessPolicyAssociation{}
var _ resource.ModernManaged = &PodIdentityAssociation{}
