// Package v1alpha1 contains the S3 managed resource kinds (s3.kaws.dev).
// +kubebuilder:object:generate=true
// +groupName=s3.kaws.dev
// +versionName=v1alpha1
package v1alpha1
