package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-after-end.js: an ended Readable that has not emitted
// 'end' emits it on read(); piping a Readable that has already ended
// still ends the destination.
func TestStreamPipeAfterEnd(t *testing.T) {
	block(t, "pipe an ended readable", func(b *B) {
		newTestReadable := func() *stream.Readable {
			ended := false
			var r *stream.Readable
			r = stream.NewReadable(stream.ReadableOptions{
				Loop: b.Loop,
				Read: func(int) {
					if ended {
						r.Emit("error", errors.New("_read called twice"))
					}
					ended = true
					r.Push(nil)
				},
			})
			return r
		}
		newTestWritable := func() *stream.Writable {
			return stream.NewWritable(stream.WritableOptions{
				Loop:  b.Loop,
				Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
			})
		}
		ender := newTestReadable()
		piper := newTestReadable()
		piper.Read()
		b.SetTimeout(mustCall(b, func() {
			ender.OnEnd(mustCall(b, func() {}))
			b.Equal(ender.Read(), nil)
			w := newTestWritable()
			w.OnFinish(mustCall(b, func() {}))
			piper.Pipe(w)
		}), 1)
	})
}
