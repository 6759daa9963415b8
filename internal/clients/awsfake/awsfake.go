// Package awsfake is the one test recorder of the provider: a service's fake
// embeds a Recorder and answers each of its operations with Call, so every
// kind's unit tests share call recording, canned outputs and AWS-shaped
// errors. A service's fake (ec2fake, eksfake, iamfake, ...) only lists the
// service's operations, once.
package awsfake

import (
	"net/http"
	"sync"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// A Func computes an operation's output from its input.
type Func func(in any) (any, error)

// A Recorder answers operations from Out and Errs, keyed by operation name,
// and records the operations called, in order, with their inputs. The zero
// value answers every operation with an empty output.
type Recorder struct {
	// Out holds an operation's output (a pointer to the SDK's output type),
	// or a Func that computes it from the input.
	Out map[string]any
	// Errs holds an operation's error; it wins over Out.
	Errs map[string]error
	// Calls are the operations called, in order.
	Calls []string
	// Inputs are the inputs of every call, by operation, in order.
	Inputs map[string][]any

	mu sync.Mutex
}

// Input returns the input of the i-th call of op, or nil when there was none.
func (r *Recorder) Input(op string, i int) any {
	r.mu.Lock()
	defer r.mu.Unlock()
	if i < len(r.Inputs[op]) {
		return r.Inputs[op][i]
	}
	return nil
}

// Last returns the input of the last call of op, or nil when there was none.
func (r *Recorder) Last(op string) any {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := len(r.Inputs[op]); n > 0 {
		return r.Inputs[op][n-1]
	}
	return nil
}

// Call records a call of op with in and answers it: the error in Errs, else
// the output (or Func) in Out, else an empty *T.
func Call[T any](r *Recorder, op string, in any) (*T, error) {
	r.mu.Lock()
	r.Calls = append(r.Calls, op)
	if r.Inputs == nil {
		r.Inputs = map[string][]any{}
	}
	r.Inputs[op] = append(r.Inputs[op], in)
	err, out := r.Errs[op], r.Out[op]
	r.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if f, ok := out.(func(any) (any, error)); ok {
		out = Func(f)
	}
	switch o := out.(type) {
	case nil:
		return new(T), nil
	case Func:
		v, err := o(in)
		if err != nil || v == nil {
			return nil, err
		}
		return v.(*T), nil //nolint:forcetypeassert // Tests set the right type; a wrong one should panic loudly.
	default:
		return o.(*T), nil //nolint:forcetypeassert // Tests set the right type; a wrong one should panic loudly.
	}
}

// APIError is an error as the SDK returns it for a service: an operation
// error wrapping an HTTP response error with status that carries AWS's code
// and a message, so awserr and errors.As see what they see in production.
func APIError(service string, status int, code string) error {
	return &smithy.OperationError{ServiceID: service, OperationName: "op", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
			Err:      &smithy.GenericAPIError{Code: code, Message: code + " message"},
		},
	}}
}
