package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-setEncoding-existing-buffers.js: SetEncoding
// converts bytes already buffered, keeping a character split across chunks
// whole, even when it is completed after the call.
func TestStreamReadableSetEncodingExistingBuffers(t *testing.T) {
	run := func(b *B, before, after [][]byte, want []any) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		for _, c := range before {
			r.Push(c)
		}
		b.NoError(r.SetEncoding("utf8"))
		for _, c := range after {
			r.Push(c)
		}
		var chunks []any
		r.OnData(func(chunk any) { chunks = append(chunks, chunk) })
		b.NextTick(func() { b.Equal(chunks, want) })
	}
	block(t, "bytes already buffered", func(b *B) {
		run(b, [][]byte{[]byte("a"), []byte("b")}, nil, []any{"ab"})
	})
	block(t, "a complete character in chunks", func(b *B) {
		run(b, [][]byte{{0xf0}, {0x9f}, {0x8e}, {0x89}}, nil, []any{"🎉"})
	})
	block(t, "an incomplete character finished later", func(b *B) {
		run(b, [][]byte{{0xf0}, {0x9f}}, [][]byte{{0x8e}, {0x89}}, []any{"🎉"})
	})
}
