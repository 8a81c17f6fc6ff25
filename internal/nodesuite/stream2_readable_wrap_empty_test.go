package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// gWEOld is test-stream2-readable-wrap-empty.js's old-style stream: an
// emitter with no-op pause and resume.
type gWEOld struct{ *stream.LegacyStream }

func (gWEOld) Pause()  {}
func (gWEOld) Resume() {}

// test-stream2-readable-wrap-empty.js: wrapping an old-style stream that
// ends at once ends the new one.
func TestStream2ReadableWrapEmpty(t *testing.T) {
	block(t, "end of an empty old stream", func(b *B) {
		old := gWEOld{stream.NewLegacyStream(b.Loop)}
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop}).Wrap(old)
		r.OnReadable(func() {})
		r.OnEnd(mustCall(b, func() {}))
		old.Emit("end")
	})
}
