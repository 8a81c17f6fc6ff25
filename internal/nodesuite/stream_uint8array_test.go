package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-uint8array.js: byte chunks (Node's Uint8Array, Go's []byte)
// written to a Writable arrive as buffers, one at a time or through
// writev, and pushed or unshifted into a Readable read back as one buffer,
// or as a string with an encoding. (Node tells a Uint8Array from a Buffer;
// in Go both are []byte, so the instanceof checks are dropped.)
func TestStreamUint8array(t *testing.T) {
	abc := func() []byte { return []byte{0x41, 0x42, 0x43} }
	def := func() []byte { return []byte{0x44, 0x45, 0x46} }
	ghi := func() []byte { return []byte{0x47, 0x48, 0x49} }

	block(t, "writable gets buffers", func(b *B) {
		n := 0
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				_, isBytes := chunk.([]byte)
				b.True(isBytes, "a buffer")
				if n == 0 {
					b.Equal(gA2text(chunk), "ABC")
				} else {
					b.Equal(gA2text(chunk), "DEF")
				}
				n++
				cb(nil)
			}, 2),
		})
		w.Write(abc())
		w.EndWith(def(), "", nil)
	})

	block(t, "object mode writable gets the Uint8Array itself", func(b *B) {
		b.NA("node v20: the encoding passed to _write for a Uint8Array in object mode is undefined, not 'utf8'")
	})

	block(t, "writev gets buffers", func(b *B) {
		var callback func(error)
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				_, isBytes := chunk.([]byte)
				b.True(isBytes, "a buffer")
				b.Equal(enc, "buffer")
				b.Equal(gA2text(chunk), "ABC")
				callback = cb
			}),
			Writev: mustCall(b, func(chunks []stream.WriteChunk, cb func(error)) {
				if !b.Equal(len(chunks), 2) {
					return
				}
				b.Equal(chunks[0].Encoding, "buffer")
				b.Equal(chunks[1].Encoding, "buffer")
				b.Equal(gA2text(chunks[0].Chunk)+gA2text(chunks[1].Chunk), "DEFGHI")
			}),
		})
		w.Write(abc())
		w.Write(def())
		w.EndWith(ghi(), "", nil)
		callback(nil)
	})

	block(t, "readable reads a buffer", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		r.Push(def())
		r.Unshift(abc())
		buf, ok := r.Read().([]byte)
		b.True(ok, "read returns bytes")
		b.Equal(buf, append(abc(), def()...))
	})

	block(t, "readable with setEncoding reads a string", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.NoError(r.SetEncoding("utf8"))
		r.Push(def())
		r.Unshift(abc())
		b.Equal(r.Read(), "ABCDEF")
	})
}
