package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-error-once.js: several writes after end, or pushes after
// EOF, emit 'error' once.
func TestStreamErrorOnce(t *testing.T) {
	block(t, "writes after end", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop})
		w.OnError(mustCall[func(error)](b, nil))
		w.End()
		w.Write("h")
		w.Write("h")
	})

	block(t, "pushes after EOF", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		r.OnError(mustCall[func(error)](b, nil))
		r.Push(nil)
		r.Push("h")
		r.Push("h")
	})
}
