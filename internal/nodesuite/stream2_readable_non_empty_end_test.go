package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-readable-non-empty-end.js: 'end' waits while a byte is
// left in the buffer of an ended stream, and comes once it is read.
func TestStream2ReadableNonEmptyEnd(t *testing.T) {
	block(t, "end waits for the last byte", func(b *B) {
		length := 0
		var chunks [][]byte
		for i := 1; i <= 10; i++ {
			chunks = append(chunks, make([]byte, i))
			length += i
		}
		n := 0
		var test *stream.Readable
		test = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				var chunk any
				if n < len(chunks) {
					chunk = chunks[n]
				}
				n++
				b.SetTimeout(func() { test.Push(chunk) }, 1)
			},
		})
		thrower := test.OnEnd(func() { b.Errorf("this should not happen!") })
		bytesread := 0
		next := func() {
			// Now 'end' may come.
			test.RemoveListener("end", thrower)
			test.OnEnd(mustCall(b, func() {}))
			// One read takes the last byte.
			r := test.Read()
			if b.True(r != nil) {
				b.Equal(len(r.([]byte)), 1)
			}
			b.Equal(test.Read(), nil)
		}
		test.OnReadable(func() {
			res := test.ReadN(length - bytesread - 1)
			if res != nil {
				bytesread += len(res.([]byte))
				b.SetTimeout(next, 1)
			}
			test.ReadN(0)
		})
		test.ReadN(0)
	})
}
