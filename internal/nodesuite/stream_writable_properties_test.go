package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-properties.js: writableCorked counts cork depth and
// never goes below 0.
func TestStreamWritableProperties(t *testing.T) {
	block(t, "writableCorked", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop})
		b.Equal(w.WritableCorked(), 0)
		w.Uncork()
		b.Equal(w.WritableCorked(), 0)
		w.Cork()
		b.Equal(w.WritableCorked(), 1)
		w.Cork()
		b.Equal(w.WritableCorked(), 2)
		w.Uncork()
		b.Equal(w.WritableCorked(), 1)
		w.Uncork()
		b.Equal(w.WritableCorked(), 0)
		w.Uncork()
		b.Equal(w.WritableCorked(), 0)
	})
}
