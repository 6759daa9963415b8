// Package v1alpha1 holds API types shared by the provider's managed-resource
// kinds, e.g. tags with AWS's limits. It is not an API group of its own: it
// registers no kind, and its types only appear inside other kinds' specs.
// +kubebuilder:object:generate=true
package v1alpha1
