package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-didRead.js: readableDidRead and isDisturbed turn true
// only once 'data' was emitted, whatever else consumes or destroys the
// stream.
func TestStreamReadableDidRead(t *testing.T) {
	// check: data -1 means an error is expected, -2 a destroy without
	// 'end', otherwise the least number of 'data' events.
	check := func(b *B, r *stream.Readable, data int, fn func()) {
		b.Equal(r.ReadableDidRead(), false)
		b.Equal(stream.IsDisturbed(r), false)
		b.Equal(stream.IsErrored(r), false)
		if data == -1 {
			r.OnError(mustCall(b, func(error) { b.Equal(stream.IsErrored(r), true) }))
			r.OnData(mustNotCall[func(any)](b))
			r.OnEnd(mustNotCall[func()](b))
		} else {
			r.OnError(mustNotCall[func(error)](b))
			if data == -2 {
				r.OnEnd(mustNotCall[func()](b))
			} else {
				r.OnEnd(mustCall[func()](b, nil))
			}
			if data > 0 {
				r.OnData(mustCallAtLeast[func(any)](b, nil, data))
			} else {
				r.OnData(mustNotCall[func(any)](b))
			}
		}
		r.OnClose(mustCall[func()](b, nil))
		fn()
		b.SetImmediate(func() {
			b.Equal(r.ReadableDidRead(), data > 0)
			if data > 0 {
				b.Equal(stream.IsDisturbed(r), true)
			}
		})
	}
	ending := func(b *B, withData bool) *stream.Readable {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {
			if withData {
				r.Push("data")
			}
			r.Push(nil)
		}})
		return r
	}
	block(t, "read", func(b *B) {
		r := ending(b, false)
		check(b, r, 0, func() { r.Read() })
	})
	block(t, "resume", func(b *B) {
		r := ending(b, false)
		check(b, r, 0, func() { r.Resume() })
	})
	block(t, "destroy", func(b *B) {
		r := ending(b, false)
		check(b, r, -2, func() { r.Destroy(nil) })
	})
	block(t, "destroy with error", func(b *B) {
		r := ending(b, false)
		check(b, r, -1, func() { r.Destroy(errors.New("boom")) })
	})
	block(t, "data listener", func(b *B) {
		r := ending(b, true)
		check(b, r, 1, func() { r.OnData(func(any) {}) })
	})
	block(t, "data listener added and removed", func(b *B) {
		r := ending(b, true)
		check(b, r, 1, func() {
			l := r.OnData(func(any) {})
			r.Off("data", l)
		})
	})
}
