package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-readable-single-end.js: an ended stream emits one 'readable', not an
// extra empty one, before 'end'.
func TestReadableSingleEnd(t *testing.T) {
	block(t, "one readable at the end", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		r.Push(nil)
		r.OnReadable(mustCall[func()](b, nil))
		r.OnEnd(mustCall[func()](b, nil))
	})
}
