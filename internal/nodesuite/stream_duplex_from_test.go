package nodesuite_test

import (
	"context"
	"errors"
	"iter"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-duplex-from.js: Duplex.from makes a Duplex of a Readable, a
// Writable, an object holding either or both, a promise, a Blob, an async
// function or generator, and reports their errors.
func TestStreamDuplexFrom(t *testing.T) {
	asd := func(b *B) *stream.Readable {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {
			r.Push("asd")
			r.Push(nil)
		}})
		return r
	}
	collect := func(b *B, ret *string) *stream.Writable {
		return stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(c any, _ string, cb func(error)) {
			*ret += gA2text(c)
			cb(nil)
		}})
	}
	readsAsd := func(b *B, d *stream.Duplex) {
		b.True(d.Readable())
		b.False(d.Writable())
		d.Once("readable", mustCall(b, func(...any) { b.Equal(gA2text(d.Read()), "asd") }))
		d.Once("end", mustCall(b, func(...any) { b.False(d.Readable()) }))
	}
	writesAsd := func(b *B, d *stream.Duplex, ret *string) {
		b.False(d.Readable())
		b.True(d.Writable())
		d.EndWith("asd", "", nil)
		d.On("finish", mustCall(b, func(...any) {
			b.False(d.Writable())
			b.Equal(*ret, "asd")
		}))
	}
	// Duplex.from({readable, writable}) is DuplexFromPair(readable,
	// writable); Duplex.from(readable) is the pair with one side.
	block(t, "readable of an object", func(b *B) { readsAsd(b, stream.DuplexFromPair(asd(b), nil)) })
	block(t, "a readable", func(b *B) { readsAsd(b, stream.DuplexFromPair(asd(b), nil)) })
	block(t, "a writable", func(b *B) {
		ret := ""
		writesAsd(b, stream.DuplexFromPair(nil, collect(b, &ret)), &ret)
	})
	block(t, "writable of an object", func(b *B) {
		ret := ""
		writesAsd(b, stream.DuplexFromPair(nil, collect(b, &ret)), &ret)
	})
	block(t, "readable and writable of an object", func(b *B) {
		ret := ""
		d := stream.DuplexFromPair(asd(b), collect(b, &ret))
		b.True(d.Readable())
		b.True(d.Writable())
		d.Once("readable", mustCall(b, func(...any) { b.Equal(gA2text(d.Read()), "asd") }))
		d.Once("end", mustCall(b, func(...any) { b.False(d.Readable()) }))
		d.EndWith("asd", "", nil)
		d.Once("finish", mustCall(b, func(...any) {
			b.False(d.Writable())
			b.Equal(ret, "asd")
		}))
	})
	block(t, "a promise", func(b *B) {
		b.NA("Duplex.from(promise): Go has no promise value; work done off the loop is a Produce or a DuplexFromFunc")
	})
	block(t, "an async generator in a pipeline", func(b *B) {
		// nodejs/node#40497: a generator-function Duplex splitting lines,
		// between an iterable source and a generator-function sink.
		lines := stream.DuplexFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
			return func(yield func(any, error) bool) {
				rest := ""
				for chunk := range src {
					parts := strings.Split(rest+gA2text(chunk), "\n")
					rest = parts[len(parts)-1]
					for _, line := range parts[:len(parts)-1] {
						if !yield(line, nil) {
							return
						}
					}
				}
				yield(rest, nil)
			}
		}, stream.DuplexOptions{Loop: b.Loop})
		sink := stream.WritableFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) error {
			ret := ""
			for x := range src {
				ret += gA2text(x)
			}
			b.Equal(ret, "abcdefghi")
			return nil
		}, stream.WritableOptions{Loop: b.Loop})
		src := stream.From(gEValues("abc\ndef\nghi"), stream.ReadableOptions{Loop: b.Loop})
		if _, err := stream.PipelineWith([]stream.StreamLike{src, lines, sink}, stream.PipelineOptions{}, mustSucceed(b)); err != nil {
			b.Fatalf("PipelineWith: %v", err)
		}
	})
	block(t, "a duplex is returned as it is", func(b *B) {
		b.NA("Duplex.from(duplex) === duplex: a Go Duplex is already one, and DuplexFromPair takes two sides")
	})
	block(t, "a blob", func(b *B) {
		b.NA("Duplex.from(blob): Go has no Blob; a []byte is one chunk of From")
	})
	block(t, "a rejected promise", func(b *B) {
		b.NA("Duplex.from(Promise.reject(...)): Go has no promise value")
	})
	block(t, "an async function rejecting", func(b *B) {
		b.NA("Duplex.from(asyncFunction) resolving to a rejected promise: Go has no promise value")
	})
	block(t, "a void function", func(b *B) {
		b.NA("Duplex.from(() => {}) and ERR_INVALID_RETURN_VALUE: a StageFunc's result type is fixed by Go's types")
	})
	block(t, "data of the readable of an object", func(b *B) {
		msg := []byte("hello")
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {
			r.Push(msg)
			r.Push(nil)
		}})
		d := stream.DuplexFromPair(r, nil)
		d.OnData(mustCall(b, func(data any) { b.Equal(data, msg) }))
		b.False(d.Writable())
	})
	block(t, "data to the writable of an object", func(b *B) {
		msg := []byte("hello")
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(data any, _ string, cb func(error)) {
			b.Equal(data, msg)
		})})
		d := stream.DuplexFromPair(nil, w)
		d.Write(msg)
		b.False(d.Readable())
	})
	block(t, "data through readable and writable of an object", func(b *B) {
		msg := []byte("hello")
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {
			r.Push(msg)
			r.Push(nil)
		}})
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(data any, _ string, cb func(error)) {
			b.Equal(data, msg)
		})})
		d := stream.DuplexFromPair(r, w)
		d.Pipe(d)
		d.OnData(mustCall(b, func(data any) {
			b.Equal(data, msg)
			b.True(d.Readable())
			b.True(d.Writable())
		}))
		d.OnEnd(mustCall(b, func() {}))
	})
	block(t, "a readable whose read throws", func(b *B) {
		// A read hook cannot throw in Go; it fails the stream as Node's
		// throw there does, by destroying it with the error.
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) { r.Destroy(errors.New("error!")) }})
		d := stream.DuplexFromPair(r, nil)
		d.OnError(mustCall(b, func(err error) { b.Equal(err.Error(), "error!") }))
	})
	block(t, "a writable whose write fails", func(b *B) {
		fail := errors.New("error!")
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(_ any, _ string, cb func(error)) { cb(fail) }})
		d := stream.DuplexFromPair(nil, w)
		d.OnError(mustCall(b, func(err error) { b.Is(err, fail) }))
		d.Write("test")
	})
	block(t, "one passthrough as both sides", func(b *B) {
		through := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true})
		res := ""
		src := stream.From(gEValues("foo", "bar"), stream.ReadableOptions{Loop: b.Loop})
		d := src.Pipe(stream.DuplexFromPair(through, through)).(*stream.Duplex)
		d.OnData(func(data any) {
			d.Pause()
			b.SetImmediate(d.Resume)
			res += data.(string)
		})
		d.OnEnd(mustCall(b, func() { b.Equal(res, "foobar") }))
		d.OnClose(mustCall(b, func() {}))
	})
	block(t, "readable of an object from Readable.from", func(b *B) {
		d := stream.DuplexFromPair(stream.From(gEValues("foo"), stream.ReadableOptions{Loop: b.Loop}), nil)
		b.True(d.Readable())
		b.False(d.Writable())
		d.OnData(mustCall(b, func(data any) { b.Equal(gA2text(data), "foo") }))
		d.OnEnd(mustCall(b, func() { b.False(d.Readable()) }))
	})
	block(t, "a readable from Readable.from", func(b *B) {
		d := stream.DuplexFromPair(stream.From(gEValues("foo"), stream.ReadableOptions{Loop: b.Loop}), nil)
		b.True(d.Readable())
		b.False(d.Writable())
		d.OnData(mustCall(b, func(data any) { b.Equal(gA2text(data), "foo") }))
		d.OnEnd(mustCall(b, func() { b.False(d.Readable()) }))
	})
	block(t, "writable of an object writing through", func(b *B) {
		ret := ""
		d := stream.DuplexFromPair(nil, collect(b, &ret))
		b.False(d.Readable())
		b.True(d.Writable())
		d.EndWith("foo", "", nil)
		d.OnFinish(mustCall(b, func() {
			b.Equal(ret, "foo")
			b.False(d.Writable())
		}))
	})
	block(t, "a writable writing through", func(b *B) {
		ret := ""
		d := stream.DuplexFromPair(nil, collect(b, &ret))
		b.False(d.Readable())
		b.True(d.Writable())
		d.EndWith("foo", "", nil)
		d.OnFinish(mustCall(b, func() {
			b.Equal(ret, "foo")
			b.False(d.Writable())
		}))
	})
	block(t, "readable and writable of an object from Readable.from", func(b *B) {
		ret := ""
		d := stream.DuplexFromPair(stream.From(gEValues("foo"), stream.ReadableOptions{Loop: b.Loop}), collect(b, &ret))
		d.EndWith("bar", "", nil)
		d.OnData(mustCall(b, func(data any) { b.Equal(gA2text(data), "foo") }))
		d.OnEnd(mustCall(b, func() { b.False(d.Readable()) }))
		d.OnFinish(mustCall(b, func() {
			b.Equal(ret, "bar")
			b.False(d.Writable())
		}))
	})
}
