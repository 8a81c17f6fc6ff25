package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-big-push.js: pushes past a small highWaterMark return false,
// reads return what is buffered, and a read that would go below the mark
// calls the read hook, whose synchronous push is returned in the same read.
func TestStreamBigPush(t *testing.T) {
	block(t, "pushes past highWaterMark", func(b *B) {
		const str = "asdfasdfasdfasdfasdf"
		var r *stream.Readable
		reads := 0
		read := func(int) {
			switch reads {
			case 0:
				b.SetTimeout(func() { r.Push(str) }, 1)
				reads++
			case 1:
				b.False(r.Push(str), "push past highWaterMark")
				reads++
			default:
				r.Push(nil)
			}
		}
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(5),
			Encoding:      "utf8",
			Read:          mustCall(b, read, 3),
		})
		r.OnEnd(mustCall[func()](b, nil))

		// A first push, before any read: over the mark.
		b.False(r.Push(str), "first push past highWaterMark")
		b.Equal(r.Read(), str)
		b.Equal(r.Read(), nil)

		r.Once("readable", func(...any) {
			// All the rest at once: the read would go below the mark, so it
			// called the read hook, which pushed synchronously.
			b.Equal(r.Read(), str+str)
			b.Equal(r.Read(), nil)
		})
	})
}
