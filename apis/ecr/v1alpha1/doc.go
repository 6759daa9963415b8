// Package v1alpha1 contains the ECR managed resource kinds (ecr.kaws.dev).
// +kubebuilder:object:generate=true
// +groupName=ecr.kaws.dev
// +versionName=v1alpha1
package v1alpha1
