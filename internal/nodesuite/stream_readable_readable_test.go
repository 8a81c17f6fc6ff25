package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-readable.js: readable is true until destroy, 'end'
// or an error.
func TestStreamReadableReadable(t *testing.T) {
	block(t, "false after destroy", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.Equal(r.Readable(), true)
		r.Destroy(nil)
		b.Equal(r.Readable(), false)
	})
	block(t, "false at end", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.Equal(r.Readable(), true)
		l := r.OnEnd(mustNotCall[func()](b))
		r.Resume()
		r.Push(nil)
		b.Equal(r.Readable(), true)
		r.Off("end", l)
		r.OnEnd(mustCall(b, func() { b.Equal(r.Readable(), false) }))
	})
	block(t, "false after an error", func(b *B) {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: mustCall(b, func(int) {
				b.NextTick(func() {
					r.Destroy(errors.New("boom"))
					b.Equal(r.Readable(), false)
				})
			}),
		})
		r.Resume()
		r.OnError(mustCall(b, func(error) { b.Equal(r.Readable(), false) }))
	})
}
