package v1alpha1

import (
	"reflect"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/scheme"
)

// Package type metadata.
const (
	Group   = "iam.kaws.dev"
	Version = "v1alpha1"
)

var (
	// SchemeGroupVersion is group version used to register these objects.
	SchemeGroupVersion = schema.GroupVersion{Group: Group, Version: Version}

	// SchemeBuilder is used to add go types to the GroupVersionKind scheme.
	// Each kind registers itself in its <kind>_types.go.
	SchemeBuilder = &scheme.Builder{GroupVersion: SchemeGroupVersion}
)

// InstanceProfile type metadata.
var (
	InstanceProfileKind             = reflect.TypeOf(InstanceProfile{}).Name()
	InstanceProfileGroupKind        = schema.GroupKind{Group: Group, Kind: InstanceProfileKind}.String()
	InstanceProfileKindAPIVersion   = InstanceProfileKind + "." + SchemeGroupVersion.String()
	InstanceProfileGroupVersionKind = SchemeGroupVersion.WithKind(InstanceProfileKind)
)

// OpenIDConnectProvider type metadata.
var (
	OpenIDConnectProviderKind             = reflect.TypeOf(OpenIDConnectProvider{}).Name()
	OpenIDConnectProviderGroupKind        = schema.GroupKind{Group: Group, Kind: OpenIDConnectProviderKind}.String()
	OpenIDConnectProviderKindAPIVersion   = OpenIDConnectProviderKind + "." + SchemeGroupVersion.String()
	OpenIDConnectProviderGroupVersionKind = SchemeGroupVersion.WithKind(OpenIDConnectProviderKind)
)

// Policy type metadata.
var (
	PolicyKind             = reflect.TypeOf(Policy{}).Name()
	PolicyGroupKind        = schema.GroupKind{Group: Group, Kind: PolicyKind}.String()
	PolicyKindAPIVersion   = PolicyKind + "." + SchemeGroupVersion.String()
	PolicyGroupVersionKind = SchemeGroupVersion.WithKind(PolicyKind)
)

// Role type metadata.
var (
	RoleKind             = reflect.TypeOf(Role{}).Name()
	RoleGroupKind        = schema.GroupKind{Group: Group, Kind: RoleKind}.String()
	RoleKindAPIVersion   = RoleKind + "." + SchemeGroupVersion.String()
	RoleGroupVersionKind = SchemeGroupVersion.WithKind(RoleKind)
)

// RolePolicyAttachment type metadata.
var (
	RolePolicyAttachmentKind             = reflect.TypeOf(RolePolicyAttachment{}).Name()
	RolePolicyAttachmentGroupKind        = schema.GroupKind{Group: Group, Kind: RolePolicyAttachmentKind}.String()
	RolePolicyAttachmentKindAPIVersion   = RolePolicyAttachmentKind + "." + SchemeGroupVersion.String()
	RolePolicyAttachmentGroupVersionKind = SchemeGroupVersion.WithKind(RolePolicyAttachmentKind)
)
