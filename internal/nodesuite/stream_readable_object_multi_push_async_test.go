package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-object-multi-push-async.js: an object-mode source
// that pushes a batch from a timer per read ends after the right number of
// reads, read through 'readable' or 'data'; an empty stream ends on a later
// tick without reading; a push from setImmediate still ends.
func TestStreamReadableObjectMultiPushAsync(t *testing.T) {
	const max, batch = 42, 10
	// The timers only delay the batches; their order against setImmediate
	// does not matter.
	fetcher := func(b *B, i *int, emptyAtEnd bool) func(cb func(err error, data []int)) {
		return func(cb func(err error, data []int)) {
			if emptyAtEnd && *i > max {
				b.SetTimeout(func() { cb(nil, nil) }, 10)
				return
			}
			var array []int
			for end := *i + batch; *i < end; *i++ {
				array = append(array, *i)
			}
			b.SetTimeout(func() { cb(nil, array) }, 10)
		}
	}
	batched := func(b *B, i *int) *stream.Readable {
		fetchData := fetcher(b, i, true)
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read: mustCall(b, func(int) {
				fetchData(func(err error, data []int) {
					if err != nil {
						r.Destroy(err)
						return
					}
					if len(data) == 0 {
						r.Push(nil)
						return
					}
					for _, d := range data {
						r.Push(d)
					}
				})
			}, max/batch+2),
		})
		return r
	}
	block(t, "read on readable", func(b *B) {
		i := 0
		r := batched(b, &i)
		r.OnReadable(func() {
			for r.Read() != nil {
			}
		})
		r.OnEnd(mustCall(b, func() { b.Equal(i, (max/batch+1)*batch) }))
	})
	block(t, "flowing", func(b *B) {
		i := 0
		r := batched(b, &i)
		r.OnData(func(any) {})
		r.OnEnd(mustCall(b, func() { b.Equal(i, (max/batch+1)*batch) }))
	})
	block(t, "push null with the last batch", func(b *B) {
		i := 0
		fetchData := fetcher(b, &i, false)
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read: mustCall(b, func(int) {
				fetchData(func(err error, data []int) {
					if err != nil {
						r.Destroy(err)
						return
					}
					for _, d := range data {
						r.Push(d)
					}
					if data[batch-1] >= max {
						r.Push(nil)
					}
				})
			}, max/batch+1),
		})
		r.OnData(func(any) {})
		r.OnEnd(mustCall(b, func() { b.Equal(i, (max/batch+1)*batch) }))
	})
	block(t, "empty stream ends later", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop, ObjectMode: true, Read: mustNotCall[func(int)](b),
		})
		r.OnData(mustNotCall[func(any)](b))
		r.Push(nil)
		nextTickPassed := false
		b.NextTick(func() { nextTickPassed = true })
		r.OnEnd(mustCall(b, func() { b.Equal(nextTickPassed, true) }))
	})
	block(t, "push from setImmediate", func(b *B) {
		var r *stream.Readable
		r = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop, ObjectMode: true, Read: mustCall[func(int)](b, nil),
		})
		r.OnData(func(any) {})
		r.OnEnd(mustCall[func()](b, nil))
		b.SetImmediate(func() {
			r.Push("aaa")
			r.Push(nil)
		})
	})
}
