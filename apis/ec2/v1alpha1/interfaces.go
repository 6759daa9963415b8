package v1alpha1

import "github.com/crossplane/crossplane-runtime/v2/pkg/resource"

var (
	_ resource.ModernManaged = &VPC{}
	_ resource.ModernManaged = &Subnet{}
	_ resource.ModernManaged = &SecurityGroup{}
	_ resource.ModernManaged = &InternetGateway{}
	_ resource.ModernManaged = &RouteTable{}
	_ resource.ModernManaged = &ElasticIP{}
	_ resource.ModernManaged = &NATGateway{}
)
