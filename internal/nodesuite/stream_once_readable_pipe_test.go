package nodesuite_test

import (
	"fmt"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-once-readable-pipe.js: a once 'readable' listener added
// before or after pipe does not disturb the pipe: everything reaches the
// destination.
func TestStreamOnceReadablePipe(t *testing.T) {
	setup := func(b *B, received *string) (*stream.Readable, *stream.Writable) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: func(chunk any, enc string, cb func(error)) {
				*received += fmt.Sprintf("%s", chunk)
				cb(nil)
			},
		})
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		return r, w
	}
	data := []string{"foo", "bar", "baz"}
	block(t, "readable listener before pipe", func(b *B) {
		received := ""
		r, w := setup(b, &received)
		r.Once("readable", mustCall(b, func(...any) {}))
		r.Pipe(w)
		for _, d := range data {
			r.Push(d)
		}
		r.Push(nil)
		w.OnFinish(mustCall(b, func() { b.Equal(received, "foobarbaz") }))
	})
	block(t, "readable listener after pipe", func(b *B) {
		received := ""
		r, w := setup(b, &received)
		r.Pipe(w)
		for _, d := range data {
			r.Push(d)
		}
		r.Push(nil)
		r.Once("readable", mustCall(b, func(...any) {}))
		w.OnFinish(mustCall(b, func() { b.Equal(received, "foobarbaz") }))
	})
}
