// Package v1alpha1 contains the DynamoDB managed resource kinds (dynamodb.kaws.dev).
// +kubebuilder:object:generate=true
// +groupName=dynamodb.kaws.dev
// +versionName=v1alpha1
package v1alpha1
