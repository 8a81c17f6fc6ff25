package nodesuite_test

import "testing"

// test-stream-duplex-from.js: Duplex.from makes a Duplex of a Readable, a
// Writable, an object holding either or both, a promise, a Blob, an async
// function or generator, and reports their errors.
func TestStreamDuplexFrom(t *testing.T) {
	block(t, "readable of an object", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from({ readable }) over a Readable pushing 'asd': readable
		// true, writable false; 'readable' reads 'asd'; at 'end' readable is
		// false.
	})
	block(t, "a readable", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(readable) over a Readable pushing 'asd': the same as
		// with { readable }.
	})
	block(t, "a writable", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(writable): readable false, writable true; end('asd')
		// reaches the Writable; at 'finish' writable is false and it got
		// 'asd'.
	})
	block(t, "writable of an object", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from({ writable }): the same as with a Writable.
	})
	block(t, "readable and writable of an object", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from({ readable, writable }): both true; 'readable' reads
		// 'asd', 'end' leaves readable false; end('asd') reaches the
		// Writable, 'finish' leaves writable false.
	})
	block(t, "a promise", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(Promise.resolve('asd')): readable only; 'readable'
		// reads 'asd'; 'end' leaves readable false.
	})
	block(t, "an async generator in a pipeline", func(b *B) {
		b.Missing("Duplex.from")
		// pipeline(['abc\ndef\nghi'], Duplex.from(line-splitting async
		// generator), async generator sink) succeeds with the sink joining
		// 'abcdefghi' (nodejs/node#40497).
	})
	block(t, "a duplex is returned as it is", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(duplex) === duplex.
	})
	block(t, "a blob", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(new Blob(['blob'])): one 'data' whose byteLength is
		// the blob's size.
	})
	block(t, "a rejected promise", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(Promise.reject('myCustomError')) emits 'error' with
		// that value.
	})
	block(t, "an async function rejecting", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(async function returning a rejected promise) emits
		// 'error' with the rejection value.
	})
	block(t, "a void function", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(() => {}) throws ERR_INVALID_RETURN_VALUE.
	})
	block(t, "data of the readable of an object", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from({ readable }) pushing a Buffer: 'data' gives that
		// Buffer; writable is false.
	})
	block(t, "data to the writable of an object", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from({ writable }): write(msg) reaches the Writable's write
		// with msg; readable is false.
	})
	block(t, "data through readable and writable of an object", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from({ readable, writable }) piped into itself: 'data'
		// gives msg with readable and writable still true, then 'end'; the
		// Writable gets msg.
	})
	block(t, "a readable whose read throws", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(Readable whose read throws 'error!'): 'error' with
		// that message.
	})
	block(t, "a writable whose write fails", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(Writable whose write calls back 'error!'):
		// write('test') gives 'error' with that value.
	})
	block(t, "one passthrough as both sides", func(b *B) {
		b.Missing("Duplex.from")
		// Readable.from(['foo', 'bar']) piped into Duplex.from({ writable:
		// through, readable: through }) of one object-mode PassThrough,
		// pausing on each 'data' and resuming on setImmediate: 'end' with
		// 'foobar', then 'close'.
	})
	block(t, "readable of an object from Readable.from", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from({ readable: Readable.from(['foo']) }): readable only;
		// 'data' gives 'foo'; 'end' leaves readable false.
	})
	block(t, "a readable from Readable.from", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(Readable.from(['foo'])): the same.
	})
	block(t, "writable of an object writing through", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from({ writable }): end('foo') reaches the Writable;
		// 'finish' with 'foo' written and writable false.
	})
	block(t, "a writable writing through", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from(writable): the same.
	})
	block(t, "readable and writable of an object from Readable.from", func(b *B) {
		b.Missing("Duplex.from")
		// Duplex.from({ readable: Readable.from(['foo']), writable }):
		// end('bar'); 'data' gives 'foo', 'end' leaves readable false,
		// 'finish' with 'bar' written and writable false.
	})
}
