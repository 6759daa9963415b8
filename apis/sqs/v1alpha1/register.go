package v1alpha1

import (
	"reflect"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/scheme"
)

// Package type metadata.
const (
	Group   = "sqs.kaws.dev"
	Version = "v1alpha1"
)

var (
	// SchemeGroupVersion is group version used to register these objects.
	SchemeGroupVersion = schema.GroupVersion{Group: Group, Version: Version}

	// SchemeBuilder is used to add go types to the GroupVersionKind scheme.
	SchemeBuilder = &scheme.Builder{GroupVersion: SchemeGroupVersion}
)

// Queue type metadata.
var (
	QueueKind             = reflect.TypeOf(Queue{}).Name()
	QueueGroupKind        = schema.GroupKind{Group: Group, Kind: QueueKind}.String()
	QueueKindAPIVersion   = QueueKind + "." + SchemeGroupVersion.String()
	QueueGroupVersionKind = SchemeGroupVersion.WithKind(QueueKind)
)
