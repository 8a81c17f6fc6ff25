package nodesuite_test

import (
	"context"
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
	block(t, "finished success", func(b *B) {
		b.Missing("stream/promises finished")
		// finished(fs.createReadStream(__filename)) on a resumed stream
		// resolves after its 'end'.
	})
	block(t, "finished error", func(b *B) {
		b.Missing("stream/promises finished")
		// finished(fs.createReadStream('file-does-not-exist')) rejects
		// with ENOENT.
	})
	block(t, "cleanup option must be a boolean", func(b *B) {
		b.NA("finished(s, { cleanup: 2 }) is a JS argument type Go's types rule out")
	})
	block(t, "boolean cleanup option is accepted", func(b *B) {
		b.Missing("finished cleanup option")
		// finished(new Readable(), { cleanup: true }) does not throw.
	})
	block(t, "cleanup false keeps the listeners", func(b *B) {
		b.Missing("finished cleanup option")
		// A Writable with no 'end' listener: after finished(w, { cleanup:
		// false }) resolves (w.end()), listenerCount('end') is 1.
	})
	block(t, "cleanup true removes the listeners", func(b *B) {
		b.Missing("finished cleanup option")
		// The same with { cleanup: true }: listenerCount('end') is 0 once
		// the promise resolves.
	})
	block(t, "cleanup not set keeps the listeners", func(b *B) {
		b.Missing("stream/promises finished")
		// The same with no options: listenerCount('end') is 1 once the
		// promise resolves.
	})
}
