package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-large-read-stall.js: when read(n) takes exactly what is
// left in the buffer, 'end' is still emitted.
func TestStream2LargeReadStall(t *testing.T) {
	block(t, "end after an exact read of the rest", func(b *B) {
		const (
			readSize  = 100
			pushSize  = 20
			pushCount = 1000
			hwm       = 50
		)
		var r *stream.Readable
		pushes := 0
		var push func()
		push = func() {
			if pushes > pushCount {
				return
			}
			pushes++
			if pushes-1 == pushCount {
				r.Push(nil)
				return
			}
			if r.Push(make([]byte, pushSize)) {
				b.SetTimeout(push, 1)
			}
		}
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(hwm),
			Read:          func(int) { push() },
		})
		r.OnReadable(func() {
			for {
				ret := r.ReadN(readSize)
				if ret == nil || len(ret.([]byte)) != readSize {
					break
				}
			}
		})
		r.OnEnd(mustCall(b, func() { b.Equal(pushes, pushCount+1) }))
	})
}
