// Package internetgateway is the controller of the EC2 InternetGateway
// managed resource.
package internetgateway

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/awsarn"
	"github.com/kaws-dev/provider-aws/internal/clients/awserr"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/ec2/ec2kit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the InternetGateway controller to mgr.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return ec2kit.Setup(mgr, o, &v1alpha1.InternetGateway{}, func(g *v1alpha1.InternetGateway) **string { return &g.Spec.ForProvider.Region },
		func(api ec2kit.API, region string) mr.External[*v1alpha1.InternetGateway] {
			return &external{api: api, region: region}
		})
}

// external reconciles one InternetGateway with EC2. It lives for one reconcile.
type external struct {
	api ec2kit.API
	// region is the region of the client, for the gateway's ARN.
	region string

	// observed is what Observe read, so Update and Delete change only what
	// differs.
	observed *state
}

// lookup finds the gateway of an object: by its ID, else by its identity tag.
func lookup(api ec2kit.API) ec2kit.Lookup[types.InternetGateway] {
	return ec2kit.Lookup[types.InternetGateway]{What: "internet gateway", NotFound: []string{ec2kit.CodeInternetGatewayNotFound},
		Describe: func(ctx context.Context, ids []string, f []types.Filter) ([]types.InternetGateway, error) {
			out, err := api.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: ids, Filters: f})
			return ec2kit.Items(out, err, func(o *ec2.DescribeInternetGatewaysOutput) []types.InternetGateway { return o.InternetGateways })
		},
		ID:   func(g *types.InternetGateway) *string { return g.InternetGatewayId },
		Tags: func(g *types.InternetGateway) []types.Tag { return g.Tags },
	}
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
	g, adopted, err := lookup(e.api).Find(ctx, cr)
	if err != nil || g == nil {
		return managed.ExternalObservation{}, err
	}
	id := aws.ToString(g.InternetGatewayId)
	o := &state{Tags: ec2kit.FromTags(g.Tags)}
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
	lateInitialized := lateinit.Map(&p.Tags, tags.User(o.Tags))
	cr.Status.AtProvider = at

	diff := compare(p, o)
	// Ready once attached as the spec says.
	if aws.ToString(p.VPCID) == aws.ToString(o.VPCID) && at.AttachmentState != string(types.AttachmentStatusAttaching) {
		cr.SetConditions(xpv2.Available())
	} else {
		cr.SetConditions(xpv2.Creating())
	}
	return ec2kit.Observed(diff, lateInitialized, adopted), nil
}

// compare returns a readable diff between AWS (-) and the spec (+), or "".
func compare(p *v1alpha1.InternetGatewayParameters, observed *state) string {
	d := &state{VPCID: p.VPCID, Tags: p.Tags}
	o := *observed
	o.Tags = ec2kit.ObservedTags(d.Tags, o.Tags)
	return ec2kit.Diff(&o, d)
}

// Create creates the gateway, tagged with the spec's tags and the object's
// identity in the same call, and records its ID. The next reconcile
// attaches it.
func (e *external) Create(ctx context.Context, cr *v1alpha1.InternetGateway) (managed.ExternalCreation, error) {
	out, err := e.api.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{
		TagSpecifications: ec2kit.TagSpecifications(types.ResourceTypeInternetGateway, cr.Spec.ForProvider.Tags, cr),
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
		return managed.ExternalUpdate{}, mr.NotObserved("internet gateway")
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
	return managed.ExternalUpdate{}, ec2kit.SyncTags(ctx, e.api, "internet gateway", id, p.Tags, o.Tags)
}

// detach detaches the gateway from a VPC; a gateway that is not attached
// (any more) is fine. While instances in the VPC still have public
// addresses, AWS answers DependencyViolation, and the reconciler retries.
func (e *external) detach(ctx context.Context, id, vpc string) error {
	_, err := e.api.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: aws.String(id), VpcId: aws.String(vpc)})
	if err == nil || awserr.HasCode(err, ec2kit.CodeGatewayNotAttached, ec2kit.CodeInternetGatewayNotFound) {
		return nil
	}
	if ec2kit.IsDependencyViolation(err) {
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
	return managed.ExternalDelete{}, ec2kit.DeleteError(err, "internet gateway", id, ec2kit.CodeInternetGatewayNotFound)
}
