package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-transform-destroy.js: destroying a Transform emits 'close'
// and neither 'end' nor 'finish'; its error reaches 'error' unless the
// destroy hook swallows it or replaces it; the hook gets the error (nil
// without one); and a hook that ends the stream before calling back gets
// its 'end'.
func TestStreamTransformDestroy(t *testing.T) {
	newTransform := func(b *B, destroy func(err error, cb func(error))) *stream.Transform {
		return stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop, Destroy: destroy},
			Transform:     func(any, string, func(error, any)) {},
		})
	}
	block(t, "destroy without error", func(b *B) {
		tr := newTransform(b, nil)
		tr.Resume()
		tr.OnEnd(mustNotCall[func()](b))
		tr.OnClose(mustCall(b, func() {}))
		tr.OnFinish(mustNotCall[func()](b))
		tr.Destroy(nil)
	})
	block(t, "destroy with an error", func(b *B) {
		tr := newTransform(b, nil)
		tr.Resume()
		expected := errors.New("kaboom")
		tr.OnEnd(mustNotCall[func()](b))
		tr.OnFinish(mustNotCall[func()](b))
		tr.OnClose(mustCall(b, func() {}))
		tr.OnError(mustCall(b, func(err error) { b.True(err == expected, "the error itself: ", show(err)) }))
		tr.Destroy(expected)
	})
	block(t, "destroy hook passes the error on", func(b *B) {
		expected := errors.New("kaboom")
		tr := newTransform(b, mustCall(b, func(err error, cb func(error)) {
			b.True(err == expected, "the error itself: ", show(err))
			cb(err)
		}, 1))
		tr.OnFinish(mustNotCall[func()](b))
		tr.OnClose(mustCall(b, func() {}))
		tr.OnError(mustCall(b, func(err error) { b.True(err == expected, "the error itself: ", show(err)) }))
		tr.Destroy(expected)
	})
	block(t, "destroy hook swallows the error", func(b *B) {
		expected := errors.New("kaboom")
		tr := newTransform(b, mustCall(b, func(err error, cb func(error)) {
			b.True(err == expected, "the error itself: ", show(err))
			cb(nil)
		}, 1))
		tr.Resume()
		tr.OnEnd(mustNotCall[func()](b))
		tr.OnClose(mustCall(b, func() {}))
		tr.OnFinish(mustNotCall[func()](b))
		tr.OnError(mustNotCall[func(error)](b))
		tr.Destroy(expected)
	})
	block(t, "destroy hook gets nil without an error", func(b *B) {
		tr := newTransform(b, mustCall(b, func(err error, cb func(error)) {
			b.NoError(err)
			cb(nil)
		}, 1))
		tr.Destroy(nil)
	})
	block(t, "destroy hook ends the stream before calling back", func(b *B) {
		var tr *stream.Transform
		tr = newTransform(b, mustCall(b, func(err error, cb func(error)) {
			b.NoError(err)
			b.NextTick(func() {
				tr.Push(nil)
				tr.End()
				cb(nil)
			})
		}, 1))
		tr.Resume()
		fail := mustNotCall[func()](b)
		onFinish := tr.OnFinish(fail)
		onEnd := tr.OnEnd(fail)
		tr.OnClose(mustCall(b, func() {}))
		tr.Destroy(nil)
		tr.RemoveListener("end", onEnd)
		tr.RemoveListener("finish", onFinish)
		tr.OnEnd(mustCall(b, func() {}))
		tr.OnFinish(mustNotCall[func()](b))
	})
	block(t, "destroy hook replaces a missing error", func(b *B) {
		expected := errors.New("kaboom")
		tr := newTransform(b, mustCall(b, func(err error, cb func(error)) {
			b.NoError(err)
			cb(expected)
		}, 1))
		tr.OnClose(mustCall(b, func() {}))
		tr.OnFinish(mustNotCall[func()](b))
		tr.OnEnd(mustNotCall[func()](b))
		tr.OnError(mustCall(b, func(err error) { b.True(err == expected, "the error itself: ", show(err)) }))
		tr.Destroy(nil)
	})
}
