// Package v1alpha1 contains the EKS managed resource kinds (eks.kaws.dev).
// +kubebuilder:object:generate=true
// +groupName=eks.kaws.dev
// +versionName=v1alpha1
package v1alpha1
