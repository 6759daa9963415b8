package v1alpha1

import (
	"reflect"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/scheme"
)

// Package type metadata.
const (
	Group   = "sns.kaws.dev"
	Version = "v1alpha1"
)

var (
	// SchemeGroupVersion is group version used to register these objects.
	SchemeGroupVersion = schema.GroupVersion{Group: Group, Version: Version}

	// SchemeBuilder is used to add go types to the GroupVersionKind scheme.
	SchemeBuilder = &scheme.Builder{GroupVersion: SchemeGroupVersion}
)

// Topic type metadata.
var (
	TopicKind             = reflect.TypeOf(Topic{}).Name()
	TopicGroupKind        = schema.GroupKind{Group: Group, Kind: TopicKind}.String()
	TopicKindAPIVersion   = TopicKind + "." + SchemeGroupVersion.String()
	TopicGroupVersionKind = SchemeGroupVersion.WithKind(TopicKind)
)

// Subscription type metadata.
var (
	SubscriptionKind             = reflect.TypeOf(Subscription{}).Name()
	SubscriptionGroupKind        = schema.GroupKind{Group: Group, Kind: SubscriptionKind}.String()
	SubscriptionKindAPIVersion   = SubscriptionKind + "." + SchemeGroupVersion.String()
	SubscriptionGroupVersionKind = SchemeGroupVersion.WithKind(SubscriptionKind)
)
