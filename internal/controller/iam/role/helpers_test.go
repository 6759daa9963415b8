package role

import (
	xpv2 "github.com/crossplane/crossplane/apis/v2/core/v2"
)

func availableCondition() xpv2.Condition { return xpv2.Available() }
