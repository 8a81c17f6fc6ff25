package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-flow-recursion.js: reading a size far above a tiny
// highWaterMark raises it, takes two reads and does not recurse.
func TestStreamReadableFlowRecursion(t *testing.T) {
	block(t, "large read on a tiny highWaterMark", func(b *B) {
		// process.throwDeprecation has no Go meaning: dropped.
		reads, total := 0, 5000
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(2),
			Read: func(size int) {
				reads++
				size = min(size, total)
				total -= size
				if size == 0 {
					r.Push(nil)
				} else {
					r.Push(make([]byte, size))
				}
			},
		})
		depth := 0
		var flow func(size int, callback func(chunk any))
		flow = func(size int, callback func(chunk any)) {
			depth++
			if chunk := r.ReadN(size); chunk == nil {
				r.Once("readable", func(...any) { flow(size, callback) })
			} else {
				callback(chunk)
			}
			depth--
		}
		flow(5000, func(any) {})
		b.AtExit(func() {
			b.Equal(reads, 2)
			b.Equal(r.ReadableHighWaterMark(), 8192)
			b.Equal(r.ReadableLength(), 0)
			b.Equal(depth, 0)
		})
	})
}
