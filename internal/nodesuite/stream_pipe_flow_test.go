package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-flow.js: pipes keep flowing with pushes deferred to
// later ticks, through chained PassThroughs read by hand, and register
// 'drain' only under backpressure.
func TestStreamPipeFlow(t *testing.T) {
	block(t, "pushes on later ticks into a zero highWaterMark", func(b *B) {
		ticks := 17
		var rs *stream.Readable
		rs = stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read: func(int) {
				ticks--
				if ticks+1 > 0 {
					b.NextTick(func() { rs.Push(struct{}{}) })
					return
				}
				rs.Push(struct{}{})
				rs.Push(nil)
			},
		})
		ws := stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(0),
			ObjectMode:    true,
			Write: func(chunk any, enc string, cb func(error)) {
				b.SetImmediate(func() { cb(nil) })
			},
		})
		rs.OnEnd(mustCall(b, func() {}))
		ws.OnFinish(mustCall(b, func() {}))
		rs.Pipe(ws)
	})
	block(t, "chained PassThroughs read by a wrapper", func(b *B) {
		missing := 8
		var rs *stream.Readable
		rs = stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read: func(int) {
				if missing != 0 {
					missing--
					rs.Push(struct{}{})
				} else {
					missing--
					rs.Push(nil)
				}
			},
		})
		pt1 := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true, HighWaterMark: stream.Int(2)})
		pt := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true, HighWaterMark: stream.Int(2)})
		rs.Pipe(pt1)
		pt1.Pipe(pt)
		var wrapper *stream.Readable
		pt.OnEnd(func() { wrapper.Push(nil) })
		wrapper = stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read: func(int) {
				b.NextTick(func() {
					data := pt.Read()
					if data == nil {
						pt.Once("readable", func(...any) {
							data = pt.Read()
							if data != nil {
								wrapper.Push(data)
							}
						})
					} else {
						wrapper.Push(data)
					}
				})
			},
		})
		wrapper.Resume()
		wrapper.OnEnd(mustCall(b, func() {}))
	})
	block(t, "drain only registered under backpressure", func(b *B) {
		rs := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		pt := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true, HighWaterMark: stream.Int(2)})
		rs.Pipe(pt)
		b.Equal(pt.ListenerCount("drain"), 0)
		pt.OnFinish(func() { b.Equal(pt.ListenerCount("drain"), 0) })
		rs.Push("asd")
		b.Equal(pt.ListenerCount("drain"), 0)
		b.NextTick(func() {
			rs.Push("asd")
			b.Equal(pt.ListenerCount("drain"), 0)
			rs.Push(nil)
			b.Equal(pt.ListenerCount("drain"), 0)
		})
	})
}
