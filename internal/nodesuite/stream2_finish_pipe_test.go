package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-finish-pipe.js: ending a pipe's destination on the next
// tick (as net does on EOF) raises no write-after-end error.
func TestStream2FinishPipe(t *testing.T) {
	block(t, "end on next tick after pipe", func(b *B) {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(size int) { r.Push(make([]byte, size)) },
		})
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: func(data any, enc string, cb func(error)) {
				b.NextTick(func() { cb(nil) })
			},
		})
		r.Pipe(w)
		b.NextTick(func() { w.End() })
	})
}
