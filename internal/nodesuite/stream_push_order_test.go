package nodesuite_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-push-order.js: chunks pushed two at a time by the read hook,
// over several synchronous reads, are buffered in push order.
func TestStreamPushOrder(t *testing.T) {
	block(t, "buffered in push order", func(b *B) {
		list := []string{"1", "2", "3", "4", "5", "6"}
		var s *stream.Readable
		s = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(20),
			Encoding:      "ascii",
			Read: func(int) {
				if len(list) == 0 {
					s.Push(nil)
					return
				}
				one, two := list[0], list[1]
				list = list[2:]
				s.Push(one)
				s.Push(two)
			},
		})
		s.ReadN(0)
		b.AtExit(func() {
			parts := make([]string, 0, 6)
			for _, c := range s.ReadableBuffer() {
				parts = append(parts, fmt.Sprint(c))
			}
			// Not 1,3,5,6,4,2, the order of an old bug.
			b.Equal(strings.Join(parts, ","), "1,2,3,4,5,6")
		})
	})
}
