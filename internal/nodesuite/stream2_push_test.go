package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-push.js: a Readable fed by pushes from an event source
// (as net.Socket is by its handle) stops and restarts the source from
// push's return value and its read hook, and what is read from it reaches
// a Writable whole.
func TestStream2Push(t *testing.T) {
	block(t, "push from an event source", func(b *B) {
		var source stream.EventEmitter
		reading := false
		readStart := func() { reading = true }
		st := stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(16),
			Encoding:      "utf8",
			Read:          func(int) { readStart() },
		})
		ended := false
		st.OnEnd(func() { ended = true })

		var written []any
		writer := stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			DecodeStrings: stream.Bool(false),
			Write: func(chunk any, enc string, cb func(error)) {
				written = append(written, chunk)
				b.NextTick(func() { cb(nil) })
			},
		})
		readStop := func() {
			reading = false
			b.NextTick(func() {
				if r := st.Read(); r != nil {
					writer.Write(r)
				}
			})
		}
		source.On("data", func(args ...any) {
			if !st.Push(args[0]) {
				readStop()
			}
		})
		source.On("end", func(...any) { st.Push(nil) })

		const g = "asdfgasdfgasdfgasdfg"
		expectWritten := []any{g, g, g, g, g, g}
		writer.OnFinish(mustCall(b, func() { b.Equal(written, expectWritten) }))

		const chunk = "asdfg"
		set := 0
		end := func() {
			source.Emit("end")
			b.False(reading)
			writer.EndWith(st.Read(), "", nil)
			b.SetImmediate(func() { b.True(ended) })
		}
		var data func()
		data = func() {
			for range 4 {
				b.True(reading)
				source.Emit("data", chunk)
			}
			b.False(reading)
			if set < 5 {
				set++
				b.SetTimeout(data, 10)
			} else {
				set++
				end()
			}
		}
		readStart()
		data()
	})
}
