package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-streams-highwatermark.js: highWaterMark values past 32 bits are
// kept, invalid ones refused with ERR_INVALID_ARG_VALUE; push and read(0)
// with a zero highWaterMark and an empty buffer; read(n) raises the mark;
// a read past 1 GiB is ERR_OUT_OF_RANGE.
func TestStreamsHighwatermark(t *testing.T) {
	block(t, "large and invalid values", func(b *B) {
		const ovfl = 1<<53 - 1 // Number.MAX_SAFE_INTEGER
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, HighWaterMark: stream.Int(ovfl)})
		b.Equal(readable.ReadableState().HighWaterMark, ovfl)
		writable := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, HighWaterMark: stream.Int(ovfl)})
		b.Equal(writable.WritableState().HighWaterMark, ovfl)

		// Of Node's invalid values (true, false, '5', {}, -5, NaN) only -5
		// can be written in Go: the others are not ints.
		const msg = "The property 'options.highWaterMark' is invalid. Received -5"
		_, err := stream.NewReadableErr(stream.ReadableOptions{Loop: b.Loop, HighWaterMark: stream.Int(-5)})
		if b.Code(err, "ERR_INVALID_ARG_VALUE", "readable") {
			b.Equal(gA2name(err), "TypeError")
			b.Equal(gA2message(err), msg)
		}
		_, err = stream.NewWritableErr(stream.WritableOptions{Loop: b.Loop, HighWaterMark: stream.Int(-5)})
		if b.Code(err, "ERR_INVALID_ARG_VALUE", "writable") {
			b.Equal(gA2name(err), "TypeError")
			b.Equal(gA2message(err), msg)
		}
	})

	block(t, "push with zero highWaterMark and length", func(b *B) {
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, HighWaterMark: stream.Int(0)})
		for range 3 {
			// Node's push() with no chunk (undefined) is taken as an empty
			// chunk: an empty buffer here.
			b.True(readable.Push([]byte{}), "needs more data")
		}
	})

	block(t, "read(0) with zero highWaterMark and length", func(b *B) {
		readable := stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(0),
			Read:          mustCall[func(int)](b, nil),
		})
		readable.ReadN(0)
	})

	block(t, "read size raises highWaterMark", func(b *B) {
		// Node also takes the sizes '1' and '1.0' as strings; Go's ReadN
		// takes an int.
		readable := stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			Read:          mustCall[func(int)](b, nil),
			HighWaterMark: stream.Int(0),
		})
		readable.ReadN(1)
		b.Equal(readable.ReadableState().HighWaterMark, 1)
	})

	block(t, "read size limit", func(b *B) {
		const hwm = 0x40000000 + 1
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		err := gA2panicked(func() { readable.ReadN(hwm) })
		if b.Code(err, "ERR_OUT_OF_RANGE") {
			b.Equal(gA2message(err), `The value of "size" is out of range. It must be <= 1GiB. Received 1073741825`)
		}
	})
}
