package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-aborted.js: readableAborted is true once a stream is
// destroyed before 'end', and stays false after 'end' or for a Duplex with
// no readable side.
func TestStreamReadableAborted(t *testing.T) {
	newR := func(b *B) *stream.Readable {
		return stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
	}
	block(t, "destroyed fresh", func(b *B) {
		r := newR(b)
		b.Equal(r.ReadableAborted(), false)
		r.Destroy(nil)
		b.Equal(r.ReadableAborted(), true)
	})
	block(t, "destroyed after push null", func(b *B) {
		r := newR(b)
		b.Equal(r.ReadableAborted(), false)
		r.Push(nil)
		r.Destroy(nil)
		b.Equal(r.ReadableAborted(), true)
	})
	block(t, "destroyed with data buffered", func(b *B) {
		r := newR(b)
		b.Equal(r.ReadableAborted(), false)
		r.Push("asd")
		r.Destroy(nil)
		b.Equal(r.ReadableAborted(), true)
	})
	block(t, "destroyed after end", func(b *B) {
		r := newR(b)
		b.Equal(r.ReadableAborted(), false)
		r.Push("asd")
		r.Push(nil)
		b.Equal(r.ReadableAborted(), false)
		r.OnEnd(mustCall(b, func() {
			b.Equal(r.ReadableAborted(), false)
			r.Destroy(nil)
			b.Equal(r.ReadableAborted(), false)
			// queueMicrotask: the loop's microtask queue.
			b.NextTick(func() { b.Equal(r.ReadableAborted(), false) })
		}))
		r.Resume()
	})
	block(t, "duplex without readable side", func(b *B) {
		d := stream.NewDuplex(stream.DuplexOptions{
			Loop:     b.Loop,
			Readable: stream.Bool(false),
			Write:    func(any, string, func(error)) {},
		})
		d.Destroy(nil)
		b.Equal(d.ReadableAborted(), false)
	})
}
