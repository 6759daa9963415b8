package mr

import (
	"testing"
	"time"

	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"

	"github.com/crossplane/crossplane-runtime/v2/pkg/meta"

	"github.com/kaws-dev/provider-aws/apis/s3/v1alpha1"
)

func TestPollHook(t *testing.T) {
	ready := &v1alpha1.Bucket{}
	ready.SetConditions(xpv2.Available())
	creating := &v1alpha1.Bucket{}
	creating.SetConditions(xpv2.Creating())
	bounded := &v1alpha1.Bucket{}
	bounded.SetConditions(xpv2.Available())
	bounded.Name = "bounded"
	bound := func(b *v1alpha1.Bucket) time.Duration {
		if b.Name == "bounded" {
			return 3 * time.Second
		}
		return 0
	}
	annotated := func(b *v1alpha1.Bucket) *v1alpha1.Bucket {
		b = b.DeepCopy()
		meta.AddAnnotations(b, map[string]string{meta.AnnotationKeyPollInterval: "2h"})
		return b
	}
	poll := 10 * time.Minute
	h := pollHook(poll, bound)
	cases := map[string]struct {
		reason   string
		b        *v1alpha1.Bucket
		min, max time.Duration
	}{
		"Ready":    {reason: "A Ready resource waits --poll with jitter.", b: ready, min: 9 * time.Minute, max: 11 * time.Minute},
		"NotReady": {reason: "A resource that is not Ready is observed again soon.", b: creating, min: NotReadyPoll * 9 / 10, max: NotReadyPoll * 11 / 10},
		"Bounded":  {reason: "A kind's bound wins, without jitter.", b: bounded, min: 3 * time.Second, max: 3 * time.Second},
		"AnnotationWinsOverPoll": {reason: "A resource's crossplane.io/poll-interval wins over --poll, without jitter.",
			b: annotated(ready), min: 2 * time.Hour, max: 2 * time.Hour},
		"AnnotationWinsOverNotReady": {reason: "The annotation wins over the short poll of a resource that is not Ready.",
			b: annotated(creating), min: 2 * time.Hour, max: 2 * time.Hour},
		"AnnotationWinsOverBound": {reason: "The annotation wins over a kind's bound.",
			b: annotated(bounded), min: 2 * time.Hour, max: 2 * time.Hour},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := h(tc.b, poll); got < tc.min || got > tc.max {
				t.Errorf("%s\npollHook(...): got %s, want between %s and %s", tc.reason, got, tc.min, tc.max)
			}
		})
	}
}
