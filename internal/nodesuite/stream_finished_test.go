package nodesuite_test

import (
	"context"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-finished.js: finished calls back once a stream has ended,
// finished or closed, with ERR_STREAM_PREMATURE_CLOSE when it closed
// early or the stream's own error; its cleanup function removes its
// listeners; it waits for an async destroy; it works on streams already
// done; its readable/writable options pick the side to wait for.
func TestStreamFinished(t *testing.T) {
	block(t, "readable", func(b *B) {
		rs := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		stream.Finished(rs, mustSucceed(b))
		rs.Push(nil)
		rs.Resume()
	})
	block(t, "writable", func(b *B) {
		ws := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		stream.Finished(ws, mustSucceed(b))
		ws.End()
	})
	block(t, "transform waits for both sides", func(b *B) {
		tr := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop},
			Transform:     func(chunk any, enc string, cb func(error, any)) { cb(nil, nil) },
		})
		finish, ended := false, false
		tr.OnEnd(func() { ended = true })
		tr.OnFinish(func() { finish = true })
		succeed := mustSucceed(b)
		stream.Finished(tr, func(err error) {
			succeed(err)
			b.True(finish, "finish")
			b.True(ended, "ended")
		})
		tr.End()
		tr.Resume()
	})
	// fs.createReadStream(__filename) is this test file opened and read
	// through FromReader.
	openSelf := func(b *B) *os.File {
		f, err := os.Open("stream_finished_test.go")
		if err != nil {
			b.Fatalf("open: %v", err)
		}
		return f
	}
	block(t, "file read stream", func(b *B) {
		rs := stream.FromReader(openSelf(b), stream.ReadableOptions{Loop: b.Loop})
		rs.Resume()
		stream.Finished(rs, mustCall(b, func(error) {}))
	})
	block(t, "promisified on a file read stream", func(b *B) {
		// promisify(finished) resolves when the callback is called: the
		// code after the await is the callback here.
		rs := stream.FromReader(openSelf(b), stream.ReadableOptions{Loop: b.Loop})
		done := mustCall(b, func() {})
		ended := false
		rs.Resume()
		rs.OnEnd(func() { ended = true })
		stream.Finished(rs, func(err error) {
			b.NoError(err)
			b.True(ended, "ended")
			done()
		})
	})
	empty := func(b *B) *stream.Readable {
		return stream.From(func(func(any) bool) {}, stream.ReadableOptions{Loop: b.Loop})
	}
	aborted := func() context.Context {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx
	}
	block(t, "pre-aborted signal", func(b *B) {
		rs := empty(b)
		stream.FinishedWith(rs, stream.FinishedOptions{Context: aborted()}, mustCall(b, func(err error) {
			b.Name(err, "AbortError")
		}))
	})
	block(t, "abort before a sync end", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		rs := empty(b)
		stream.FinishedWith(rs, stream.FinishedOptions{Context: ctx}, mustCall(b, func(err error) {
			b.Name(err, "AbortError")
		}))
		cancel()
	})
	block(t, "abort before an async end", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		rs := empty(b)
		b.SetTimeout(cancel, 1)
		stream.FinishedWith(rs, stream.FinishedOptions{Context: ctx}, mustCall(b, func(err error) {
			b.Name(err, "AbortError")
		}))
	})
	block(t, "abort after the end", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		b.AtExit(cancel)
		rs := stream.From(func(yield func(any) bool) {
			if yield(5) {
				b.SetImmediate(cancel)
			}
		}, stream.ReadableOptions{Loop: b.Loop})
		rs.Resume()
		stream.FinishedWith(rs, stream.FinishedOptions{Context: ctx}, mustSucceed(b))
	})
	// promisify(finished) is the blocking WaitFinished, run off the loop
	// as Node's await runs off the current callback.
	block(t, "promisified abort", func(b *B) {
		ctx, cancel := context.WithCancel(context.Background())
		rs := empty(b)
		b.SetImmediate(cancel)
		rejected := mustCall(b, func(err error) { b.Name(err, "AbortError") })
		b.Loop.Go(func() func() {
			err := stream.WaitFinished(ctx, rs)
			return func() { rejected(err) }
		})
	})
	block(t, "promisified pre-aborted", func(b *B) {
		rs := empty(b)
		rejected := mustCall(b, func(err error) { b.Name(err, "AbortError") })
		ctx := aborted()
		b.Loop.Go(func() func() {
			err := stream.WaitFinished(ctx, rs)
			return func() { rejected(err) }
		})
	})
	block(t, "file that does not exist", func(b *B) {
		b.NA("fs.createReadStream opens the file itself and fails the stream with ENOENT; FromReader takes a reader already open, so os.Open's error comes before any stream exists")
	})
	block(t, "close emitted after the end", func(b *B) {
		rs := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		stream.Finished(rs, mustSucceed(b))
		rs.Push(nil)
		rs.Emit("close") // not an error
		rs.Resume()
	})
	block(t, "close emitted before the end", func(b *B) {
		rs := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		stream.Finished(rs, mustCall(b, func(err error) { b.True(err != nil, "premature close error") }))
		rs.Emit("close")
		rs.Push(nil)
		rs.Resume()
	})
	block(t, "null options", func(b *B) {
		rs := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		// finished(rs, 'foo'), finished(rs, 'foo', fn), finished(rs, {},
		// 'foo'): JS argument types Go's types rule out.
		stream.FinishedWith(rs, stream.FinishedOptions{}, mustCall(b, func(error) {}))
		rs.Push(nil)
		rs.Resume()
	})
	block(t, "cleanup removes the listeners of a writable", func(b *B) {
		ws := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		removeListeners := stream.Finished(ws, mustNotCall[func(error)](b))
		removeListeners()
		ws.End()
	})
	block(t, "cleanup removes the listeners of a readable", func(b *B) {
		rs := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		removeListeners := stream.Finished(rs, mustNotCall[func(error)](b))
		removeListeners()
		rs.Emit("close")
		rs.Push(nil)
		rs.Resume()
	})
	block(t, "stream-like emitter refused", func(b *B) {
		b.NA("a plain EventEmitter with readable flags is not a StreamLike: Go's types rule it out")
	})
	block(t, "destroyed writable", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) {},
		})
		// writable.writable = false: Node's setter of the state flag has no
		// Go form (the state is the stream's to change).
		w.Destroy(nil)
		stream.Finished(w, mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_PREMATURE_CLOSE") }))
	})
	block(t, "destroyed readable", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		// readable.readable = false: as above.
		r.Destroy(nil)
		stream.Finished(r, mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_PREMATURE_CLOSE") }))
	})
	block(t, "destroy after end before finish", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { b.SetImmediate(func() { cb(nil) }) },
		})
		stream.Finished(w, mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_PREMATURE_CLOSE") }))
		w.EndWith("asd", "", nil)
		w.Destroy(nil)
	})
	type factoryOpts struct {
		emitClose *bool
		destroy   func(err error, cb func(error))
	}
	testClosed := func(kind string, factory func(b *B, o factoryOpts) stream.StreamLike, destroy func(s stream.StreamLike)) {
		block(t, kind+": destroyed, finished disposed at once", func(b *B) {
			s := factory(b, factoryOpts{})
			destroy(s)
			dispose := stream.Finished(s, mustNotCall[func(error)](b))
			dispose()
		})
		block(t, kind+": already destroyed", func(b *B) {
			s := factory(b, factoryOpts{})
			destroy(s)
			stream.Finished(s, mustCall(b, func(error) {}))
		})
		block(t, kind+": waits for an async destroy", func(b *B) {
			destroyed := false
			s := factory(b, factoryOpts{destroy: func(err error, cb func(error)) {
				b.SetImmediate(func() {
					destroyed = true
					cb(nil)
				})
			}})
			destroy(s)
			stream.Finished(s, mustCall(b, func(error) { b.True(destroyed, "destroyed") }))
		})
		block(t, kind+": close inhibited", func(b *B) {
			var s stream.StreamLike
			s = factory(b, factoryOpts{emitClose: stream.Bool(false), destroy: func(err error, cb func(error)) {
				cb(nil)
				stream.Finished(s, mustCall(b, func(error) {}))
			}})
			destroy(s)
		})
		block(t, kind+": deep async", func(b *B) {
			var s stream.StreamLike
			s = factory(b, factoryOpts{destroy: func(err error, cb func(error)) {
				b.SetImmediate(func() {
					cb(nil)
					b.SetImmediate(func() { stream.Finished(s, mustCall(b, func(error) {})) })
				})
			}})
			destroy(s)
		})
	}
	testClosed("readable", func(b *B, o factoryOpts) stream.StreamLike {
		return stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, EmitClose: o.emitClose, Destroy: o.destroy})
	}, func(s stream.StreamLike) { s.(*stream.Readable).Destroy(nil) })
	testClosed("writable", func(b *B, o factoryOpts) stream.StreamLike {
		return stream.NewWritable(stream.WritableOptions{
			Loop:      b.Loop,
			Write:     func(chunk any, enc string, cb func(error)) {},
			EmitClose: o.emitClose,
			Destroy:   o.destroy,
		})
	}, func(s stream.StreamLike) { s.(*stream.Writable).Destroy(nil) })
	block(t, "finished writable without autoDestroy", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(false),
			Write:       func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		w.EndWith("asd", "", nil)
		b.NextTick(func() { stream.Finished(w, mustCall(b, func(error) {})) })
	})
	block(t, "errored writable without autoDestroy", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:        b.Loop,
			AutoDestroy: stream.Bool(false),
			Write:       func(chunk any, enc string, cb func(error)) { cb(errors.New("")) },
		})
		w.Write("asd")
		w.OnError(mustCall(b, func(error) { stream.Finished(w, mustCall(b, func(error) {})) }))
	})
	block(t, "ended readable without autoDestroy", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, AutoDestroy: stream.Bool(false)})
		r.Push(nil)
		r.Resume()
		r.OnEnd(mustCall(b, func() { stream.Finished(r, mustCall(b, func(error) {})) }))
	})
	block(t, "file read stream without autoClose", func(b *B) {
		// autoClose: false leaves the file open and the stream undestroyed:
		// a reader that is not a Closer, and AutoDestroy off.
		f := openSelf(b)
		defer b.AtExit(func() { f.Close() })
		rs := stream.FromReader(struct{ io.Reader }{f}, stream.ReadableOptions{Loop: b.Loop, AutoDestroy: stream.Bool(false)})
		rs.Resume()
		rs.OnClose(mustNotCall[func()](b))
		rs.OnEnd(mustCall(b, func() { stream.Finished(rs, mustCall(b, func(error) {})) }))
	})
	block(t, "emitter with a fake writable state", func(b *B) {
		b.NA("a plain EventEmitter with a hand-made _writableState is not a StreamLike: Go's types rule it out")
	})
	block(t, "destroyed after push(null) before the end", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		stream.Finished(r, mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_PREMATURE_CLOSE") }))
		r.Push("asd")
		r.Push(nil)
		r.Destroy(nil)
	})
	newHalfDuplex := func(b *B) *stream.Duplex {
		var d *stream.Duplex
		d = stream.NewDuplex(stream.DuplexOptions{
			Loop:  b.Loop,
			Final: func(cb func(error)) {}, // never finishes the writable side
			Read:  func(int) { d.Push(nil) },
		})
		return d
	}
	block(t, "duplex readable side only", func(b *B) {
		d := newHalfDuplex(b)
		d.OnEnd(mustCall(b, func() {}))
		stream.FinishedWith(d, stream.FinishedOptions{Readable: stream.Bool(true), Writable: stream.Bool(false)}, mustCall(b, func(error) {}))
		d.End()
		d.Resume()
	})
	block(t, "duplex readable side only, after end()", func(b *B) {
		d := newHalfDuplex(b)
		d.OnEnd(mustCall(b, func() {}))
		d.End()
		stream.FinishedWith(d, stream.FinishedOptions{Readable: stream.Bool(true), Writable: stream.Bool(false)}, mustCall(b, func(error) {}))
		d.Resume()
	})
	block(t, "destroyed flag set by hand", func(b *B) {
		// fd-slicer's non-standard destroy sets destroyed and never emits
		// 'close'; the live state's field is what Node's setter changes.
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop})
		stream.Finished(r, mustCall(b, func(error) {}))
		r.Resume()
		r.Push("asd")
		r.ReadableState().Destroyed = true
		r.Push(nil)
	})
	block(t, "duplex reading a PassThrough after finish", func(b *B) {
		// nodejs/node#33130
		response := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		readMore := false
		var instance *stream.Duplex
		read := func(int) {
			readMore = true
			if response.ReadableLength() != 0 {
				readMore = false
			}
			for {
				data := response.Read()
				if data == nil {
					break
				}
				instance.Push(data)
			}
		}
		instance = stream.NewDuplex(stream.DuplexOptions{Loop: b.Loop, AutoDestroy: stream.Bool(false), Read: read})
		response.Once("end", func(...any) { instance.Push(nil) })
		response.OnReadable(func() {
			if readMore {
				read(0)
			}
		})
		b.NoError(instance.SetEncoding("utf8"))
		instance.End()
		done := mustCall(b, func() {})
		// await events.once(instance, 'finish') is a once listener; the
		// for await is Chunks, off the loop.
		instance.Once("finish", func(...any) {
			b.SetImmediate(func() {
				response.Write("chunk 1")
				response.Write("chunk 2")
				response.Write("chunk 3")
				response.End()
			})
			b.Loop.Go(func() func() {
				res := ""
				var iterErr error
				for chunk, err := range stream.Chunks(context.Background(), instance) {
					if err != nil {
						iterErr = err
						break
					}
					res += chunk.(string)
				}
				return func() {
					b.NoError(iterErr)
					b.Equal(res, "chunk 1chunk 2chunk 3")
					done()
				}
			})
		})
	})
	block(t, "ended PassThrough never read", func(b *B) {
		p := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		p.End()
		stream.Finished(p, mustNotCall[func(error)](b))
	})
	block(t, "ended PassThrough never read, finished on finish", func(b *B) {
		p := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		p.End()
		p.OnFinish(mustCall(b, func() { stream.Finished(p, mustNotCall[func(error)](b)) }))
	})
	block(t, "http response finished on finish", func(b *B) {
		b.NA("needs Node's http module (a ServerResponse)")
	})
	block(t, "http request finished on close", func(b *B) {
		b.NA("needs Node's http module (an IncomingMessage)")
	})
	block(t, "aborted event waits for close", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { b.NextTick(func() { cb(nil) }) },
		})
		// w.aborted = false: an expando property, with no Go form.
		w.End()
		closed := false
		w.OnFinish(func() {
			b.Equal(closed, false)
			w.Emit("aborted")
		})
		w.OnClose(mustCall(b, func() { closed = true }))
		stream.Finished(w, mustCall(b, func(error) { b.True(closed, "closed") }))
	})
	block(t, "destroyed with an error, twice", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop})
		myErr := errors.New("")
		w.Destroy(myErr)
		b.Is(w.Errored(), myErr)
		stream.Finished(w, mustCall(b, func(err error) {
			b.True(err == myErr, "the very error, got ", err)
			b.True(w.Closed(), "closed")
			stream.Finished(w, mustCall(b, func(err error) { b.True(err == myErr, "the very error, got ", err) }))
		}))
	})
	block(t, "destroyed without an error, twice", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop})
		w.Destroy(nil)
		b.Equal(w.Errored(), nil)
		stream.Finished(w, mustCall(b, func(err error) {
			b.True(w.Closed(), "closed")
			b.Code(err, "ERR_STREAM_PREMATURE_CLOSE")
			stream.Finished(w, mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_PREMATURE_CLOSE") }))
		}))
	})
	block(t, "legacy stream", func(b *B) {
		b.NA("finished(new Stream()) never calling back: Finished takes a StreamLike, and a LegacyStream, about which nothing can be assumed, is not one (Go's types rule the call out)")
	})
	block(t, "http file response", func(b *B) {
		b.NA("needs Node's http module (a file piped into a ServerResponse)")
	})
	block(t, "duplex writable side only", func(b *B) {
		d := stream.NewDuplex(stream.DuplexOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { b.SetImmediate(func() { cb(nil) }) },
		})
		d.EndWith("foo", "", nil)
		stream.FinishedWith(d, stream.FinishedOptions{Readable: stream.Bool(false)}, mustCall(b, func(err error) { b.NoError(err) }))
	})
}
