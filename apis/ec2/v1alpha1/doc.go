// Package v1alpha1 contains the EC2 managed resource kinds (ec2.kaws.dev).
// +kubebuilder:object:generate=true
// +groupName=ec2.kaws.dev
// +versionName=v1alpha1
package v1alpha1
