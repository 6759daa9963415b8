package v1alpha1

// Tags are the tags of an AWS resource, key to value, with the limits most
// AWS services (S3, IAM, EKS) share: at most 50 tags, keys of 1 to 128
// characters, values of at most 256 characters (Unicode characters, as AWS
// counts them). Keys starting with aws: (in any case) are AWS's own, and
// kaws.dev/managed-by is the provider's identity tag: both are refused.
//
// The 50 are the user's tags only. The provider never writes the identity
// tag or AWS's aws:* tags into a spec (it leaves them out when it copies an
// adopted resource's tags here), and AWS does not count aws:* tags against
// its limit, so a resource adopted with 50 tags fits.
//
// Tags is a map[string]string: a value of either type is assignable to the
// other.
// +kubebuilder:validation:MaxProperties=50
// +kubebuilder:validation:XValidation:rule="self.all(k, !k.lowerAscii().startsWith('aws:'))",message="tag keys starting with aws: are reserved for AWS"
// +kubebuilder:validation:XValidation:rule="!('kaws.dev/managed-by' in self)",message="kaws.dev/managed-by is the provider's identity tag and cannot be set by users"
// +kubebuilder:validation:XValidation:rule="self.all(k, size(k) >= 1 && size(k) <= 128)",message="tag keys must be 1 to 128 characters long"
// +kubebuilder:validation:XValidation:rule="self.all(k, size(self[k]) <= 256)",message="tag values must be at most 256 characters long"
type Tags map[string]string

// EC2Tags are the tags of an EC2 resource, key to value, with EC2's limits:
// at most 50 tags, keys of 1 to 127 characters, values of at most 255
// characters (Unicode characters, as AWS counts them). Keys starting with
// aws: (in any case) are AWS's own, and kaws.dev/managed-by is the
// provider's identity tag: both are refused.
//
// The 50 are the user's tags only. The provider never writes the identity
// tag or AWS's aws:* tags into a spec (it leaves them out when it copies an
// adopted resource's tags here), so a resource adopted with 50 tags fits.
// A resource the provider creates also carries the identity tag, which AWS
// counts: give a new resource at most 49 tags, or AWS refuses to create it
// (TagLimitExceeded).
//
// EC2Tags is a map[string]string: a value of either type is assignable to
// the other.
// +kubebuilder:validation:MaxProperties=50
// +kubebuilder:validation:XValidation:rule="self.all(k, !k.lowerAscii().startsWith('aws:'))",message="tag keys starting with aws: are reserved for AWS"
// +kubebuilder:validation:XValidation:rule="!('kaws.dev/managed-by' in self)",message="kaws.dev/managed-by is the provider's identity tag and cannot be set by users"
// +kubebuilder:validation:XValidation:rule="self.all(k, size(k) >= 1 && size(k) <= 127)",message="EC2 tag keys must be 1 to 127 characters long"
// +kubebuilder:validation:XValidation:rule="self.all(k, size(self[k]) <= 255)",message="EC2 tag values must be at most 255 characters long"
type EC2Tags map[string]string
