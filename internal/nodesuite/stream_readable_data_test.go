package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-data.js: a 'data' listener added after a 'readable'
// listener came and went still gets the data of a string stream.
func TestStreamReadableData(t *testing.T) {
	block(t, "data after readable removed", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.NoError(r.SetEncoding("utf8"))
		l := r.OnReadable(func() {})
		r.RemoveListener("readable", l)
		b.NextTick(func() {
			r.OnData(mustCall[func(any)](b, nil))
			r.Push("hello")
		})
	})
}
