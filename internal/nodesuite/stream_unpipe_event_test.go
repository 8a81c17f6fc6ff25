package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-unpipe-event.js: 'unpipe' is emitted when the source ends
// (with or without end: false) or is unpiped, never otherwise, and the
// pipes list follows.
func TestStreamUnpipeEvent(t *testing.T) {
	nullWritable := func(b *B) *stream.Writable {
		return stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
	}
	quickEnd := func(b *B) *stream.Readable {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) { r.Push(nil) }})
		return r
	}
	neverEnd := func(b *B) *stream.Readable {
		return stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
	}
	run := func(b *B, src *stream.Readable, endFalse, unpipe, wantUnpipe bool, wantPipes int) {
		dest := nullWritable(b)
		dest.OnPipe(mustCall(b, func(stream.ReadableStream) {}))
		if wantUnpipe {
			dest.OnUnpipe(mustCall(b, func(stream.ReadableStream) {}))
		} else {
			dest.OnUnpipe(mustNotCall[func(stream.ReadableStream)](b))
		}
		if endFalse {
			src.PipeWith(dest, stream.PipeOptions{End: stream.Bool(false)})
		} else {
			src.Pipe(dest)
		}
		if unpipe {
			src.Unpipe(dest)
		}
		b.SetImmediate(func() { b.Equal(len(src.ReadableState().Pipes), wantPipes) })
	}
	block(t, "source ends", func(b *B) { run(b, quickEnd(b), false, false, true, 0) })
	block(t, "source never ends", func(b *B) { run(b, neverEnd(b), false, false, false, 1) })
	block(t, "unpipe", func(b *B) { run(b, neverEnd(b), false, true, true, 0) })
	block(t, "source ends, end false", func(b *B) { run(b, quickEnd(b), true, false, true, 0) })
	block(t, "source never ends, end false", func(b *B) { run(b, neverEnd(b), true, false, false, 1) })
	block(t, "unpipe, end false", func(b *B) { run(b, neverEnd(b), true, true, true, 0) })
}
