package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-finish-pipe-error.js: ending a pipe's destination at once
// makes the next piped write an uncaught error.
func TestStream2FinishPipeError(t *testing.T) {
	block(t, "end after pipe is uncaught", func(b *B) {
		b.OnUncaught(mustCall(b, func(error) {}))
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(size int) { r.Push(make([]byte, size)) },
		})
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(data any, enc string, cb func(error)) { cb(nil) },
		})
		r.Pipe(w)
		w.End()
	})
}
