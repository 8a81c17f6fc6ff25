package nodesuite_test

import (
	"testing"
	"time"

	"github.com/nodestream/stream"
)

// test-stream-transform-objectmode-falsey-value.js: falsy values (0, -1
// and the rest) written to an object-mode PassThrough chain arrive at the
// end of it, in order, one 'data' each.
func TestStreamTransformObjectmodeFalseyValue(t *testing.T) {
	block(t, "falsy values through object-mode passthroughs", func(b *B) {
		src := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true})
		tx := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true})
		dest := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true})
		expect := []any{-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
		var results []any
		dest.OnData(mustCall(b, func(x any) { results = append(results, x) }, len(expect)))
		src.Pipe(tx)
		tx.Pipe(dest)
		i := -1
		var interval *stream.Timer
		interval = b.Loop.SetInterval(mustCall(b, func() {
			if len(results) == len(expect) {
				src.End()
				b.Loop.ClearInterval(interval)
				b.Equal(results, expect)
			} else {
				src.Write(i)
				i++
			}
		}, len(expect)+1), time.Millisecond)
	})
}
