package cluster

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func metav1Now() metav1.Time { return metav1.Now() }
