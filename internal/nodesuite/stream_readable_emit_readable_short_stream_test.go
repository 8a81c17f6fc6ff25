package nodesuite_test

import (
	"fmt"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-emit-readable-short-stream.js: a short stream (one
// chunk, then the end) emits 'readable' once or twice as Node does, whether
// it is a Transform fed by a pipe or by writes, or a Readable pushed to now or
// on the next tick.
func TestStreamReadableEmitReadableShortStream(t *testing.T) {
	newT := func(b *B) *stream.Transform {
		var t *stream.Transform
		t = stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop},
			Transform: mustCall(b, func(chunk any, enc string, cb func(error, any)) {
				t.Push(chunk)
				cb(nil, nil)
			}),
			Flush: mustCall(b, func(cb func(error, any)) { cb(nil, nil) }),
		})
		return t
	}
	drain := func(b *B, read func() any) func() {
		return func() {
			for {
				chunk := read()
				if chunk == nil {
					break
				}
				b.Equal(fmt.Sprintf("%s", chunk), "content")
			}
		}
	}
	block(t, "piped into a transform", func(b *B) {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: mustCall(b, func(int) {
				r.Push("content")
				r.Push(nil)
			}),
		})
		t := newT(b)
		r.Pipe(t)
		t.OnReadable(mustCall(b, drain(b, t.Read), 2))
	})
	block(t, "transform ended with a chunk", func(b *B) {
		t := newT(b)
		t.EndWith("content", "", nil)
		t.OnReadable(mustCall(b, drain(b, t.Read)))
	})
	block(t, "transform written then ended", func(b *B) {
		t := newT(b)
		t.Write("content")
		t.End()
		t.OnReadable(mustCall(b, drain(b, t.Read)))
	})
	block(t, "readable pushed at once", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		r.OnReadable(mustCall(b, drain(b, r.Read)))
		r.Push("content")
		r.Push(nil)
	})
	block(t, "readable pushed on the next tick", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		r.OnReadable(mustCall(b, drain(b, r.Read), 2))
		b.NextTick(func() {
			r.Push("content")
			r.Push(nil)
		})
	})
	block(t, "transform with listener first", func(b *B) {
		t := newT(b)
		t.OnReadable(mustCall(b, drain(b, t.Read), 2))
		t.Write("content")
		t.End()
	})
}
