package repository

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/ecr/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/ecr/ecrfake"
	"github.com/kaws-dev/provider-aws/internal/controller/ecr/ecrkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	repoName = "team/app"
	repoARN  = "arn:aws:ecr:us-east-1:123456789012:repository/team/app"
	repoURI  = "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app"
	registry = "123456789012"
	keyARN   = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

	lifecycle = `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}`
	// lifecycleReordered means the same as lifecycle.
	lifecycleReordered = `{ "rules": [ { "action": {"type": "expire"}, "selection": {"countNumber": 14, "countUnit": "days",
		"countType": "sinceImagePushed", "tagStatus": "untagged"}, "rulePriority": 1 } ] }`
	otherLifecycle = `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":100},"action":{"type":"expire"}}]}`
	pull           = `{"Version":"2012-10-17","Statement":[{"Sid":"pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`
	// pullReordered means the same as pull.
	pullReordered = `{"Statement":{"Action":["ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"],"Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Effect":"Allow","Sid":"pull"},"Version":"2012-10-17"}`
	otherPolicy   = `{"Version":"2012-10-17","Statement":[{"Sid":"pull","Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:BatchGetImage"}]}`
)

var created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

type repoModifier func(*v1alpha1.Repository)

// repo returns a Repository whose every field is set, as after late
// initialization, with its ARN recorded (so Observe reads only what the
// spec manages).
func repo(m ...repoModifier) *v1alpha1.Repository {
	r := &v1alpha1.Repository{ObjectMeta: metav1.ObjectMeta{Name: "app", Namespace: "default"}}
	meta.SetExternalName(r, repoName)
	r.Spec.ForProvider = v1alpha1.RepositoryParameters{
		Region:                     aws.String("us-east-1"),
		ImageTagMutability:         aws.String("IMMUTABLE"),
		ImageScanningConfiguration: &v1alpha1.ImageScanningConfiguration{ScanOnPush: true},
		EncryptionConfiguration:    &v1alpha1.EncryptionConfiguration{EncryptionType: "KMS", KMSKey: aws.String(keyARN)},
		LifecyclePolicy:            aws.String(lifecycle),
		RepositoryPolicy:           aws.String(pull),
		Tags:                       map[string]string{"team": "platform"},
	}
	withStatus(r)
	for _, f := range m {
		f(r)
	}
	return r
}

func withStatus(r *v1alpha1.Repository) {
	r.Status.AtProvider = v1alpha1.RepositoryObservation{ARN: repoARN, RepositoryURI: repoURI, RegistryID: registry, CreatedAt: "2026-01-02T03:04:05Z"}
}

func withAvailable(r *v1alpha1.Repository) {
	withStatus(r)
	r.SetConditions(xpv2.Available())
}

func withoutStatus(r *v1alpha1.Repository) { r.Status.AtProvider = v1alpha1.RepositoryObservation{} }

func withParams(f func(p *v1alpha1.RepositoryParameters)) repoModifier {
	return func(r *v1alpha1.Repository) { f(&r.Spec.ForProvider) }
}

// awsRepo is the repository as DescribeRepositories returns it.
func awsRepo(m ...func(*types.Repository)) *ecr.DescribeRepositoriesOutput {
	r := types.Repository{
		RepositoryName: aws.String(repoName), RepositoryArn: aws.String(repoARN), RepositoryUri: aws.String(repoURI),
		RegistryId: aws.String(registry), CreatedAt: aws.Time(created),
		ImageTagMutability:         types.ImageTagMutabilityImmutable,
		ImageScanningConfiguration: &types.ImageScanningConfiguration{ScanOnPush: true},
		EncryptionConfiguration:    &types.EncryptionConfiguration{EncryptionType: types.EncryptionTypeKms, KmsKey: aws.String(keyARN)},
	}
	for _, f := range m {
		f(&r)
	}
	return &ecr.DescribeRepositoriesOutput{Repositories: []types.Repository{r}}
}

// inSync are the answers of an ECR repository that matches repo().
func inSync(describe *ecr.DescribeRepositoriesOutput, m ...func(map[string]any)) map[string]any {
	out := map[string]any{
		"DescribeRepositories": describe,
		"ListTagsForResource":  &ecr.ListTagsForResourceOutput{Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}},
		"GetLifecyclePolicy":   &ecr.GetLifecyclePolicyOutput{LifecyclePolicyText: aws.String(lifecycle)},
		"GetRepositoryPolicy":  &ecr.GetRepositoryPolicyOutput{PolicyText: aws.String(pull)},
	}
	for _, f := range m {
		f(out)
	}
	return out
}

// reads are the calls of an Observe of repo().
var reads = []string{"DescribeRepositories", "ListTagsForResource", "GetLifecyclePolicy", "GetRepositoryPolicy"}

func observe(api *ecrfake.API, cr *v1alpha1.Repository) (managed.ExternalObservation, error) {
	return (&external{api: api}).Observe(context.Background(), cr)
}

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		cr    *v1alpha1.Repository
	}
	exists := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}
	drift := managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}
	boom := ecrfake.AccessDenied()
	cases := map[string]struct {
		reason string
		api    *ecrfake.API
		cr     *v1alpha1.Repository
		want   want
	}{
		"NoExternalName": {
			reason: "Without an external name there is nothing to look for.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(func(r *v1alpha1.Repository) { meta.SetExternalName(r, "") }),
			want:   want{cr: repo(func(r *v1alpha1.Repository) { meta.SetExternalName(r, "") })},
		},
		"InvalidLifecyclePolicy": {
			reason: "A lifecycle policy that is not JSON is rejected before any AWS call.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.LifecyclePolicy = aws.String(`{"rules":`) })),
			want: want{err: errors.Wrap(errors.Wrap(errors.New("unexpected end of JSON input"), "policy is not valid JSON"), "spec.forProvider.lifecyclePolicy is not a valid JSON document: fix the JSON"),
				cr: repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.LifecyclePolicy = aws.String(`{"rules":`) }))},
		},
		"InvalidRepositoryPolicy": {
			reason: "A repository policy that is not JSON is rejected before any AWS call.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.RepositoryPolicy = aws.String("nope") })),
			want: want{err: errors.Wrap(errors.Wrap(errors.New("invalid character 'o' in literal null (expecting 'u')"), "policy is not valid JSON"), "spec.forProvider.repositoryPolicy is not a valid JSON document: fix the JSON"),
				cr: repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.RepositoryPolicy = aws.String("nope") }))},
		},
		"NotFound": {
			reason: "RepositoryNotFoundException means the repository does not exist.",
			api:    ecrfake.New(nil, map[string]error{"DescribeRepositories": ecrfake.Error(ecrkit.CodeRepositoryNotFound)}),
			cr:     repo(),
			want:   want{calls: []string{"DescribeRepositories"}, cr: repo()},
		},
		"NoneReturned": {
			reason: "A describe that returns no repository means it does not exist.",
			api:    ecrfake.New(map[string]any{"DescribeRepositories": &ecr.DescribeRepositoriesOutput{}}, nil),
			cr:     repo(),
			want:   want{calls: []string{"DescribeRepositories"}, cr: repo()},
		},
		"DescribeError": {
			reason: "Other errors keep AWS's code, with context.",
			api:    ecrfake.New(nil, map[string]error{"DescribeRepositories": boom}),
			cr:     repo(),
			want:   want{err: errors.Wrap(boom, "cannot describe ECR repository"), calls: []string{"DescribeRepositories"}, cr: repo()},
		},
		"UpToDate": {
			reason: "A repository that matches its spec, with documents that mean the same in another form, is up to date and Available.",
			api:    ecrfake.New(inSync(awsRepo()), nil),
			cr: repo(withParams(func(p *v1alpha1.RepositoryParameters) {
				p.LifecyclePolicy, p.RepositoryPolicy = aws.String(lifecycleReordered), aws.String(pullReordered)
			})),
			want: want{o: exists, calls: reads, cr: repo(withAvailable, withParams(func(p *v1alpha1.RepositoryParameters) {
				p.LifecyclePolicy, p.RepositoryPolicy = aws.String(lifecycleReordered), aws.String(pullReordered)
			}))},
		},
		"KeyByID": {
			reason: "A KMS key named by its ID is the key ARN AWS reports.",
			api:    ecrfake.New(inSync(awsRepo()), nil),
			cr: repo(withParams(func(p *v1alpha1.RepositoryParameters) {
				p.EncryptionConfiguration.KMSKey = aws.String("1234abcd-12ab-34cd-56ef-1234567890ab")
			})),
			want: want{o: exists, calls: reads, cr: repo(withAvailable, withParams(func(p *v1alpha1.RepositoryParameters) {
				p.EncryptionConfiguration.KMSKey = aws.String("1234abcd-12ab-34cd-56ef-1234567890ab")
			}))},
		},
		"ConnectionDetails": {
			reason: "With a connection secret, Observe returns the repository URI, ARN and registry ID.",
			api:    ecrfake.New(inSync(awsRepo()), nil),
			cr: repo(func(r *v1alpha1.Repository) {
				r.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "conn"})
			}),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ConnectionDetails: managed.ConnectionDetails{
				ConnectionKeyRepositoryURI: []byte(repoURI), ConnectionKeyARN: []byte(repoARN), ConnectionKeyRegistryID: []byte(registry),
			}}, calls: reads, cr: repo(withAvailable, func(r *v1alpha1.Repository) {
				r.SetWriteConnectionSecretToReference(&xpv2.LocalSecretReference{Name: "conn"})
			})},
		},
		"OnlyManagedReads": {
			reason: "After the first observation, what the spec leaves unset is not read: one describe per poll.",
			api:    ecrfake.New(inSync(awsRepo()), nil),
			cr: repo(withParams(func(p *v1alpha1.RepositoryParameters) {
				p.LifecyclePolicy, p.RepositoryPolicy, p.Tags = nil, nil, nil
			})),
			want: want{o: exists, calls: []string{"DescribeRepositories"}, cr: repo(withAvailable, withParams(func(p *v1alpha1.RepositoryParameters) {
				p.LifecyclePolicy, p.RepositoryPolicy, p.Tags = nil, nil, nil
			}))},
		},
		"LateInitialize": {
			reason: "The first observation reads everything and copies what AWS has into unset fields, without the identity tag.",
			api: ecrfake.New(inSync(awsRepo(), func(o map[string]any) {
				o["ListTagsForResource"] = &ecr.ListTagsForResourceOutput{Tags: []types.Tag{
					{Key: aws.String("team"), Value: aws.String("platform")}, {Key: aws.String("kaws.dev/managed-by"), Value: aws.String("x")}}}
			}), nil),
			cr: repo(withoutStatus, withParams(func(p *v1alpha1.RepositoryParameters) {
				*p = v1alpha1.RepositoryParameters{Region: p.Region}
			})),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: reads, cr: repo(withAvailable)},
		},
		"LateInitializeKMSKey": {
			reason: "KMS encryption without a key gets AWS's key ARN.",
			api:    ecrfake.New(inSync(awsRepo()), nil),
			cr:     repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.EncryptionConfiguration.KMSKey = nil })),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: reads, cr: repo(withAvailable)},
		},
		"LateInitializeNothingSet": {
			reason: "A repository with no tags, no policies and no exclusion filters has nothing of them to copy.",
			api: ecrfake.New(inSync(awsRepo(), func(o map[string]any) {
				o["ListTagsForResource"] = &ecr.ListTagsForResourceOutput{}
				o["GetLifecyclePolicy"] = nil
				o["GetRepositoryPolicy"] = nil
			}), map[string]error{
				"GetLifecyclePolicy":  ecrfake.Error(ecrkit.CodeLifecyclePolicyNotFound),
				"GetRepositoryPolicy": ecrfake.Error(ecrkit.CodeRepositoryPolicyNotFound),
			}),
			cr: repo(withoutStatus, withParams(func(p *v1alpha1.RepositoryParameters) { *p = v1alpha1.RepositoryParameters{Region: p.Region} })),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: reads,
				cr: repo(withAvailable, withParams(func(p *v1alpha1.RepositoryParameters) {
					p.LifecyclePolicy, p.RepositoryPolicy, p.Tags = nil, nil, nil
				}))},
		},
		"MutabilityDrift": {
			reason: "Another tag mutability in AWS is a diff.",
			api:    ecrfake.New(inSync(awsRepo(func(r *types.Repository) { r.ImageTagMutability = types.ImageTagMutabilityMutable })), nil),
			cr:     repo(),
			want:   want{o: drift, calls: reads, cr: repo(withAvailable)},
		},
		"ExclusionFiltersAsSet": {
			reason: "Exclusion filters in another order are the same set.",
			api: ecrfake.New(inSync(awsRepo(func(r *types.Repository) {
				r.ImageTagMutability = types.ImageTagMutabilityImmutableWithExclusion
				r.ImageTagMutabilityExclusionFilters = []types.ImageTagMutabilityExclusionFilter{
					{FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String("latest")},
					{FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String("dev-*")}}
			})), nil),
			cr:   repo(withParams(withFilters("dev-*", "latest"))),
			want: want{o: exists, calls: reads, cr: repo(withAvailable, withParams(withFilters("dev-*", "latest")))},
		},
		"ExclusionFiltersDrift": {
			reason: "A missing exclusion filter is a diff.",
			api: ecrfake.New(inSync(awsRepo(func(r *types.Repository) {
				r.ImageTagMutability = types.ImageTagMutabilityImmutableWithExclusion
				r.ImageTagMutabilityExclusionFilters = []types.ImageTagMutabilityExclusionFilter{
					{FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String("latest")}}
			})), nil),
			cr:   repo(withParams(withFilters("dev-*", "latest"))),
			want: want{o: drift, calls: reads, cr: repo(withAvailable, withParams(withFilters("dev-*", "latest")))},
		},
		"ScanningDrift": {
			reason: "Scan on push turned off in AWS is a diff.",
			api:    ecrfake.New(inSync(awsRepo(func(r *types.Repository) { r.ImageScanningConfiguration.ScanOnPush = false })), nil),
			cr:     repo(),
			want:   want{o: drift, calls: reads, cr: repo(withAvailable)},
		},
		"LifecycleDrift": {
			reason: "Another lifecycle policy is a diff.",
			api: ecrfake.New(inSync(awsRepo(), func(o map[string]any) {
				o["GetLifecyclePolicy"] = &ecr.GetLifecyclePolicyOutput{LifecyclePolicyText: aws.String(otherLifecycle)}
			}), nil),
			cr:   repo(),
			want: want{o: drift, calls: reads, cr: repo(withAvailable)},
		},
		"LifecycleRemoved": {
			reason: "A lifecycle policy deleted out of band is a diff.",
			api:    ecrfake.New(inSync(awsRepo()), map[string]error{"GetLifecyclePolicy": ecrfake.Error(ecrkit.CodeLifecyclePolicyNotFound)}),
			cr:     repo(),
			want:   want{o: drift, calls: reads, cr: repo(withAvailable)},
		},
		"NoLifecycleWanted": {
			reason: "An empty lifecycle policy matches a repository without one.",
			api:    ecrfake.New(inSync(awsRepo()), map[string]error{"GetLifecyclePolicy": ecrfake.Error(ecrkit.CodeLifecyclePolicyNotFound)}),
			cr:     repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.LifecyclePolicy = aws.String("") })),
			want:   want{o: exists, calls: reads, cr: repo(withAvailable, withParams(func(p *v1alpha1.RepositoryParameters) { p.LifecyclePolicy = aws.String("") }))},
		},
		"PolicyDrift": {
			reason: "Another repository policy is a diff.",
			api: ecrfake.New(inSync(awsRepo(), func(o map[string]any) {
				o["GetRepositoryPolicy"] = &ecr.GetRepositoryPolicyOutput{PolicyText: aws.String(otherPolicy)}
			}), nil),
			cr:   repo(),
			want: want{o: drift, calls: reads, cr: repo(withAvailable)},
		},
		"TagDrift": {
			reason: "A changed tag is a diff; the identity tag never counts.",
			api: ecrfake.New(inSync(awsRepo(), func(o map[string]any) {
				o["ListTagsForResource"] = &ecr.ListTagsForResourceOutput{Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("other")}}}
			}), nil),
			cr:   repo(),
			want: want{o: drift, calls: reads, cr: repo(withAvailable)},
		},
		"EncryptionTypeDiffers": {
			reason: "The encryption cannot change: another encryption type in AWS is an error saying what to do, not a diff.",
			api: ecrfake.New(inSync(awsRepo(func(r *types.Repository) {
				r.EncryptionConfiguration = &types.EncryptionConfiguration{EncryptionType: types.EncryptionTypeAes256}
			})), nil),
			cr: repo(),
			want: want{err: errors.New(`ECR repository "team/app" is encrypted with AES256 in AWS: encryptionConfiguration is immutable, set spec.forProvider.encryptionConfiguration to what AWS has, or create a new Repository (and delete this one) for the other encryption`),
				calls: []string{"DescribeRepositories"}, cr: repo()},
		},
		"KMSKeyDiffers": {
			reason: "Another KMS key in AWS is an error naming it.",
			api: ecrfake.New(inSync(awsRepo(func(r *types.Repository) {
				r.EncryptionConfiguration.KmsKey = aws.String("arn:aws:kms:us-east-1:123456789012:key/other")
			})), nil),
			cr: repo(),
			want: want{err: errors.New(`ECR repository "team/app" is encrypted with KMS with KMS key arn:aws:kms:us-east-1:123456789012:key/other in AWS: encryptionConfiguration is immutable, set spec.forProvider.encryptionConfiguration to what AWS has, or create a new Repository (and delete this one) for the other encryption`),
				calls: []string{"DescribeRepositories"}, cr: repo()},
		},
		"ListTagsError": {
			reason: "An error listing tags keeps AWS's code, with context.",
			api:    ecrfake.New(inSync(awsRepo()), map[string]error{"ListTagsForResource": boom}),
			cr:     repo(),
			want:   want{err: errors.Wrap(boom, "cannot list the tags of the ECR repository"), calls: reads[:2], cr: repo()},
		},
		"GetLifecyclePolicyError": {
			reason: "An error other than not found reading the lifecycle policy keeps AWS's code, with context.",
			api:    ecrfake.New(inSync(awsRepo()), map[string]error{"GetLifecyclePolicy": boom}),
			cr:     repo(),
			want:   want{err: errors.Wrap(boom, "cannot get the lifecycle policy of the ECR repository"), calls: reads[:3], cr: repo()},
		},
		"GetRepositoryPolicyError": {
			reason: "An error other than not found reading the repository policy keeps AWS's code, with context.",
			api:    ecrfake.New(inSync(awsRepo()), map[string]error{"GetRepositoryPolicy": boom}),
			cr:     repo(),
			want:   want{err: errors.Wrap(boom, "cannot get the repository policy of the ECR repository"), calls: reads, cr: repo()},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := observe(tc.api, tc.cr)
			tc.api.Check(t, tc.reason, "Observe", tc.want.err, err, tc.want.calls)
			awsfake.CheckObserve(t, tc.reason, tc.want.o, got, tc.want.cr, tc.cr)
		})
	}
}

func withFilters(fs ...string) func(p *v1alpha1.RepositoryParameters) {
	return func(p *v1alpha1.RepositoryParameters) {
		p.ImageTagMutability = aws.String("IMMUTABLE_WITH_EXCLUSION")
		for _, f := range fs {
			p.ImageTagMutabilityExclusionFilters = append(p.ImageTagMutabilityExclusionFilters, v1alpha1.ImageTagMutabilityExclusionFilter{FilterType: "WILDCARD", Filter: f})
		}
	}
}

func TestCreate(t *testing.T) {
	boom := ecrfake.AccessDenied()
	createIn := &ecr.CreateRepositoryInput{
		RepositoryName:             aws.String(repoName),
		ImageTagMutability:         types.ImageTagMutabilityImmutable,
		ImageScanningConfiguration: &types.ImageScanningConfiguration{ScanOnPush: true},
		EncryptionConfiguration:    &types.EncryptionConfiguration{EncryptionType: types.EncryptionTypeKms, KmsKey: aws.String(keyARN)},
		Tags:                       []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}},
	}
	cases := map[string]struct {
		reason string
		api    *ecrfake.API
		cr     *v1alpha1.Repository
		err    error
		calls  []string
		inputs map[string]any
	}{
		"Everything": {
			reason: "Create sends what CreateRepository accepts, then puts both policies.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(),
			calls:  []string{"CreateRepository", "PutLifecyclePolicy", "SetRepositoryPolicy"},
			inputs: map[string]any{
				"CreateRepository":    createIn,
				"PutLifecyclePolicy":  &ecr.PutLifecyclePolicyInput{RepositoryName: aws.String(repoName), LifecyclePolicyText: aws.String(lifecycle)},
				"SetRepositoryPolicy": &ecr.SetRepositoryPolicyInput{RepositoryName: aws.String(repoName), PolicyText: aws.String(pull)},
			},
		},
		"Minimal": {
			reason: "A repository with nothing set is created with AWS's defaults, and empty policies are not written.",
			api:    ecrfake.New(nil, nil),
			cr: repo(withParams(func(p *v1alpha1.RepositoryParameters) {
				*p = v1alpha1.RepositoryParameters{LifecyclePolicy: aws.String(""), RepositoryPolicy: aws.String("")}
			})),
			calls:  []string{"CreateRepository"},
			inputs: map[string]any{"CreateRepository": &ecr.CreateRepositoryInput{RepositoryName: aws.String(repoName)}},
		},
		"ExclusionFilters": {
			reason: "Exclusion filters are sent with the tag mutability.",
			api:    ecrfake.New(nil, nil),
			cr: repo(withParams(func(p *v1alpha1.RepositoryParameters) {
				*p = v1alpha1.RepositoryParameters{}
				withFilters("latest")(p)
			})),
			calls: []string{"CreateRepository"},
			inputs: map[string]any{"CreateRepository": &ecr.CreateRepositoryInput{RepositoryName: aws.String(repoName),
				ImageTagMutability: types.ImageTagMutabilityImmutableWithExclusion,
				ImageTagMutabilityExclusionFilters: []types.ImageTagMutabilityExclusionFilter{
					{FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String("latest")}}}},
		},
		"AlreadyExists": {
			reason: "A repository of the name is adopted: the next observation compares and updates the rest.",
			api:    ecrfake.New(nil, map[string]error{"CreateRepository": ecrfake.Error(ecrkit.CodeRepositoryAlreadyExists)}),
			cr:     repo(),
			calls:  []string{"CreateRepository"},
		},
		"InvalidJSON": {
			reason: "A policy that is not JSON is rejected before any AWS call.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.RepositoryPolicy = aws.String("{") })),
			err:    errors.Wrap(errors.Wrap(errors.New("unexpected end of JSON input"), "policy is not valid JSON"), "spec.forProvider.repositoryPolicy is not a valid JSON document: fix the JSON"),
		},
		"CreateError": {
			reason: "Other errors keep AWS's code, with context.",
			api:    ecrfake.New(nil, map[string]error{"CreateRepository": boom}),
			cr:     repo(),
			err:    errors.Wrap(boom, "cannot create ECR repository"),
			calls:  []string{"CreateRepository"},
		},
		"PutLifecyclePolicyError": {
			reason: "An error putting the lifecycle policy is returned with context.",
			api:    ecrfake.New(nil, map[string]error{"PutLifecyclePolicy": boom}),
			cr:     repo(),
			err:    errors.Wrap(boom, "cannot update the lifecycle policy of the ECR repository"),
			calls:  []string{"CreateRepository", "PutLifecyclePolicy"},
		},
		"SetRepositoryPolicyError": {
			reason: "An error setting the repository policy is returned with context.",
			api:    ecrfake.New(nil, map[string]error{"SetRepositoryPolicy": boom}),
			cr:     repo(),
			err:    errors.Wrap(boom, "cannot update the repository policy of the ECR repository"),
			calls:  []string{"CreateRepository", "PutLifecyclePolicy", "SetRepositoryPolicy"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := (&external{api: tc.api}).Create(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Create", tc.err, err, tc.calls)
			tc.api.CheckInputs(t, tc.reason, tc.inputs)
			if got.ConnectionDetails != nil || got.AdditionalDetails != nil {
				t.Errorf("%s\nCreate(...): want no details, got %+v", tc.reason, got)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	boom := ecrfake.AccessDenied()
	rn := aws.String(repoName)
	// observedAs is AWS's view of repo(), changed by m.
	observedAs := func(m ...func(*v1alpha1.RepositoryParameters)) *v1alpha1.RepositoryParameters {
		o := repo().Spec.ForProvider.DeepCopy()
		o.Region = nil
		for _, f := range m {
			f(o)
		}
		return o
	}
	cases := map[string]struct {
		reason   string
		api      *ecrfake.API
		cr       *v1alpha1.Repository
		observed *v1alpha1.RepositoryParameters
		err      error
		calls    []string
		inputs   []any
	}{
		"NotObserved": {
			reason: "Without an observation Update calls nothing: the reconciler always observes first.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(),
			err:    mr.NotObserved("ECR repository"),
		},
		"NothingDiffers": {
			reason: "Documents that mean the same and equal fields are not written.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(),
			observed: observedAs(func(o *v1alpha1.RepositoryParameters) {
				o.LifecyclePolicy, o.RepositoryPolicy = aws.String(lifecycleReordered), aws.String(pullReordered)
			}),
		},
		"EverythingDiffers": {
			reason: "Each field that differs is written with its own operation; tags are synced by ARN.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(),
			observed: observedAs(func(o *v1alpha1.RepositoryParameters) {
				o.ImageTagMutability = aws.String("MUTABLE")
				o.ImageScanningConfiguration = &v1alpha1.ImageScanningConfiguration{}
				o.LifecyclePolicy, o.RepositoryPolicy = aws.String(otherLifecycle), aws.String("")
				o.Tags = map[string]string{"team": "other", "old": "x", "kaws.dev/managed-by": "id"}
			}),
			calls: []string{"PutImageTagMutability", "PutImageScanningConfiguration", "PutLifecyclePolicy", "SetRepositoryPolicy", "UntagResource", "TagResource"},
			inputs: []any{
				&ecr.PutImageTagMutabilityInput{RepositoryName: rn, ImageTagMutability: types.ImageTagMutabilityImmutable},
				&ecr.PutImageScanningConfigurationInput{RepositoryName: rn, ImageScanningConfiguration: &types.ImageScanningConfiguration{ScanOnPush: true}},
				&ecr.PutLifecyclePolicyInput{RepositoryName: rn, LifecyclePolicyText: aws.String(lifecycle)},
				&ecr.SetRepositoryPolicyInput{RepositoryName: rn, PolicyText: aws.String(pull)},
				&ecr.UntagResourceInput{ResourceArn: aws.String(repoARN), TagKeys: []string{"old"}},
				&ecr.TagResourceInput{ResourceArn: aws.String(repoARN), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("platform")}}},
			},
		},
		"ExclusionFilters": {
			reason:   "Changed exclusion filters are written with the tag mutability.",
			api:      ecrfake.New(nil, nil),
			cr:       repo(withParams(withFilters("latest", "dev-*"))),
			observed: observedAs(withFilters("latest")),
			calls:    []string{"PutImageTagMutability"},
			inputs: []any{&ecr.PutImageTagMutabilityInput{RepositoryName: rn, ImageTagMutability: types.ImageTagMutabilityImmutableWithExclusion,
				ImageTagMutabilityExclusionFilters: []types.ImageTagMutabilityExclusionFilter{
					{FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String("latest")},
					{FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String("dev-*")}}}},
		},
		"RemovePolicies": {
			reason: "Empty documents delete the policies; already gone is fine.",
			api: ecrfake.New(nil, map[string]error{
				"DeleteLifecyclePolicy":  ecrfake.Error(ecrkit.CodeLifecyclePolicyNotFound),
				"DeleteRepositoryPolicy": ecrfake.Error(ecrkit.CodeRepositoryPolicyNotFound),
			}),
			cr: repo(withParams(func(p *v1alpha1.RepositoryParameters) {
				p.LifecyclePolicy, p.RepositoryPolicy = aws.String(""), aws.String("")
			})),
			observed: observedAs(),
			calls:    []string{"DeleteLifecyclePolicy", "DeleteRepositoryPolicy"},
			inputs:   []any{&ecr.DeleteLifecyclePolicyInput{RepositoryName: rn}, &ecr.DeleteRepositoryPolicyInput{RepositoryName: rn}},
		},
		"UnmanagedNotWritten": {
			reason: "Fields the spec leaves unset are never written.",
			api:    ecrfake.New(nil, nil),
			cr: repo(withParams(func(p *v1alpha1.RepositoryParameters) {
				*p = v1alpha1.RepositoryParameters{}
			})),
			observed: observedAs(),
		},
		"PutImageTagMutabilityError": {
			reason:   "An error changing the tag mutability is returned with context.",
			api:      ecrfake.New(nil, map[string]error{"PutImageTagMutability": boom}),
			cr:       repo(),
			observed: observedAs(func(o *v1alpha1.RepositoryParameters) { o.ImageTagMutability = aws.String("MUTABLE") }),
			err:      errors.Wrap(boom, "cannot update the image tag mutability of the ECR repository"),
			calls:    []string{"PutImageTagMutability"},
		},
		"PutImageScanningConfigurationError": {
			reason:   "An error changing the scanning configuration is returned with context.",
			api:      ecrfake.New(nil, map[string]error{"PutImageScanningConfiguration": boom}),
			cr:       repo(),
			observed: observedAs(func(o *v1alpha1.RepositoryParameters) { o.ImageScanningConfiguration.ScanOnPush = false }),
			err:      errors.Wrap(boom, "cannot update the image scanning configuration of the ECR repository"),
			calls:    []string{"PutImageScanningConfiguration"},
		},
		"DeleteLifecyclePolicyError": {
			reason:   "An error other than not found deleting the lifecycle policy is returned with context.",
			api:      ecrfake.New(nil, map[string]error{"DeleteLifecyclePolicy": boom}),
			cr:       repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.LifecyclePolicy = aws.String("") })),
			observed: observedAs(),
			err:      errors.Wrap(boom, "cannot update the lifecycle policy of the ECR repository"),
			calls:    []string{"DeleteLifecyclePolicy"},
		},
		"DeleteRepositoryPolicyError": {
			reason:   "An error other than not found deleting the repository policy is returned with context.",
			api:      ecrfake.New(nil, map[string]error{"DeleteRepositoryPolicy": boom}),
			cr:       repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.RepositoryPolicy = aws.String("") })),
			observed: observedAs(),
			err:      errors.Wrap(boom, "cannot update the repository policy of the ECR repository"),
			calls:    []string{"DeleteRepositoryPolicy"},
		},
		"TagError": {
			reason:   "An error tagging is returned with context.",
			api:      ecrfake.New(nil, map[string]error{"TagResource": boom}),
			cr:       repo(),
			observed: observedAs(func(o *v1alpha1.RepositoryParameters) { o.Tags = map[string]string{} }),
			err:      errors.Wrap(errors.Wrap(boom, "cannot add tags"), "cannot update the tags of the ECR repository"),
			calls:    []string{"TagResource"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := &external{api: tc.api, observed: tc.observed, arn: aws.String(repoARN)}
			_, err := e.Update(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Update", tc.err, err, tc.calls)
			if tc.inputs != nil {
				tc.api.CheckCalls(t, tc.reason, tc.calls, tc.inputs)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	boom := ecrfake.AccessDenied()
	notEmpty := ecrfake.Error(ecrkit.CodeRepositoryNotEmpty)
	cases := map[string]struct {
		reason string
		api    *ecrfake.API
		cr     *v1alpha1.Repository
		err    error
		input  *ecr.DeleteRepositoryInput
	}{
		"Deleted": {
			reason: "The repository is deleted, without its images unless forceDelete is set.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(),
			input:  &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repoName)},
		},
		"Force": {
			reason: "forceDelete deletes the images with the repository.",
			api:    ecrfake.New(nil, nil),
			cr:     repo(withParams(func(p *v1alpha1.RepositoryParameters) { p.ForceDelete = true })),
			input:  &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repoName), Force: true},
		},
		"AlreadyGone": {
			reason: "RepositoryNotFoundException is success.",
			api:    ecrfake.New(nil, map[string]error{"DeleteRepository": ecrfake.Error(ecrkit.CodeRepositoryNotFound)}),
			cr:     repo(),
			input:  &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repoName)},
		},
		"NotEmpty": {
			reason: "A repository that holds images is not deleted without forceDelete: the error says what to do, keeps AWS's code, and the deletion is retried.",
			api:    ecrfake.New(nil, map[string]error{"DeleteRepository": notEmpty}),
			cr:     repo(),
			err:    errors.Wrap(notEmpty, `ECR repository "team/app" is not empty: it still holds images; delete them, or set spec.forProvider.forceDelete: true to delete them with the repository; the deletion is retried`),
			input:  &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repoName)},
		},
		"Error": {
			reason: "Other errors keep AWS's code, with context.",
			api:    ecrfake.New(nil, map[string]error{"DeleteRepository": boom}),
			cr:     repo(),
			err:    errors.Wrap(boom, "cannot delete ECR repository"),
			input:  &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repoName)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Delete(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Delete", tc.err, err, []string{"DeleteRepository"})
			tc.api.CheckInputs(t, tc.reason, map[string]any{"DeleteRepository": tc.input})
			if c := tc.cr.GetCondition(xpv2.TypeReady); !c.Equal(xpv2.Deleting()) {
				t.Errorf("%s\nReady: want Deleting, got %+v", tc.reason, c)
			}
		})
	}
}
