package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-objects.js: object-mode streams read, pipe and write
// arbitrary values (objects, strings, falsy values), ignore read(n)'s
// size, count highWaterMark in objects, and finish only once their writes
// have called back.
func TestStream2Objects(t *testing.T) {
	// toArray is a destination collecting what is piped into it, handing
	// the list to callback when it is ended. Node patches write and end on
	// an object-mode Writable; here the Write hook collects and the Final
	// hook plays end.
	toArray := func(b *B, callback func(list []any)) *stream.Writable {
		var list []any
		return stream.NewWritable(stream.WritableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Write: func(chunk any, enc string, cb func(error)) {
				list = append(list, chunk)
				cb(nil)
			},
			Final: mustCall(b, func(cb func(error)) {
				callback(list)
				cb(nil)
			}),
		})
	}
	fromArray := func(b *B, list []any) *stream.Readable {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read:       mustNotCall[func(int)](b),
		})
		for _, chunk := range list {
			r.Push(chunk)
		}
		r.Push(nil)
		return r
	}
	type obj = map[string]string
	oneTwo := func() []any { return []any{obj{"one": "1"}, obj{"two": "2"}} }

	block(t, "objects are read", func(b *B) {
		r := fromArray(b, oneTwo())
		v1 := r.Read()
		v2 := r.Read()
		v3 := r.Read()
		b.Equal(v1, obj{"one": "1"})
		b.Equal(v2, obj{"two": "2"})
		b.Equal(v3, nil)
	})

	block(t, "objects are piped", func(b *B) {
		r := fromArray(b, oneTwo())
		r.Pipe(toArray(b, mustCall(b, func(list []any) { b.Equal(list, oneTwo()) })))
	})

	block(t, "read(n) ignores n", func(b *B) {
		r := fromArray(b, oneTwo())
		b.Equal(r.ReadN(2), obj{"one": "1"})
	})

	block(t, "objects read synchronously", func(b *B) {
		list := oneTwo()
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read: func(int) {
				var item any
				if len(list) != 0 {
					item, list = list[0], list[1:]
				}
				r.Push(item)
			},
		})
		r.Pipe(toArray(b, mustCall(b, func(list []any) { b.Equal(list, oneTwo()) })))
	})

	block(t, "objects read asynchronously", func(b *B) {
		list := oneTwo()
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read: func(int) {
				var item any
				if len(list) != 0 {
					item, list = list[0], list[1:]
				}
				b.NextTick(func() { r.Push(item) })
			},
		})
		r.Pipe(toArray(b, mustCall(b, func(list []any) { b.Equal(list, oneTwo()) })))
	})

	block(t, "strings read as objects", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read:       mustNotCall[func(int)](b),
		})
		list := []any{"one", "two", "three"}
		for _, s := range list {
			r.Push(s)
		}
		r.Push(nil)
		r.Pipe(toArray(b, mustCall(b, func(array []any) { b.Equal(array, list) })))
	})

	block(t, "read(0) on an object stream", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read:       mustNotCall[func(int)](b),
		})
		r.Push("foobar")
		r.Push(nil)
		r.Pipe(toArray(b, mustCall(b, func(array []any) { b.Equal(array, []any{"foobar"}) })))
	})

	block(t, "falsy values are pushed", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read:       mustNotCall[func(int)](b),
		})
		r.Push(false)
		r.Push(0)
		r.Push("")
		r.Push(nil)
		r.Pipe(toArray(b, mustCall(b, func(array []any) { b.Equal(array, []any{false, 0, ""}) })))
	})

	block(t, "highWaterMark and the read hook", func(b *B) {
		calls := 0
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			ObjectMode:    true,
			HighWaterMark: stream.Int(6),
			Read:          func(int) { calls++ },
		})
		for _, c := range []string{"1", "2", "3", "4", "5", "6", "7", "8"} {
			r.Push(c)
		}
		v := r.Read()
		b.Equal(calls, 0)
		b.Equal(v, "1")
		b.Equal(r.Read(), "2")
		b.Equal(r.Read(), "3")
		b.Equal(calls, 1)
	})

	block(t, "highWaterMark and push", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop:          b.Loop,
			ObjectMode:    true,
			HighWaterMark: stream.Int(6),
			Read:          mustNotCall[func(int)](b),
		})
		for i := range 6 {
			b.Equal(r.Push(i), i != 5, "push ", i)
		}
	})

	block(t, "an object is written", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Write: func(chunk any, enc string, cb func(error)) {
				b.Equal(chunk, obj{"foo": "bar"})
				cb(nil)
			},
		})
		w.OnFinish(mustCall(b, func() {}))
		w.Write(obj{"foo": "bar"})
		w.End()
	})

	block(t, "several objects are written", func(b *B) {
		var list []any
		w := stream.NewWritable(stream.WritableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Write: func(chunk any, enc string, cb func(error)) {
				list = append(list, chunk)
				cb(nil)
			},
		})
		w.OnFinish(mustCall(b, func() { b.Equal(list, []any{0, 1, 2, 3, 4}) }))
		for i := range 5 {
			w.Write(i)
		}
		w.End()
	})

	block(t, "strings are written as objects", func(b *B) {
		var list []any
		w := stream.NewWritable(stream.WritableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Write: func(chunk any, enc string, cb func(error)) {
				list = append(list, chunk)
				b.NextTick(func() { cb(nil) })
			},
		})
		w.OnFinish(mustCall(b, func() { b.Equal(list, []any{"0", "1", "2", "3", "4"}) }))
		for _, s := range []string{"0", "1", "2", "3", "4"} {
			w.Write(s)
		}
		w.End()
	})

	block(t, "finish waits for the write callback", func(b *B) {
		called := false
		w := stream.NewWritable(stream.WritableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Write: func(chunk any, enc string, cb func(error)) {
				b.Equal(chunk, "foo")
				b.NextTick(func() {
					called = true
					cb(nil)
				})
			},
		})
		w.OnFinish(mustCall(b, func() { b.True(called) }))
		w.Write("foo")
		w.End()
	})
}
