package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-unpipe-drain.js: two sources piped into a destination
// that never calls back read no more than twice each, whether unpiped or
// not.
func TestStream2UnpipeDrain(t *testing.T) {
	block(t, "sources of a stuck destination stop reading", func(b *B) {
		dest := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(buffer any, enc string, cb func(error)) {}, // never calls back
		})
		// newTestReader counts its reads and pushes size bytes on each.
		newTestReader := func(reads *int) *stream.Readable {
			var r *stream.Readable
			r = stream.NewReadable(stream.ReadableOptions{
				Loop: b.Loop,
				Read: func(size int) {
					*reads++
					r.Push(make([]byte, size))
				},
			})
			return r
		}
		var reads1, reads2 int
		src1 := newTestReader(&reads1)
		src2 := newTestReader(&reads2)
		src1.Pipe(dest)
		src1.Once("readable", func(...any) {
			b.NextTick(func() {
				src2.Pipe(dest)
				src2.Once("readable", func(...any) {
					b.NextTick(func() { src1.Unpipe(dest) })
				})
			})
		})
		b.AtExit(func() {
			b.Equal(reads1, 2)
			b.Equal(reads2, 2)
		})
	})
}
