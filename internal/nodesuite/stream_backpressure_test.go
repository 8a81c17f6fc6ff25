package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-backpressure.js: a greedy source pushing far past its
// highWaterMark is still read at most two full runs ahead of a slow
// destination.
func TestStreamBackpressure(t *testing.T) {
	block(t, "greedy read stays within two runs", func(b *B) {
		const total = 65500 + 40*1024
		pushes := 0
		var rs *stream.Readable
		rs = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: mustCall(b, func(int) {
				if pushes == 10 {
					pushes++
					rs.Push(nil)
					return
				}
				pushes++
				b.True(rs.ReadableLength() <= total, "buffered length within two runs")
				rs.Push(make([]byte, 65500))
				for range 40 {
					rs.Push(make([]byte, 1024))
				}
			}, 11),
		})
		ws := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				b.SetImmediate(func() { cb(nil) })
			}, 41*10),
		})
		rs.Pipe(ws)
	})
}
