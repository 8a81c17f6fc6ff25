package nodesuite_test

import (
	"context"
	"os"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-promises.js: stream/promises' pipeline resolves once the
// data went through and rejects when a stream is destroyed; its finished
// resolves at the end and honours the cleanup option. Node's promise
// pipeline is Go's blocking stream.Pipeline, awaited off the loop.
func TestStreamPromises(t *testing.T) {
	block(t, "promises exports are the promisified functions", func(b *B) {
		b.NA("identity of module exports and util.promisify: Go's blocking Pipeline is the one form")
	})
	block(t, "pipeline success", func(b *B) {
		finished := false
		var processed []any
		expected := []any{[]byte("a"), []byte("b"), []byte("c")}
		read := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		write := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(data any, _ string, cb func(error)) {
			processed = append(processed, data)
			cb(nil)
		}})
		write.OnFinish(func() { finished = true })
		for _, chunk := range expected {
			read.Push(chunk)
		}
		read.Push(nil)
		resolved := mustCall(b, func(err error) {
			b.NoError(err)
			b.True(finished)
			b.Equal(processed, expected)
		})
		gEAwait(b, func() func() {
			err := stream.Pipeline(context.Background(), read, write)
			return func() { resolved(err) }
		})
	})
	block(t, "pipeline error", func(b *B) {
		read := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		write := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		read.Push("data")
		b.SetImmediate(func() { read.Destroy(nil) })
		rejected := mustCall(b, func(err error) { b.NotEqual(err, nil, "should have an error") })
		gEAwait(b, func() func() {
			err := stream.Pipeline(context.Background(), read, write)
			return func() { rejected(err) }
		})
	})
	// stream/promises' finished is the blocking WaitFinished, awaited off
	// the loop.
	block(t, "finished success", func(b *B) {
		f, err := os.Open("stream_promises_test.go") // fs.createReadStream(__filename)
		if err != nil {
			b.Fatalf("open: %v", err)
		}
		rs := stream.FromReader(f, stream.ReadableOptions{Loop: b.Loop})
		ended := false
		rs.Resume()
		rs.OnEnd(func() { ended = true })
		resolved := mustCall(b, func(err error) {
			b.NoError(err)
			b.True(ended)
		})
		gEAwait(b, func() func() {
			err := stream.WaitFinished(context.Background(), rs)
			return func() { resolved(err) }
		})
	})
	block(t, "finished error", func(b *B) {
		b.NA("fs.createReadStream opens the file itself and fails the stream with ENOENT; FromReader takes a reader already open, so os.Open's error comes before any stream exists")
	})
	block(t, "cleanup option must be a boolean", func(b *B) {
		b.NA("finished(s, { cleanup: 2 }) is a JS argument type Go's types rule out")
	})
	block(t, "boolean cleanup option is accepted", func(b *B) {
		b.NA("finished(s, { cleanup: true }) not throwing is JS argument validation: Cleanup is a bool field, any value of which Go accepts")
	})
	cleanupCase := func(b *B, opts stream.FinishedOptions, wantEnd int) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		b.Equal(w.ListenerCount("end"), 0)
		resolved := mustCall(b, func(err error) {
			b.NoError(err)
			b.Equal(w.ListenerCount("end"), wantEnd)
		})
		gEAwait(b, func() func() {
			err := stream.WaitFinishedWith(context.Background(), w, opts)
			return func() { resolved(err) }
		})
		w.End()
	}
	block(t, "cleanup false keeps the listeners", func(b *B) {
		cleanupCase(b, stream.FinishedOptions{Cleanup: false}, 1)
	})
	block(t, "cleanup true removes the listeners", func(b *B) {
		cleanupCase(b, stream.FinishedOptions{Cleanup: true}, 0)
	})
	block(t, "cleanup not set keeps the listeners", func(b *B) {
		cleanupCase(b, stream.FinishedOptions{}, 1)
	})
}
