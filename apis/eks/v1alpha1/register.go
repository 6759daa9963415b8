package v1alpha1

import (
	"reflect"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/scheme"
)

// Package type metadata.
const (
	Group   = "eks.kaws.dev"
	Version = "v1alpha1"
)

var (
	// SchemeGroupVersion is group version used to register these objects.
	SchemeGroupVersion = schema.GroupVersion{Group: Group, Version: Version}

	// SchemeBuilder is used to add go types to the GroupVersionKind scheme.
	// Each kind registers itself in its <kind>_types.go.
	SchemeBuilder = &scheme.Builder{GroupVersion: SchemeGroupVersion}
)

// AccessEntry type metadata.
var (
	AccessEntryKind             = reflect.TypeOf(AccessEntry{}).Name()
	AccessEntryGroupKind        = schema.GroupKind{Group: Group, Kind: AccessEntryKind}.String()
	AccessEntryKindAPIVersion   = AccessEntryKind + "." + SchemeGroupVersion.String()
	AccessEntryGroupVersionKind = SchemeGroupVersion.WithKind(AccessEntryKind)
)

// AccessPolicyAssociation type metadata.
var (
	AccessPolicyAssociationKind             = reflect.TypeOf(AccessPolicyAssociation{}).Name()
	AccessPolicyAssociationGroupKind        = schema.GroupKind{Group: Group, Kind: AccessPolicyAssociationKind}.String()
	AccessPolicyAssociationKindAPIVersion   = AccessPolicyAssociationKind + "." + SchemeGroupVersion.String()
	AccessPolicyAssociationGroupVersionKind = SchemeGroupVersion.WithKind(AccessPolicyAssociationKind)
)

// Addon type metadata.
var (
	AddonKind             = reflect.TypeOf(Addon{}).Name()
	AddonGroupKind        = schema.GroupKind{Group: Group, Kind: AddonKind}.String()
	AddonKindAPIVersion   = AddonKind + "." + SchemeGroupVersion.String()
	AddonGroupVersionKind = SchemeGroupVersion.WithKind(AddonKind)
)

// Cluster type metadata.
var (
	ClusterKind             = reflect.TypeOf(Cluster{}).Name()
	ClusterGroupKind        = schema.GroupKind{Group: Group, Kind: ClusterKind}.String()
	ClusterKindAPIVersion   = ClusterKind + "." + SchemeGroupVersion.String()
	ClusterGroupVersionKind = SchemeGroupVersion.WithKind(ClusterKind)
)

// Nodegroup type metadata.
var (
	NodegroupKind             = reflect.TypeOf(Nodegroup{}).Name()
	NodegroupGroupKind        = schema.GroupKind{Group: Group, Kind: NodegroupKind}.String()
	NodegroupKindAPIVersion   = NodegroupKind + "." + SchemeGroupVersion.String()
	NodegroupGroupVersionKind = SchemeGroupVersion.WithKind(NodegroupKind)
)

// PodIdentityAssociation type metadata.
var (
	PodIdentityAssociationKind             = reflect.TypeOf(PodIdentityAssociation{}).Name()
	PodIdentityAssociationGroupKind        = schema.GroupKind{Group: Group, Kind: PodIdentityAssociationKind}.String()
	PodIdentityAssociationKindAPIVersion   = PodIdentityAssociationKind + "." + SchemeGroupVersion.String()
	PodIdentityAssociationGroupVersionKind = SchemeGroupVersion.WithKind(PodIdentityAssociationKind)
)
