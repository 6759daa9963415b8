package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// kmsAliasYAML is an Alias named name pointing at the Key keyRef, resolved
// on every reconcile (so a new keyRef retargets the alias).
func kmsAliasYAML(name, keyRef string) string {
	return fmt.Sprintf(`apiVersion: kms.kaws.dev/v1alpha1
kind: Alias
metadata:
  name: %s
  namespace: default
spec:
  forProvider:
    region: us-east-1
    targetKeyIdRef:
      name: %s
      policy: {resolve: Always}
`, name, keyRef)
}

// kmsAlias returns the alias in moto, or nil when there is none.
func kmsAlias(ctx context.Context, name string) (*types.AliasListEntry, error) {
	p := kms.NewListAliasesPaginator(kmsClient(), &kms.ListAliasesInput{})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for i := range out.Aliases {
			if aws.ToString(out.Aliases[i].AliasName) == name {
				return &out.Aliases[i], nil
			}
		}
	}
	return nil, nil
}

func TestKMSAliasLifecycle(t *testing.T) {
	t.Parallel()
	const name, keyA, keyB = "e2e-kms-alias", "e2e-kms-alias-a", "e2e-kms-alias-b"
	ctx := t.Context()
	keys := apply(t, kmsKeyYAML(keyA, "", "    pendingWindowInDays: 7\n")+"---\n"+kmsKeyYAML(keyB, "", "    pendingWindowInDays: 7\n"))
	waitReady(t, readyTimeout, keys...)
	idA, idB := kmsAtProvider(t, keys[0], "keyId"), kmsAtProvider(t, keys[1], "keyId")

	// Created in moto as alias/<metadata.name>, pointing at key a.
	objs := apply(t, kmsAliasYAML(name, keyA))
	waitReady(t, readyTimeout, objs...)
	a := objs[0]
	if got := ec2ExternalName(t, a); got != "alias/"+name {
		t.Errorf("external name %q, want alias/%s", got, name)
	}
	al, err := kmsAlias(ctx, "alias/"+name)
	if err != nil || al == nil || aws.ToString(al.TargetKeyId) != idA {
		t.Fatalf("alias in moto: %+v, %v; want pointing at %s", al, err, idA)
	}

	// Steady state: one read per poll, no write.
	before := [2]float64{apiCalls(t, "UpdateAlias"), apiCalls(t, "CreateAlias")}
	time.Sleep(3 * pollInterval)
	if after := [2]float64{apiCalls(t, "UpdateAlias"), apiCalls(t, "CreateAlias")}; after != before {
		t.Errorf("UpdateAlias and CreateAlias calls grew from %v to %v in steady state", before, after)
	}

	// Update: point it at key b (in place).
	apply(t, kmsAliasYAML(name, keyB))
	waitFor(t, driftTimeout, "the alias to point at key b in moto", func(ctx context.Context) (bool, error) {
		al, err := kmsAlias(ctx, "alias/"+name)
		return err == nil && al != nil && aws.ToString(al.TargetKeyId) == idB, err
	})
	waitReady(t, readyTimeout, objs...)

	// Out of band: pointed back at key a with the SDK; the provider corrects it.
	if _, err := kmsClient().UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String("alias/" + name), TargetKeyId: aws.String(idA)}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, driftTimeout, "the drift to be corrected", func(ctx context.Context) (bool, error) {
		al, err := kmsAlias(ctx, "alias/"+name)
		return err == nil && al != nil && aws.ToString(al.TargetKeyId) == idB, err
	})

	// Adoption by external name: an alias made with the SDK, with a name
	// metadata.name cannot hold.
	if _, err := kmsClient().CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/E2E_kms_Adopted"), TargetKeyId: aws.String(idA)}); err != nil {
		t.Fatal(err)
	}
	adopted := apply(t, strings.Replace(kmsAliasYAML("e2e-kms-alias-adopted", keyB), "  namespace: default\n",
		"  namespace: default\n  annotations: {crossplane.io/external-name: alias/E2E_kms_Adopted}\n", 1))
	waitFor(t, driftTimeout, "the adopted alias to point at key b", func(ctx context.Context) (bool, error) {
		al, err := kmsAlias(ctx, "alias/E2E_kms_Adopted")
		return err == nil && al != nil && aws.ToString(al.TargetKeyId) == idB, err
	})
	waitReady(t, readyTimeout, adopted...)

	// Delete: the aliases are gone from moto, the keys stay.
	deleteAndWait(t, goneTimeout, adopted[0])
	deleteAndWait(t, goneTimeout, a)
	for _, n := range []string{"alias/" + name, "alias/E2E_kms_Adopted"} {
		if al, err := kmsAlias(ctx, n); err != nil || al != nil {
			t.Errorf("%s after delete: %+v, %v; want gone", n, al, err)
		}
	}
	deleteAndWait(t, goneTimeout, keys[0])
	deleteAndWait(t, goneTimeout, keys[1])
}
