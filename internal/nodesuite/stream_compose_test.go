package nodesuite_test

import (
	"context"
	"errors"
	"iter"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-compose.js: compose chains streams into one Duplex that is
// written through the first and read from the last, refuses chains that
// cannot be piped, and takes each side's object mode from its end of the
// chain.
func TestStreamCompose(t *testing.T) {
	transform := func(b *B, opts stream.DuplexOptions, fn func(chunk any) any, times int) *stream.Transform {
		opts.Loop = b.Loop
		return stream.NewTransform(stream.TransformOptions{
			DuplexOptions: opts,
			Transform: mustCall(b, func(chunk any, _ string, cb func(error, any)) {
				cb(nil, fn(chunk))
			}, times),
		})
	}
	str := func(chunk any) string {
		if p, ok := chunk.([]byte); ok {
			return string(p)
		}
		return chunk.(string)
	}
	upper := func(chunk any) any { return strings.ToUpper(str(chunk)) }
	// An async generator function stage is DuplexFromFunc over a function
	// mapping each chunk (or failing at one, with fail).
	gen := func(b *B, f func(chunk any) (any, error)) *stream.Duplex {
		return stream.DuplexFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
			return func(yield func(any, error) bool) {
				for c := range src {
					v, err := f(c)
					if !yield(v, err) || err != nil {
						return
					}
				}
			}
		}, stream.DuplexOptions{Loop: b.Loop})
	}
	same := func(c any) (any, error) { return c, nil }
	block(t, "two transforms", func(b *B) {
		res := ""
		// chunk + chunk on a Buffer is string concatenation in Node.
		double := transform(b, stream.DuplexOptions{}, func(chunk any) any { return str(chunk) + str(chunk) }, 1)
		s, err := stream.Compose(double, transform(b, stream.DuplexOptions{}, upper, 1))
		if !b.NoError(err) {
			return
		}
		b.NoError(s.EndWith("asd", "", nil))
		s.OnData(mustCall(b, func(buf any) { res += str(buf) }))
		s.OnEnd(mustCall(b, func() { b.Equal(res, "ASDASD") }))
	})
	block(t, "two async generators", func(b *B) {
		res := ""
		d, err := stream.Compose(
			gen(b, func(c any) (any, error) { return str(c) + str(c), nil }),
			gen(b, func(c any) (any, error) { return upper(c), nil }))
		if !b.NoError(err) {
			return
		}
		b.NoError(d.EndWith("asd", "", nil))
		d.OnData(mustCall(b, func(buf any) { res += str(buf) }))
		d.OnEnd(mustCall(b, func() { b.Equal(res, "ASDASD") }))
	})
	block(t, "one async generator", func(b *B) {
		res := ""
		d, err := stream.Compose(gen(b, func(c any) (any, error) { return str(c) + str(c), nil }))
		if !b.NoError(err) {
			return
		}
		b.NoError(d.EndWith("asd", "", nil))
		d.OnData(mustCall(b, func(buf any) { res += str(buf) }))
		d.OnEnd(mustCall(b, func() { b.Equal(res, "asdasd") }))
	})
	block(t, "readable and transform", func(b *B) {
		res := ""
		s, err := stream.Compose(stream.From(gEValues("asd"), stream.ReadableOptions{Loop: b.Loop}),
			transform(b, stream.DuplexOptions{}, upper, 1))
		if !b.NoError(err) {
			return
		}
		s.OnData(mustCall(b, func(buf any) { res += str(buf) }))
		s.OnEnd(mustCall(b, func() { b.Equal(res, "ASD") }))
	})
	block(t, "async iterable and transform", func(b *B) {
		// An async generator object is Produce.
		res := ""
		src := stream.Produce(nil, stream.ReadableOptions{Loop: b.Loop}, func(ctx context.Context, send func(string) error) error {
			return send("asd")
		})
		s, err := stream.Compose(src, transform(b, stream.DuplexOptions{}, upper, 1))
		if !b.NoError(err) {
			return
		}
		s.OnData(mustCall(b, func(buf any) { res += str(buf) }))
		s.OnEnd(mustCall(b, func() { b.Equal(res, "ASD") }))
	})
	block(t, "transform, async generator and writable", func(b *B) {
		res := ""
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(c any, _ string, cb func(error)) {
			res += str(c)
			cb(nil)
		})})
		d, err := stream.Compose(transform(b, stream.DuplexOptions{}, upper, 1), gen(b, same), w)
		if !b.NoError(err) {
			return
		}
		b.NoError(d.EndWith("asd", "", nil))
		d.OnFinish(mustCall(b, func() { b.Equal(res, "ASD") }))
	})
	block(t, "transform, async generator and async function", func(b *B) {
		res := ""
		sink := stream.WritableFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) error {
			for c := range src {
				res += str(c)
			}
			return nil
		}, stream.WritableOptions{Loop: b.Loop})
		d, err := stream.Compose(transform(b, stream.DuplexOptions{}, upper, 1), gen(b, same), sink)
		if !b.NoError(err) {
			return
		}
		b.NoError(d.EndWith("asd", "", nil))
		d.OnFinish(mustCall(b, func() { b.Equal(res, "ASD") }))
	})
	block(t, "object mode through an async generator", func(b *B) {
		type wrapped struct{ chunk any }
		wrap := func(c any) any { return wrapped{c} }
		var res any
		d, err := stream.Compose(
			transform(b, stream.DuplexOptions{ObjectMode: true}, wrap, 1),
			gen(b, same),
			transform(b, stream.DuplexOptions{ObjectMode: true}, wrap, 1))
		if !b.NoError(err) {
			return
		}
		b.NoError(d.EndWith(true, "", nil))
		d.OnData(mustCall(b, func(buf any) { res = buf }))
		d.OnEnd(mustCall(b, func() { b.Equal(res, wrapped{wrapped{true}}) }))
	})
	block(t, "transform error", func(b *B) {
		e := errors.New("asd")
		first := stream.NewTransform(stream.TransformOptions{DuplexOptions: stream.DuplexOptions{Loop: b.Loop, ObjectMode: true},
			Transform: mustCall(b, func(_ any, _ string, cb func(error, any)) { cb(e, nil) })})
		last := stream.NewTransform(stream.TransformOptions{DuplexOptions: stream.DuplexOptions{Loop: b.Loop, ObjectMode: true},
			Transform: mustNotCall[func(any, string, func(error, any))](b)})
		d, err := stream.Compose(first, gen(b, same), last)
		if !b.NoError(err) {
			return
		}
		b.NoError(d.EndWith(true, "", nil))
		d.OnData(mustNotCall[func(any)](b))
		d.OnEnd(mustNotCall[func()](b))
		d.OnError(func(err error) { b.Is(err, e) })
	})
	block(t, "async generator throws", func(b *B) {
		e := errors.New("asd")
		first := transform(b, stream.DuplexOptions{ObjectMode: true}, func(c any) any { return c }, 1)
		last := stream.NewTransform(stream.TransformOptions{DuplexOptions: stream.DuplexOptions{Loop: b.Loop, ObjectMode: true},
			Transform: mustNotCall[func(any, string, func(error, any))](b)})
		d, err := stream.Compose(first, gen(b, func(any) (any, error) { return nil, e }), last)
		if !b.NoError(err) {
			return
		}
		b.NoError(d.EndWith(true, "", nil))
		d.OnData(mustNotCall[func(any)](b))
		d.OnEnd(mustNotCall[func()](b))
		d.OnError(func(err error) { b.Is(err, e) })
	})
	block(t, "async iterable to async function is neither readable nor writable", func(b *B) {
		buf := ""
		hello := stream.From(gEValues("Hello", "World"), stream.ReadableOptions{Loop: b.Loop})
		sink := stream.WritableFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) error {
			for c := range src {
				buf += str(c)
			}
			return nil
		}, stream.WritableOptions{Loop: b.Loop})
		d, err := stream.Compose(hello, gen(b, func(c any) (any, error) { return upper(c), nil }), sink)
		if !b.NoError(err) {
			return
		}
		b.False(d.Writable())
		b.False(d.Readable())
		d.Resume()
		stream.Finished(d, mustCall(b, func(err error) {
			b.NoError(err)
			b.Equal(buf, "HELLOWORLD")
		}))
	})
	block(t, "async generator as a transform duplex", func(b *B) {
		buf := ""
		d, err := stream.Compose(gen(b, func(c any) (any, error) { return upper(c), nil }))
		if !b.NoError(err) {
			return
		}
		d.OnData(func(c any) { buf += str(c) })
		b.NoError(d.EndWith("helloworld", "", nil))
		d.Resume()
		stream.Finished(d, mustCall(b, func(err error) {
			b.NoError(err)
			b.Equal(buf, "HELLOWORLD")
		}))
	})
	block(t, "composing composed streams", func(b *B) {
		buf := ""
		hello := stream.Produce(nil, stream.ReadableOptions{Loop: b.Loop}, func(ctx context.Context, send func(string) error) error {
			if err := send("Hello"); err != nil {
				return err
			}
			return send("World")
		})
		s1, err := stream.Compose(hello)
		if !b.NoError(err) {
			return
		}
		s2, err := stream.Compose(gen(b, func(c any) (any, error) { return upper(c), nil }))
		if !b.NoError(err) {
			return
		}
		s3, err := stream.Compose(stream.WritableFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) error {
			for c := range src {
				buf += str(c)
			}
			return nil
		}, stream.WritableOptions{Loop: b.Loop}))
		if !b.NoError(err) {
			return
		}
		s4, err := stream.Compose(s1, s2, s3)
		if !b.NoError(err) {
			return
		}
		stream.Finished(s4, mustCall(b, func(err error) {
			b.NoError(err)
			b.Equal(buf, "HELLOWORLD")
		}))
	})
	block(t, "async iterable, generator and async function", func(b *B) {
		buf := ""
		hello := stream.From(gEValues("Hello", "World"), stream.ReadableOptions{Loop: b.Loop})
		sink := stream.WritableFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) error {
			for c := range src {
				buf += str(c)
			}
			return nil
		}, stream.WritableOptions{Loop: b.Loop})
		d, err := stream.Compose(hello, gen(b, func(c any) (any, error) { return upper(c), nil }), sink)
		if !b.NoError(err) {
			return
		}
		stream.Finished(d, mustCall(b, func(err error) {
			b.NoError(err)
			b.Equal(buf, "HELLOWORLD")
		}))
	})
	block(t, "composing nothing", func(b *B) {
		_, err := stream.Compose()
		b.Code(err, "ERR_MISSING_ARGS")
	})
	block(t, "a writable before a passthrough", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop})
		_, err := stream.Compose(w, stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop}))
		b.Code(err, "ERR_INVALID_ARG_VALUE")
	})
	block(t, "a readable between passthroughs", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		_, err := stream.Compose(stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop}), r,
			stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop}))
		b.Code(err, "ERR_INVALID_ARG_VALUE")
	})
	block(t, "async function returning a value", func(b *B) {
		b.NA("an async function destination returning a value (ERR_INVALID_RETURN_VALUE): a SinkFunc returns only an error")
	})
	block(t, "string source", func(b *B) {
		// A string source is Readable.from(string): one chunk, the
		// string, which From of a one-value sequence gives.
		buf := ""
		sink := stream.WritableFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) error {
			for c := range src {
				buf += str(c)
			}
			return nil
		}, stream.WritableOptions{Loop: b.Loop})
		d, err := stream.Compose(stream.From(gEValues("HelloWorld"), stream.ReadableOptions{Loop: b.Loop}),
			gen(b, func(c any) (any, error) { return upper(c), nil }), sink)
		if !b.NoError(err) {
			return
		}
		stream.Finished(d, mustCall(b, func(err error) {
			b.NoError(err)
			b.Equal(buf, "HELLOWORLD")
		}))
	})
	block(t, "object mode of the first writable and the last readable, objects out", func(b *B) {
		s, err := stream.Compose(
			stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop}),
			transform(b, stream.DuplexOptions{ReadableObjectMode: true},
				func(chunk any) any { return map[string]any{"value": str(chunk)} }, 2),
		)
		if !b.NoError(err) {
			return
		}
		b.Equal(s.WritableObjectMode(), false)
		b.Equal(s.ReadableObjectMode(), true)
		_, err = s.Write("Steve Rogers")
		b.NoError(err)
		_, err = s.Write("On your left")
		b.NoError(err)
		b.NoError(s.End())
		gEToArray(b, s, func(vals []any, err error) {
			b.NoError(err)
			b.Equal(vals, []any{map[string]any{"value": "Steve Rogers"}, map[string]any{"value": "On your left"}})
		})
	})
	block(t, "object mode of the first writable and the last readable, bytes out", func(b *B) {
		s, err := stream.Compose(
			stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true}),
			transform(b, stream.DuplexOptions{WritableObjectMode: true},
				func(chunk any) any { return chunk.(map[string]any)["value"] }, 2),
		)
		if !b.NoError(err) {
			return
		}
		b.Equal(s.WritableObjectMode(), true)
		b.Equal(s.ReadableObjectMode(), false)
		_, err = s.Write(map[string]any{"value": "Steve Rogers"})
		b.NoError(err)
		_, err = s.Write(map[string]any{"value": "On your left"})
		b.NoError(err)
		b.NoError(s.End())
		gEToArray(b, s, func(vals []any, err error) {
			b.NoError(err)
			b.Equal(vals, []any{[]byte("Steve RogersOn your left")})
		})
	})
}
