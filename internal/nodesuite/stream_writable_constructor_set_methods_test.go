package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-constructor-set-methods.js: a Writable without a
// write hook refuses end(chunk) with ERR_METHOD_NOT_IMPLEMENTED; the write
// and writev options are the hooks called, writev with the two corked
// chunks. (Comparing them with the instance's _write has no Go meaning.)
func TestStreamWritableConstructorSetMethods(t *testing.T) {
	block(t, "hooks from the options", func(b *B) {
		blerg := []byte("blerg")
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop})
		err := w.EndWith(blerg, "", nil)
		b.Code(err, "ERR_METHOD_NOT_IMPLEMENTED")
		b.Name(err, "Error")
		b.Equal(gA2message(err), "The _write() method is not implemented")

		w2 := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: mustCall(b, func(_ any, _ string, next func(error)) { next(nil) }),
			Writev: mustCall(b, func(chunks []stream.WriteChunk, next func(error)) {
				b.Equal(len(chunks), 2)
				next(nil)
			}),
		})
		w2.Write(blerg)
		w2.Cork()
		w2.Write(blerg)
		w2.Write(blerg)
		w2.End()
	})
}
