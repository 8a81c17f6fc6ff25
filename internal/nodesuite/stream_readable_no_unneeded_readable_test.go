package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-no-unneeded-readable.js: a wrapper that reads its
// source on 'readable' sees the source's 'end', whether the source is a
// PassThrough fed by a pipe or a Readable that pushes its end on the next
// tick.
func TestStreamReadableNoUnneededReadable(t *testing.T) {
	test := func(b *B, r stream.ReadableStream) {
		src := stream.AsReadable(r)
		var wrapper *stream.Readable
		wrapper = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				if data := src.Read(); data != nil {
					wrapper.Push(data)
					return
				}
				src.Once("readable", func(...any) {
					if data := src.Read(); data != nil {
						wrapper.Push(data)
					}
				})
			},
		})
		src.Once("end", func(...any) { wrapper.Push(nil) })
		wrapper.Resume()
		wrapper.Once("end", mustCall[stream.Handler](b, nil))
	}
	block(t, "piped passthrough", func(b *B) {
		source := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		source.Push("foo")
		source.Push("bar")
		source.Push(nil)
		pt := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		source.Pipe(pt)
		test(b, pt)
	})
	block(t, "sync pushes then async end", func(b *B) {
		chunks := []string{"foo", "bar"}
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				if len(chunks) != 0 {
					c := chunks[0]
					chunks = chunks[1:]
					r.Push(c)
				} else {
					b.NextTick(func() { r.Push(nil) })
				}
			},
		})
		test(b, r)
	})
}
