package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-auto-destroy.js: with autoDestroy, a Readable is destroyed
// after 'end', a Writable after 'finish', a Transform after both, and a
// pipe destination after an 'error' emitted on it.
func TestStreamAutoDestroy(t *testing.T) {
	block(t, "readable destroyed after end", func(b *B) {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(true),
			Read: func(int) {
				r.Push("hello")
				r.Push("world")
				r.Push(nil)
			},
			Destroy: mustCall(b, func(err error, cb func(error)) { cb(nil) }),
		})
		ended := false
		r.Resume()
		r.OnEnd(mustCall(b, func() { ended = true }))
		r.OnClose(mustCall(b, func() { b.True(ended, "'end' before 'close'") }))
	})

	block(t, "writable destroyed after finish", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(true),
			Write:       func(chunk any, enc string, cb func(error)) { cb(nil) },
			Destroy:     mustCall(b, func(err error, cb func(error)) { cb(nil) }),
		})
		finished := false
		w.Write("hello")
		w.Write("world")
		w.End()
		w.OnFinish(mustCall(b, func() { finished = true }))
		w.OnClose(mustCall(b, func() { b.True(finished, "'finish' before 'close'") }))
	})

	block(t, "transform destroyed after end and finish", func(b *B) {
		tr := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{
				Loop:        b.Loop,
				AutoDestroy: stream.Bool(true),
				Destroy:     mustCall(b, func(err error, cb func(error)) { cb(nil) }),
			},
			Transform: func(chunk any, enc string, cb func(error, any)) { cb(nil, chunk) },
		})
		ended, finished := false, false
		tr.Write("hello")
		tr.Write("world")
		tr.End()
		tr.Resume()
		tr.OnEnd(mustCall(b, func() { ended = true }))
		tr.OnFinish(mustCall(b, func() { finished = true }))
		tr.OnClose(mustCall(b, func() {
			b.True(ended, "'end' before 'close'")
			b.True(finished, "'finish' before 'close'")
		}))
	})

	block(t, "readable pipe destination destroyed on error", func(b *B) {
		b.NA("piping into a Readable: Go's types rule it out (Pipe takes a WritableStream)")
	})

	block(t, "writable pipe destination destroyed on error", func(b *B) {
		var w *stream.Writable
		r := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) { w.Emit("error", errors.New("fail")) },
		})
		w = stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(true),
			Destroy:     mustCall(b, func(err error, cb func(error)) { cb(nil) }),
		})
		r.Pipe(w)
	})
}
