// Package v1alpha1 contains the provider's configuration kinds: ProviderConfig,
// ClusterProviderConfig and their usages, in the kaws.dev API group.
// +kubebuilder:object:generate=true
// +groupName=kaws.dev
// +versionName=v1alpha1
package v1alpha1
