package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-events-prepend.js: pipe emits 'pipe' on the destination. (The
// Node test takes prependListener away from the destination, to check
// pipe's fallback for old emitters; a Go Writable always has it, so that
// part has no Go meaning.)
func TestStreamEventsPrepend(t *testing.T) {
	block(t, "pipe emits pipe", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		w.OnPipe(mustCall[func(stream.ReadableStream)](b, nil))
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) { r.Push(nil) },
		})
		r.Pipe(w)
	})
}
