package cluster

import (
	"math/rand/v2"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func randFloat() float64 { return rand.Float64() } //nolint:gosec // Jitter needs no secure randomness.

func metav1Now() metav1.Time { return metav1.Now() }
