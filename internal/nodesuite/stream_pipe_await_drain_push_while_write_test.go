package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-await-drain-push-while-write.js: a push from inside the
// destination's write hook does not touch awaitDrainWriters until the
// write returns false; on the next tick the destination is awaited.
func TestStreamPipeAwaitDrainPushWhileWrite(t *testing.T) {
	block(t, "push inside write", func(b *B) {
		var readable *stream.Readable
		var writable *stream.Writable
		writable = stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				b.Equal(len(readable.ReadableState().AwaitDrainWriters), 0, "nothing awaited in write")
				if len(chunk.([]byte)) == 32*1024 {
					readable.Push(make([]byte, 34*1024))
					b.NextTick(func() {
						a := readable.ReadableState().AwaitDrainWriters
						b.True(len(a) == 1 && a[0] == stream.WritableStream(writable), "writable awaited on the next tick")
					})
				}
				b.NextTick(func() { cb(nil) })
			}, 3),
		})
		bufs := [][]byte{make([]byte, 32*1024), make([]byte, 33*1024)}
		readable = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				for len(bufs) > 0 {
					buf := bufs[0]
					bufs = bufs[1:]
					readable.Push(buf)
				}
			},
		})
		readable.Pipe(writable)
	})
}
