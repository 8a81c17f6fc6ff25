package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-write-final.js: 'finish' waits for the final hook's
// callback.
func TestStreamWriteFinal(t *testing.T) {
	block(t, "finish after final", func(b *B) {
		shutdown := false
		// The check that the hook's this is the stream has no Go meaning.
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Final: mustCall(b, func(cb func(error)) {
				b.SetTimeout(func() {
					shutdown = true
					cb(nil)
				}, 100)
			}),
			Write: func(_ any, _ string, cb func(error)) { b.NextTick(func() { cb(nil) }) },
		})
		w.OnFinish(mustCall(b, func() { b.True(shutdown) }))
		w.Write(make([]byte, 1))
		w.EndWith([]byte{}, "", nil)
	})
}
