package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-writable.js: writable turns false on destroy, on a
// failed write (at once for a sync failure, by the callback for an async
// one) and on end.
func TestStreamWritableWritable(t *testing.T) {
	block(t, "destroy", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(any, string, func(error)) {}})
		b.True(w.Writable())
		w.Destroy(nil)
		b.False(w.Writable())
	})
	block(t, "sync write error", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(_ any, _ string, cb func(error)) { cb(errors.New("")) })})
		b.True(w.Writable())
		w.Write("asd")
		b.False(w.Writable())
		w.OnError(mustCall(b, func(error) {}))
	})
	block(t, "async write error", func(b *B) {
		var w *stream.Writable
		w = stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(_ any, _ string, cb func(error)) {
			b.NextTick(func() {
				cb(errors.New(""))
				b.False(w.Writable())
			})
		})})
		w.Write("asd")
		w.OnError(mustCall(b, func(error) {}))
	})
	block(t, "end", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustNotCall[func(any, string, func(error))](b)})
		b.True(w.Writable())
		w.End()
		b.False(w.Writable())
	})
}
