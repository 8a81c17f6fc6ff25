package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-needdrain-state.js: needDrain is set when a write
// fills the buffer and cleared once it is called back.
func TestStreamWritableNeeddrainState(t *testing.T) {
	block(t, "needDrain", func(b *B) {
		var tr *stream.Transform
		tr = stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop, HighWaterMark: stream.Int(1)},
			Transform: func(_ any, _ string, cb func(error, any)) {
				b.NextTick(func() {
					b.True(tr.WritableState().NeedDrain)
					cb(nil, nil)
				})
			},
		})
		b.False(tr.WritableState().NeedDrain)
		tr.WriteWith("asdasd", "", mustCall(b, func(error) { b.False(tr.WritableState().NeedDrain) }))
		b.True(tr.WritableState().NeedDrain)
	})
}
