package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-transform-flush-data.js: data given to the flush callback is
// pushed.
func TestStreamTransformFlushData(t *testing.T) {
	block(t, "flush pushes its data", func(b *B) {
		const expected = "asdf"
		tr := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop},
			Transform:     func(_ any, _ string, cb func(error, any)) { cb(nil, nil) },
			Flush:         func(cb func(error, any)) { cb(nil, expected) },
		})
		tr.EndWith([]byte("blerg"), "", nil)
		tr.OnData(mustCall(b, func(data any) { b.Equal(gA2text(data), expected) }))
	})
}
