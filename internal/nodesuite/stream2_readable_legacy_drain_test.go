package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-readable-legacy-drain.js: a pipe into a destination whose
// every write returns false and which emits 'drain' on the next tick
// writes at most a few bytes between drains, and ends it.
//
// Node's destination is a legacy Stream with write and end patched in;
// Go's Pipe takes only streams, so it is a Writable with a highWaterMark
// of one byte (every write returns false) that calls back, and so drains,
// on the next tick; its Final hook plays end.
func TestStream2ReadableLegacyDrain(t *testing.T) {
	block(t, "pipe into a destination that always asks to wait", func(b *B) {
		const n = 256
		reads := 0
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				reads++
				if reads == n {
					r.Push(nil)
				} else {
					r.Push(make([]byte, 1))
				}
			},
		})
		r.OnEnd(mustCall(b, func() {}))
		buffered := 0
		w := stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(1),
			Write: func(c any, enc string, cb func(error)) {
				buffered += len(c.([]byte))
				b.NextTick(func() {
					b.True(buffered <= 3, "buffered ", buffered)
					buffered = 0
					cb(nil)
				})
			},
			Final: mustCall(b, func(cb func(error)) { cb(nil) }),
		})
		r.Pipe(w)
	})
}
