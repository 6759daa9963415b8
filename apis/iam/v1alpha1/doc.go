// Package v1alpha1 contains the IAM managed resource kinds (iam.kaws.dev).
// +kubebuilder:object:generate=true
// +groupName=iam.kaws.dev
// +versionName=v1alpha1
package v1alpha1
