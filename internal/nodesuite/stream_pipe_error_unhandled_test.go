package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-error-unhandled.js: a piped destination destroyed with
// an error and no listener of its own makes the error uncaught.
func TestStreamPipeErrorUnhandled(t *testing.T) {
	block(t, "destroyed destination error is uncaught", func(b *B) {
		b.OnUncaught(mustCall(b, func(err error) {
			b.True(err != nil && err.Error() == "asd", "message asd, got ", err)
		}))
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) { r.Push("asd") },
		})
		w := stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(true),
			Write:       func(chunk any, enc string, cb func(error)) {},
		})
		r.Pipe(w)
		w.Destroy(errors.New("asd"))
	})
}
