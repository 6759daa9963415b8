// Package v1alpha1 contains the KMS managed resource kinds (kms.kaws.dev).
// +kubebuilder:object:generate=true
// +groupName=kms.kaws.dev
// +versionName=v1alpha1
package v1alpha1
