package stream

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDisposeNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/dispose") }

// TestDispose is the Go twin of testdata/dispose/dispose.js.
func TestDispose(t *testing.T) {
	p := newTwin(t)
	l := p.l
	log := func(a ...any) { p.Log(a...) }
	e := func(err error) string { return errStr(err) }
	step := func(fn func(next func())) {
		t.Helper()
		require.NoError(t, l.Run(func() { fn(func() {}) }))
	}
	step(func(func()) {
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		r.OnError(func(err error) { log("r error", e(err)) })
		r.OnClose(func() { log("r close") })
		r.Dispose(func(err error) {
			require.NoError(t, err)
			log("r disposed", r.Destroyed(), e(r.Errored()))
		})
	})
	var ended *Readable
	step(func(func()) {
		ended = NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		ended.Push(nil)
		ended.Resume()
	})
	step(func(func()) {
		ended.OnClose(func() { log("ended close") })
		ended.Dispose(func(err error) {
			require.NoError(t, err)
			log("ended disposed", ended.Destroyed(), e(ended.Errored()))
		})
	})
	step(func(func()) {
		w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		w.OnError(func(err error) { log("w error", e(err)) })
		w.Write("x")
		w.Dispose(func(err error) {
			require.NoError(t, err)
			log("w disposed", w.Destroyed(), e(w.Errored()))
		})
	})
	step(func(func()) {
		failed := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		failed.OnError(func(err error) { log("failed error", e(err)) })
		failed.Destroy(errors.New("boom"))
		failed.Dispose(func(err error) {
			if err == nil {
				log("failed resolved")
				return
			}
			log("failed rejected", e(err))
		})
	})
	step(func(func()) {
		d := NewDuplex(DuplexOptions{Loop: l, Read: func(int) {}, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		d.OnError(func(err error) { log("d error", e(err)) })
		d.Dispose(func(err error) {
			require.NoError(t, err)
			log("d disposed", d.Destroyed(), e(d.Errored()))
		})
	})
	step(func(func()) {
		b := FromBytes(slices.Values([]string{"a", "b"}), ReadableOptions{Loop: l})
		log("from bytes", b.ReadableObjectMode(), b.ReadableHighWaterMark())
		b.OnData(func(c any) {
			buf, ok := c.([]byte)
			log("data", ok, string(buf))
		})
		b.OnEnd(func() { log("end") })
	})
	p.match("dispose", "dispose")
}

// Dispose with a nil callback, and again on a disposed stream: the second
// destroys nothing more, and, as in Node, reports the AbortError of the
// first, which is not its own.
func TestDisposeTwiceAndNilCallback(t *testing.T) {
	l := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	errs := 0
	calls := 0
	require.NoError(t, l.Run(func() {
		r.OnError(func(error) { errs++ })
		r.Dispose(nil)
		r.Dispose(func(err error) {
			calls++
			require.Equal(t, "ABORT_ERR", ErrorCode(err))
		})
	}))
	require.Equal(t, 1, errs)
	require.Equal(t, 1, calls)
	require.True(t, r.Destroyed())
}
