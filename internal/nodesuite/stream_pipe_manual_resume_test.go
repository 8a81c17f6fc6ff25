package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-manual-resume.js: a pipe does not stall when the
// source is read, resumed or left alone by other code meanwhile.
func TestStreamPipeManualResume(t *testing.T) {
	test := func(b *B, inBetween func(rs *stream.Readable)) {
		const n = 1000
		counter := n
		var rs *stream.Readable
		rs = stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read: mustCallAtLeast(b, func(int) {
				counter--
				if counter >= 0 {
					rs.Push(map[string]int{"counter": counter})
				} else {
					rs.Push(nil)
				}
			}, n),
		})
		ws := stream.NewWritable(stream.WritableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				b.SetImmediate(func() { cb(nil) })
			}, n),
		})
		b.SetImmediate(func() { inBetween(rs) })
		rs.Pipe(ws)
	}
	block(t, "read in between", func(b *B) { test(b, func(rs *stream.Readable) { rs.Read() }) })
	block(t, "resume in between", func(b *B) { test(b, func(rs *stream.Readable) { rs.Resume() }) })
	block(t, "nothing in between", func(b *B) { test(b, func(*stream.Readable) {}) })
}
