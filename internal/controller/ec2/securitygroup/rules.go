package securitygroup

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
)

// A permission is one range of one rule: the unit AWS authorizes and
// revokes. Rules of the spec and IpPermissions of AWS are both flattened to
// sorted, de-duplicated permissions, so that order, grouping and AWS merging
// rules of the same protocol and ports do not count as differences.
type permission struct {
	Protocol    string
	FromPort    int32
	ToPort      int32
	CIDR        string
	IPv6        bool
	Description string
}

func (p permission) String() string {
	s := fmt.Sprintf("%s %d-%d %s", p.Protocol, p.FromPort, p.ToPort, p.CIDR)
	if p.Description != "" {
		s += fmt.Sprintf(" (%s)", p.Description)
	}
	return s
}

// protocol normalises a protocol as AWS reports it: names for the numbers
// AWS accepts for tcp, udp, icmp and icmpv6, and -1 for all.
func protocol(p string) string {
	switch strings.ToLower(p) {
	case "6":
		return "tcp"
	case "17":
		return "udp"
	case "1":
		return "icmp"
	case "58":
		return "icmpv6"
	case "all", "-1":
		return "-1"
	}
	return strings.ToLower(p)
}

// ports returns the normalised port range: none (0-0) for all protocols, and
// -1 (all) for an unset ICMP type or code.
func ports(proto string, from, to *int32) (int32, int32) {
	switch proto {
	case "-1":
		return 0, 0
	case "icmp", "icmpv6":
		f, t := int32(-1), int32(-1)
		if from != nil {
			f = *from
		}
		if to != nil {
			t = *to
		}
		return f, t
	}
	return aws.ToInt32(from), aws.ToInt32(to)
}

// fromRules flattens the spec's rules.
func fromRules(rules []v1alpha1.SecurityGroupRule) []permission {
	var out []permission
	for _, r := range rules {
		proto := protocol(r.IPProtocol)
		from, to := ports(proto, r.FromPort, r.ToPort)
		d := aws.ToString(r.Description)
		for _, c := range r.CIDRBlocks {
			out = append(out, permission{Protocol: proto, FromPort: from, ToPort: to, CIDR: c, Description: d})
		}
		for _, c := range r.IPv6CIDRBlocks {
			out = append(out, permission{Protocol: proto, FromPort: from, ToPort: to, CIDR: c, IPv6: true, Description: d})
		}
	}
	return normalize(out)
}

// fromIPPermissions flattens AWS's permissions. Permissions that name other
// security groups or prefix lists are not managed by this kind and are
// left out.
func fromIPPermissions(ps []types.IpPermission) []permission {
	var out []permission
	for _, p := range ps {
		proto := protocol(aws.ToString(p.IpProtocol))
		from, to := ports(proto, p.FromPort, p.ToPort)
		for _, r := range p.IpRanges {
			out = append(out, permission{Protocol: proto, FromPort: from, ToPort: to, CIDR: aws.ToString(r.CidrIp), Description: aws.ToString(r.Description)})
		}
		for _, r := range p.Ipv6Ranges {
			out = append(out, permission{Protocol: proto, FromPort: from, ToPort: to, CIDR: aws.ToString(r.CidrIpv6), IPv6: true, Description: aws.ToString(r.Description)})
		}
	}
	return normalize(out)
}

func normalize(ps []permission) []permission {
	sort.Slice(ps, func(i, j int) bool { return ps[i].String() < ps[j].String() })
	out := make([]permission, 0, len(ps))
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// difference returns the permissions of a that are not in b.
func difference(a, b []permission) []permission {
	in := make(map[permission]bool, len(b))
	for _, p := range b {
		in[p] = true
	}
	var out []permission
	for _, p := range a {
		if !in[p] {
			out = append(out, p)
		}
	}
	return out
}

// ipPermissions converts permissions to AWS's form, one per range.
func ipPermissions(ps []permission) []types.IpPermission {
	out := make([]types.IpPermission, 0, len(ps))
	for _, p := range ps {
		ip := types.IpPermission{IpProtocol: aws.String(p.Protocol)}
		if p.Protocol != "-1" {
			ip.FromPort, ip.ToPort = aws.Int32(p.FromPort), aws.Int32(p.ToPort)
		}
		var d *string
		if p.Description != "" {
			d = aws.String(p.Description)
		}
		if p.IPv6 {
			ip.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: aws.String(p.CIDR), Description: d}}
		} else {
			ip.IpRanges = []types.IpRange{{CidrIp: aws.String(p.CIDR), Description: d}}
		}
		out = append(out, ip)
	}
	return out
}
