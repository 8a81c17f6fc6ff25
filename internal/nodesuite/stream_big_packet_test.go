package nodesuite_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-big-packet.js: a write larger than the highWaterMark of a
// Transform piped into another still reaches the destination, beside a
// second source piped into it with end: false.
func TestStreamBigPacket(t *testing.T) {
	block(t, "big write reaches the destination", func(b *B) {
		passed := false
		s1 := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop},
			Transform: func(chunk any, enc string, cb func(error, any)) {
				b.NextTick(func() { cb(nil, chunk) })
			},
		})
		s2 := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		s3 := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop},
			Transform: func(chunk any, enc string, done func(error, any)) {
				if !passed {
					// Only the last write holds an 'a'.
					passed = strings.Contains(gA2text(chunk), "a")
				}
				done(nil, nil)
			},
		})
		s1.Pipe(s3)
		// end: false, so that s2 ending does not end s3.
		s2.PipeWith(s3, stream.PipeOptions{End: stream.Bool(false)})

		big := bytes.Repeat([]byte("x"), s1.WritableHighWaterMark()+1)
		ok, _ := s1.Write(big)
		b.False(ok, "a write past highWaterMark is buffered")
		ok, _ = s2.Write("tiny")
		b.True(ok, "a small write passes")

		// Never reaches s3: s1 stays paused without a 'drain'.
		b.SetImmediate(func() { s1.Write("later") })

		b.AtExit(func() { b.True(passed, "the large buffer went through") })
	})
}
