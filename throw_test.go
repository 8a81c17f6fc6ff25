package stream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The places where Node throws from deep inside the machinery: the public
// method that led there returns the error, and the state is what Node
// leaves after its throw unwound the stack (the code after the throw point
// never ran). The expected values were read from Node v20 with programs
// like this one (node -e), one per case:
//
//	const w = new Writable()
//	for (const e of ['error','finish','close','drain','prefinish']) w.on(e, ...)
//	try { w.write('a', cb) } catch (e) { console.log(e.code) }
//	const s = w._writableState
//	console.log(s.length, s.writing, s.bufferedRequestCount, s.pendingcb, s.sync, ...)
//	setImmediate(() => console.log(... the same, later))

// throwW is the part of a WritableState the throw cases look at.
type throwW struct {
	Length, Buffered, PendingCB, Corked               int
	Writing, Sync, NeedDrain, Ending, Ended, Finished bool
	BufferProcessing, Destroyed                       bool
}

func snapThrowW(st *WritableState) throwW {
	return throwW{
		Length: st.Length, Buffered: st.BufferedRequestCount(), PendingCB: st.PendingCB, Corked: st.Corked,
		Writing: st.Writing, Sync: st.Sync, NeedDrain: st.NeedDrain, Ending: st.Ending, Ended: st.Ended,
		Finished: st.Finished, BufferProcessing: st.bufferProcessing, Destroyed: st.Destroyed,
	}
}

// throwR is the part of a ReadableState the throw cases look at.
type throwR struct {
	Length         int
	Reading, Ended bool
	Destroyed      bool
}

func snapThrowR(st *ReadableState) throwR {
	return throwR{Length: st.Length, Reading: st.Reading, Ended: st.Ended, Destroyed: st.Destroyed}
}

// throwCase runs body on a fresh loop, with a log of the events of each
// watched stream and of the callbacks, and returns the log and Run's error.
type throwCase struct {
	t   *testing.T
	l   *Loop
	log []string
}

func newThrowCase(t *testing.T) *throwCase { return &throwCase{t: t, l: NewLoop()} }

func (c *throwCase) watch(s interface {
	On(string, Handler) *Listener
}, events ...string) {
	for _, ev := range events {
		s.On(ev, func(args ...any) { c.log = append(c.log, ev) })
	}
}

func (c *throwCase) cb(name string) func(error) {
	return func(err error) { c.log = append(c.log, name+" called: "+ErrorCode(err)) }
}

// writeEvents are the events Node's programs listened to on a Writable.
var writeEvents = []string{"error", "finish", "close", "drain", "prefinish"}

// Node: w.write('a', cb) on a Writable with no _write throws
// ERR_METHOD_NOT_IMPLEMENTED; the write is in flight for good (writing,
// length 1, pendingcb 1, sync still true: doWrite never cleared it), no
// event, cb never called. A later write is buffered behind it and returns
// true.
func TestThrowMissingWriteViaWrite(t *testing.T) {
	c := newThrowCase(t)
	var w *Writable
	want := throwW{Length: 1, PendingCB: 1, Writing: true, Sync: true}
	require.NoError(t, c.l.Run(func() {
		w = NewWritable(WritableOptions{Loop: c.l})
		c.watch(w, writeEvents...)
		ok, err := w.WriteWith("a", "", c.cb("cb"))
		require.ErrorIs(t, err, ErrMethodNotImplemented)
		require.Equal(t, "The _write() method is not implemented [ERR_METHOD_NOT_IMPLEMENTED]", err.Error())
		require.False(t, ok)
		require.Equal(t, want, snapThrowW(w.ws))
	}))
	require.Equal(t, want, snapThrowW(w.ws))
	require.Empty(t, c.log)

	require.NoError(t, c.l.Run(func() {
		ok, err := w.Write("b")
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, throwW{Length: 2, Buffered: 1, PendingCB: 2, Writing: true, Sync: true}, snapThrowW(w.ws))
	}))
	require.Empty(t, c.log)
}

// Node: w.end('a', cb) throws from the write of 'a' before end does
// anything: not ending, cb never called, the state as after write('a').
// end() with the same chunk and no callback is the same.
func TestThrowMissingWriteViaEnd(t *testing.T) {
	for _, withCB := range []bool{true, false} {
		c := newThrowCase(t)
		var w *Writable
		want := throwW{Length: 1, PendingCB: 1, Writing: true, Sync: true}
		require.NoError(t, c.l.Run(func() {
			w = NewWritable(WritableOptions{Loop: c.l})
			c.watch(w, writeEvents...)
			var cb func(error)
			if withCB {
				cb = c.cb("end cb")
			}
			err := w.EndWith("a", "", cb)
			require.ErrorIs(t, err, ErrMethodNotImplemented)
			require.Equal(t, want, snapThrowW(w.ws))
			require.False(t, w.WritableEnded())
		}))
		require.Equal(t, want, snapThrowW(w.ws))
		require.Empty(t, c.log)
	}
}

// Node: cork, two writes (both true), then uncork throws from the first
// write of the flush: the buffer keeps counting both requests (the slot of
// the one handed over emptied), bufferProcessing stays set, sync stays
// true, corked is 0, no callback and no event.
func TestThrowMissingWriteViaUncork(t *testing.T) {
	c := newThrowCase(t)
	var w *Writable
	want := throwW{Length: 2, Buffered: 2, PendingCB: 2, Writing: true, Sync: true, BufferProcessing: true}
	require.NoError(t, c.l.Run(func() {
		w = NewWritable(WritableOptions{Loop: c.l})
		c.watch(w, writeEvents...)
		w.Cork()
		for _, chunk := range []string{"a", "b"} {
			ok, err := w.WriteWith(chunk, "", c.cb("cb "+chunk))
			require.NoError(t, err)
			require.True(t, ok)
		}
		require.Equal(t, throwW{Length: 2, Buffered: 2, PendingCB: 2, Corked: 1, Sync: true}, snapThrowW(w.ws))
		err := w.Uncork()
		require.ErrorIs(t, err, ErrMethodNotImplemented)
		require.Equal(t, want, snapThrowW(w.ws))
	}))
	require.Equal(t, want, snapThrowW(w.ws))
	require.Empty(t, c.log)
}

// transformEvents are the events Node's programs listened to on a
// Transform; 'readable' makes the later read that sets reading.
var transformEvents = []string{"error", "finish", "close", "drain", "prefinish", "end", "readable"}

// Node: t.write('a', cb) on a Transform with no _transform throws
// ERR_METHOD_NOT_IMPLEMENTED: the writable side as for a missing _write,
// nothing on the readable side; later the 'readable' listener's read is
// pending (reading true). No event, cb never called.
func TestThrowMissingTransform(t *testing.T) {
	c := newThrowCase(t)
	var tf *Transform
	want := throwW{Length: 1, PendingCB: 1, Writing: true, Sync: true}
	require.NoError(t, c.l.Run(func() {
		tf = NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: c.l}})
		c.watch(tf, transformEvents...)
		ok, err := tf.WriteWith("a", "", c.cb("cb"))
		require.ErrorIs(t, err, ErrMethodNotImplemented)
		require.Equal(t, "The _transform() method is not implemented", err.(*Error).Message)
		require.False(t, ok)
		require.Equal(t, want, snapThrowW(tf.ws))
		require.Equal(t, throwR{}, snapThrowR(tf.rs))
	}))
	require.Equal(t, want, snapThrowW(tf.ws))
	require.Equal(t, throwR{Reading: true}, snapThrowR(tf.rs))
	require.Empty(t, c.log)
}

// Node: an object-mode Readable with setEncoding('utf8'): push(5) throws
// ERR_INVALID_ARG_TYPE from the decoder (The "buf" argument must be an
// instance of Buffer, TypedArray, or DataView. Received type number (5)),
// having buffered nothing; the stream goes on, and
// push('s') then returns true and buffers it ('readable' follows).
//
// Called from a task, Push has no caller to throw to: Run returns the
// error, as Node's uncaught exception. PushWith returns it.
func TestThrowPushDirect(t *testing.T) {
	c := newThrowCase(t)
	var r *Readable
	err := c.l.Run(func() {
		r = NewReadable(ReadableOptions{Loop: c.l, ObjectMode: true, Read: func(int) {}})
		require.NoError(t, r.SetEncoding("utf8"))
		c.watch(r, "error", "end", "close", "readable")
		require.False(t, r.Push(5))
		require.Equal(t, throwR{}, snapThrowR(r.rs))
		require.True(t, r.Push("s"))
		require.Equal(t, throwR{Length: 1}, snapThrowR(r.rs))
		require.Empty(t, c.log)

		ok, err := r.PushWith(6, "")
		require.ErrorIs(t, err, ErrInvalidArgType)
		require.False(t, ok)
		require.Equal(t, throwR{Length: 1}, snapThrowR(r.rs))
	})
	require.ErrorIs(t, err, ErrInvalidArgType)
	require.Contains(t, err.Error(), `The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received type int (5)`)
	require.Equal(t, []string{"readable"}, c.log)
	require.Equal(t, 1, r.ReadableLength())
}

// Node: in an object-mode Transform with setEncoding('utf8'), a
// _transform that does this.push(5) and then cb(), reached through
// t.write('a', cb): the push throws out of write (ERR_INVALID_ARG_TYPE).
// The hook's cb() after the push never runs in Node, so the write stays in
// flight; nothing is buffered on the readable side. In Go the hook goes
// on after Push returns false, and the callback it calls does nothing.
// The same with cb(null, 5), whose push throws, through write and through
// end('a', cb).
func TestThrowPushFromTransformHook(t *testing.T) {
	hooks := map[string]func(tf **Transform) func(any, string, func(error, any)){
		"push then cb": func(tf **Transform) func(any, string, func(error, any)) {
			return func(_ any, _ string, cb func(error, any)) {
				(*tf).Push(5)
				cb(nil, nil)
			}
		},
		"cb with value": func(tf **Transform) func(any, string, func(error, any)) {
			return func(_ any, _ string, cb func(error, any)) { cb(nil, 5) }
		},
	}
	for name, hook := range hooks {
		for _, viaEnd := range []bool{false, true} {
			c := newThrowCase(t)
			var tf *Transform
			want := throwW{Length: 1, PendingCB: 1, Writing: true, Sync: true}
			require.NoError(t, c.l.Run(func() {
				tf = NewTransform(TransformOptions{
					DuplexOptions: DuplexOptions{Loop: c.l, ObjectMode: true},
					Transform:     hook(&tf),
				})
				require.NoError(t, tf.SetEncoding("utf8"))
				c.watch(tf, transformEvents...)
				var err error
				if viaEnd {
					err = tf.EndWith("a", "", c.cb("cb"))
				} else {
					var ok bool
					ok, err = tf.WriteWith("a", "", c.cb("cb"))
					require.False(t, ok)
				}
				require.ErrorIs(t, err, ErrInvalidArgType, name)
				require.Equal(t, want, snapThrowW(tf.ws), name)
				require.Equal(t, throwR{}, snapThrowR(tf.rs), name)
			}))
			require.Equal(t, want, snapThrowW(tf.ws), name)
			require.Equal(t, throwR{Reading: true}, snapThrowR(tf.rs), name)
			require.Empty(t, c.log, name)
		}
	}
}

// A method that catches a throw returns only the throw raised inside it:
// a write hook that writes to another stream whose write throws gets that
// error back, and the outer Write is not affected.
func TestThrowCaughtByInnerMethod(t *testing.T) {
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		inner := NewWritable(WritableOptions{Loop: l})
		var innerErr error
		outer := NewWritable(WritableOptions{Loop: l, Write: func(chunk any, _ string, cb func(error)) {
			_, innerErr = inner.Write(chunk)
			cb(nil)
		}})
		ok, err := outer.Write("a")
		require.NoError(t, err)
		require.True(t, ok)
		require.ErrorIs(t, innerErr, ErrMethodNotImplemented)
		require.False(t, l.throwing())
		require.Zero(t, l.catchDepth)
	}))
}

// With no catching method on the way (a pipe), a throw is an uncaught
// error that Run returns, and nothing is left pending.
func TestThrowUncaughtInPipe(t *testing.T) {
	l := NewLoop()
	err := l.Run(func() {
		src := From(slicesValues(1), ReadableOptions{Loop: l})
		src.Pipe(NewWritable(WritableOptions{Loop: l, ObjectMode: true}))
	})
	require.ErrorIs(t, err, ErrMethodNotImplemented)
	require.False(t, l.throwing())
	require.Zero(t, l.catchDepth)
}

// User code going on after a throw (a hook that pushed what the stream
// cannot take) and calling a catching method on another stream: that
// method works as usual and returns only its own error, and the outer
// Write still returns the first throw.
func TestThrowPendingSetAsideByInnerMethod(t *testing.T) {
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		var written []any
		other := NewWritable(WritableOptions{Loop: l, ObjectMode: true, Write: func(chunk any, _ string, cb func(error)) {
			written = append(written, chunk)
			cb(nil)
		}})
		var innerOK bool
		var innerErr, cbErr error
		cbCalled := false
		var tf *Transform
		tf = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{Loop: l, ObjectMode: true},
			Transform: func(chunk any, _ string, cb func(error, any)) {
				tf.Push(5) // throws: the readable side decodes utf8
				innerOK, innerErr = other.WriteWith(chunk, "", func(err error) { cbCalled, cbErr = true, err })
				cb(nil, nil)
			},
		})
		require.NoError(t, tf.SetEncoding("utf8"))
		ok, err := tf.Write("a")
		require.False(t, ok)
		require.ErrorIs(t, err, ErrInvalidArgType)
		require.True(t, innerOK)
		require.NoError(t, innerErr)
		require.Equal(t, []any{"a"}, written)
		require.Equal(t, 0, other.WritableLength())
		require.True(t, tf.ws.Writing, "the hook's cb after the throw is ignored")
		require.False(t, l.throwing())
		require.Zero(t, l.catchDepth)
		l.NextTick(func() { require.True(t, cbCalled); require.NoError(t, cbErr) })
	}))
}
