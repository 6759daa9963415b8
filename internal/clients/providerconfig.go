package clients

import (
	"context"
	"fmt"

	"github.com/pkg/errors"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/crossplane/crossplane-runtime/v2/pkg/resource"
	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/kaws-dev/provider-aws/apis/v1alpha1"
)

// DefaultProviderConfigName is the ClusterProviderConfig a managed resource
// that references no provider config uses.
const DefaultProviderConfigName = "default"

// Provider config kinds a managed resource may reference.
var (
	kindProviderConfig        = v1alpha1.ProviderConfigKind
	kindClusterProviderConfig = v1alpha1.ClusterProviderConfigKind
)

// ProviderConfigReference returns the provider config mg uses: its own
// reference, or ClusterProviderConfig "default" when it has none.
func ProviderConfigReference(mg resource.ModernManaged) xpv2.ProviderConfigReference {
	if ref := mg.GetProviderConfigReference(); ref != nil {
		return *ref
	}
	return xpv2.ProviderConfigReference{Kind: kindClusterProviderConfig, Name: DefaultProviderConfigName}
}

// providerConfig is a ProviderConfig or ClusterProviderConfig.
type providerConfig struct {
	kind       string
	namespace  string // empty for a ClusterProviderConfig
	name       string
	uid        types.UID
	generation int64
	spec       *v1alpha1.ProviderConfigSpec
}

// String names the provider config for messages, e.g. ProviderConfig "x".
func (pc providerConfig) String() string {
	return fmt.Sprintf("%s %q", pc.kind, pc.name)
}

// getProviderConfig reads the provider config ref names. A ProviderConfig
// is read in namespace, the managed resource's: it cannot use a
// ProviderConfig of another namespace.
func getProviderConfig(ctx context.Context, kube client.Reader, ref xpv2.ProviderConfigReference, namespace string) (*providerConfig, error) {
	switch ref.Kind {
	case kindProviderConfig:
		if namespace == "" {
			return nil, errors.Errorf("cannot use ProviderConfig %q: a cluster-scoped managed resource must use a ClusterProviderConfig", ref.Name)
		}
		pc := &v1alpha1.ProviderConfig{}
		if err := kube.Get(ctx, types.NamespacedName{Namespace: namespace, Name: ref.Name}, pc); err != nil {
			return nil, errors.Wrapf(err, "cannot get ProviderConfig %q in namespace %q", ref.Name, namespace)
		}
		return newProviderConfig(ref.Kind, pc.ObjectMeta, &pc.Spec), nil
	case kindClusterProviderConfig:
		pc := &v1alpha1.ClusterProviderConfig{}
		if err := kube.Get(ctx, types.NamespacedName{Name: ref.Name}, pc); err != nil {
			return nil, errors.Wrapf(err, "cannot get ClusterProviderConfig %q", ref.Name)
		}
		return newProviderConfig(ref.Kind, pc.ObjectMeta, &pc.Spec), nil
	}
	return nil, errors.Errorf("unsupported provider config kind %q of providerConfigRef %q: must be %s or %s", ref.Kind, ref.Name, kindProviderConfig, kindClusterProviderConfig)
}

func newProviderConfig(kind string, m metav1.ObjectMeta, spec *v1alpha1.ProviderConfigSpec) *providerConfig {
	return &providerConfig{kind: kind, namespace: m.Namespace, name: m.Name, uid: m.UID, generation: m.Generation, spec: spec}
}

// refManaged is a managed resource whose provider config reference is
// filled in with the default when it has none, so the usage tracker, which
// refuses a nil reference, records the provider config actually used.
type refManaged struct {
	resource.ModernManaged
	ref *xpv2.ProviderConfigReference
}

func (m refManaged) GetProviderConfigReference() *xpv2.ProviderConfigReference { return m.ref }

// usageTrackers track usages of ProviderConfigs and ClusterProviderConfigs.
type usageTrackers struct {
	pc  resource.ModernTracker
	cpc resource.ModernTracker
}

func newUsageTrackers(kube client.Client) usageTrackers {
	return usageTrackers{
		pc:  resource.NewProviderConfigUsageTracker(kube, &v1alpha1.ProviderConfigUsage{}),
		cpc: resource.NewProviderConfigUsageTracker(kube, &v1alpha1.ClusterProviderConfigUsage{}),
	}
}

// track records that mg uses the provider config ref names.
func (t usageTrackers) track(ctx context.Context, mg resource.ModernManaged, ref xpv2.ProviderConfigReference) error {
	tr := t.cpc
	if ref.Kind == kindProviderConfig {
		tr = t.pc
	}
	if mg.GetProviderConfigReference() == nil {
		mg = refManaged{ModernManaged: mg, ref: &ref}
	}
	return errors.Wrap(tr.Track(ctx, mg), "cannot track ProviderConfig usage")
}

// resolveRegion returns the managed resource's region when set, else the
// provider config's.
func resolveRegion(mr *string, pc *providerConfig) (string, error) {
	if mr != nil && *mr != "" {
		return *mr, nil
	}
	if pc.spec.Region != "" {
		return pc.spec.Region, nil
	}
	return "", errors.Errorf("no region: set spec.forProvider.region or the region of %s", pc)
}

// getCredentialsSecret reads the credentials Secret of a Secret source and
// returns it and its resourceVersion. A ProviderConfig may only read
// Secrets in its own namespace; a ClusterProviderConfig must name the
// namespace.
func getCredentialsSecret(ctx context.Context, kube client.Reader, pc *providerConfig) (*secretCredentials, string, error) {
	ref := pc.spec.Credentials.SecretRef
	if ref == nil || ref.Name == "" {
		return nil, "", errors.Errorf("%s: credentials.secretRef is required when credentials.source is Secret", pc)
	}
	ns := ref.Namespace
	switch {
	case pc.namespace != "" && ns == "":
		ns = pc.namespace
	case pc.namespace != "" && ns != pc.namespace:
		return nil, "", errors.Errorf("%s in namespace %q cannot read Secret %q in namespace %q: a ProviderConfig can only read Secrets in its own namespace", pc, pc.namespace, ref.Name, ns)
	case pc.namespace == "" && ns == "":
		return nil, "", errors.Errorf("%s: credentials.secretRef.namespace is required for a ClusterProviderConfig", pc)
	}
	key := ref.Key
	if key == "" {
		key = DefaultSecretKey
	}

	s := &corev1.Secret{}
	if err := kube.Get(ctx, types.NamespacedName{Namespace: ns, Name: ref.Name}, s); err != nil {
		return nil, "", errors.Wrapf(err, "cannot get credentials Secret %q in namespace %q of %s", ref.Name, ns, pc)
	}
	data, ok := s.Data[key]
	if !ok {
		return nil, "", errors.Errorf("credentials Secret %q in namespace %q of %s has no key %q", ref.Name, ns, pc, key)
	}
	desc := fmt.Sprintf("key %q of Secret %q in namespace %q", key, ref.Name, ns)
	return &secretCredentials{desc: desc, data: data}, s.ResourceVersion, nil
}
