package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// gPEWritable is test-stream-pipe-event.js's old-style writable.
type gPEWritable struct{ *stream.LegacyStream }

func (*gPEWritable) Writable() bool { return true }

// test-stream-pipe-event.js: the legacy Stream.prototype.pipe emits 'pipe'
// on the destination, synchronously.
func TestStreamPipeEvent(t *testing.T) {
	block(t, "legacy pipe emits pipe", func(b *B) {
		// An old-style writable: a legacy Stream with the writable flag.
		w := &gPEWritable{stream.NewLegacyStream(b.Loop)}
		passed := false
		w.On("pipe", func(...any) { passed = true })
		r := stream.NewLegacyStream(b.Loop)
		r.Pipe(w, stream.PipeOptions{})
		b.True(passed, "'pipe' before Pipe returns")
	})
}
