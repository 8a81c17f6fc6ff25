package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-needReadable.js: the needReadable flag through
// 'readable' listeners, reads that empty the buffer, the end, flowing mode
// and partial reads of a slow producer.
func TestStreamReadableNeedReadable(t *testing.T) {
	newR := func(b *B) *stream.Readable {
		return stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
	}
	block(t, "readable listener", func(b *B) {
		r := newR(b)
		b.Equal(r.ReadableState().NeedReadable, false)
		r.OnReadable(mustCall(b, func() {
			b.Equal(r.ReadableState().NeedReadable, false)
			r.Read()
		}))
		b.Equal(r.ReadableState().NeedReadable, true)
		r.Push("foo")
		r.Push(nil)
		r.OnEnd(mustCall(b, func() { b.Equal(r.ReadableState().NeedReadable, false) }))
	})
	block(t, "async pushes", func(b *B) {
		r := newR(b)
		r.OnReadable(mustCall(b, func() {
			if r.Read() != nil {
				b.Equal(r.ReadableState().NeedReadable, true)
			}
		}, 2))
		b.NextTick(mustCall(b, func() { r.Push("foooo") }))
		b.NextTick(mustCall(b, func() { r.Push("bar") }))
		b.SetImmediate(mustCall(b, func() {
			r.Push(nil)
			b.Equal(r.ReadableState().NeedReadable, false)
		}))
	})
	block(t, "flowing", func(b *B) {
		r := newR(b)
		r.Push("foooo")
		r.Push("bar")
		r.Push("quo")
		b.NextTick(mustCall(b, func() { r.Push(nil) }))
		r.OnData(mustCall(b, func(any) { b.Equal(r.ReadableState().NeedReadable, false) }, 3))
	})
	block(t, "slow producer", func(b *B) {
		r := newR(b)
		r.OnReadable(mustCall(b, func() {
			chunk := r.ReadN(8)
			if chunk == nil {
				b.Equal(r.ReadableState().NeedReadable, true)
			} else {
				b.Equal(r.ReadableState().NeedReadable, false)
			}
		}, 4))
		b.NextTick(mustCall(b, func() {
			r.Push("foo")
			b.NextTick(mustCall(b, func() {
				r.Push("foo")
				b.NextTick(mustCall(b, func() {
					r.Push("foo")
					b.NextTick(mustCall(b, func() { r.Push(nil) }))
				}))
			}))
		}))
	})
}
