package key

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/kms/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/kms/kmsfake"
)

const (
	keyID  = "1234abcd-12ab-34cd-56ef-1234567890ab"
	keyARN = "arn:aws:kms:us-east-1:123456789012:key/" + keyID
	pol    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`
	// polReordered means the same as pol.
	polReordered = `{"Statement":{"Resource":"*","Action":["kms:*"],"Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Effect":"Allow"},"Version":"2012-10-17"}`
	otherPol     = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}`
)

var (
	created  = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	deletion = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
)

type keyModifier func(*v1alpha1.Key)

// key returns a Key whose every field is set, as after late initialization,
// with its ID recorded.
func key(m ...keyModifier) *v1alpha1.Key {
	k := &v1alpha1.Key{ObjectMeta: metav1.ObjectMeta{Name: "app", Namespace: "default", UID: "u1"}}
	meta.SetExternalName(k, keyID)
	k.Spec.ForProvider = v1alpha1.KeyParameters{
		Region:               aws.String("us-east-1"),
		Description:          aws.String("app data"),
		KeySpec:              aws.String("SYMMETRIC_DEFAULT"),
		KeyUsage:             aws.String("ENCRYPT_DECRYPT"),
		Policy:               aws.String(pol),
		EnableKeyRotation:    aws.Bool(true),
		RotationPeriodInDays: aws.Int32(365),
		Enabled:              aws.Bool(true),
		MultiRegion:          aws.Bool(false),
		PendingWindowInDays:  aws.Int32(7),
		Tags:                 map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(k)
	}
	return k
}

func withStatus(state string) keyModifier {
	return func(k *v1alpha1.Key) {
		k.Status.AtProvider = v1alpha1.KeyObservation{ARN: keyARN, KeyID: keyID, KeyState: state, KeyManager: "CUSTOMER", CreationDate: "2026-01-02T03:04:05Z"}
		if state == "PendingDeletion" {
			k.Status.AtProvider.DeletionDate = "2026-02-01T00:00:00Z"
		}
	}
}

func withAvailable(k *v1alpha1.Key) { withStatus("Enabled")(k); k.SetConditions(xpv2.Available()) }

func withParams(f func(p *v1alpha1.KeyParameters)) keyModifier {
	return func(k *v1alpha1.Key) { f(&k.Spec.ForProvider) }
}

func withName(n string) keyModifier { return func(k *v1alpha1.Key) { meta.SetExternalName(k, n) } }

func withCreatePending(k *v1alpha1.Key) { meta.SetExternalCreatePending(k, created) }

func withDeleted(k *v1alpha1.Key) { k.DeletionTimestamp = &metav1.Time{Time: created} }

// metadata is the key as DescribeKey returns it.
func metadata(m ...func(*types.KeyMetadata)) *kms.DescribeKeyOutput {
	md := &types.KeyMetadata{
		KeyId: aws.String(keyID), Arn: aws.String(keyARN), KeyState: types.KeyStateEnabled, Enabled: true,
		KeyManager: types.KeyManagerTypeCustomer, CreationDate: aws.Time(created), Description: aws.String("app data"),
		KeySpec: types.KeySpecSymmetricDefault, KeyUsage: types.KeyUsageTypeEncryptDecrypt, Origin: types.OriginTypeAwsKms, MultiRegion: aws.Bool(false),
	}
	for _, f := range m {
		f(md)
	}
	return &kms.DescribeKeyOutput{KeyMetadata: md}
}

func kmsTags(kv ...string) *kms.ListResourceTagsOutput {
	out := &kms.ListResourceTagsOutput{}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Tags = append(out.Tags, types.Tag{TagKey: aws.String(kv[i]), TagValue: aws.String(kv[i+1])})
	}
	return out
}

// inSync is KMS's answer for a key that matches key().
func inSync(over map[string]any) map[string]any {
	out := map[string]any{
		"DescribeKey":          metadata(),
		"GetKeyPolicy":         &kms.GetKeyPolicyOutput{Policy: aws.String(polReordered)},
		"GetKeyRotationStatus": &kms.GetKeyRotationStatusOutput{KeyRotationEnabled: true, RotationPeriodInDays: aws.Int32(365)},
		"ListResourceTags":     kmsTags("team", "platform", tags.KeyManagedBy, "default/app/u1"),
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

var reads = []string{"DescribeKey", "GetKeyPolicy", "GetKeyRotationStatus", "ListResourceTags"}

func TestObserve(t *testing.T) {
	type want = kmsfake.ObserveWant[*v1alpha1.Key]
	upToDate := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}
	drift := managed.ExternalObservation{ResourceExists: true}
	boom := kmsfake.Err("KMSInternalException")
	kmsfake.TestObserve(t, map[string]kmsfake.ObserveCase[*v1alpha1.Key]{
		"NoIDNoCreate": {
			Reason: "A Key without an ID and without a create attempt does not exist yet: no AWS call, no listing.",
			CR:     key(withName("")),
			Want:   want{CR: key(withName(""))},
		},
		"LostIDFound": {
			Reason: "A Key whose create was attempted but whose ID was not recorded is found by its identity tag and adopted.",
			CR:     key(withName(""), withCreatePending),
			Out: inSync(map[string]any{
				"ListKeys": &kms.ListKeysOutput{Keys: []types.KeyListEntry{{KeyId: aws.String("other")}, {KeyId: aws.String(keyID)}}},
				"ListResourceTags": awsfake.Func(func(in any) (any, error) {
					if aws.ToString(in.(*kms.ListResourceTagsInput).KeyId) == "other" {
						return kmsTags(tags.KeyManagedBy, "default/app/u0"), nil
					}
					return kmsTags("team", "platform", tags.KeyManagedBy, "default/app/u1"), nil
				}),
			}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true},
				Calls: []string{"ListKeys", "ListResourceTags", "ListResourceTags", "DescribeKey", "GetKeyPolicy", "GetKeyRotationStatus", "ListResourceTags"},
				CR:    key(withCreatePending, withAvailable)},
		},
		"LostIDNotFound": {
			Reason: "A Key whose create was attempted and that no key carries the identity of does not exist.",
			CR:     key(withName(""), withCreatePending),
			Out:    map[string]any{"ListKeys": &kms.ListKeysOutput{Keys: []types.KeyListEntry{{KeyId: aws.String("other")}}}, "ListResourceTags": kmsTags("team", "x")},
			Want:   want{Calls: []string{"ListKeys", "ListResourceTags"}, CR: key(withName(""), withCreatePending)},
		},
		"LostIDListError": {
			Reason: "An error of the identity lookup is returned.",
			CR:     key(withName(""), withCreatePending),
			Errs:   map[string]error{"ListKeys": boom},
			Want: want{Err: errors.Wrap(boom, "cannot look up KMS key by its identity tag: cannot list keys"),
				Calls: []string{"ListKeys"}, CR: key(withName(""), withCreatePending)},
		},
		"NotFound": {
			Reason: "A key ID KMS does not know means the key does not exist.",
			CR:     key(),
			Errs:   map[string]error{"DescribeKey": kmsfake.NotFound()},
			Want:   want{Calls: []string{"DescribeKey"}, CR: key()},
		},
		"DescribeError": {
			Reason: "Other errors of DescribeKey keep AWS's code, with the key ID.",
			CR:     key(),
			Errs:   map[string]error{"DescribeKey": boom},
			Want:   want{Err: errors.Wrap(boom, "cannot describe KMS key "+keyID), Calls: []string{"DescribeKey"}, CR: key()},
		},
		"UpToDate": {
			Reason: "A key that matches its spec is up to date: the policy is compared by meaning, the identity tag does not count.",
			CR:     key(withStatus("Enabled")),
			Out:    inSync(nil),
			Want:   want{O: upToDate, Calls: reads, CR: key(withAvailable)},
		},
		"ReadsOnlyManaged": {
			Reason: "After the first observation, what the spec leaves unset is not read: one DescribeKey.",
			CR: key(withStatus("Enabled"), withParams(func(p *v1alpha1.KeyParameters) {
				p.Policy, p.EnableKeyRotation, p.RotationPeriodInDays, p.Tags = nil, nil, nil, nil
			})),
			Out: inSync(nil),
			Want: want{O: upToDate, Calls: []string{"DescribeKey"}, CR: key(withAvailable, withParams(func(p *v1alpha1.KeyParameters) {
				p.Policy, p.EnableKeyRotation, p.RotationPeriodInDays, p.Tags = nil, nil, nil, nil
			}))},
		},
		"LateInitialize": {
			Reason: "The first observation reads everything and copies what AWS has into the fields the user left unset, but not the identity tag.",
			CR: key(withParams(func(p *v1alpha1.KeyParameters) {
				*p = v1alpha1.KeyParameters{Region: p.Region, PendingWindowInDays: p.PendingWindowInDays}
			})),
			Out:  inSync(map[string]any{"GetKeyPolicy": &kms.GetKeyPolicyOutput{Policy: aws.String(pol)}}),
			Want: want{O: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, Calls: reads, CR: key(withAvailable)},
		},
		"AsymmetricNoRotationRead": {
			Reason: "The first observation of a key that cannot rotate does not ask for its rotation status (KMS refuses it).",
			CR: key(withParams(func(p *v1alpha1.KeyParameters) {
				p.KeySpec, p.KeyUsage, p.EnableKeyRotation, p.RotationPeriodInDays = aws.String("RSA_2048"), aws.String("SIGN_VERIFY"), nil, nil
			})),
			Out: inSync(map[string]any{"DescribeKey": metadata(func(md *types.KeyMetadata) {
				md.KeySpec, md.KeyUsage = types.KeySpecRsa2048, types.KeyUsageTypeSignVerify
			})}),
			Want: want{O: upToDate, Calls: []string{"DescribeKey", "GetKeyPolicy", "ListResourceTags"}, CR: key(withAvailable, withParams(func(p *v1alpha1.KeyParameters) {
				p.KeySpec, p.KeyUsage, p.EnableKeyRotation, p.RotationPeriodInDays = aws.String("RSA_2048"), aws.String("SIGN_VERIFY"), nil, nil
			}))},
		},
		"RotationPeriodNotReported": {
			Reason: "A rotating key whose period KMS does not report (moto) is no difference: no EnableKeyRotation every poll.",
			CR:     key(withStatus("Enabled"), withParams(func(p *v1alpha1.KeyParameters) { p.RotationPeriodInDays = aws.Int32(180) })),
			Out:    inSync(map[string]any{"GetKeyRotationStatus": &kms.GetKeyRotationStatusOutput{KeyRotationEnabled: true}}),
			Want:   want{O: upToDate, Calls: reads, CR: key(withAvailable, withParams(func(p *v1alpha1.KeyParameters) { p.RotationPeriodInDays = aws.Int32(180) }))},
		},
		"Drift": {
			Reason: "A different description, policy, rotation, state or tag is a difference.",
			CR:     key(withStatus("Enabled")),
			Out: inSync(map[string]any{
				"DescribeKey": metadata(func(md *types.KeyMetadata) {
					md.Description = aws.String("x")
					md.Enabled = false
					md.KeyState = types.KeyStateDisabled
				}),
				"GetKeyPolicy":         &kms.GetKeyPolicyOutput{Policy: aws.String(otherPol)},
				"GetKeyRotationStatus": &kms.GetKeyRotationStatusOutput{KeyRotationEnabled: false},
				"ListResourceTags":     kmsTags("team", "other"),
			}),
			Want: want{O: drift, Calls: reads, CR: key(withAvailable, withStatus("Disabled"), func(k *v1alpha1.Key) { k.SetConditions(xpv2.Available()) })},
		},
		"Creating": {
			Reason: "A key that KMS is still creating is not Ready.",
			CR:     key(withStatus("Enabled")),
			Out:    inSync(map[string]any{"DescribeKey": metadata(func(md *types.KeyMetadata) { md.KeyState = types.KeyStateCreating })}),
			Want:   want{O: upToDate, Calls: reads, CR: key(withStatus("Creating"), func(k *v1alpha1.Key) { k.SetConditions(xpv2.Creating()) })},
		},
		"OtherState": {
			Reason: "A key in another state (PendingImport, Unavailable) is Unavailable, naming the state.",
			CR:     key(withStatus("Enabled")),
			Out:    inSync(map[string]any{"DescribeKey": metadata(func(md *types.KeyMetadata) { md.KeyState = types.KeyStatePendingImport })}),
			Want: want{O: upToDate, Calls: reads, CR: key(withStatus("PendingImport"), func(k *v1alpha1.Key) {
				k.SetConditions(xpv2.Unavailable().WithMessage("KMS key " + keyID + " is PendingImport"))
			})},
		},
		"PendingDeletion": {
			Reason: "A key scheduled for deletion is never Ready nor re-created: the error says when and how to restore it.",
			CR:     key(withStatus("Enabled")),
			Out: inSync(map[string]any{"DescribeKey": metadata(func(md *types.KeyMetadata) {
				md.KeyState, md.Enabled, md.DeletionDate = types.KeyStatePendingDeletion, false, aws.Time(deletion)
			})}),
			Want: want{
				Err:   errors.New("KMS key " + keyID + " is scheduled for deletion on 2026-02-01T00:00:00Z: restore it with CancelKeyDeletion (and EnableKey), or delete this Key"),
				Calls: []string{"DescribeKey"},
				CR: key(withStatus("PendingDeletion"), func(k *v1alpha1.Key) {
					k.SetConditions(xpv2.Unavailable().WithMessage("KMS key " + keyID + " is scheduled for deletion on 2026-02-01T00:00:00Z: restore it with CancelKeyDeletion (and EnableKey), or delete this Key"))
				}),
			},
		},
		"PendingDeletionWhileDeleting": {
			Reason: "While the Key is being deleted, a key that is PendingDeletion is gone.",
			CR:     key(withStatus("Enabled"), withDeleted),
			Out: inSync(map[string]any{"DescribeKey": metadata(func(md *types.KeyMetadata) {
				md.KeyState, md.Enabled, md.DeletionDate = types.KeyStatePendingDeletion, false, aws.Time(deletion)
			})}),
			Want: want{Calls: []string{"DescribeKey"}, CR: key(withStatus("PendingDeletion"), withDeleted)},
		},
		"Immutable": {
			Reason: "An adopted key whose key spec differs from the spec cannot be updated: the error says what to do.",
			CR:     key(withStatus("Enabled")),
			Out:    inSync(map[string]any{"DescribeKey": metadata(func(md *types.KeyMetadata) { md.KeySpec = types.KeySpecHmac256 })}),
			Want: want{Err: errors.New("KMS key " + keyID + " has keySpec HMAC_256 in AWS, not SYMMETRIC_DEFAULT: keySpec is immutable; set spec.forProvider.keySpec to HMAC_256, or create a new Key"),
				Calls: []string{"DescribeKey"}, CR: key(withStatus("Enabled"))},
		},
		"PolicyError": {
			Reason: "An error reading the policy keeps AWS's code.",
			CR:     key(withStatus("Enabled")),
			Out:    inSync(nil),
			Errs:   map[string]error{"GetKeyPolicy": boom},
			Want:   want{Err: errors.Wrap(boom, "cannot get the policy of KMS key "+keyID), Calls: []string{"DescribeKey", "GetKeyPolicy"}, CR: key(withStatus("Enabled"))},
		},
		"RotationError": {
			Reason: "An error reading the rotation status keeps AWS's code.",
			CR:     key(withStatus("Enabled")),
			Out:    inSync(nil),
			Errs:   map[string]error{"GetKeyRotationStatus": boom},
			Want:   want{Err: errors.Wrap(boom, "cannot get the rotation status of KMS key "+keyID), Calls: []string{"DescribeKey", "GetKeyPolicy", "GetKeyRotationStatus"}, CR: key(withStatus("Enabled"))},
		},
		"TagsError": {
			Reason: "An error listing the tags keeps AWS's code.",
			CR:     key(withStatus("Enabled")),
			Out:    inSync(nil),
			Errs:   map[string]error{"ListResourceTags": boom},
			Want:   want{Err: errors.Wrap(boom, "cannot list the tags of KMS key "+keyID), Calls: reads, CR: key(withStatus("Enabled"))},
		},
	}, func(api *kmsfake.API, cr *v1alpha1.Key) (managed.ExternalObservation, error) {
		return (&external{api: api}).Observe(context.Background(), cr)
	})
}

func TestCreate(t *testing.T) {
	boom := kmsfake.Err("MalformedPolicyDocumentException")
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Key
		errs   map[string]error
		want   error
		input  *kms.CreateKeyInput
		name   string
	}{
		"Created": {
			reason: "CreateKey gets the spec and the identity tag in the same call; the key ID becomes the external name.",
			cr:     key(withName("")),
			input: &kms.CreateKeyInput{Description: aws.String("app data"), KeySpec: types.KeySpecSymmetricDefault, KeyUsage: types.KeyUsageTypeEncryptDecrypt,
				Policy: aws.String(pol), MultiRegion: aws.Bool(false),
				Tags: []types.Tag{{TagKey: aws.String(tags.KeyManagedBy), TagValue: aws.String("default/app/u1")}, {TagKey: aws.String("team"), TagValue: aws.String("platform")}}},
			name: keyID,
		},
		"Minimal": {
			reason: "What the spec leaves unset is left to KMS's defaults.",
			cr:     key(withName(""), withParams(func(p *v1alpha1.KeyParameters) { *p = v1alpha1.KeyParameters{} })),
			input:  &kms.CreateKeyInput{Tags: []types.Tag{{TagKey: aws.String(tags.KeyManagedBy), TagValue: aws.String("default/app/u1")}}},
			name:   keyID,
		},
		"Error": {
			reason: "A refused create keeps AWS's code; no external name is recorded.",
			cr: key(withName(""), withParams(func(p *v1alpha1.KeyParameters) {
				*p = v1alpha1.KeyParameters{BypassPolicyLockoutSafetyCheck: aws.Bool(true)}
			})),
			errs: map[string]error{"CreateKey": boom},
			want: errors.Wrap(boom, "cannot create KMS key"),
			input: &kms.CreateKeyInput{BypassPolicyLockoutSafetyCheck: true,
				Tags: []types.Tag{{TagKey: aws.String(tags.KeyManagedBy), TagValue: aws.String("default/app/u1")}}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := kmsfake.New(map[string]any{"CreateKey": &kms.CreateKeyOutput{KeyMetadata: &types.KeyMetadata{KeyId: aws.String(keyID)}}}, tc.errs)
			_, err := (&external{api: f}).Create(context.Background(), tc.cr)
			f.CheckCall(t, tc.reason, "Create", tc.want, err, []string{"CreateKey"}, "CreateKey", tc.input)
			if got := meta.GetExternalName(tc.cr); got != tc.name {
				t.Errorf("%s\nexternal name: want %q, got %q", tc.reason, tc.name, got)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	boom := kmsfake.Err("KMSInvalidStateException")
	id := aws.String(keyID)
	// observed returns what Observe read of a key that matches key(), changed by f.
	observed := func(f func(o *v1alpha1.KeyParameters)) *v1alpha1.KeyParameters {
		o := key().Spec.ForProvider.DeepCopy()
		o.Region, o.PendingWindowInDays = nil, nil
		o.Policy = aws.String(polReordered)
		o.Tags = map[string]string{"team": "platform", tags.KeyManagedBy: "default/app/u1"}
		if f != nil {
			f(o)
		}
		return o
	}
	cases := map[string]struct {
		reason   string
		cr       *v1alpha1.Key
		observed *v1alpha1.KeyParameters
		errs     map[string]error
		want     error
		calls    []string
		inputs   []any
	}{
		"NotObserved": {
			reason: "An Update without an observation is a bug, reported without an AWS call.",
			cr:     key(),
			want:   errors.New("cannot update KMS key: it was not observed first"),
		},
		"NothingDiffers": {
			reason:   "Nothing differs: no call (the policy means the same, the identity tag stays).",
			cr:       key(),
			observed: observed(nil),
		},
		"Everything": {
			reason: "Each field that differs is written with its own call; a disabled key is enabled before its rotation changes; extra tags are removed.",
			cr:     key(),
			observed: observed(func(o *v1alpha1.KeyParameters) {
				o.Description, o.Policy, o.Enabled, o.EnableKeyRotation, o.RotationPeriodInDays = aws.String("x"), aws.String(otherPol), aws.Bool(false), aws.Bool(false), nil
				o.Tags = map[string]string{"team": "x", "rogue": "1", tags.KeyManagedBy: "default/app/u1"}
			}),
			calls: []string{"UpdateKeyDescription", "PutKeyPolicy", "EnableKey", "EnableKeyRotation", "UntagResource", "TagResource"},
			inputs: []any{
				&kms.UpdateKeyDescriptionInput{KeyId: id, Description: aws.String("app data")},
				&kms.PutKeyPolicyInput{KeyId: id, PolicyName: aws.String("default"), Policy: aws.String(pol)},
				&kms.EnableKeyInput{KeyId: id},
				&kms.EnableKeyRotationInput{KeyId: id, RotationPeriodInDays: aws.Int32(365)},
				&kms.UntagResourceInput{KeyId: id, TagKeys: []string{"rogue"}},
				&kms.TagResourceInput{KeyId: id, Tags: []types.Tag{{TagKey: aws.String("team"), TagValue: aws.String("platform")}}},
			},
		},
		"DisableAll": {
			reason: "Rotation is turned off before the key is disabled.",
			cr: key(withParams(func(p *v1alpha1.KeyParameters) {
				p.Enabled, p.EnableKeyRotation, p.RotationPeriodInDays = aws.Bool(false), aws.Bool(false), nil
			})),
			observed: observed(nil),
			calls:    []string{"DisableKeyRotation", "DisableKey"},
			inputs:   []any{&kms.DisableKeyRotationInput{KeyId: id}, &kms.DisableKeyInput{KeyId: id}},
		},
		"RotationPeriod": {
			reason:   "A different rotation period is set with EnableKeyRotation.",
			cr:       key(withParams(func(p *v1alpha1.KeyParameters) { p.RotationPeriodInDays = aws.Int32(90) })),
			observed: observed(nil),
			calls:    []string{"EnableKeyRotation"},
			inputs:   []any{&kms.EnableKeyRotationInput{KeyId: id, RotationPeriodInDays: aws.Int32(90)}},
		},
		"DescriptionError": {
			reason:   "A refused description keeps AWS's code.",
			cr:       key(),
			observed: observed(func(o *v1alpha1.KeyParameters) { o.Description = aws.String("x") }),
			errs:     map[string]error{"UpdateKeyDescription": boom},
			want:     errors.Wrap(boom, "cannot update the description of KMS key "+keyID),
			calls:    []string{"UpdateKeyDescription"},
		},
		"PolicyError": {
			reason:   "A refused policy keeps AWS's code.",
			cr:       key(),
			observed: observed(func(o *v1alpha1.KeyParameters) { o.Policy = aws.String(otherPol) }),
			errs:     map[string]error{"PutKeyPolicy": boom},
			want:     errors.Wrap(boom, "cannot put the policy of KMS key "+keyID),
			calls:    []string{"PutKeyPolicy"},
		},
		"EnableError": {
			reason:   "A refused enable keeps AWS's code.",
			cr:       key(),
			observed: observed(func(o *v1alpha1.KeyParameters) { o.Enabled = aws.Bool(false) }),
			errs:     map[string]error{"EnableKey": boom},
			want:     errors.Wrap(boom, "cannot enable KMS key "+keyID),
			calls:    []string{"EnableKey"},
		},
		"DisableError": {
			reason:   "A refused disable keeps AWS's code.",
			cr:       key(withParams(func(p *v1alpha1.KeyParameters) { p.Enabled = aws.Bool(false) })),
			observed: observed(nil),
			errs:     map[string]error{"DisableKey": boom},
			want:     errors.Wrap(boom, "cannot disable KMS key "+keyID),
			calls:    []string{"DisableKey"},
		},
		"EnableRotationError": {
			reason:   "A refused rotation keeps AWS's code.",
			cr:       key(),
			observed: observed(func(o *v1alpha1.KeyParameters) { o.EnableKeyRotation, o.RotationPeriodInDays = aws.Bool(false), nil }),
			errs:     map[string]error{"EnableKeyRotation": boom},
			want:     errors.Wrap(boom, "cannot enable the rotation of KMS key "+keyID),
			calls:    []string{"EnableKeyRotation"},
		},
		"DisableRotationError": {
			reason:   "A refused end of rotation keeps AWS's code.",
			cr:       key(withParams(func(p *v1alpha1.KeyParameters) { p.EnableKeyRotation, p.RotationPeriodInDays = aws.Bool(false), nil })),
			observed: observed(nil),
			errs:     map[string]error{"DisableKeyRotation": boom},
			want:     errors.Wrap(boom, "cannot disable the rotation of KMS key "+keyID),
			calls:    []string{"DisableKeyRotation"},
		},
		"TagError": {
			reason:   "A refused tag keeps AWS's code, with the key.",
			cr:       key(),
			observed: observed(func(o *v1alpha1.KeyParameters) { o.Tags = nil }),
			errs:     map[string]error{"TagResource": boom},
			want:     errors.Wrap(errors.Wrap(boom, "cannot add tags"), "cannot update tags of KMS key "+keyID),
			calls:    []string{"TagResource"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := kmsfake.New(nil, tc.errs)
			_, err := (&external{api: f, observed: tc.observed}).Update(context.Background(), tc.cr)
			f.Check(t, tc.reason, "Update", tc.want, err, tc.calls)
			f.CheckCalls(t, tc.reason, tc.calls, tc.inputs)
		})
	}
}

func TestDelete(t *testing.T) {
	boom := kmsfake.Err("KMSInvalidStateException")
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Key
		errs   map[string]error
		want   error
		days   int32
	}{
		"Scheduled": {reason: "The deletion is scheduled after the spec's waiting period.", cr: key(), days: 7},
		"DefaultWindow": {reason: "Without a waiting period, KMS's maximum of 30 days applies.",
			cr: key(withParams(func(p *v1alpha1.KeyParameters) { p.PendingWindowInDays = nil })), days: 30},
		"AlreadyGone": {reason: "A key that is gone is deleted.", cr: key(), errs: map[string]error{"ScheduleKeyDeletion": kmsfake.NotFound()}, days: 7},
		"Error": {reason: "Other errors keep AWS's code, with the key ID.", cr: key(), errs: map[string]error{"ScheduleKeyDeletion": boom}, days: 7,
			want: errors.Wrap(boom, "cannot schedule the deletion of KMS key "+keyID)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := kmsfake.New(nil, tc.errs)
			_, err := (&external{api: f}).Delete(context.Background(), tc.cr)
			f.CheckCall(t, tc.reason, "Delete", tc.want, err, []string{"ScheduleKeyDeletion"}, "ScheduleKeyDeletion",
				&kms.ScheduleKeyDeletionInput{KeyId: aws.String(keyID), PendingWindowInDays: aws.Int32(tc.days)})
			kmsfake.CheckDeleting(t, tc.reason, tc.cr)
		})
	}
}
