package nodesuite_test

import (
	"bytes"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-base64-single-char-read-end.js: a one-byte source read
// through a base64 encoding and piped to a Writable delivers the whole
// padded encoding before 'end'.
func TestStream2Base64SingleCharReadEnd(t *testing.T) {
	block(t, "one byte piped as base64", func(b *B) {
		var src *stream.Readable
		hasRead := false
		src = stream.NewReadable(stream.ReadableOptions{
			Loop:     b.Loop,
			Encoding: "base64",
			Read: func(int) {
				if hasRead {
					return
				}
				hasRead = true
				b.NextTick(func() {
					src.Push([]byte("1"))
					src.Push(nil)
				})
			},
		})
		var accum [][]byte
		dst := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: func(chunk any, enc string, cb func(error)) {
				accum = append(accum, chunk.([]byte))
				cb(nil)
			},
		})
		var timeout *stream.Timer
		src.OnEnd(func() {
			b.Equal(string(bytes.Join(accum, nil)), "MQ==")
			b.Loop.ClearTimeout(timeout)
		})
		src.Pipe(dst)
		timeout = b.SetTimeout(func() { b.Errorf("timed out waiting for _write") }, 100)
	})
}
