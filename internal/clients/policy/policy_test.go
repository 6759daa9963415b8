package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEqual(t *testing.T) {
	cases := map[string]struct {
		reason string
		a, b   string
		want   bool
	}{
		"KeyOrderAndWhitespace": {
			reason: "Key order and whitespace do not matter.",
			a:      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
			b:      "{\n  \"Statement\": [ {\"Resource\": \"arn:aws:s3:::b/*\", \"Action\": \"s3:GetObject\", \"Effect\": \"Allow\"} ],\n  \"Version\": \"2012-10-17\"\n}",
			want:   true,
		},
		"SingleVersusList": {
			reason: "A single action equals a one-item list; a single statement equals a one-item list.",
			a:      `{"Statement":{"Effect":"Allow","Action":["s3:GetObject"],"Principal":{"AWS":"arn:aws:iam::123456789012:root"}}}`,
			b:      `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Principal":{"AWS":["arn:aws:iam::123456789012:root"]}}]}`,
			want:   true,
		},
		"ActionOrder": {
			reason: "Actions are a set.",
			a:      `{"Statement":[{"Action":["s3:PutObject","s3:GetObject"]}]}`,
			b:      `{"Statement":[{"Action":["s3:GetObject","s3:PutObject"]}]}`,
			want:   true,
		},
		"ConditionValues": {
			reason: "Condition values are sets that may be single strings.",
			a:      `{"Statement":[{"Condition":{"StringEquals":{"aws:SourceAccount":"123"}}}]}`,
			b:      `{"Statement":[{"Condition":{"StringEquals":{"aws:SourceAccount":["123"]}}}]}`,
			want:   true,
		},
		"DifferentEffect": {
			reason: "A different effect is a different policy.",
			a:      `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`,
			b:      `{"Statement":[{"Effect":"Deny","Action":"s3:GetObject"}]}`,
			want:   false,
		},
		"DifferentAction": {
			reason: "A different action set is a different policy.",
			a:      `{"Statement":[{"Action":["s3:GetObject","s3:PutObject"]}]}`,
			b:      `{"Statement":[{"Action":["s3:GetObject"]}]}`,
			want:   false,
		},
		"Invalid": {
			reason: "Invalid JSON equals only itself.",
			a:      `{"Statement":`,
			b:      `{"Statement":`,
			want:   true,
		},
		"Empty": {
			reason: "Two empty documents are equal; empty is not an empty object.",
			a:      " ",
			b:      "{}",
			want:   false,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Equal(tc.a, tc.b)); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestNormalizeInvalid(t *testing.T) {
	if _, err := Normalize(`{"a":`); err == nil {
		t.Errorf("Normalize of invalid JSON: want an error, got none")
	}
}
