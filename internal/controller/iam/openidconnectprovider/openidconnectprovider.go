// Package openidconnectprovider is the controller of the IAM
// OpenIDConnectProvider managed resource.
package openidconnectprovider

import (
	"context"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pkg/errors"
	ctrl "sigs.k8s.io/controller-runtime"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/controller"
	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"
	"github.com/crossplane/crossplane-runtime/v2/pkg/reconciler/managed"

	"github.com/kaws-dev/provider-aws/apis/iam/v1alpha1"
	"github.com/kaws-dev/provider-aws/internal/clients/lateinit"
	"github.com/kaws-dev/provider-aws/internal/clients/tags"
	"github.com/kaws-dev/provider-aws/internal/controller/iam/iamkit"
	"github.com/kaws-dev/provider-aws/internal/controller/mr"
)

// Setup adds the OpenIDConnectProvider controller to mgr. Its external name is the ARN AWS assigns, and
// Observe finds a provider by its url without one.
func Setup(mgr ctrl.Manager, o controller.Options) error {
	return iamkit.Setup(mgr, o, &v1alpha1.OpenIDConnectProvider{}, func(api iamkit.API) mr.External[*v1alpha1.OpenIDConnectProvider] { return &external{api: api} }, mr.AssignedID(iamkit.CreationGracePeriod)...)
}

// external reconciles one OpenIDConnectProvider with IAM.
type external struct {
	api iamkit.API

	observed *v1alpha1.OpenIDConnectProviderParameters
}

// hostPath is a provider URL as IAM reports it and puts in the ARN:
// without the https:// scheme and trailing slash.
func hostPath(url string) string {
	return strings.TrimSuffix(strings.TrimPrefix(url, "https://"), "/")
}

// findARN returns the ARN of the provider of a URL, or "" when there is none.
// IAM derives the ARN from the URL, so the list of ARNs is enough.
func (e *external) findARN(ctx context.Context, url string) (string, error) {
	out, err := e.api.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{})
	if err != nil {
		return "", errors.Wrap(err, "cannot list IAM OpenID Connect providers to find the provider of the url")
	}
	suffix := ":oidc-provider/" + hostPath(url)
	for _, p := range out.OpenIDConnectProviderList {
		if strings.HasSuffix(aws.ToString(p.Arn), suffix) {
			return aws.ToString(p.Arn), nil
		}
	}
	return "", nil
}

// Observe reads the provider with GetOpenIDConnectProvider. Without an
// external name, it looks for a provider of the url and adopts it.
func (e *external) Observe(ctx context.Context, cr *v1alpha1.OpenIDConnectProvider) (managed.ExternalObservation, error) {
	p := &cr.Spec.ForProvider
	arn := meta.GetExternalName(cr)
	adopted := false
	if arn == "" {
		a, err := e.findARN(ctx, p.URL)
		if err != nil || a == "" {
			return managed.ExternalObservation{}, err
		}
		arn, adopted = a, true
	}
	out, err := e.api.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
	if iamkit.IsNotFound(err) {
		return managed.ExternalObservation{ResourceExists: false}, nil
	}
	if err != nil {
		return managed.ExternalObservation{}, errors.Wrap(err, "cannot get IAM OpenID Connect provider")
	}
	if u := aws.ToString(out.Url); u != "" && hostPath(u) != hostPath(p.URL) {
		return managed.ExternalObservation{}, errors.Errorf("OpenID Connect provider %s has url https://%s, not %s: url is immutable, set spec.forProvider.url to https://%s (or create a new OpenIDConnectProvider)", arn, hostPath(u), p.URL, hostPath(u))
	}
	o := &v1alpha1.OpenIDConnectProviderParameters{
		URL:            p.URL,
		ClientIDList:   out.ClientIDList,
		ThumbprintList: out.ThumbprintList,
		Tags:           iamkit.FromTags(out.Tags),
	}
	e.observed = o
	if adopted {
		meta.SetExternalName(cr, arn)
	}
	cr.Status.AtProvider.ARN = arn
	cr.Status.AtProvider.CreateDate = iamkit.Date(out.CreateDate)
	cr.SetConditions(xpv2.Available())

	li := lateInitialize(p, o) || adopted
	diff := iamkit.Diff(comparable(p, o))
	return iamkit.Observed(diff, li), nil
}

// lateInitialize copies what AWS has into the fields the user left unset.
func lateInitialize(p, o *v1alpha1.OpenIDConnectProviderParameters) bool {
	return lateinit.Any(
		lateinit.Slice(&p.ClientIDList, o.ClientIDList),
		lateinit.Slice(&p.ThumbprintList, o.ThumbprintList),
		lateinit.Map(&p.Tags, tags.User(o.Tags)),
	)
}

// sorted returns a sorted copy of a set; thumbprints are hex and
// compared without regard to case.
func sorted(s []string, lower bool) []string {
	out := make([]string, 0, len(s))
	for _, v := range s {
		if lower {
			v = strings.ToLower(v)
		}
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

func comparable(desired, observed *v1alpha1.OpenIDConnectProviderParameters) (*v1alpha1.OpenIDConnectProviderParameters, *v1alpha1.OpenIDConnectProviderParameters) {
	d, o := desired.DeepCopy(), observed.DeepCopy()
	o.URL = d.URL
	d.ClientIDList, o.ClientIDList = sorted(d.ClientIDList, false), sorted(o.ClientIDList, false)
	d.ThumbprintList, o.ThumbprintList = sorted(d.ThumbprintList, true), sorted(o.ThumbprintList, true)
	if desired.ClientIDList == nil {
		o.ClientIDList = d.ClientIDList
	}
	if desired.ThumbprintList == nil {
		o.ThumbprintList = d.ThumbprintList
	}
	if tags.UpToDate(d.Tags, o.Tags) {
		o.Tags = d.Tags
	}
	return d, o
}

// Create creates the provider and records its ARN as the external name.
func (e *external) Create(ctx context.Context, cr *v1alpha1.OpenIDConnectProvider) (managed.ExternalCreation, error) {
	p := &cr.Spec.ForProvider
	out, err := e.api.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{
		Url: aws.String(p.URL), ClientIDList: p.ClientIDList, ThumbprintList: p.ThumbprintList, Tags: iamkit.Tags(p.Tags),
	})
	if iamkit.IsAlreadyExists(err) {
		// A retried create: the next observation finds it by url.
		return managed.ExternalCreation{}, nil
	}
	if err != nil {
		return managed.ExternalCreation{}, errors.Wrap(err, "cannot create IAM OpenID Connect provider")
	}
	meta.SetExternalName(cr, aws.ToString(out.OpenIDConnectProviderArn))
	return managed.ExternalCreation{}, nil
}

// Update replaces the thumbprints, adds and removes client IDs and syncs tags.
func (e *external) Update(ctx context.Context, cr *v1alpha1.OpenIDConnectProvider) (managed.ExternalUpdate, error) { //nolint:gocyclo // One branch per field.
	if e.observed == nil {
		return managed.ExternalUpdate{}, mr.NotObserved("IAM OpenID Connect provider")
	}
	p := &cr.Spec.ForProvider
	arn := aws.String(meta.GetExternalName(cr))
	d, o := comparable(p, e.observed)
	if !cmp.Equal(d.ThumbprintList, o.ThumbprintList, cmpopts.EquateEmpty()) {
		if _, err := e.api.UpdateOpenIDConnectProviderThumbprint(ctx, &iam.UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: arn, ThumbprintList: p.ThumbprintList}); err != nil {
			return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the thumbprints of the IAM OpenID Connect provider")
		}
	}
	if !cmp.Equal(d.ClientIDList, o.ClientIDList, cmpopts.EquateEmpty()) {
		have, want := set(o.ClientIDList), set(d.ClientIDList)
		for _, id := range d.ClientIDList {
			if have[id] {
				continue
			}
			if _, err := e.api.AddClientIDToOpenIDConnectProvider(ctx, &iam.AddClientIDToOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, ClientID: aws.String(id)}); err != nil {
				return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot add client ID %q to the IAM OpenID Connect provider", id)
			}
		}
		for _, id := range o.ClientIDList {
			if want[id] {
				continue
			}
			if _, err := e.api.RemoveClientIDFromOpenIDConnectProvider(ctx, &iam.RemoveClientIDFromOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, ClientID: aws.String(id)}); err != nil {
				return managed.ExternalUpdate{}, errors.Wrapf(err, "cannot remove client ID %q from the IAM OpenID Connect provider", id)
			}
		}
	}
	err := iamkit.SyncTags(p.Tags, e.observed.Tags, func(ts []types.Tag) error {
		_, err := e.api.TagOpenIDConnectProvider(ctx, &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, Tags: ts})
		return err
	}, func(keys []string) error {
		_, err := e.api.UntagOpenIDConnectProvider(ctx, &iam.UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: arn, TagKeys: keys})
		return err
	})
	return managed.ExternalUpdate{}, errors.Wrap(err, "cannot update the tags of the IAM OpenID Connect provider")
}

func set(s []string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, v := range s {
		m[v] = true
	}
	return m
}

// Delete deletes the provider; already gone is success.
func (e *external) Delete(ctx context.Context, cr *v1alpha1.OpenIDConnectProvider) (managed.ExternalDelete, error) {
	cr.SetConditions(xpv2.Deleting())
	arn := meta.GetExternalName(cr)
	if arn == "" {
		return managed.ExternalDelete{}, nil
	}
	_, err := e.api.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
	if err != nil && !iamkit.IsNotFound(err) {
		return managed.ExternalDelete{}, errors.Wrap(err, "cannot delete IAM OpenID Connect provider")
	}
	return managed.ExternalDelete{}, nil
}
