package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-unpipe-leak.js: piping and unpiping ten times leaves no
// listener behind on either stream, and the source still fills its
// buffer to its (large) highWaterMark without running away.
func TestStream2UnpipeLeak(t *testing.T) {
	block(t, "pipe and unpipe leave no listeners", func(b *B) {
		chunk := []byte("hallo")
		dest := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(buffer any, enc string, cb func(error)) { cb(nil) },
		})
		var src *stream.Readable
		src = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(0x10000),
			Read:          func(int) { src.Push(chunk) },
		})
		for range 10 {
			src.Pipe(dest)
			src.Unpipe(dest)
		}
		b.Equal(len(src.Listeners("end")), 0)
		b.Equal(len(src.Listeners("readable")), 0)
		for _, ev := range []string{"unpipe", "drain", "error", "close", "finish"} {
			b.Equal(len(dest.Listeners(ev)), 0, "dest listeners of ", ev)
		}
		b.AtExit(func() {
			// Node also empties src.readableBuffer here, only to log the
			// state: it changes nothing the check reads.
			b.True(src.ReadableLength() >= src.ReadableHighWaterMark(),
				"length ", src.ReadableLength(), " below highWaterMark ", src.ReadableHighWaterMark())
		})
	})
}
