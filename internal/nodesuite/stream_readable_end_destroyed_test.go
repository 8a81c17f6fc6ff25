package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-end-destroyed.js: a Push(nil) after 'close' emits no
// 'end'.
func TestStreamReadableEndDestroyed(t *testing.T) {
	block(t, "no end after close", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		r.OnEnd(mustNotCall[func()](b))
		r.Resume()
		r.Destroy(nil)
		r.OnClose(mustCall(b, func() { r.Push(nil) }))
	})
}
