package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-deadlock.js: piping a paused, internally ended source
// with buffered data into a destination whose buffer is full still
// finishes the destination (nodejs/node#48666).
func TestStreamPipeDeadlock(t *testing.T) {
	block(t, "ended paused source into a full destination", func(b *B) {
		src := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		src.Push(make([]byte, 100))
		src.Push(nil)
		src.Pause()
		// The async function awaits one setImmediate, then goes on; its
		// promise resolving is the outer mustCall.
		done := mustCall(b, func() {})
		b.SetImmediate(func() {
			dst := stream.NewWritable(stream.WritableOptions{
				Loop:          b.Loop,
				HighWaterMark: stream.Int(1000),
				Write: func(chunk any, enc string, cb func(error)) {
					b.NextTick(func() { cb(nil) })
				},
			})
			dst.Write(make([]byte, 1000))
			dst.OnFinish(mustCall(b, func() {}))
			src.Pipe(dst)
			done()
		})
	})
}
