package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-construct.js: the construct hook: a second callback is
// ERR_MULTIPLE_CALLBACK, an error (now or on a later tick) is emitted,
// destroy waits for construction, and reads, writes and final wait for it
// too.
func TestStreamConstruct(t *testing.T) {
	block(t, "writable multiple callback", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Construct: mustCall(b, func(cb func(error)) {
				cb(nil)
				cb(nil)
			}),
		})
		w.OnError(mustCall(b, func(err error) { b.Code(err, "ERR_MULTIPLE_CALLBACK") }))
	})

	block(t, "readable multiple callback", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Construct: mustCall(b, func(cb func(error)) {
				cb(nil)
				cb(nil)
			}),
		})
		r.OnError(mustCall(b, func(err error) { b.Code(err, "ERR_MULTIPLE_CALLBACK") }))
	})

	block(t, "writable synchronous error", func(b *B) {
		errTest := errors.New("test")
		w := stream.NewWritable(stream.WritableOptions{
			Loop:      b.Loop,
			Construct: mustCall(b, func(cb func(error)) { cb(errTest) }),
		})
		w.OnError(mustCall(b, func(err error) { b.Is(err, errTest) }))
	})

	block(t, "readable synchronous error", func(b *B) {
		errTest := errors.New("test")
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:      b.Loop,
			Construct: mustCall(b, func(cb func(error)) { cb(errTest) }),
		})
		r.OnError(mustCall(b, func(err error) { b.Is(err, errTest) }))
	})

	block(t, "writable asynchronous error", func(b *B) {
		errTest := errors.New("test")
		w := stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Construct: mustCall(b, func(cb func(error)) {
				b.NextTick(func() { cb(errTest) })
			}),
		})
		w.OnError(mustCall(b, func(err error) { b.Is(err, errTest) }))
	})

	block(t, "readable asynchronous error", func(b *B) {
		errTest := errors.New("test")
		r := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Construct: mustCall(b, func(cb func(error)) {
				b.NextTick(func() { cb(errTest) })
			}),
		})
		r.OnError(mustCall(b, func(err error) { b.Is(err, errTest) }))
	})

	// testDestroy's five cases, for a Readable and for a Writable.
	type factory func(b *B, construct func(cb func(error))) *stream.Stream
	factories := []struct {
		name string
		make factory
	}{
		{"readable", func(b *B, construct func(cb func(error))) *stream.Stream {
			return stream.NewReadable(stream.ReadableOptions{
				Loop:      b.Loop,
				Read:      mustNotCall[func(int)](b),
				Construct: construct,
			}).Stream
		}},
		{"writable", func(b *B, construct func(cb func(error))) *stream.Stream {
			return stream.NewWritable(stream.WritableOptions{
				Loop:      b.Loop,
				Write:     mustNotCall[func(any, string, func(error))](b),
				Final:     mustNotCall[func(func(error))](b),
				Construct: construct,
			}).Stream
		}},
	}
	for _, f := range factories {
		// constructing returns a construct hook that sets *constructed and
		// calls back on the next tick.
		constructing := func(b *B, constructed *bool) func(cb func(error)) {
			return mustCall(b, func(cb func(error)) {
				*constructed = true
				b.NextTick(func() { cb(nil) })
			})
		}

		block(t, f.name+": destroy waits for construct", func(b *B) {
			constructed := false
			s := f.make(b, constructing(b, &constructed))
			s.OnClose(mustCall(b, func() { b.True(constructed) }))
			s.Destroy(nil)
		})

		block(t, f.name+": destroy callback waits for construct", func(b *B) {
			constructed := false
			s := f.make(b, constructing(b, &constructed))
			s.OnClose(mustCall(b, func() { b.True(constructed) }))
			s.DestroyWith(nil, func(error) { b.True(constructed) })
		})

		block(t, f.name+": destroy waits for construct, again", func(b *B) {
			constructed := false
			s := f.make(b, constructing(b, &constructed))
			s.OnClose(mustCall(b, func() { b.True(constructed) }))
			s.Destroy(nil)
		})

		block(t, f.name+": destroy with error and callback waits for construct", func(b *B) {
			constructed := false
			kaboom := errors.New("kaboom")
			s := f.make(b, constructing(b, &constructed))
			s.OnClose(mustCall(b, func() { b.True(constructed) }))
			s.OnError(mustCall(b, func(err error) { b.Is(err, kaboom) }))
			s.DestroyWith(kaboom, func(err error) {
				b.Is(err, kaboom)
				b.True(constructed)
			})
		})

		block(t, f.name+": destroy with error waits for construct", func(b *B) {
			constructed := false
			s := f.make(b, constructing(b, &constructed))
			s.OnError(mustCall(b, func(error) { b.True(constructed) }))
			s.OnClose(mustCall(b, func() { b.True(constructed) }))
			s.Destroy(errors.New(""))
		})
	}

	block(t, "read waits for construct", func(b *B) {
		constructed := false
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(true),
			Construct: mustCall(b, func(cb func(error)) {
				constructed = true
				b.NextTick(func() { cb(nil) })
			}),
			Read: mustCall(b, func(int) {
				b.True(constructed)
				r.Push(nil)
			}),
		})
		r.OnClose(mustCall(b, func() { b.True(constructed) }))
		r.OnData(mustNotCall[func(any)](b))
	})

	block(t, "write and final wait for construct", func(b *B) {
		constructed := false
		w := stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(true),
			Construct: mustCall(b, func(cb func(error)) {
				constructed = true
				b.NextTick(func() { cb(nil) })
			}),
			Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
				b.True(constructed)
				b.NextTick(func() { cb(nil) })
			}),
			Final: mustCall(b, func(cb func(error)) {
				b.True(constructed)
				b.NextTick(func() { cb(nil) })
			}),
		})
		w.OnClose(mustCall(b, func() { b.True(constructed) }))
		w.EndWith("data", "", nil)
	})

	block(t, "final waits for construct", func(b *B) {
		constructed := false
		w := stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(true),
			Construct: mustCall(b, func(cb func(error)) {
				constructed = true
				b.NextTick(func() { cb(nil) })
			}),
			Write: mustNotCall[func(any, string, func(error))](b),
			Final: mustCall(b, func(cb func(error)) {
				b.True(constructed)
				b.NextTick(func() { cb(nil) })
			}),
		})
		w.OnClose(mustCall(b, func() { b.True(constructed) }))
		w.End()
	})

	block(t, "duplex calls construct", func(b *B) {
		stream.NewDuplex(stream.DuplexOptions{
			Loop:      b.Loop,
			Construct: mustCall[func(func(error))](b, nil),
		})
	})

	block(t, "duplex with readable false closes after an immediate construct", func(b *B) {
		// https://github.com/nodejs/node/issues/34448
		constructed := false
		var d *stream.Duplex
		d = stream.NewDuplex(stream.DuplexOptions{
			Loop:     b.Loop,
			Readable: stream.Bool(false),
			Construct: mustCall(b, func(cb func(error)) {
				b.SetImmediate(mustCall(b, func() {
					constructed = true
					cb(nil)
				}))
			}),
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
			Read:  func(int) { d.Push(nil) },
		})
		d.Resume()
		d.EndWith("foo", "", nil)
		d.OnClose(mustCall(b, func() { b.True(constructed) }))
	})

	block(t, "construct does not read", func(b *B) {
		stream.NewReadable(stream.ReadableOptions{
			Loop:      b.Loop,
			Construct: mustCall(b, func(cb func(error)) { cb(nil) }),
			Read:      mustNotCall[func(int)](b),
		})
	})
}
