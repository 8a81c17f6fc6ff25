package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-read-sync-stack.js: a read hook that pushes synchronously,
// a quarter million times, one byte at a time, nests without failing and
// the stream ends.
func TestStream2ReadSyncStack(t *testing.T) {
	block(t, "deeply nested synchronous reads", func(b *B) {
		const n = 256 * 1024
		reads := 0
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				reads++
				if reads-1 == n {
					r.Push(nil)
				} else {
					r.Push(make([]byte, 1))
				}
			},
		})
		r.OnReadable(func() { r.ReadN(n * 2) })
		r.OnEnd(mustCall(b, func() {}))
		r.ReadN(0)
	})
}
