package main

import (
	"bufio"
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/kaws-dev/provider-aws/cluster/local"
)

// metrics is one reading of the provider's Prometheus metrics.
type metrics struct {
	// aws counts AWS calls by operation ("Op" or "Op (error)").
	aws map[string]int
	// awsByService counts AWS calls by service ID ("S3", "SQS", ...).
	awsByService map[string]int
	// kube counts Kubernetes API requests by "verb resource".
	kube map[string]int
	// gauge holds the unlabelled samples (go_goroutines, ...).
	gauge map[string]float64
}

var (
	sample = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? ([0-9.eE+-]+)$`)
	label  = regexp.MustCompile(`(\w+)="([^"]*)"`)
)

// scrape reads the provider's metrics.
func scrape(ctx context.Context, s *local.Stack) (metrics, error) {
	text, err := s.ProviderMetrics(ctx)
	if err != nil {
		return metrics{}, err
	}
	return parseMetrics(text)
}

func parseMetrics(text string) (metrics, error) {
	m := metrics{aws: map[string]int{}, awsByService: map[string]int{}, kube: map[string]int{}, gauge: map[string]float64{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	for sc.Scan() {
		s := sample.FindStringSubmatch(sc.Text())
		if s == nil {
			continue
		}
		v, _ := strconv.ParseFloat(s[3], 64)
		labels := map[string]string{}
		for _, l := range label.FindAllStringSubmatch(s[2], -1) {
			labels[l[1]] = l[2]
		}
		switch s[1] {
		case "kaws_aws_api_calls_total":
			key := labels["operation"]
			if labels["outcome"] != "success" {
				key += " (" + labels["outcome"] + ")"
			}
			m.aws[key] += int(v)
			m.awsByService[labels["service"]] += int(v)
		case "kaws_kube_api_requests_total":
			m.kube[labels["verb"]+" "+labels["resource"]] += int(v)
		default:
			if s[2] == "" {
				m.gauge[s[1]] = v
			}
		}
	}
	return m, sc.Err()
}
