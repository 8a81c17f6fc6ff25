package nodesuite_test

import (
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-resume-hwm.js: resume on a buffer already past the
// highWaterMark does not call the read hook.
func TestStreamReadableResumeHwm(t *testing.T) {
	block(t, "no read past the highWaterMark", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop, HighWaterMark: stream.Int(100), Read: mustNotCall[func(int)](b),
		})
		for range 10 {
			r.Push(strings.Repeat("a", 200))
		}
		r.Resume()
		r.Once("data", mustCall(b, func(...any) { r.Pause() }))
	})
}
