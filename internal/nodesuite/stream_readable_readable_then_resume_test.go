package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-readable-then-resume.js: a stream resumes after its
// 'readable' listener is removed in the same tick.
func TestStreamReadableReadableThenResume(t *testing.T) {
	block(t, "resume after removing readable", func(b *B) {
		first := false
		var s *stream.Readable
		s = stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			ObjectMode:    true,
			HighWaterMark: stream.Int(1),
			Read: func(int) {
				if !first {
					s.Push("hello")
					first = true
					return
				}
				s.Push(nil)
			},
		})
		l := s.OnReadable(mustNotCall[func()](b))
		s.OnEnd(mustCall[func()](b, nil))
		// removeListener === off: function identity, no Go meaning.
		s.RemoveListener("readable", l)
		s.Resume()
	})
}
