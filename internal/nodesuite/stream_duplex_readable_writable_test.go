package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-duplex-readable-writable.js: a Duplex made with readable
// false refuses pushes (ERR_STREAM_PUSH_AFTER_EOF) and iterates to nothing;
// with writable false it refuses writes (ERR_STREAM_WRITE_AFTER_END).
func TestStreamDuplexReadableWritable(t *testing.T) {
	block(t, "readable false refuses push", func(b *B) {
		d := stream.NewDuplex(stream.DuplexOptions{Loop: b.Loop, Readable: stream.Bool(false)})
		b.False(d.Readable())
		d.Push("asd")
		d.OnError(mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_PUSH_AFTER_EOF") }))
		d.OnData(mustNotCall[func(any)](b))
		d.OnEnd(mustNotCall[func()](b))
	})
	block(t, "writable false refuses write", func(b *B) {
		d := stream.NewDuplex(stream.DuplexOptions{Loop: b.Loop, Writable: stream.Bool(false), Write: mustNotCall[func(any, string, func(error))](b)})
		b.False(d.Writable())
		d.Write("asd")
		d.OnError(mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_WRITE_AFTER_END") }))
		d.OnFinish(mustNotCall[func()](b))
	})
	block(t, "readable false iterates to nothing", func(b *B) {
		d := stream.NewDuplex(stream.DuplexOptions{Loop: b.Loop, Readable: stream.Bool(false)})
		b.False(d.Readable())
		d.OnData(mustNotCall[func(any)](b))
		d.OnEnd(mustNotCall[func()](b))
		gEForAwait(b, d, func(chunk any) bool { b.Errorf("got %v", chunk); return true }, mustCall(b, func(err error) { b.NoError(err) }))
	})
}
