package v1alpha1

import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

// LastUpdate is the last EKS update the provider sent for a resource. It is
// kept only while AWS does not show the change yet, so that an update that
// failed, or that AWS accepted but did not apply, is reported on the
// resource instead of being sent again on every poll. The provider sends the
// same request again an hour later, or at once when the spec changes.
type LastUpdate struct {
	// ID of the EKS update (see `aws eks describe-update`), when AWS
	// returned one.
	// +optional
	ID string `json:"id,omitempty"`

	// Type says what the update changes, e.g. "logging".
	Type string `json:"type"`

	// Request is a fingerprint of the request (the first 16 hex digits of
	// its SHA-256), to recognise the same request.
	Request string `json:"request"`

	// Time the update was sent.
	Time metav1.Time `json:"time"`
}
