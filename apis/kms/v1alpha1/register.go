package v1alpha1

import (
	"reflect"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/scheme"
)

// Package type metadata.
const (
	Group   = "kms.kaws.dev"
	Version = "v1alpha1"
)

var (
	// SchemeGroupVersion is group version used to register these objects.
	SchemeGroupVersion = schema.GroupVersion{Group: Group, Version: Version}

	// SchemeBuilder is used to add go types to the GroupVersionKind scheme.
	// Each kind registers itself in its <kind>_types.go.
	SchemeBuilder = &scheme.Builder{GroupVersion: SchemeGroupVersion}
)

// Key type metadata.
var (
	KeyKind             = reflect.TypeOf(Key{}).Name()
	KeyGroupKind        = schema.GroupKind{Group: Group, Kind: KeyKind}.String()
	KeyKindAPIVersion   = KeyKind + "." + SchemeGroupVersion.String()
	KeyGroupVersionKind = SchemeGroupVersion.WithKind(KeyKind)
)

// Alias type metadata.
var (
	AliasKind             = reflect.TypeOf(Alias{}).Name()
	AliasGroupKind        = schema.GroupKind{Group: Group, Kind: AliasKind}.String()
	AliasKindAPIVersion   = AliasKind + "." + SchemeGroupVersion.String()
	AliasGroupVersionKind = SchemeGroupVersion.WithKind(AliasKind)
)
