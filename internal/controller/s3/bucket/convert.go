package bucket

import (
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
)

// This file converts between the Bucket's spec and the S3 API's types. The
// "from" functions build the spec's view of what AWS reports; normalize makes
// the two sides comparable.

func tagSet(tags map[string]string) []types.Tag {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]types.Tag, 0, len(keys))
	for _, k := range keys {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

func fromTagSet(ts []types.Tag) map[string]string {
	out := make(map[string]string, len(ts))
	for _, t := range ts {
		out[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return out
}

func encryptionConfig(e *v1alpha1.ServerSideEncryption) *types.ServerSideEncryptionConfiguration {
	return &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
		ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{
			SSEAlgorithm:   types.ServerSideEncryption(e.SSEAlgorithm),
			KMSMasterKeyID: e.KMSMasterKeyID,
		},
		BucketKeyEnabled: e.BucketKeyEnabled,
	}}}
}

func fromEncryption(c *types.ServerSideEncryptionConfiguration) *v1alpha1.ServerSideEncryption {
	if c == nil || len(c.Rules) == 0 || c.Rules[0].ApplyServerSideEncryptionByDefault == nil {
		return nil
	}
	r := c.Rules[0]
	return &v1alpha1.ServerSideEncryption{
		SSEAlgorithm:     string(r.ApplyServerSideEncryptionByDefault.SSEAlgorithm),
		KMSMasterKeyID:   r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID,
		BucketKeyEnabled: r.BucketKeyEnabled,
	}
}

func lifecycleRules(rules []v1alpha1.LifecycleRule) []types.LifecycleRule {
	out := make([]types.LifecycleRule, 0, len(rules))
	for _, r := range rules {
		lr := types.LifecycleRule{
			ID:     aws.String(r.ID),
			Status: types.ExpirationStatus(r.Status),
			Filter: lifecycleFilter(r.Filter),
		}
		if lr.Status == "" {
			lr.Status = types.ExpirationStatusEnabled
		}
		if e := r.Expiration; e != nil {
			lr.Expiration = &types.LifecycleExpiration{Days: e.Days, ExpiredObjectDeleteMarker: e.ExpiredObjectDeleteMarker}
		}
		for _, t := range r.Transitions {
			lr.Transitions = append(lr.Transitions, types.Transition{Days: aws.Int32(t.Days), StorageClass: types.TransitionStorageClass(t.StorageClass)})
		}
		if e := r.NoncurrentVersionExpiration; e != nil {
			lr.NoncurrentVersionExpiration = &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(e.NoncurrentDays), NewerNoncurrentVersions: e.NewerNoncurrentVersions}
		}
		for _, t := range r.NoncurrentVersionTransitions {
			lr.NoncurrentVersionTransitions = append(lr.NoncurrentVersionTransitions, types.NoncurrentVersionTransition{
				NoncurrentDays: aws.Int32(t.NoncurrentDays), StorageClass: types.TransitionStorageClass(t.StorageClass), NewerNoncurrentVersions: t.NewerNoncurrentVersions,
			})
		}
		if d := r.AbortIncompleteMultipartUploadDays; d != nil {
			lr.AbortIncompleteMultipartUpload = &types.AbortIncompleteMultipartUpload{DaysAfterInitiation: d}
		}
		out = append(out, lr)
	}
	return out
}

// lifecycleFilter returns S3's filter: a single condition stands alone, more
// than one is joined with And. No condition is an empty filter (every object).
func lifecycleFilter(f *v1alpha1.LifecycleFilter) *types.LifecycleRuleFilter {
	out := &types.LifecycleRuleFilter{}
	if f == nil {
		out.Prefix = aws.String("")
		return out
	}
	n := len(f.Tags)
	for _, p := range []bool{f.Prefix != nil, f.ObjectSizeGreaterThan != nil, f.ObjectSizeLessThan != nil} {
		if p {
			n++
		}
	}
	switch {
	case n == 0:
		out.Prefix = aws.String("")
	case n > 1:
		out.And = &types.LifecycleRuleAndOperator{Prefix: f.Prefix, Tags: tagSet(f.Tags), ObjectSizeGreaterThan: f.ObjectSizeGreaterThan, ObjectSizeLessThan: f.ObjectSizeLessThan}
	case f.Prefix != nil:
		out.Prefix = f.Prefix
	case f.ObjectSizeGreaterThan != nil:
		out.ObjectSizeGreaterThan = f.ObjectSizeGreaterThan
	case f.ObjectSizeLessThan != nil:
		out.ObjectSizeLessThan = f.ObjectSizeLessThan
	default:
		ts := tagSet(f.Tags)
		out.Tag = &ts[0]
	}
	return out
}

func fromLifecycleRules(rules []types.LifecycleRule) []v1alpha1.LifecycleRule {
	out := make([]v1alpha1.LifecycleRule, 0, len(rules))
	for _, r := range rules {
		lr := v1alpha1.LifecycleRule{ID: aws.ToString(r.ID), Status: string(r.Status), Filter: fromLifecycleFilter(r.Filter, r.Prefix)} //nolint:staticcheck // Rule-level Prefix is deprecated but still returned for old rules.
		if e := r.Expiration; e != nil {
			lr.Expiration = &v1alpha1.LifecycleExpiration{Days: e.Days, ExpiredObjectDeleteMarker: e.ExpiredObjectDeleteMarker}
		}
		for _, t := range r.Transitions {
			lr.Transitions = append(lr.Transitions, v1alpha1.LifecycleTransition{Days: aws.ToInt32(t.Days), StorageClass: string(t.StorageClass)})
		}
		if e := r.NoncurrentVersionExpiration; e != nil {
			lr.NoncurrentVersionExpiration = &v1alpha1.NoncurrentVersionExpiration{NoncurrentDays: aws.ToInt32(e.NoncurrentDays), NewerNoncurrentVersions: e.NewerNoncurrentVersions}
		}
		for _, t := range r.NoncurrentVersionTransitions {
			lr.NoncurrentVersionTransitions = append(lr.NoncurrentVersionTransitions, v1alpha1.NoncurrentVersionTransition{
				NoncurrentDays: aws.ToInt32(t.NoncurrentDays), StorageClass: string(t.StorageClass), NewerNoncurrentVersions: t.NewerNoncurrentVersions,
			})
		}
		if a := r.AbortIncompleteMultipartUpload; a != nil {
			lr.AbortIncompleteMultipartUploadDays = a.DaysAfterInitiation
		}
		out = append(out, lr)
	}
	return out
}

func fromLifecycleFilter(f *types.LifecycleRuleFilter, legacyPrefix *string) *v1alpha1.LifecycleFilter {
	out := &v1alpha1.LifecycleFilter{Prefix: legacyPrefix}
	if f != nil {
		switch {
		case f.And != nil:
			out.Prefix, out.ObjectSizeGreaterThan, out.ObjectSizeLessThan = f.And.Prefix, f.And.ObjectSizeGreaterThan, f.And.ObjectSizeLessThan
			if len(f.And.Tags) > 0 {
				out.Tags = fromTagSet(f.And.Tags)
			}
		case f.Tag != nil:
			out.Tags = fromTagSet([]types.Tag{*f.Tag})
		default:
			if f.Prefix != nil {
				out.Prefix = f.Prefix
			}
			out.ObjectSizeGreaterThan, out.ObjectSizeLessThan = f.ObjectSizeGreaterThan, f.ObjectSizeLessThan
		}
	}
	return out
}

func corsRules(rules []v1alpha1.CORSRule) []types.CORSRule {
	out := make([]types.CORSRule, 0, len(rules))
	for _, r := range rules {
		out = append(out, types.CORSRule{
			ID: r.ID, AllowedMethods: r.AllowedMethods, AllowedOrigins: r.AllowedOrigins,
			AllowedHeaders: r.AllowedHeaders, ExposeHeaders: r.ExposeHeaders, MaxAgeSeconds: r.MaxAgeSeconds,
		})
	}
	return out
}

func fromCORSRules(rules []types.CORSRule) []v1alpha1.CORSRule {
	out := make([]v1alpha1.CORSRule, 0, len(rules))
	for _, r := range rules {
		out = append(out, v1alpha1.CORSRule{
			ID: r.ID, AllowedMethods: r.AllowedMethods, AllowedOrigins: r.AllowedOrigins,
			AllowedHeaders: r.AllowedHeaders, ExposeHeaders: r.ExposeHeaders, MaxAgeSeconds: r.MaxAgeSeconds,
		})
	}
	return out
}

func websiteConfig(w *v1alpha1.Website) *types.WebsiteConfiguration {
	c := &types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String(w.IndexDocument)}}
	if w.ErrorDocument != nil {
		c.ErrorDocument = &types.ErrorDocument{Key: w.ErrorDocument}
	}
	return c
}

func fromWebsite(o *websiteOutput) *v1alpha1.Website {
	if o == nil || o.index == nil {
		return nil
	}
	w := &v1alpha1.Website{IndexDocument: aws.ToString(o.index.Suffix)}
	if o.errorDoc != nil {
		w.ErrorDocument = o.errorDoc.Key
	}
	return w
}

type websiteOutput struct {
	index    *types.IndexDocument
	errorDoc *types.ErrorDocument
}

func publicAccessBlock(p *v1alpha1.PublicAccessBlock) *types.PublicAccessBlockConfiguration {
	return &types.PublicAccessBlockConfiguration{
		BlockPublicAcls: aws.Bool(p.BlockPublicACLs), IgnorePublicAcls: aws.Bool(p.IgnorePublicACLs),
		BlockPublicPolicy: aws.Bool(p.BlockPublicPolicy), RestrictPublicBuckets: aws.Bool(p.RestrictPublicBuckets),
	}
}

func fromPublicAccessBlock(c *types.PublicAccessBlockConfiguration) *v1alpha1.PublicAccessBlock {
	if c == nil {
		return &v1alpha1.PublicAccessBlock{}
	}
	return &v1alpha1.PublicAccessBlock{
		BlockPublicACLs: aws.ToBool(c.BlockPublicAcls), IgnorePublicACLs: aws.ToBool(c.IgnorePublicAcls),
		BlockPublicPolicy: aws.ToBool(c.BlockPublicPolicy), RestrictPublicBuckets: aws.ToBool(c.RestrictPublicBuckets),
	}
}

// normalize rewrites the forms AWS treats as equal to one form, so that
// the spec and AWS's view compare equal when they mean the same: a false
// pointer is unset, an empty prefix or filter is no filter, lifecycle rules
// are a set keyed by ID, an empty tag map is no tags.
func normalize(p *v1alpha1.BucketParameters) {
	if p.Tags != nil && len(p.Tags) == 0 {
		p.Tags = map[string]string{}
	}
	if e := p.ServerSideEncryption; e != nil {
		e.BucketKeyEnabled = falseIsNil(e.BucketKeyEnabled)
		if e.KMSMasterKeyID != nil && *e.KMSMasterKeyID == "" {
			e.KMSMasterKeyID = nil
		}
	}
	if l := p.Lifecycle; l != nil {
		if l.Rules == nil {
			l.Rules = []v1alpha1.LifecycleRule{}
		}
		for i := range l.Rules {
			normalizeRule(&l.Rules[i])
		}
		sort.Slice(l.Rules, func(i, j int) bool { return l.Rules[i].ID < l.Rules[j].ID })
	}
	if c := p.CORS; c != nil && c.Rules == nil {
		c.Rules = []v1alpha1.CORSRule{}
	}
}

func normalizeRule(r *v1alpha1.LifecycleRule) {
	if r.Status == "" {
		r.Status = string(types.ExpirationStatusEnabled)
	}
	if f := r.Filter; f != nil {
		if f.Prefix != nil && *f.Prefix == "" {
			f.Prefix = nil
		}
		if len(f.Tags) == 0 {
			f.Tags = nil
		}
		if f.Prefix == nil && f.Tags == nil && f.ObjectSizeGreaterThan == nil && f.ObjectSizeLessThan == nil {
			r.Filter = nil
		}
	}
	if e := r.Expiration; e != nil {
		e.ExpiredObjectDeleteMarker = falseIsNil(e.ExpiredObjectDeleteMarker)
		if e.Days != nil && *e.Days == 0 {
			e.Days = nil
		}
		if e.Days == nil && e.ExpiredObjectDeleteMarker == nil {
			r.Expiration = nil
		}
	}
	sort.Slice(r.Transitions, func(i, j int) bool { return r.Transitions[i].Days < r.Transitions[j].Days })
	sort.Slice(r.NoncurrentVersionTransitions, func(i, j int) bool {
		return r.NoncurrentVersionTransitions[i].NoncurrentDays < r.NoncurrentVersionTransitions[j].NoncurrentDays
	})
}

func falseIsNil(b *bool) *bool {
	if b == nil || !*b {
		return nil
	}
	return b
}
