package nodesuite_test

import (
	"bytes"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-unshift-empty-chunk.js: unshifting an empty buffer does not
// clear state.reading: a parser that reads, puts back five bytes, then an
// empty buffer, sees every chunk and the put-back bytes in order.
func TestStreamUnshiftEmptyChunk(t *testing.T) {
	block(t, "empty unshift keeps reading", func(b *B) {
		nChunks := 10
		chunk := bytes.Repeat([]byte("x"), 10)
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				b.SetImmediate(func() {
					nChunks--
					if nChunks == 0 {
						r.Push(nil)
					} else {
						r.Push(chunk)
					}
				})
			},
		})
		readAll := false
		var seen []string
		r.OnReadable(func() {
			for c := r.Read(); c != nil; c = r.Read() {
				seen = append(seen, gA2text(c))
				// Put part of the chunk back, as a parser does: 'y's, to
				// tell them apart; every other time nothing at all.
				n := 5
				if readAll {
					n = 0
				}
				readAll = !readAll
				r.Unshift(bytes.Repeat([]byte("y"), n))
			}
		})
		var want []string
		for range 9 {
			want = append(want, "xxxxxxxxxx", "yyyyy")
		}
		r.OnEnd(mustCall(b, func() { b.Equal(seen, want) }))
	})
}
