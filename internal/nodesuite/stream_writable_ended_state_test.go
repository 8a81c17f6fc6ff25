package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-ended-state.js: ended and writableEnded become true,
// and writable false, as soon as end is called. (The state's writable
// property being undefined has no Go meaning and is dropped.)
func TestStreamWritableEndedState(t *testing.T) {
	block(t, "ended state", func(b *B) {
		var w *stream.Writable
		w = stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(_ any, _ string, cb func(error)) {
			b.False(w.WritableState().Ended)
			b.False(w.WritableEnded())
			cb(nil)
		}})
		b.False(w.WritableState().Ended)
		b.True(w.Writable())
		b.False(w.WritableEnded())
		w.EndWith("testing ended state", "", mustCall(b, func(error) {
			b.True(w.WritableState().Ended)
			b.False(w.Writable())
			b.True(w.WritableEnded())
		}))
		b.True(w.WritableState().Ended)
		b.False(w.Writable())
		b.True(w.WritableEnded())
	})
}
