package local

import (
	"context"
	"fmt"
	"reflect"

	corev1 "k8s.io/api/core/v1"
	kerrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

// What the stack creates for the provider to reach moto.
const (
	// ProviderConfigName is the ClusterProviderConfig pointing at moto; managed
	// resources that name no provider config use it.
	ProviderConfigName = "default"
	// CredentialsNamespace holds the credentials Secret.
	CredentialsNamespace = "crossplane-system"
	// CredentialsSecret is the Secret with moto's credentials.
	CredentialsSecret = "aws-creds"
	// CredentialsKey is the Secret's key holding the shared-credentials file.
	CredentialsKey = "credentials"
)

// Bootstrap creates the credentials Secret and the ClusterProviderConfig
// "default" pointing at moto: with Options.Crossplane, once the installed
// package's CRDs exist (Start does it otherwise).
func (s *Stack) Bootstrap(ctx context.Context) error { return s.bootstrap(ctx) }

// bootstrap creates the credentials Secret (in its namespace) and the
// ClusterProviderConfig "default" pointing at moto.
func (s *Stack) bootstrap(ctx context.Context) error {
	ini := fmt.Sprintf("[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n", motoAccessKeyID, motoSecretAccessKey)
	objs := []client.Object{
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: CredentialsNamespace}},
		&corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Name: CredentialsSecret, Namespace: CredentialsNamespace},
			StringData: map[string]string{CredentialsKey: ini},
		},
		&v1alpha1.ClusterProviderConfig{
			ObjectMeta: metav1.ObjectMeta{Name: ProviderConfigName},
			Spec: v1alpha1.ProviderConfigSpec{
				Credentials: v1alpha1.ProviderCredentials{
					Source: v1alpha1.CredentialsSourceSecret,
					SecretRef: &v1alpha1.SecretKeySelector{
						Name: CredentialsSecret, Namespace: CredentialsNamespace, Key: CredentialsKey,
					},
				},
				Region:   s.opts.Region,
				Endpoint: &v1alpha1.Endpoint{URL: s.MotoURL, S3UsePathStyle: true},
			},
		},
	}
	for _, o := range objs {
		if err := s.Client.Create(ctx, o); err != nil && (!s.opts.Crossplane || !kerrors.IsAlreadyExists(err)) {
			return fmt.Errorf("cannot create %s %q: %w", reflect.TypeOf(o).Elem().Name(), o.GetName(), err)
		}
	}
	return nil
}
