package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-transform-hwm0.js: an object-mode Transform with
// highWaterMark 0 refuses every write, emits 'drain' once the write is
// done, and has each value readable once it is transformed.
func TestStreamTransformHwm0(t *testing.T) {
	block(t, "highWaterMark 0", func(b *B) {
		tr := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop, ObjectMode: true, HighWaterMark: stream.Int(0)},
			Transform: func(chunk any, _ string, cb func(error, any)) {
				b.NextTick(func() { cb(nil, chunk) })
			},
		})
		ok, _ := tr.Write(1)
		b.False(ok)
		tr.OnDrain(mustCall(b, func() {
			ok, _ := tr.Write(2)
			b.False(ok)
			tr.End()
		}))
		tr.Once("readable", mustCall(b, func(...any) {
			b.Equal(tr.Read(), 1)
			b.SetImmediate(mustCall(b, func() {
				b.Equal(tr.Read(), nil)
				tr.Once("readable", mustCall(b, func(...any) { b.Equal(tr.Read(), 2) }))
			}))
		}))
	})
}
