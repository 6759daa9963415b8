package securitygroup

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/kaws-dev/provider-aws/apis/ec2/v1alpha1"
)

// A source is what a permission allows traffic from (ingress) or to
// (egress): one IPv4 or IPv6 range, managed prefix list or security group.
type source struct {
	Kind sourceKind
	// ID is the range, prefix list ID or security group ID.
	ID string
}

// A sourceKind is the kind of a source, as AWS lists it in an IpPermission.
type sourceKind string

// The kinds of sources.
const (
	sourceCIDR       sourceKind = "cidr"
	sourceIPv6       sourceKind = "ipv6"
	sourcePrefixList sourceKind = "prefix-list"
	sourceGroup      sourceKind = "group"
)

// A permission is one protocol and port range from or to one source: the
// unit AWS authorizes and revokes. Rules of the spec and IpPermissions of
// AWS are both flattened to sorted, de-duplicated permissions, so that
// order, grouping, AWS merging rules of the same protocol and ports, and
// protocol numbers for names do not count as differences.
type permission struct {
	Protocol    string
	FromPort    int32
	ToPort      int32
	Source      source
	Description string
}

func (p permission) String() string {
	s := fmt.Sprintf("%s %d-%d %s", p.Protocol, p.FromPort, p.ToPort, p.Source.ID)
	if p.Description != "" {
		s += fmt.Sprintf(" (%s)", p.Description)
	}
	return s
}

// protocol normalises a protocol as AWS reports it: the names tcp, udp,
// icmp and icmpv6 in lower case, also for their numbers, -1 for all, and
// other protocols as decimal numbers ("47", "50").
func protocol(p string) string {
	p = strings.ToLower(p)
	n, err := strconv.Atoi(p)
	if err != nil {
		return p
	}
	switch n {
	case 6:
		return "tcp"
	case 17:
		return "udp"
	case 1:
		return "icmp"
	case 58:
		return "icmpv6"
	}
	return strconv.Itoa(n)
}

// ports returns the normalised port range: none (0-0) for protocols without
// ports, and -1 (all) for an unset ICMP type or code.
func ports(proto string, from, to *int32) (int32, int32) {
	switch proto {
	case "tcp", "udp":
		return aws.ToInt32(from), aws.ToInt32(to)
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
	return 0, 0
}

// fromRules flattens the spec's rules.
func fromRules(rules []v1alpha1.SecurityGroupRule) []permission {
	var out []permission
	for _, r := range rules {
		proto := protocol(r.IPProtocol)
		from, to := ports(proto, r.FromPort, r.ToPort)
		d := aws.ToString(r.Description)
		add := func(k sourceKind, ids []string) {
			for _, id := range ids {
				out = append(out, permission{Protocol: proto, FromPort: from, ToPort: to, Source: source{Kind: k, ID: id}, Description: d})
			}
		}
		add(sourceCIDR, r.CIDRBlocks)
		add(sourceIPv6, r.IPv6CIDRBlocks)
		add(sourcePrefixList, r.PrefixListIDs)
		add(sourceGroup, r.SecurityGroupIDs)
	}
	return normalize(out)
}

// fromIPPermissions flattens AWS's permissions: ranges, prefix lists and
// security groups alike.
func fromIPPermissions(ps []types.IpPermission) []permission {
	var out []permission
	for _, p := range ps {
		proto := protocol(aws.ToString(p.IpProtocol))
		from, to := ports(proto, p.FromPort, p.ToPort)
		add := func(k sourceKind, id, d *string) {
			out = append(out, permission{Protocol: proto, FromPort: from, ToPort: to, Source: source{Kind: k, ID: aws.ToString(id)}, Description: aws.ToString(d)})
		}
		for _, r := range p.IpRanges {
			add(sourceCIDR, r.CidrIp, r.Description)
		}
		for _, r := range p.Ipv6Ranges {
			add(sourceIPv6, r.CidrIpv6, r.Description)
		}
		for _, l := range p.PrefixListIds {
			add(sourcePrefixList, l.PrefixListId, l.Description)
		}
		for _, g := range p.UserIdGroupPairs {
			add(sourceGroup, g.GroupId, g.Description)
		}
	}
	return normalize(out)
}

func normalize(ps []permission) []permission {
	sort.Slice(ps, func(i, j int) bool {
		if a, b := ps[i].String(), ps[j].String(); a != b {
			return a < b
		}
		return ps[i].Source.Kind < ps[j].Source.Kind
	})
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

// redescribed splits off the permissions to authorize that differ from one
// to revoke only in their description: those are updated in place. It
// returns them and what is left to revoke and to authorize.
func redescribed(revoke, authorize []permission) (described, restRevoke, restAuthorize []permission) {
	key := func(p permission) permission { p.Description = ""; return p }
	old := make(map[permission]bool, len(revoke))
	for _, p := range revoke {
		old[key(p)] = true
	}
	changed := map[permission]bool{}
	for _, p := range authorize {
		if k := key(p); old[k] && !changed[k] {
			changed[k] = true
			described = append(described, p)
			continue
		}
		restAuthorize = append(restAuthorize, p)
	}
	for _, p := range revoke {
		if !changed[key(p)] {
			restRevoke = append(restRevoke, p)
		}
	}
	return described, restRevoke, restAuthorize
}

// ipPermissions converts permissions to AWS's form, one per source.
func ipPermissions(ps []permission) []types.IpPermission {
	out := make([]types.IpPermission, 0, len(ps))
	for _, p := range ps {
		ip := types.IpPermission{IpProtocol: aws.String(p.Protocol)}
		// -1 takes no ports. Other protocols without ports get 0-0: AWS
		// ignores them, and some emulators (moto) require a range.
		if p.Protocol != "-1" {
			ip.FromPort, ip.ToPort = aws.Int32(p.FromPort), aws.Int32(p.ToPort)
		}
		var d *string
		if p.Description != "" {
			d = aws.String(p.Description)
		}
		id := aws.String(p.Source.ID)
		switch p.Source.Kind {
		case sourceCIDR:
			ip.IpRanges = []types.IpRange{{CidrIp: id, Description: d}}
		case sourceIPv6:
			ip.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: id, Description: d}}
		case sourcePrefixList:
			ip.PrefixListIds = []types.PrefixListId{{PrefixListId: id, Description: d}}
		case sourceGroup:
			ip.UserIdGroupPairs = []types.UserIdGroupPair{{GroupId: id, Description: d}}
		}
		out = append(out, ip)
	}
	return out
}
