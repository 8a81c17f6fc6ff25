package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-needDrain.js: piping into a destination that already
// needs 'drain' pauses the source until it drains.
func TestStreamPipeNeedDrain(t *testing.T) {
	block(t, "pipe pauses on a destination needing drain", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(1),
			Write: func(chunk any, enc string, cb func(error)) {
				b.NextTick(func() { cb(nil) })
			},
		})
		for {
			if ok, _ := w.Write("asd"); !ok {
				break
			}
		}
		b.Equal(w.WritableNeedDrain(), true)
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				r.Push("asd")
				r.Push(nil)
			},
		})
		r.OnPause(mustCall(b, func() {}, 2))
		r.OnEnd(mustCall(b, func() {}))
		r.Pipe(w)
	})
}
