package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-write-writev-finish.js: a failing write or writev,
// sync or async, corked or not, is an 'error' with no 'prefinish' and no
// 'finish'; so is a failing write of a pipe (nodejs/node#13812); and a
// write from a 'prefinish' or 'finish' listener is an error.
func TestStreamWritableWriteWritevFinish(t *testing.T) {
	errWrite := errors.New("write test error")
	errWritev := errors.New("writev test error")
	noFinish := func(b *B, w *stream.Writable, wantMsg string) {
		w.OnFinish(mustNotCall[func()](b))
		w.OnPrefinish(mustNotCall[func()](b))
		w.OnError(mustCall(b, func(er error) { b.Equal(er.Error(), wantMsg) }))
	}
	block(t, "sync write error", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { cb(errWrite) },
		})
		noFinish(b, w, "write test error")
		w.EndWith("test", "", nil)
	})
	block(t, "async write error", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { b.SetImmediate(func() { cb(errWrite) }) },
		})
		noFinish(b, w, "write test error")
		w.EndWith("test", "", nil)
	})
	block(t, "sync writev error", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:   b.Loop,
			Write:  func(_ any, _ string, cb func(error)) { cb(errWrite) },
			Writev: func(_ []stream.WriteChunk, cb func(error)) { cb(errWritev) },
		})
		noFinish(b, w, "writev test error")
		w.Cork()
		w.Write("test")
		b.SetImmediate(func() { w.EndWith("test", "", nil) })
	})
	block(t, "async writev error", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:   b.Loop,
			Write:  func(_ any, _ string, cb func(error)) { b.SetImmediate(func() { cb(errWrite) }) },
			Writev: func(_ []stream.WriteChunk, cb func(error)) { b.SetImmediate(func() { cb(errWritev) }) },
		})
		noFinish(b, w, "writev test error")
		w.Cork()
		w.Write("test")
		b.SetImmediate(func() { w.EndWith("test", "", nil) })
	})
	// Regression test for https://github.com/nodejs/node/issues/13812
	pipeToFailing := func(b *B, write func(cb func(error))) {
		rs := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		rs.Push("ok")
		rs.Push(nil)
		ws := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, done func(error)) { write(done) },
		})
		ws.OnFinish(mustNotCall[func()](b))
		ws.OnError(mustCall(b, func(error) {}))
		rs.Pipe(ws)
	}
	block(t, "pipe into an async failing write", func(b *B) {
		pipeToFailing(b, func(done func(error)) { b.SetImmediate(func() { done(errors.New("")) }) })
	})
	block(t, "pipe into a sync failing write", func(b *B) {
		pipeToFailing(b, func(done func(error)) { done(errors.New("")) })
	})
	block(t, "write in a prefinish listener", func(b *B) {
		var w *stream.Writable
		w = stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { b.NextTick(func() { cb(nil) }) },
		})
		w.OnError(mustCall(b, func(error) {}))
		w.OnFinish(mustNotCall[func()](b))
		w.OnPrefinish(func() { w.Write("shouldn't write in prefinish listener") })
		w.End()
	})
	block(t, "write in a finish listener", func(b *B) {
		var w *stream.Writable
		w = stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { b.NextTick(func() { cb(nil) }) },
		})
		w.OnError(mustCall(b, func(error) {}))
		w.OnFinish(func() { w.Write("shouldn't write in finish listener") })
		w.End()
	})
}
