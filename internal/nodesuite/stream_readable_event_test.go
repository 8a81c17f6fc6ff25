package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-event.js: a 'readable' listener added late still
// gets 'readable' when data is buffered (reading or not, ended or not);
// empty strings trigger the next read; removeAllListeners leaves no event.
func TestStreamReadableEvent(t *testing.T) {
	// The timers of this file only need to run after the pushes; their
	// order against setImmediate does not matter.
	block(t, "not reading when the listener is added", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop, HighWaterMark: stream.Int(3), Read: mustNotCall[func(int)](b),
		})
		r.Push([]byte("blerg"))
		b.SetTimeout(func() {
			b.False(r.ReadableState().Reading)
			r.OnReadable(mustCall[func()](b, nil))
		}, 1)
	})
	block(t, "re-emitted while reading", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop, HighWaterMark: stream.Int(3), Read: mustCall[func(int)](b, nil),
		})
		r.Push([]byte("bl"))
		b.SetTimeout(func() {
			b.True(r.ReadableState().Reading)
			r.OnReadable(mustCall[func()](b, nil))
		}, 1)
	})
	block(t, "ended below the highWaterMark", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop, HighWaterMark: stream.Int(30), Read: mustNotCall[func(int)](b),
		})
		r.Push([]byte("blerg"))
		r.Push(nil)
		b.SetTimeout(func() {
			b.False(r.ReadableState().Reading)
			r.OnReadable(mustCall[func()](b, nil))
		}, 1)
	})
	block(t, "empty strings trigger the next read", func(b *B) {
		underlying := []string{"", "x", "y", "", "z"}
		expected := []any{"x", "y", "z"}
		var result []any
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:     b.Loop,
			Encoding: "utf8",
			Read: func(int) {
				b.NextTick(func() {
					if len(underlying) == 0 {
						r.Push(nil)
					} else {
						r.Push(underlying[0])
						underlying = underlying[1:]
					}
				})
			},
		})
		r.OnReadable(func() {
			if data := r.Read(); data != nil {
				result = append(result, data)
			}
		})
		r.OnEnd(mustCall(b, func() { b.Equal(result, expected) }))
	})
	block(t, "removeAllListeners leaves no event", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		r.OnData(func(any) {})
		r.RemoveAllListeners()
		b.Equal(len(r.EventNames()), 0)
	})
}
