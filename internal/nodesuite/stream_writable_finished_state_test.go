package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-finished-state.js: the state's finished flag is
// false during the write and true at 'finish' and in end's callback.
func TestStreamWritableFinishedState(t *testing.T) {
	block(t, "finished flag", func(b *B) {
		var w *stream.Writable
		w = stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(_ any, _ string, cb func(error)) {
			b.False(w.WritableState().Finished)
			cb(nil)
		}})
		w.OnFinish(mustCall(b, func() { b.True(w.WritableState().Finished) }))
		w.EndWith("testing finished state", "", mustCall(b, func(error) { b.True(w.WritableState().Finished) }))
	})
}
