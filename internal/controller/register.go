// Package controller wires every controller of the provider.
package controller

import (
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"

	"github.com/kaws-dev/provider-aws/internal/controller/config"
)

// A setupFn adds one controller to a manager.
type setupFn func(ctrl.Manager, controller.Options) error

// Setup adds every controller of the provider to mgr. Each service lists its
// kinds' setup functions in its own register_<svc>.go.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	setups := []setupFn{config.Setup}
	setups = append(setups, s3Setups...)
	setups = append(setups, ec2Setups...)
	setups = append(setups, iamSetups...)
	setups = append(setups, eksSetups...)
	setups = append(setups, kmsSetups...)
	setups = append(setups, sqsSetups...)
	setups = append(setups, snsSetups...)
	setups = append(setups, dynamodbSetups...)
	setups = append(setups, ecrSetups...)
	for _, setup := range setups {
		if err := setup(mgr, o); err != nil {
			return err
		}
	}
	return nil
}
