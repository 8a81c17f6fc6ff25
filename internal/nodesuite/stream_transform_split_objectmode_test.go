package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-transform-split-objectmode.js: readableObjectMode and
// writableObjectMode put one side of a Transform in object mode, each with
// its own default highWaterMark (16 objects, 16 KiB), and the transform
// turns bytes into objects or objects into bytes accordingly.
func TestStreamTransformSplitObjectmode(t *testing.T) {
	block(t, "readable object mode parser", func(b *B) {
		parser := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop, ReadableObjectMode: true},
			Transform: func(chunk any, _ string, cb func(error, any)) {
				cb(nil, map[string]any{"val": chunk.([]byte)[0]})
			},
		})
		b.True(parser.ReadableState().ObjectMode)
		b.False(parser.WritableState().ObjectMode)
		b.Equal(parser.ReadableHighWaterMark(), 16)
		b.Equal(parser.WritableHighWaterMark(), 16*1024)
		b.Equal(parser.ReadableHighWaterMark(), parser.ReadableState().HighWaterMark)
		b.Equal(parser.WritableHighWaterMark(), parser.WritableState().HighWaterMark)
		var parsed any
		parser.OnData(func(obj any) { parsed = obj })
		parser.EndWith([]byte{42}, "", nil)
		b.AtExit(func() {
			obj, ok := parsed.(map[string]any)
			if b.True(ok, "parsed is the transform's object: ", show(parsed)) {
				b.Equal(obj["val"], byte(42))
			}
		})
	})
	block(t, "writable object mode serializer", func(b *B) {
		serializer := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop, WritableObjectMode: true},
			Transform: func(obj any, _ string, cb func(error, any)) {
				cb(nil, []byte{obj.(map[string]any)["val"].(byte)})
			},
		})
		b.False(serializer.ReadableState().ObjectMode)
		b.True(serializer.WritableState().ObjectMode)
		b.Equal(serializer.ReadableHighWaterMark(), 16*1024)
		b.Equal(serializer.WritableHighWaterMark(), 16)
		// Node compares the parser's fields again here (a slip); the serializer's are meant.
		b.Equal(serializer.ReadableHighWaterMark(), serializer.ReadableState().HighWaterMark)
		b.Equal(serializer.WritableHighWaterMark(), serializer.WritableState().HighWaterMark)
		var serialized any
		serializer.OnData(func(chunk any) { serialized = chunk })
		serializer.Write(map[string]any{"val": byte(42)})
		b.AtExit(func() {
			chunk, ok := serialized.([]byte)
			if b.True(ok && len(chunk) > 0, "serialized is bytes: ", show(serialized)) {
				b.Equal(chunk[0], byte(42))
			}
		})
	})
}
