package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-ended.js: readableEnded turns true only at 'end', and
// a second Push(nil) is no error.
func TestStreamReadableEnded(t *testing.T) {
	block(t, "readableEnded on the prototype", func(b *B) {
		b.NA("Reflect.has on Readable.prototype")
	})
	block(t, "readableEnded at end", func(b *B) {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {
			b.Equal(r.ReadableEnded(), false)
			r.Push("asd")
			b.Equal(r.ReadableEnded(), false)
			r.Push(nil)
			b.Equal(r.ReadableEnded(), false)
		}})
		r.OnEnd(mustCall(b, func() { b.Equal(r.ReadableEnded(), true) }))
		r.OnData(mustCall(b, func(any) { b.Equal(r.ReadableEnded(), false) }))
	})
	block(t, "push null twice", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		r.OnReadable(func() { r.Read() })
		r.OnError(mustNotCall[func(error)](b))
		r.OnEnd(mustCall[func()](b, nil))
		r.Push("a")
		r.Push(nil)
		r.Push(nil)
	})
}
