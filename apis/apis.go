// Package apis contains the provider's Kubernetes API types.
package apis

import (
	"k8s.io/apimachinery/pkg/runtime"

	dynamodbv1alpha1 "github.com/kaws-dev/provider-aws/apis/dynamodb/v1alpha1"
	ec2v1alpha1 "github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	ecrv1alpha1 "github.com/kaws-dev/provider-aws/apis/ecr/v1alpha1"
	eksv1alpha1 "github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	iamv1alpha1 "github.com/kaws-dev/provider-aws/apis/iam/v1alpha1"
	kmsv1alpha1 "github.com/kaws-dev/provider-aws/apis/kms/v1alpha1"
	s3v1alpha1 "github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
	snsv1alpha1 "github.com/kaws-dev/provider-aws/apis/sns/v1alpha1"
	sqsv1alpha1 "github.com/kaws-dev/provider-aws/apis/sqs/v1alpha1"
	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

func init() {
	AddToSchemes = append(AddToSchemes,
		v1alpha1.SchemeBuilder.AddToScheme,
		s3v1alpha1.SchemeBuilder.AddToScheme,
		ec2v1alpha1.SchemeBuilder.AddToScheme,
		iamv1alpha1.SchemeBuilder.AddToScheme,
		eksv1alpha1.SchemeBuilder.AddToScheme,
		kmsv1alpha1.SchemeBuilder.AddToScheme,
		sqsv1alpha1.SchemeBuilder.AddToScheme,
		snsv1alpha1.SchemeBuilder.AddToScheme,
		dynamodbv1alpha1.SchemeBuilder.AddToScheme,
		ecrv1alpha1.SchemeBuilder.AddToScheme,
	)
}

// AddToSchemes may be used to add all resources defined in the project to a Scheme.
var AddToSchemes runtime.SchemeBuilder

// AddToScheme adds all Resources to the Scheme.
func AddToScheme(s *runtime.Scheme) error {
	return AddToSchemes.AddToScheme(s)
}
