package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-emittedReadable.js: the emittedReadable flag is set
// while 'readable' is emitted, reset by read() but not by read(0), and
// stays false in flowing mode.
func TestStreamReadableEmittedReadable(t *testing.T) {
	block(t, "set on readable, reset by read", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.Equal(r.ReadableState().EmittedReadable, false)
		expected := []any{[]byte("foobar"), []byte("quo"), nil}
		r.OnReadable(mustCall(b, func() {
			b.Equal(r.ReadableState().EmittedReadable, true)
			b.Equal(r.Read(), expected[0])
			expected = expected[1:]
			b.Equal(r.ReadableState().EmittedReadable, false)
		}, 3))
		b.Equal(r.ReadableState().EmittedReadable, false)
		b.NextTick(mustCall(b, func() { r.Push("foo") }))
		b.NextTick(mustCall(b, func() { r.Push("bar") }))
		b.SetImmediate(mustCall(b, func() {
			r.Push("quo")
			b.NextTick(mustCall(b, func() { r.Push(nil) }))
		}))
	})
	block(t, "read(0) keeps it", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		r.OnReadable(mustCall(b, func() {
			b.Equal(r.ReadableState().EmittedReadable, true)
			r.ReadN(0)
			b.Equal(r.ReadableState().EmittedReadable, true)
		}))
		r.Push("foo")
		r.Push(nil)
	})
	block(t, "false when flowing", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		r.OnData(mustCall(b, func(any) {
			b.Equal(r.ReadableState().EmittedReadable, false)
			r.Read()
			b.Equal(r.ReadableState().EmittedReadable, false)
		}, 3))
		r.Push("foooo")
		r.Push("bar")
		r.Push("quo")
		b.NextTick(mustCall(b, func() { r.Push(nil) }))
	})
}
