package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-error-end.js: a destroy with an error right after
// Push(nil) emits 'data' and 'error' but no 'end'.
func TestStreamReadableErrorEnd(t *testing.T) {
	block(t, "error wins over end", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		r.OnEnd(mustNotCall[func()](b))
		r.OnData(mustCall[func(any)](b, nil))
		r.OnError(mustCall[func(error)](b, nil))
		r.Push("asd")
		r.Push(nil)
		r.Destroy(errors.New("kaboom"))
	})
}
