package nodesuite_test

import (
	"fmt"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-add-chunk-during-data.js: push and unshift work from
// inside a 'data' listener.
func TestStreamReadableAddChunkDuringData(t *testing.T) {
	for _, method := range []string{"push", "unshift"} {
		block(t, method+" from data", func(b *B) {
			r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
			r.Once("data", mustCall(b, func(args ...any) {
				chunk := args[0].([]byte)
				b.Equal(r.ReadableLength(), 0)
				if method == "push" {
					r.Push(chunk)
				} else {
					r.Unshift(chunk)
				}
				b.Equal(r.ReadableLength(), len(chunk))
				r.OnData(mustCall(b, func(chunk any) {
					b.Equal(fmt.Sprintf("%s", chunk), "Hello, world")
				}))
			}))
			r.Push("Hello, world")
		})
	}
}
