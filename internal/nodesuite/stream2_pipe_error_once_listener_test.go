package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-pipe-error-once-listener.js: an 'error' a pipe's
// destination emits from its write hook is handled by a once listener,
// not thrown.
func TestStream2PipeErrorOnceListener(t *testing.T) {
	block(t, "a once error listener takes the error", func(b *B) {
		var read *stream.Readable
		read = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				read.Push("x")
				read.Push(nil)
			},
		})
		var write *stream.Writable
		write = stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: func(buffer any, enc string, cb func(error)) {
				write.Emit("error", errors.New("boom"))
				write.Emit("alldone")
			},
		})
		write.Once("error", func(...any) {})
		write.Once("alldone", mustCall(b, func(...any) {}))
		read.Pipe(write)
	})
}
