// Package internetgateway is the controller of the EC2 InternetGateway
// managed resource.
package internetgateway

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients"
	"github.com/kaws-dev/provider-aws/internal/clients/awsarn"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/shared"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// EC2's error codes: an unknown gateway, and a gateway that is not attached
// to the VPC a detach names.
const (
	errNotFound    = "InvalidInternetGatewayID.NotFound"
	errNotAttached = "Gateway.NotAttached"
)

// Setup adds the InternetGateway controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return mr.Setup(mgr, o, mr.Kind[*v1alpha1.InternetGateway]{
		GroupVersionKind: v1alpha1.InternetGatewayGroupVersionKind,
		Object:           &v1alpha1.InternetGateway{},
		List:             &v1alpha1.InternetGatewayList{},
		Connector: &mr.Connector[*v1alpha1.InternetGateway]{
			Configs: mr.SharedConfigs(mgr),
			Region:  func(g *v1alpha1.InternetGateway) *string { return g.Spec.ForProvider.Region },
			NewClient: func(cfg *clients.Config, _ *v1alpha1.InternetGateway) managed.TypedExternalClient[*v1alpha1.InternetGateway] {
				return &external{api: NewAPI(cfg), region: cfg.Region}
			},
		},
	},
		// AWS assigns the ID: no NameAsExternalName initializer.
		managed.WithInitializers(),
		// A create that did not record its ID is safe to follow up: Observe
		// finds the gateway by its identity tag instead of creating another.
		managed.WithDeterministicExternalName(true),
		managed.WithCreationGracePeriod(shared.CreationGracePeriod),
	)
}

// external reconciles one InternetGateway with EC2. It lives for one reconcile.
type external struct {
	api    API
	region string

	// observed is what Observe read, so Update and Delete change only what
	// differs.
	observed *state
}

// state is a gateway in comparable form.
type state struct {
	// VPCID is the VPC the gateway is attached (or attaching) to; nil when
	// detached.
	VPCID *string
	Tags  map[string]string
}

// Observe reads the gateway and its attachment with one call (by ID, or by
// identity tag when the ID was never recorded).
func (e *external) Observe(ctx context.Context, cr *v1alpha1.InternetGateway) (managed.ExternalObservation, error) {
	g, adopted, err := e.find(ctx, cr)
	if err != nil || g == nil {
		return managed.ExternalObservation{}, err
	}
	id := aws.ToString(g.InternetGatewayId)
	if adopted {
		meta.SetExternalName(cr, id)
	}
	o := &state{Tags: shared.FromTags(g.Tags)}
	at := v1alpha1.InternetGatewayObservation{InternetGatewayID: id, OwnerID: aws.ToString(g.OwnerId),
		ARN: fmt.Sprintf("arn:%s:ec2:%s:%s:internet-gateway/%s", awsarn.Partition(e.region), e.region, aws.ToString(g.OwnerId), id)}
	for _, a := range g.Attachments {
		// AWS reports an attached gateway as "available".
		if a.State == types.AttachmentStatusDetached || a.State == types.AttachmentStatusDetaching {
			continue
		}
		o.VPCID = a.VpcId
		at.AttachedVPCID, at.AttachmentState = aws.ToString(a.VpcId), string(a.State)
	}
	e.observed = o

	p := &cr.Spec.ForProvider
	lateInitialized := false
	if p.Region == nil {
		p.Region, lateInitialized = aws.String(e.region), true
	}
	if lt := shared.LateInitTags(o.Tags); p.Tags == nil && lt != nil {
		p.Tags, lateInitialized = lt, true
	}
	cr.Status.AtProvider = at

	diff := compare(p, o)
	// Ready once attached as the spec says.
	if aws.ToString(p.VPCID) == aws.ToString(o.VPCID) && at.AttachmentState != string(types.AttachmentStatusAttaching) {
		cr.SetConditions(xpv2.Available())
	} else {
		cr.SetConditions(xpv2.Creating())
	}
	return managed.ExternalObservation{
		ResourceExists:   true,
		ResourceUpToDate: diff == "",
		// An adopted gateway's ID must be saved: the reconciler persists
		// the object when this is true.
		ResourceLateInitialized: lateInitialized || adopted,
		Diff:                    diff,
	}, nil
}

func (e *external) find(ctx context.Context, cr *v1alpha1.InternetGateway) (*types.InternetGateway, bool, error) {
	id := meta.GetExternalName(cr)
	in := &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{id}}
	if id == "" {
		// The provider may have created the gateway and stopped before it
		// recorded the ID: look for the gateway tagged with this object's
		// identity before creating one.
		in = &ec2.DescribeInternetGatewaysInput{Filters: shared.IdentityFilter(cr)}
	}
	out, err := e.api.DescribeInternetGateways(ctx, in)
	if awserr.HasCode(err, errNotFound) {
		return nil, false, nil
	}
	if err != nil {
		if id == "" {
			return nil, false, errors.Wrap(err, "cannot look up internet gateway by its identity tag")
		}
		return nil, false, errors.Wrapf(err, "cannot get internet gateway %s", id)
	}
	if id != "" {
		if len(out.InternetGateways) == 0 {
			return nil, false, nil
		}
		return &out.InternetGateways[0], false, nil
	}
	for i := range out.InternetGateways {
		if shared.HasIdentity(out.InternetGateways[i].Tags, cr) {
			return &out.InternetGateways[i], true, nil
		}
	}
	return nil, false, nil
}

// compare returns a readable diff between AWS (-) and the spec (+), or "".
func compare(p *v1alpha1.InternetGatewayParameters, observed *state) string {
	d := &state{VPCID: p.VPCID, Tags: p.Tags}
	o := *observed
	if shared.TagsUpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	} else {
		o.Tags = shared.LateInitTags(o.Tags)
	}
	return cmp.Diff(&o, d, cmpopts.EquateEmpty())
}

// Create creates the gateway, tagged with the spec's tags and the object's
// identity in the same call, and records its ID. The next reconcile
// attaches it.
func (e *external) Create(ctx context.Context, cr *v1alpha1.InternetGateway) (managed.ExternalCreation, error) {
	out, err := e.api.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{
		TagSpecifications: shared.TagSpecifications(types.ResourceTypeInternetGateway, cr.Spec.ForProvider.Tags, cr),
	})
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create internet gateway")
	}
	meta.SetExternalName(cr, aws.ToString(out.InternetGateway.InternetGatewayId))
	cr.SetConditions(xpv2.Creating())
	return managed.ExternalCreation{}, nil
}

// Update moves the attachment (detach, then attach) and syncs the tags.
func (e *external) Update(ctx context.Context, cr *v1alpha1.InternetGateway) (managed.ExternalUpdate, error) {
	if e.observed == nil {
		return managed.ExternalUpdate{}, errors.New("cannot update internet gateway: it was not observed first")
	}
	id := meta.GetExternalName(cr)
	p, o := &cr.Spec.ForProvider, e.observed
	if want, have := aws.ToString(p.VPCID), aws.ToString(o.VPCID); want != have {
		if have != "" {
			if err := e.detach(ctx, id, have); err != nil {
				return managed.ExternalUpdate{}, err
			}
		}
		if want != "" {
			if _, err := e.api.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(id), VpcId: aws.String(want)}); err != nil {
				return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot attach internet gateway %s to VPC %s", id, want)
			}
		}
	}
	if err := shared.SyncTags(ctx, e.api, id, p.Tags, o.Tags); err != nil {
		return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot update tags of internet gateway %s", id)
	}
	return managed.ExternalUpdate{}, nil
}

// detach detaches the gateway from a VPC; a gateway that is not attached
// (any more) is fine. While instances in the VPC still have public
// addresses, AWS answers DependencyViolation, and the reconciler retries.
func (e *external) detach(ctx context.Context, id, vpc string) error {
	_, err := e.api.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: aws.String(id), VpcId: aws.String(vpc)})
	if err == nil || awserr.HasCode(err, errNotAttached, errNotFound) {
		return nil
	}
	if shared.IsDependencyViolation(err) {
		return errors.Wrapf(err, "cannot detach internet gateway %s from VPC %s: resources in the VPC still use it; the provider retries", id, vpc)
	}
	return errors.Wrapf(err, "cannot detach internet gateway %s from VPC %s", id, vpc)
}

// Delete detaches the gateway, then deletes it.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.InternetGateway) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	id := meta.GetExternalName(cr)
	if e.observed != nil && e.observed.VPCID != nil {
		if err := e.detach(ctx, id, *e.observed.VPCID); err != nil {
			return managed.ExternalDelete{}, err
		}
	}
	_, err := e.api.DeleteInternetGateway(ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String(id)})
	if err == nil || awserr.HasCode(err, errNotFound) {
		return managed.ExternalDelete{}, nil
	}
	return managed.ExternalDelete{}, shared.DeleteError(err, "internet gateway", id)
}

// Disconnect implements managed.TypedExternalClient.
func (e *external) Disconnect(_ context.Context) error { return nil }
