package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-transform-split-highwatermark.js: readableHighWaterMark and
// writableHighWaterMark set one side's highWaterMark of a Transform each,
// highWaterMark wins over both, and an unset one leaves the default.
func TestStreamTransformSplitHighwatermark(t *testing.T) {
	const def = 16 * 1024
	testTransform := func(b *B, expectedReadableHwm, expectedWritableHwm int, opts stream.DuplexOptions) {
		opts.Loop = b.Loop
		tr := stream.NewTransform(stream.TransformOptions{DuplexOptions: opts})
		b.Equal(tr.ReadableState().HighWaterMark, expectedReadableHwm, "readable highWaterMark")
		b.Equal(tr.WritableState().HighWaterMark, expectedWritableHwm, "writable highWaterMark")
	}
	block(t, "per-side options override the default", func(b *B) {
		testTransform(b, 666, def, stream.DuplexOptions{ReadableHighWaterMark: stream.Int(666)})
		testTransform(b, def, 777, stream.DuplexOptions{WritableHighWaterMark: stream.Int(777)})
		testTransform(b, 666, 777, stream.DuplexOptions{ReadableHighWaterMark: stream.Int(666), WritableHighWaterMark: stream.Int(777)})
	})
	block(t, "highWaterMark overrides the per-side options", func(b *B) {
		testTransform(b, 555, 555, stream.DuplexOptions{HighWaterMark: stream.Int(555), ReadableHighWaterMark: stream.Int(666)})
		testTransform(b, 555, 555, stream.DuplexOptions{HighWaterMark: stream.Int(555), WritableHighWaterMark: stream.Int(777)})
		testTransform(b, 555, 555, stream.DuplexOptions{HighWaterMark: stream.Int(555), ReadableHighWaterMark: stream.Int(666), WritableHighWaterMark: stream.Int(777)})
	})
	block(t, "unset options leave the default", func(b *B) {
		// Node runs these with undefined and with null; both are a nil
		// pointer in Go, so one pass covers them.
		testTransform(b, def, def, stream.DuplexOptions{ReadableHighWaterMark: nil})
		testTransform(b, def, def, stream.DuplexOptions{WritableHighWaterMark: nil})
		testTransform(b, 666, def, stream.DuplexOptions{HighWaterMark: nil, ReadableHighWaterMark: stream.Int(666)})
		testTransform(b, def, 777, stream.DuplexOptions{HighWaterMark: nil, WritableHighWaterMark: stream.Int(777)})
	})
	block(t, "NaN per-side highWaterMark throws", func(b *B) {
		b.NA("NaN is not an int: the *int options cannot hold it")
	})
	block(t, "non-Duplex streams ignore the per-side options", func(b *B) {
		b.NA("ReadableOptions and WritableOptions have no per-side highWaterMark fields: Go's types rule the options out")
	})
}
