package nodesuite_test

import (
	"bytes"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-unpipe-resume.js: a source unpiped and resumed from
// inside its destination's transform hook still flows to 'end'. (Node reads
// its own executable as a big file; a megabyte in memory through
// FromReader plays it here.)
func TestStreamReadableUnpipeResume(t *testing.T) {
	block(t, "unpipe and resume from the transform", func(b *B) {
		readStream := stream.FromReader(bytes.NewReader(make([]byte, 1<<20)), stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(64 * 1024),
		})
		transformStream := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop},
			Transform: mustCall(b, func(chunk any, enc string, cb func(error, any)) {
				readStream.Unpipe()
				readStream.Resume()
			}),
		})
		readStream.OnEnd(mustCall[func()](b, nil))
		readStream.Pipe(transformStream).(*stream.Transform).Resume()
	})
}
