package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-constructor-set-methods.js: the read hook given in the
// options is the one called.
func TestStreamReadableConstructorSetMethods(t *testing.T) {
	block(t, "read option is used", func(b *B) {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: mustCall(b, func(int) { r.Push(nil) }),
		})
		r.Resume()
	})
}
