// Package lateinit holds the late-initialization shape every kind shares:
// copy what AWS reports into a spec field the user left unset, so the field
// is managed from then on, and tell whether anything was copied (the
// reconciler then saves the spec).
//
//	changed := lateinit.Any(
//		lateinit.Ptr(&p.EnableDNSSupport, o.EnableDNSSupport),
//		lateinit.Slice(&p.SecondaryCIDRBlocks, o.SecondaryCIDRBlocks),
//		lateinit.Map(&p.Tags, tags.User(o.Tags)),
//	)
package lateinit

// Ptr sets *dst to a copy of *src when *dst is nil and src is not, and
// reports whether it did. The copy keeps the spec from aliasing AWS's output.
func Ptr[T any](dst **T, src *T) bool {
	if *dst != nil || src == nil {
		return false
	}
	v := *src
	*dst = &v
	return true
}

// NonZero returns v, or nil when v points to the zero value: what AWS
// reports as an empty string (or struct) is nothing to late-initialize,
// lateinit.Ptr(&p.Description, lateinit.NonZero(o.Description)).
func NonZero[T comparable](v *T) *T {
	var zero T
	if v == nil || *v == zero {
		return nil
	}
	return v
}

// Value sets *dst to src when *dst is the zero value and src is not, and
// reports whether it did.
func Value[T comparable](dst *T, src T) bool {
	var zero T
	if *dst != zero || src == zero {
		return false
	}
	*dst = src
	return true
}

// Slice sets *dst to src when *dst is nil and src is not empty, and reports
// whether it did. An empty list the user set (not nil) is kept.
func Slice[S ~[]E, E any](dst *S, src S) bool {
	if *dst != nil || len(src) == 0 {
		return false
	}
	*dst = append(S(nil), src...)
	return true
}

// Map sets *dst to a copy of src when *dst is nil and src is not empty, and
// reports whether it did.
func Map[M ~map[K]V, K comparable, V any](dst *M, src M) bool {
	if *dst != nil || len(src) == 0 {
		return false
	}
	m := make(M, len(src))
	for k, v := range src {
		m[k] = v
	}
	*dst = m
	return true
}

// Any reports whether any of the results is true. Every argument is
// evaluated, so each field is late-initialized:
// lateinit.Any(lateinit.Ptr(...), lateinit.Ptr(...)).
func Any(changed ...bool) bool {
	for _, c := range changed {
		if c {
			return true
		}
	}
	return false
}

// Unmanaged clears *observed (to its zero value) when unset: a field the
// user left unset (and AWS reported nothing to late-initialize it from) is
// not the spec's, so what AWS has in it is no difference. It is the
// comparison's side of late initialization:
// lateinit.Unmanaged(&o.Path, d.Path == nil).
func Unmanaged[T any](observed *T, unset bool) {
	if unset {
		var zero T
		*observed = zero
	}
}
