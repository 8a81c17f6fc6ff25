package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-flow-after-unpipe.js: unpipe() releases a source paused
// on a destination whose write never completes, so 'data' flows again.
func TestStreamPipeFlowAfterUnpipe(t *testing.T) {
	block(t, "unpipe unblocks the source", func(b *B) {
		var rs *stream.Readable
		var ws *stream.Writable
		rs = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(1),
			Read:          mustCallAtLeast(b, func(int) { rs.Push("foo") }, 20),
		})
		ws = stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(1),
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				// Never calls back.
				b.SetImmediate(func() { rs.Unpipe(ws) })
			}),
		})
		chunks := 0
		rs.OnData(mustCallAtLeast(b, func(any) {
			chunks++
			if chunks >= 20 {
				rs.Pause()
			}
		}, 1))
		rs.Pipe(ws)
	})
}
