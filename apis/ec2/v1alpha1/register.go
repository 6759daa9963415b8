package v1alpha1

import (
	"reflect"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/scheme"
)

// Package type metadata.
const (
	Group   = "ec2.kaws.dev"
	Version = "v1alpha1"
)

var (
	// SchemeGroupVersion is group version used to register these objects.
	SchemeGroupVersion = schema.GroupVersion{Group: Group, Version: Version}

	// SchemeBuilder is used to add go types to the GroupVersionKind scheme.
	// Each kind registers itself in its <kind>_types.go.
	SchemeBuilder = &scheme.Builder{GroupVersion: SchemeGroupVersion}
)

// VPC type metadata.
var (
	VPCKind             = reflect.TypeOf(VPC{}).Name()
	VPCGroupKind        = schema.GroupKind{Group: Group, Kind: VPCKind}.String()
	VPCKindAPIVersion   = VPCKind + "." + SchemeGroupVersion.String()
	VPCGroupVersionKind = SchemeGroupVersion.WithKind(VPCKind)
)

// Subnet type metadata.
var (
	SubnetKind             = reflect.TypeOf(Subnet{}).Name()
	SubnetGroupKind        = schema.GroupKind{Group: Group, Kind: SubnetKind}.String()
	SubnetKindAPIVersion   = SubnetKind + "." + SchemeGroupVersion.String()
	SubnetGroupVersionKind = SchemeGroupVersion.WithKind(SubnetKind)
)

// SecurityGroup type metadata.
var (
	SecurityGroupKind             = reflect.TypeOf(SecurityGroup{}).Name()
	SecurityGroupGroupKind        = schema.GroupKind{Group: Group, Kind: SecurityGroupKind}.String()
	SecurityGroupKindAPIVersion   = SecurityGroupKind + "." + SchemeGroupVersion.String()
	SecurityGroupGroupVersionKind = SchemeGroupVersion.WithKind(SecurityGroupKind)
)

// InternetGateway type metadata.
var (
	InternetGatewayKind             = reflect.TypeOf(InternetGateway{}).Name()
	InternetGatewayGroupKind        = schema.GroupKind{Group: Group, Kind: InternetGatewayKind}.String()
	InternetGatewayKindAPIVersion   = InternetGatewayKind + "." + SchemeGroupVersion.String()
	InternetGatewayGroupVersionKind = SchemeGroupVersion.WithKind(InternetGatewayKind)
)

// RouteTable type metadata.
var (
	RouteTableKind             = reflect.TypeOf(RouteTable{}).Name()
	RouteTableGroupKind        = schema.GroupKind{Group: Group, Kind: RouteTableKind}.String()
	RouteTableKindAPIVersion   = RouteTableKind + "." + SchemeGroupVersion.String()
	RouteTableGroupVersionKind = SchemeGroupVersion.WithKind(RouteTableKind)
)

// ElasticIP type metadata.
var (
	ElasticIPKind             = reflect.TypeOf(ElasticIP{}).Name()
	ElasticIPGroupKind        = schema.GroupKind{Group: Group, Kind: ElasticIPKind}.String()
	ElasticIPKindAPIVersion   = ElasticIPKind + "." + SchemeGroupVersion.String()
	ElasticIPGroupVersionKind = SchemeGroupVersion.WithKind(ElasticIPKind)
)

// NATGateway type metadata.
var (
	NATGatewayKind             = reflect.TypeOf(NATGateway{}).Name()
	NATGatewayGroupKind        = schema.GroupKind{Group: Group, Kind: NATGatewayKind}.String()
	NATGatewayKindAPIVersion   = NATGatewayKind + "." + SchemeGroupVersion.String()
	NATGatewayGroupVersionKind = SchemeGroupVersion.WithKind(NATGatewayKind)
)
