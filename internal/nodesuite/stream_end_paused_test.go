package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-end-paused.js: a paused stream that ends with no data still
// emits 'end' once resumed.
func TestStreamEndPaused(t *testing.T) {
	block(t, "end of a paused empty stream", func(b *B) {
		calledRead := false
		var s *stream.Readable
		s = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				b.False(calledRead, "read hook called once")
				calledRead = true
				s.Push(nil)
			},
		})
		s.OnData(func(any) { b.Errorf("should not ever get data") })
		s.Pause()
		b.SetTimeout(mustCall(b, func() {
			s.OnEnd(mustCall[func()](b, nil))
			s.Resume()
		}), 1)
		b.AtExit(func() { b.True(calledRead, "read hook called") })
	})
}
