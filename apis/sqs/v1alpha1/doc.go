// Package v1alpha1 contains the SQS managed resource kinds (sqs.kaws.dev).
// +kubebuilder:object:generate=true
// +groupName=sqs.kaws.dev
// +versionName=v1alpha1
package v1alpha1
