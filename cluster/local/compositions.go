package local

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// FunctionPackages are the composition functions the compositions of
// examples/compositions use: `make functions-xpkg` builds their packages
// (cluster/functions) as <name>-<version>-<arch>.xpkg.
var FunctionPackages = []string{"function-go-templating", "function-auto-ready"}

// InstallFunctions installs every one of FunctionPackages from dir, where
// `make functions-xpkg VERSION=<version>` wrote them for this machine's
// architecture (the stack runs them as processes).
func (s *Stack) InstallFunctions(ctx context.Context, dir, version string, timeout time.Duration) error {
	for _, fn := range FunctionPackages {
		f := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.xpkg", fn, version, runtime.GOARCH))
		if _, err := os.Stat(f); err != nil {
			return fmt.Errorf("no package of function %s (make functions-xpkg VERSION=%s writes it): %w", fn, version, err)
		}
		if err := s.InstallFunction(ctx, f, version, fn, timeout); err != nil {
			return err
		}
	}
	return nil
}

// ApplyCompositions applies the XRD and the Composition of every folder of
// examples/compositions (a composition may compose another's composite,
// as XKubernetesCluster composes an XNetwork) and waits until Crossplane
// offers each composite type: the XRD is Established, its controller runs.
// It returns the XRDs. Only with Options.Crossplane.
func (s *Stack) ApplyCompositions(ctx context.Context, timeout time.Duration) ([]*unstructured.Unstructured, error) {
	if s.xp == nil {
		return nil, errors.New("ApplyCompositions needs a stack with Options.Crossplane")
	}
	dirs, err := filepath.Glob(filepath.Join(s.Root, "examples", "compositions", "*", "definition.yaml"))
	if err != nil {
		return nil, err
	}
	var xrds []*unstructured.Unstructured
	for _, def := range dirs {
		for _, f := range []string{def, filepath.Join(filepath.Dir(def), "composition.yaml")} {
			objs, err := s.ApplyFile(ctx, f, false)
			if err != nil {
				return nil, err
			}
			if f == def {
				xrds = append(xrds, objs...)
			}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for _, xrd := range xrds {
		var last []Condition
		for {
			cur, err := s.Get(ctx, xrd)
			if err == nil {
				if ConditionOf(cur, "Established").Status == "True" {
					break
				}
				last = Conditions(cur)
			}
			select {
			case <-ctx.Done():
				return nil, fmt.Errorf("%s is not Established after %s: %+v", Describe(xrd), timeout, last)
			case <-time.After(250 * time.Millisecond):
			}
		}
	}
	return xrds, nil
}
