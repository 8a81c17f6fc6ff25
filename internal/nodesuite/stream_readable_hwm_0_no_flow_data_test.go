package nodesuite_test

import (
	"fmt"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-hwm-0-no-flow-data.js: with highWaterMark 0, a
// 'readable' listener and a 'data' listener, data is emitted only by read(),
// and 'end' comes on the tick after the read that finds the end.
func TestStreamReadableHwm0NoFlowData(t *testing.T) {
	block(t, "events in order", func(b *B) {
		streamData := []any{"a", nil}
		var calls []string
		show := func(v any) string {
			if v == nil {
				return "null"
			}
			return fmt.Sprint(v)
		}
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(0),
			ObjectMode:    true,
			Read: mustCall(b, func(int) {
				calls = append(calls, "_read:"+show(streamData[0]))
				b.NextTick(func() {
					calls = append(calls, "push:"+show(streamData[0]))
					v := streamData[0]
					streamData = streamData[1:]
					r.Push(v)
				})
			}, 2),
		})
		b.Equal(r.ReadableFlowing(), stream.FlowingNull)
		r.OnReadable(mustCall(b, func() { calls = append(calls, "readable") }, 2))
		b.Equal(r.ReadableFlowing(), stream.FlowingFalse)
		r.OnData(mustCall(b, func(data any) { calls = append(calls, "data:"+show(data)) }, 1))
		r.OnEnd(mustCall(b, func() { calls = append(calls, "end") }))
		b.Equal(r.ReadableFlowing(), stream.FlowingFalse)
		b.SetImmediate(func() {
			b.Equal(calls, []string{"_read:a", "push:a", "readable"})
			b.Equal(r.Read(), "a")
			b.Equal(calls, []string{"_read:a", "push:a", "readable", "data:a"})
			b.Equal(r.Read(), nil)
			b.SetImmediate(func() {
				b.Equal(calls, []string{"_read:a", "push:a", "readable", "data:a", "_read:null", "push:null", "readable"})
				b.Equal(r.Read(), nil)
				b.Equal(calls, []string{"_read:a", "push:a", "readable", "data:a", "_read:null", "push:null", "readable"})
				b.NextTick(func() {
					b.Equal(calls, []string{"_read:a", "push:a", "readable", "data:a", "_read:null", "push:null", "readable", "end"})
				})
			})
		})
	})
}
