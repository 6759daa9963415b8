// Package autoready marks desired composed resources ready from their
// observed conditions and tells the composite which are not, and why.
package autoready

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"google.golang.org/protobuf/types/known/structpb"

	"github.com/crossplane/function-sdk-go/response"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// ConditionResourcesReady is the composite's condition that names the
// composed resources that are not ready, with the reason their own
// conditions give (Crossplane's Ready condition names them only).
const ConditionResourcesReady = "ResourcesReady"

// Function is the auto-ready function.
type Function struct {
	fnv1.UnimplementedFunctionRunnerServiceServer
}

// RunFunction sets READY_TRUE on every desired composed resource whose
// observed resource has Ready=True, unless an earlier step decided (a
// resource without conditions, such as a Secret, is marked ready by the
// step that renders it), and sets the composite's ResourcesReady condition.
func (f *Function) RunFunction(_ context.Context, req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
	rsp := response.To(req, response.DefaultTTL)
	observed := req.GetObserved().GetResources()
	var waiting []string
	for name, d := range rsp.GetDesired().GetResources() {
		if d.GetReady() == fnv1.Ready_READY_TRUE {
			continue // an earlier step decided
		}
		o, ok := observed[name]
		if !ok {
			waiting = append(waiting, name+": not created yet")
			continue
		}
		ready, why := readiness(o.GetResource())
		if d.GetReady() == fnv1.Ready_READY_UNSPECIFIED && ready {
			d.Ready = fnv1.Ready_READY_TRUE
		}
		if d.GetReady() != fnv1.Ready_READY_TRUE {
			if why == "" {
				why = "Ready=True, but an earlier step of the pipeline marked it not ready"
			}
			waiting = append(waiting, name+": "+why)
		}
	}
	if len(waiting) == 0 {
		response.ConditionTrue(rsp, ConditionResourcesReady, "Available").TargetComposite()
		return rsp, nil
	}
	sort.Strings(waiting)
	response.ConditionFalse(rsp, ConditionResourcesReady, "Waiting").
		WithMessage(fmt.Sprintf("%d of %d composed resources not ready: %s", len(waiting), len(rsp.GetDesired().GetResources()), strings.Join(waiting, "; "))).
		TargetComposite()
	return rsp, nil
}

// readiness reports whether a resource has Ready=True and, when not, what
// its conditions say: the Synced=False message first (an error from AWS),
// else the Ready condition's reason and message.
func readiness(r *structpb.Struct) (bool, string) {
	conds := r.GetFields()["status"].GetStructValue().GetFields()["conditions"].GetListValue().GetValues()
	byType := map[string]map[string]*structpb.Value{}
	for _, c := range conds {
		f := c.GetStructValue().GetFields()
		byType[f["type"].GetStringValue()] = f
	}
	if c := byType["Ready"]; c != nil && c["status"].GetStringValue() == "True" {
		return true, ""
	}
	describe := func(typ string) string {
		c := byType[typ]
		s := typ + "=" + c["status"].GetStringValue()
		if r := c["reason"].GetStringValue(); r != "" {
			s += " " + r
		}
		if m := c["message"].GetStringValue(); m != "" {
			s += ": " + m
		}
		return s
	}
	if c := byType["Synced"]; c != nil && c["status"].GetStringValue() == "False" {
		return false, describe("Synced")
	}
	if byType["Ready"] != nil {
		return false, describe("Ready")
	}
	return false, "no Ready condition yet"
}
