package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-transform-constructor-set-methods.js: a Transform without a
// transform hook refuses end(chunk) with ERR_METHOD_NOT_IMPLEMENTED; the
// transform, flush and final options are the hooks called. (Comparing the
// hooks with the instance's _transform has no Go meaning.)
func TestStreamTransformConstructorSetMethods(t *testing.T) {
	block(t, "hooks from the options", func(b *B) {
		tr := stream.NewTransform(stream.TransformOptions{DuplexOptions: stream.DuplexOptions{Loop: b.Loop}})
		err := tr.EndWith([]byte("blerg"), "", nil)
		b.Code(err, "ERR_METHOD_NOT_IMPLEMENTED")
		b.Name(err, "Error")
		b.Equal(gA2message(err), "The _transform() method is not implemented")

		t2 := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{
				Loop:  b.Loop,
				Final: mustCall(b, func(next func(error)) { next(nil) }),
			},
			Transform: mustCall(b, func(_ any, _ string, next func(error, any)) { next(nil, nil) }),
			Flush:     mustCall(b, func(next func(error, any)) { next(nil, nil) }),
		})
		t2.EndWith([]byte("blerg"), "", nil)
		t2.Resume()
	})
}
