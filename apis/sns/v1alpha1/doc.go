// Package v1alpha1 contains the SNS managed resource kinds (sns.kaws.dev).
// +kubebuilder:object:generate=true
// +groupName=sns.kaws.dev
// +versionName=v1alpha1
package v1alpha1
