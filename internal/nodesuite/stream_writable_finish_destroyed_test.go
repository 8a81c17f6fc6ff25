package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-finish-destroyed.js: a Writable destroyed before it
// finished never emits 'finish', even when its write calls back (and End
// is called) at 'close'.
func TestStreamWritableFinishDestroyed(t *testing.T) {
	block(t, "end, destroy, write calls back at close", func(b *B) {
		var w *stream.Writable
		w = stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(_ any, _ string, cb func(error)) {
			w.OnClose(mustCall(b, func() { cb(nil) }))
		})})
		w.OnFinish(mustNotCall[func()](b))
		w.EndWith("asd", "", nil)
		w.Destroy(nil)
	})
	block(t, "write, destroy, write calls back and ends at close", func(b *B) {
		var w *stream.Writable
		w = stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(_ any, _ string, cb func(error)) {
			w.OnClose(mustCall(b, func() {
				cb(nil)
				w.End()
			}))
		})})
		w.OnFinish(mustNotCall[func()](b))
		w.Write("asd")
		w.Destroy(nil)
	})
	block(t, "end, then destroy", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(any, string, func(error)) {}})
		w.OnFinish(mustNotCall[func()](b))
		w.End()
		w.Destroy(nil)
	})
}
