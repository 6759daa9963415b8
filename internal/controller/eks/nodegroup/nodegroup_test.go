package nodegroup

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/eks/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksfake"
	"github.com/kaws-dev/provider-aws/internal/controller/eks/eksupdate"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

const (
	clusterName = "prod"
	name        = "workers"
	arn         = "arn:aws:eks:us-east-1:123456789012:nodegroup/prod/workers/x"
	roleARN     = "arn:aws:iam::123456789012:role/node"
)

var errBoom = errors.New("boom")

type modifier func(*v1alpha1.Nodegroup)

func nodegroup(m ...modifier) *v1alpha1.Nodegroup {
	n := &v1alpha1.Nodegroup{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"}}
	meta.SetExternalName(n, name)
	n.Spec.ForProvider = v1alpha1.NodegroupParameters{
		Region: aws.String("us-east-1"), ClusterName: aws.String(clusterName), NodeRole: aws.String(roleARN),
		Subnets: []string{"subnet-a", "subnet-b"}, InstanceTypes: []string{"m5.large"}, AMIType: aws.String("AL2023_x86_64_STANDARD"),
		CapacityType: aws.String("ON_DEMAND"), DiskSize: aws.Int32(20),
		ScalingConfig:  v1alpha1.ScalingConfig{MinSize: 1, MaxSize: 3, DesiredSize: aws.Int32(2)},
		Labels:         map[string]string{"role": "worker"},
		Taints:         []v1alpha1.NodeTaint{{Key: "dedicated", Value: aws.String("a"), Effect: "NO_SCHEDULE"}},
		UpdateConfig:   &v1alpha1.NodegroupUpdateConfig{MaxUnavailable: aws.Int32(1)},
		Version:        aws.String("1.33"),
		ReleaseVersion: aws.String("1.33.0-1"),
		Tags:           map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(n)
	}
	return n
}

type awsModifier func(*types.Nodegroup)

func awsNodegroup(m ...awsModifier) *types.Nodegroup {
	n := &types.Nodegroup{
		NodegroupName: aws.String(name), ClusterName: aws.String(clusterName), NodegroupArn: aws.String(arn), Status: types.NodegroupStatusActive,
		NodeRole: aws.String(roleARN), Subnets: []string{"subnet-b", "subnet-a"}, InstanceTypes: []string{"m5.large"},
		AmiType: types.AMITypesAl2023X8664Standard, CapacityType: types.CapacityTypesOnDemand, DiskSize: aws.Int32(20),
		ScalingConfig: &types.NodegroupScalingConfig{MinSize: aws.Int32(1), MaxSize: aws.Int32(3), DesiredSize: aws.Int32(2)},
		Labels:        map[string]string{"role": "worker"},
		Taints:        []types.Taint{{Key: aws.String("dedicated"), Value: aws.String("a"), Effect: types.TaintEffectNoSchedule}},
		UpdateConfig:  &types.NodegroupUpdateConfig{MaxUnavailable: aws.Int32(1)},
		Version:       aws.String("1.33"), ReleaseVersion: aws.String("1.33.0-1"),
		Resources: &types.NodegroupResources{AutoScalingGroups: []types.AutoScalingGroup{{Name: aws.String("asg-1")}}},
		Tags:      map[string]string{"team": "platform"},
	}
	for _, f := range m {
		f(n)
	}
	return n
}

func describe(n *types.Nodegroup) map[string]any {
	return map[string]any{"DescribeNodegroup": &eks.DescribeNodegroupOutput{Nodegroup: n}}
}

// kind is what the cases every EKS kind's tests share need to know.
var kind = eksfake.Kind[*v1alpha1.Nodegroup, *types.Nodegroup]{What: "EKS node group", New: func() *v1alpha1.Nodegroup { return nodegroup() },
	Client: func(api *eksfake.API, o *types.Nodegroup) mr.External[*v1alpha1.Nodegroup] {
		return &external{api: api, observed: o}
	}}

func TestObserve(t *testing.T) {
	type want struct {
		o     managed.ExternalObservation
		err   error
		calls []string
		ready xpv2.Condition
		spec  *v1alpha1.NodegroupParameters
	}
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Nodegroup
		api    *eksfake.API
		want   want
	}{
		"NoExternalName": {
			reason: "Without an external name nothing is read.",
			cr:     nodegroup(func(n *v1alpha1.Nodegroup) { meta.SetExternalName(n, "") }),
			api:    &eksfake.API{},
		},
		"NoCluster": {
			reason: "Without a cluster name nothing is read.",
			cr:     nodegroup(func(n *v1alpha1.Nodegroup) { n.Spec.ForProvider.ClusterName = nil }),
			api:    &eksfake.API{},
			want:   want{err: errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector")},
		},
		"NotFound": {
			reason: "A missing node group does not exist.",
			cr:     nodegroup(),
			api:    eksfake.New(nil, map[string]error{"DescribeNodegroup": awsfake.APIError("EKS", http.StatusNotFound, "ResourceNotFoundException")}),
			want:   want{calls: []string{"DescribeNodegroup"}},
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     nodegroup(),
			api:    eksfake.New(nil, map[string]error{"DescribeNodegroup": errBoom}),
			want:   want{calls: []string{"DescribeNodegroup"}, err: errors.Wrap(errBoom, "cannot describe EKS node group")},
		},
		"UpToDate": {
			reason: "A node group as specified is up to date; subnet order does not matter.",
			cr:     nodegroup(),
			api:    eksfake.New(describe(awsNodegroup()), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"DescribeNodegroup"}, ready: xpv2.Available()},
		},
		"SetsReordered": {
			reason: "Subnets and taints are sets: AWS listing them in another order is no diff.",
			cr: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Spec.ForProvider.Subnets = []string{"subnet-c", "subnet-a", "subnet-b"}
				n.Spec.ForProvider.Taints = []v1alpha1.NodeTaint{{Key: "gpu", Effect: "NO_EXECUTE"}, {Key: "dedicated", Value: aws.String("a"), Effect: "NO_SCHEDULE"}}
			}),
			api: eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) {
				n.Subnets = []string{"subnet-a", "subnet-b", "subnet-c"}
				n.Taints = append(n.Taints, types.Taint{Key: aws.String("gpu"), Effect: types.TaintEffectNoExecute})
			})), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"DescribeNodegroup"}, ready: xpv2.Available()},
		},
		"TaintDiffers": {
			reason: "A taint AWS does not have is a diff, whatever the order.",
			cr: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Spec.ForProvider.Taints = []v1alpha1.NodeTaint{{Key: "gpu", Effect: "NO_SCHEDULE"}, {Key: "dedicated", Value: aws.String("a"), Effect: "NO_SCHEDULE"}}
			}),
			api: eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) {
				n.Taints = append(n.Taints, types.Taint{Key: aws.String("gpu"), Effect: types.TaintEffectNoExecute})
			})), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, calls: []string{"DescribeNodegroup"}, ready: xpv2.Available()},
		},
		"DesiredSizeUnmanaged": {
			reason: "An omitted desiredSize ignores AWS's value and is not late-initialized.",
			cr:     nodegroup(func(n *v1alpha1.Nodegroup) { n.Spec.ForProvider.ScalingConfig.DesiredSize = nil }),
			api:    eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) { n.ScalingConfig.DesiredSize = aws.Int32(3) })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"DescribeNodegroup"}, ready: xpv2.Available()},
		},
		"DesiredSizeDrift": {
			reason: "A set desiredSize is enforced.",
			cr:     nodegroup(),
			api:    eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) { n.ScalingConfig.DesiredSize = aws.Int32(3) })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: false}, calls: []string{"DescribeNodegroup"}, ready: xpv2.Available()},
		},
		"Creating": {
			reason: "A CREATING node group is Creating.",
			cr:     nodegroup(),
			api:    eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) { n.Status = types.NodegroupStatusCreating })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"DescribeNodegroup"}, ready: xpv2.Creating()},
		},
		"Updating": {
			reason: "An UPDATING node group is Ready=False Updating.",
			cr:     nodegroup(),
			api:    eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) { n.Status = types.NodegroupStatusUpdating })), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"DescribeNodegroup"},
				ready: eksupdate.Updating("an update of the node group is in progress; further changes wait until it is ACTIVE")},
		},
		"UpdatingOwn": {
			reason: "An UPDATING node group whose update the provider sent names that update.",
			cr: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Status.AtProvider.LastUpdate = &v1alpha1.LastUpdate{ID: "u-2", Type: "configuration", Request: "fp"}
			}),
			api: eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) { n.Status = types.NodegroupStatusUpdating })), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"DescribeNodegroup"},
				ready: eksupdate.Updating("the configuration update u-2 of the node group is in progress; further changes wait until it is ACTIVE")},
		},
		"Deleting": {
			reason: "A DELETING node group is Deleting and not compared.",
			cr:     nodegroup(func(n *v1alpha1.Nodegroup) { n.Spec.ForProvider.ScalingConfig.MaxSize = 9 }),
			api:    eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) { n.Status = types.NodegroupStatusDeleting })), nil),
			want:   want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"DescribeNodegroup"}, ready: xpv2.Deleting()},
		},
		"Degraded": {
			reason: "A DEGRADED node group is Unavailable naming the status.",
			cr:     nodegroup(),
			api:    eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) { n.Status = types.NodegroupStatusDegraded })), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true}, calls: []string{"DescribeNodegroup"},
				ready: xpv2.Unavailable().WithMessage("EKS node group status is DEGRADED")},
		},
		"LateInitialize": {
			reason: "Unset fields are copied from AWS, except desiredSize and the release version (EKS moves it on upgrades).",
			cr: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Spec.ForProvider = v1alpha1.NodegroupParameters{ClusterName: aws.String(clusterName), NodeRole: aws.String(roleARN),
					Subnets: []string{"subnet-a", "subnet-b"}, ScalingConfig: v1alpha1.ScalingConfig{MinSize: 1, MaxSize: 3},
					LaunchTemplate: &v1alpha1.LaunchTemplate{Name: aws.String("lt")}}
			}),
			api: eksfake.New(describe(awsNodegroup(func(n *types.Nodegroup) {
				n.LaunchTemplate = &types.LaunchTemplateSpecification{Name: aws.String("lt"), Id: aws.String("lt-1"), Version: aws.String("4")}
			})), nil),
			want: want{o: managed.ExternalObservation{ResourceExists: true, ResourceUpToDate: true, ResourceLateInitialized: true}, calls: []string{"DescribeNodegroup"}, ready: xpv2.Available(),
				spec: &v1alpha1.NodegroupParameters{ClusterName: aws.String(clusterName), NodeRole: aws.String(roleARN),
					Subnets: []string{"subnet-a", "subnet-b"}, InstanceTypes: []string{"m5.large"}, AMIType: aws.String("AL2023_x86_64_STANDARD"),
					CapacityType: aws.String("ON_DEMAND"), DiskSize: aws.Int32(20),
					ScalingConfig:  v1alpha1.ScalingConfig{MinSize: 1, MaxSize: 3},
					Labels:         map[string]string{"role": "worker"},
					Taints:         []v1alpha1.NodeTaint{{Key: "dedicated", Value: aws.String("a"), Effect: "NO_SCHEDULE"}},
					UpdateConfig:   &v1alpha1.NodegroupUpdateConfig{MaxUnavailable: aws.Int32(1)},
					Version:        aws.String("1.33"),
					LaunchTemplate: &v1alpha1.LaunchTemplate{Name: aws.String("lt"), Version: aws.String("4")},
					Tags:           map[string]string{"team": "platform"}}},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			e := &external{api: tc.api}
			got, err := e.Observe(context.Background(), tc.cr)
			tc.api.Check(t, tc.reason, "Observe", tc.want.err, err, tc.want.calls)
			got.Diff = ""
			if diff := cmp.Diff(tc.want.o, got); diff != "" {
				t.Errorf("%s\nObserve(): -want, +got:\n%s", tc.reason, diff)
			}
			if c := tc.cr.GetCondition(xpv2.TypeReady); tc.want.ready.Type != "" && !c.Equal(tc.want.ready) {
				t.Errorf("%s\nReady: want %+v, got %+v", tc.reason, tc.want.ready, c)
			}
			if tc.want.spec != nil {
				if diff := cmp.Diff(tc.want.spec, &tc.cr.Spec.ForProvider); diff != "" {
					t.Errorf("%s\nspec: -want, +got:\n%s", tc.reason, diff)
				}
			}
		})
	}
	cr := nodegroup()
	if _, err := (&external{api: eksfake.New(describe(awsNodegroup()), nil)}).Observe(context.Background(), cr); err != nil {
		t.Fatal(err)
	}
	wantObs := v1alpha1.NodegroupObservation{ARN: arn, Status: "ACTIVE", DesiredSize: 2, AutoScalingGroups: []string{"asg-1"}}
	if diff := cmp.Diff(wantObs, cr.Status.AtProvider); diff != "" {
		t.Errorf("atProvider: -want, +got:\n%s", diff)
	}
}

func TestCreate(t *testing.T) {
	cases := map[string]struct {
		reason string
		cr     *v1alpha1.Nodegroup
		api    *eksfake.API
		want   error
		in     *eks.CreateNodegroupInput
	}{
		"Success": {
			reason: "Everything CreateNodegroup accepts is sent.",
			cr: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Spec.ForProvider.LaunchTemplate = &v1alpha1.LaunchTemplate{ID: aws.String("lt-1"), Version: aws.String("2")}
			}),
			api: &eksfake.API{},
			in: &eks.CreateNodegroupInput{ClusterName: aws.String(clusterName), NodegroupName: aws.String(name), NodeRole: aws.String(roleARN),
				Subnets: []string{"subnet-a", "subnet-b"}, InstanceTypes: []string{"m5.large"}, DiskSize: aws.Int32(20),
				Labels: map[string]string{"role": "worker"}, Version: aws.String("1.33"), ReleaseVersion: aws.String("1.33.0-1"),
				Tags:          map[string]string{"team": "platform"},
				ScalingConfig: &types.NodegroupScalingConfig{MinSize: aws.Int32(1), MaxSize: aws.Int32(3), DesiredSize: aws.Int32(2)},
				Taints:        []types.Taint{{Key: aws.String("dedicated"), Value: aws.String("a"), Effect: types.TaintEffectNoSchedule}},
				UpdateConfig:  &types.NodegroupUpdateConfig{MaxUnavailable: aws.Int32(1)},
				AmiType:       types.AMITypesAl2023X8664Standard, CapacityType: types.CapacityTypesOnDemand,
				LaunchTemplate: &types.LaunchTemplateSpecification{Id: aws.String("lt-1"), Version: aws.String("2")}},
		},
		"NoCluster": {
			reason: "Without a cluster nothing is created.",
			cr:     nodegroup(func(n *v1alpha1.Nodegroup) { n.Spec.ForProvider.ClusterName = nil }),
			api:    &eksfake.API{},
			want:   errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector"),
		},
		"NoRole": {
			reason: "Without a node role nothing is created.",
			cr:     nodegroup(func(n *v1alpha1.Nodegroup) { n.Spec.ForProvider.NodeRole = nil }),
			api:    &eksfake.API{},
			want:   errors.New("spec.forProvider.nodeRole is not set: set it, or reference a Role with nodeRoleRef or nodeRoleSelector"),
		},
		"AlreadyExists": {
			reason: "A retried create is not an error.",
			cr:     nodegroup(),
			api:    eksfake.New(nil, map[string]error{"CreateNodegroup": awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")}),
		},
		"Error": {
			reason: "Other errors are wrapped.",
			cr:     nodegroup(),
			api:    eksfake.New(nil, map[string]error{"CreateNodegroup": errBoom}),
			want:   errors.Wrap(errBoom, "cannot create EKS node group"),
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			_, err := (&external{api: tc.api}).Create(context.Background(), tc.cr)
			tc.api.CheckOne(t, tc.reason, "Create", tc.want, err, tc.in)
		})
	}
}

func TestUpdate(t *testing.T) {
	type want = eksfake.Want
	cn, ng := aws.String(clusterName), aws.String(name)
	scaleIn := &eks.UpdateNodegroupConfigInput{ClusterName: cn, NodegroupName: ng,
		ScalingConfig: &types.NodegroupScalingConfig{MinSize: aws.Int32(1), MaxSize: aws.Int32(5), DesiredSize: aws.Int32(2)}}
	sentAt := metav1.NewTime(time.Now().Add(-time.Minute).Truncate(time.Second))
	kind.TestUpdate(t, map[string]eksfake.UpdateCase[*v1alpha1.Nodegroup, *types.Nodegroup]{
		"NotActive": {
			Reason:   "A node group that is not ACTIVE is left alone.",
			CR:       nodegroup(func(n *v1alpha1.Nodegroup) { n.Spec.ForProvider.ScalingConfig.MaxSize = 9 }),
			Observed: awsNodegroup(func(n *types.Nodegroup) { n.Status = types.NodegroupStatusUpdating }),
			API:      &eksfake.API{},
		},
		"NothingToDo": {
			Reason: "An up-to-date node group gets no call.", CR: nodegroup(), Observed: awsNodegroup(), API: &eksfake.API{},
		},
		"Version": {
			Reason: "A version change is one UpdateNodegroupVersion, before any config change, without a release version when the spec has none (EKS picks the version's latest).",
			CR: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Spec.ForProvider.Version = aws.String("1.34")
				n.Spec.ForProvider.ReleaseVersion = nil
				n.Spec.ForProvider.ScalingConfig.MaxSize = 9
			}),
			Observed: awsNodegroup(),
			API:      &eksfake.API{},
			Want: want{Calls: []string{"UpdateNodegroupVersion"}, Inputs: []any{&eks.UpdateNodegroupVersionInput{ClusterName: cn, NodegroupName: ng,
				Version: aws.String("1.34")}}},
		},
		"VersionAndRelease": {
			Reason: "A version and release version changed together are one UpdateNodegroupVersion with both.",
			CR: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Spec.ForProvider.Version = aws.String("1.34")
				n.Spec.ForProvider.ReleaseVersion = aws.String("1.34.0-1")
			}),
			Observed: awsNodegroup(),
			API:      &eksfake.API{},
			Want: want{Calls: []string{"UpdateNodegroupVersion"}, Inputs: []any{&eks.UpdateNodegroupVersionInput{ClusterName: cn, NodegroupName: ng,
				Version: aws.String("1.34"), ReleaseVersion: aws.String("1.34.0-1")}}},
		},
		"LaunchTemplateVersion": {
			Reason: "A launch template version change is an UpdateNodegroupVersion.",
			CR: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Spec.ForProvider.LaunchTemplate = &v1alpha1.LaunchTemplate{ID: aws.String("lt-1"), Version: aws.String("3")}
			}),
			Observed: awsNodegroup(func(n *types.Nodegroup) {
				n.LaunchTemplate = &types.LaunchTemplateSpecification{Id: aws.String("lt-1"), Version: aws.String("2")}
			}),
			API: &eksfake.API{},
			Want: want{Calls: []string{"UpdateNodegroupVersion"}, Inputs: []any{&eks.UpdateNodegroupVersionInput{ClusterName: cn, NodegroupName: ng,
				Version: aws.String("1.33"), ReleaseVersion: aws.String("1.33.0-1"), LaunchTemplate: &types.LaunchTemplateSpecification{Id: aws.String("lt-1"), Version: aws.String("3")}}}},
		},
		"VersionError": {
			Reason:   "A version update error is wrapped.",
			CR:       nodegroup(func(n *v1alpha1.Nodegroup) { n.Spec.ForProvider.ReleaseVersion = aws.String("1.33.0-2") }),
			Observed: awsNodegroup(),
			API:      eksfake.New(nil, map[string]error{"UpdateNodegroupVersion": errBoom}),
			Want: want{Calls: []string{"UpdateNodegroupVersion"}, Inputs: []any{&eks.UpdateNodegroupVersionInput{ClusterName: cn, NodegroupName: ng,
				Version: aws.String("1.33"), ReleaseVersion: aws.String("1.33.0-2")}}, Err: errors.Wrap(errBoom, "cannot update the version of the EKS node group")},
		},
		"Config": {
			Reason: "Scaling, labels, taints and update config that differ go in one UpdateNodegroupConfig.",
			CR: nodegroup(func(n *v1alpha1.Nodegroup) {
				p := &n.Spec.ForProvider
				p.ScalingConfig = v1alpha1.ScalingConfig{MinSize: 1, MaxSize: 4, DesiredSize: aws.Int32(3)}
				p.Labels = map[string]string{"role": "gpu", "tier": "b"}
				p.Taints = []v1alpha1.NodeTaint{{Key: "gpu", Effect: "NO_EXECUTE"}}
				p.UpdateConfig = &v1alpha1.NodegroupUpdateConfig{MaxUnavailablePercentage: aws.Int32(20)}
			}),
			Observed: awsNodegroup(func(n *types.Nodegroup) { n.Labels["old"] = "x" }),
			API:      &eksfake.API{},
			Want: want{Calls: []string{"UpdateNodegroupConfig"}, Inputs: []any{&eks.UpdateNodegroupConfigInput{ClusterName: cn, NodegroupName: ng,
				ScalingConfig: &types.NodegroupScalingConfig{MinSize: aws.Int32(1), MaxSize: aws.Int32(4), DesiredSize: aws.Int32(3)},
				Labels:        &types.UpdateLabelsPayload{AddOrUpdateLabels: map[string]string{"role": "gpu", "tier": "b"}, RemoveLabels: []string{"old"}},
				Taints: &types.UpdateTaintsPayload{AddOrUpdateTaints: []types.Taint{{Key: aws.String("gpu"), Effect: types.TaintEffectNoExecute}},
					RemoveTaints: []types.Taint{{Key: aws.String("dedicated"), Effect: types.TaintEffectNoSchedule}}},
				UpdateConfig: &types.NodegroupUpdateConfig{MaxUnavailablePercentage: aws.Int32(20)},
			}}},
		},
		"ScalingWithoutDesired": {
			Reason: "With desiredSize omitted, a scaling update never sends it.",
			CR: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Spec.ForProvider.ScalingConfig = v1alpha1.ScalingConfig{MinSize: 1, MaxSize: 5}
			}),
			Observed: awsNodegroup(),
			API:      &eksfake.API{},
			Want: want{Calls: []string{"UpdateNodegroupConfig"}, Inputs: []any{&eks.UpdateNodegroupConfigInput{ClusterName: cn, NodegroupName: ng,
				ScalingConfig: &types.NodegroupScalingConfig{MinSize: aws.Int32(1), MaxSize: aws.Int32(5)}}}},
		},
		"FailedNotResent": {
			Reason: "The same configuration update that EKS failed is not sent again; the error keeps AWS's details.",
			CR: nodegroup(func(n *v1alpha1.Nodegroup) {
				n.Spec.ForProvider.ScalingConfig.MaxSize = 5
				n.Status.AtProvider.LastUpdate = &v1alpha1.LastUpdate{ID: "u-1", Type: "configuration", Request: eksupdate.Fingerprint(scaleIn), Time: sentAt}
			}),
			Observed: awsNodegroup(),
			API: eksfake.New(map[string]any{"DescribeUpdate": &eks.DescribeUpdateOutput{Update: &types.Update{Status: types.UpdateStatusFailed,
				Errors: []types.ErrorDetail{{ErrorCode: types.ErrorCodePodEvictionFailure, ErrorMessage: aws.String("PDB blocks eviction")}}}}}, nil),
			Want: want{Calls: []string{"DescribeUpdate"}, Inputs: []any{&eks.DescribeUpdateInput{Name: cn, NodegroupName: ng, UpdateId: aws.String("u-1")}},
				Err: errors.Errorf("the configuration update u-1 sent at %s failed: PodEvictionFailure: PDB blocks eviction; the same request is sent again after %s, or at once when the spec changes",
					sentAt.UTC().Format(time.RFC3339), sentAt.Add(eksupdate.RetryAfter).UTC().Format(time.RFC3339))},
		},
		"ConfigError": {
			Reason:   "A config update error is wrapped.",
			CR:       nodegroup(func(n *v1alpha1.Nodegroup) { n.Spec.ForProvider.ScalingConfig.MaxSize = 5 }),
			Observed: awsNodegroup(),
			API:      eksfake.New(nil, map[string]error{"UpdateNodegroupConfig": errBoom}),
			Want: want{Calls: []string{"UpdateNodegroupConfig"}, Inputs: []any{&eks.UpdateNodegroupConfigInput{ClusterName: cn, NodegroupName: ng,
				ScalingConfig: &types.NodegroupScalingConfig{MinSize: aws.Int32(1), MaxSize: aws.Int32(5), DesiredSize: aws.Int32(2)}}},
				Err: errors.Wrap(errBoom, "cannot update the configuration of the EKS node group")},
		},
	})
}

func TestUpdateTags(t *testing.T) {
	kind.TestUpdateTags(t, arn,
		func(tags map[string]string) *types.Nodegroup {
			return awsNodegroup(func(o *types.Nodegroup) { o.Tags = tags })
		})
}

func TestDelete(t *testing.T) {
	inUse := awsfake.APIError("EKS", http.StatusConflict, "ResourceInUseException")
	kind.TestDelete(t, "DeleteNodegroup", &eks.DeleteNodegroupInput{ClusterName: aws.String(clusterName), NodegroupName: aws.String(name)},
		"cannot delete EKS node group", map[string]eksfake.DeleteCase[*v1alpha1.Nodegroup]{
			"InUse": {Reason: "A busy node group is retried.", CR: nodegroup(), API: eksfake.New(nil, map[string]error{"DeleteNodegroup": inUse}), Calls: []string{"DeleteNodegroup"},
				Want: errors.Wrap(inUse, "cannot delete EKS node group yet (an update or deletion is in progress); the deletion is retried")},
			"NoCluster": {Reason: "Without a cluster name nothing is deleted.", CR: nodegroup(func(n *v1alpha1.Nodegroup) { n.Spec.ForProvider.ClusterName = nil }), API: &eksfake.API{},
				Want: errors.New("spec.forProvider.clusterName is not set: set it, or reference a Cluster with clusterNameRef or clusterNameSelector")},
		})
}
