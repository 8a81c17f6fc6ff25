package stream

import (
	"context"
	"errors"
	"go/ast"
	"go/token"
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The sentinels, by code. Go-only codes name their area.
var sentinels = map[string]*Error{
	"ERR_INVALID_ARG_TYPE":               ErrInvalidArgType,
	"ERR_INVALID_ARG_VALUE":              ErrInvalidArgValue,
	"ERR_INVALID_RETURN_VALUE":           ErrInvalidReturnValue,
	"ERR_MISSING_ARGS":                   ErrMissingArgs,
	"ERR_METHOD_NOT_IMPLEMENTED":         ErrMethodNotImplemented,
	"ERR_MULTIPLE_CALLBACK":              ErrMultipleCallback,
	"ERR_OUT_OF_RANGE":                   ErrOutOfRange,
	"ERR_STREAM_ALREADY_FINISHED":        ErrAlreadyFinished,
	"ERR_STREAM_CANNOT_PIPE":             ErrCannotPipe,
	"ERR_STREAM_DESTROYED":               ErrDestroyed,
	"ERR_STREAM_NULL_VALUES":             ErrNullValues,
	"ERR_STREAM_PREMATURE_CLOSE":         ErrPrematureClose,
	"ERR_STREAM_PUSH_AFTER_EOF":          ErrPushAfterEOF,
	"ERR_STREAM_UNSHIFT_AFTER_END_EVENT": ErrUnshiftAfterEnd,
	"ERR_STREAM_WRITE_AFTER_END":         ErrWriteAfterEnd,
	"ERR_UNKNOWN_ENCODING":               ErrUnknownEncoding,
	"ERR_UNHANDLED_ERROR":                ErrUnhandledError,
	"ABORT_ERR":                          ErrAbort,
	// Go-only.
	"ERR_LOOP_REENTRANT":  ErrReentrant,
	"ERR_LOOP_CLOSED":     ErrLoopClosed,
	"ERR_LOOP_PANICKED":   ErrLoopPanicked,
	"ERR_LOOP_STALLED":    ErrStalled,
	"ERR_READER_CLOSED":   ErrReaderClosed,
	"ERR_EVENT_NON_ERROR": ErrNonErrorEvent,
}

var goOnly = map[string]bool{
	"ERR_LOOP_REENTRANT": true, "ERR_LOOP_CLOSED": true, "ERR_LOOP_PANICKED": true,
	"ERR_LOOP_STALLED": true, "ERR_READER_CLOSED": true, "ERR_EVENT_NON_ERROR": true,
}

// checkMessage checks the message rule of Error's doc comment on err.
func checkMessage(t *testing.T, err error) {
	t.Helper()
	var e *Error
	require.ErrorAs(t, err, &e)
	require.NotEmpty(t, e.Code)
	require.NotEmpty(t, e.Name)
	require.NotContains(t, e.Message, "stream:", "no package prefix")
	require.NotContains(t, e.Message, "["+e.Code+"]", "the code is printed once, by Error")
	require.Equal(t, e.Message+" ["+e.Code+"]", e.Error())
	if goOnly[e.Code] {
		require.False(t, strings.HasSuffix(e.Message, "."), "no final period: %q", e.Message)
	}
}

func TestSentinels(t *testing.T) {
	for code, s := range sentinels {
		require.Equal(t, code, s.Code)
		checkMessage(t, s)
		fresh := newError(s, "")
		require.ErrorIs(t, fresh, s, code)
		require.NotSame(t, s, fresh)
		for other, o := range sentinels {
			if other != code {
				require.NotErrorIs(t, fresh, o, code)
			}
		}
	}
	// A closed Reader's error is also a closed file's.
	require.ErrorIs(t, newError(ErrReaderClosed, ""), fs.ErrClosed)
}

// Loop.Run on its own loop: ERR_LOOP_REENTRANT, and "stream:" printed
// nowhere (it used to be printed twice).
func TestRunReentrantMessage(t *testing.T) {
	l := NewLoop()
	var err error
	require.NoError(t, l.Run(func() { err = l.Run(nil) }))
	require.ErrorIs(t, err, ErrReentrant)
	require.Equal(t, "ERR_LOOP_REENTRANT", ErrorCode(err))
	require.Equal(t, "Loop.Run was called from a task on its own loop, where it would wait for itself [ERR_LOOP_REENTRANT]", err.Error())
	checkMessage(t, err)
}

// A blocking call on its own loop names itself.
func TestBlockingCallReentrantMessage(t *testing.T) {
	l := NewLoop()
	var rerr, perr error
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		_, rerr = NewReader(r).Read(make([]byte, 1))
		w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		perr = Pipeline(context.Background(), r, w)
	}))
	require.ErrorIs(t, rerr, ErrReentrant)
	require.Equal(t, "Reader.Read was called on its own loop, where it would wait for itself [ERR_LOOP_REENTRANT]", rerr.Error())
	checkMessage(t, rerr)
	require.ErrorIs(t, perr, ErrReentrant)
	checkMessage(t, perr)
}

// The loop's errors a user can receive, each matched with errors.Is.
func TestLoopErrorsMatchSentinels(t *testing.T) {
	closed := NewLoop()
	closed.Close()
	err := closed.Run(nil)
	require.ErrorIs(t, err, ErrLoopClosed)
	require.Equal(t, "The loop is closed [ERR_LOOP_CLOSED]", err.Error())
	require.False(t, closed.Post(func() {}))

	l := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	_, err = NewReader(r).Read(make([]byte, 1))
	require.ErrorIs(t, err, ErrStalled)
	require.True(t, strings.HasPrefix(err.Error(), "Reader.Read on "), err.Error())
	checkMessage(t, err)
}

// Read after Close: ERR_READER_CLOSED, which is also fs.ErrClosed.
func TestReaderClosedError(t *testing.T) {
	l := NewLoop()
	var r *Readable
	require.NoError(t, l.Run(func() {
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	}))
	rd := NewReader(r)
	require.NoError(t, rd.Close())
	_, err := rd.Read(make([]byte, 1))
	require.ErrorIs(t, err, ErrReaderClosed)
	require.ErrorIs(t, err, fs.ErrClosed)
	require.Equal(t, "Read from a closed Reader [ERR_READER_CLOSED]", err.Error())
}

// Node: new EventEmitter().emit('error', 'foo') with no listener throws
// ERR_UNHANDLED_ERROR "Unhandled error. ('foo')"; with no value,
// "Unhandled error. (undefined)"; with 42, "Unhandled error. (42)".
func TestUnhandledNonErrorEvent(t *testing.T) {
	l := NewLoop()
	for _, c := range []struct {
		args []any
		msg  string
	}{
		{[]any{"foo"}, "Unhandled error. ('foo')"},
		{nil, "Unhandled error. (undefined)"},
		{[]any{nil}, "Unhandled error. (undefined)"},
		{[]any{42}, "Unhandled error. (42)"},
	} {
		err := l.Run(func() { (&EventEmitter{loop: l}).Emit("error", c.args...) })
		require.ErrorIs(t, err, ErrUnhandledError)
		require.Equal(t, c.msg+" [ERR_UNHANDLED_ERROR]", err.Error())
	}
}

// A handled 'error' event with a value that is not an error reaches a
// Finished callback as ERR_EVENT_NON_ERROR.
func TestNonErrorEventValue(t *testing.T) {
	l := NewLoop()
	var got error
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		Finished(r, func(err error) { got = err })
		r.Emit("error", "boom")
	}))
	require.ErrorIs(t, got, ErrNonErrorEvent)
	require.Equal(t, "An 'error' event was emitted with a value that is not an error: 'boom' [ERR_EVENT_NON_ERROR]", got.Error())
}

// Node: emitter.on('x', null) throws ERR_INVALID_ARG_TYPE 'The "listener"
// argument must be of type function. Received null', and
// setMaxListeners(-1) ERR_OUT_OF_RANGE 'The value of "setMaxListeners" is
// out of range. It must be >= 0. Received -1'.
func TestEmitterMisusePanicsWithNodeErrors(t *testing.T) {
	var e EventEmitter
	require.PanicsWithError(t, `The "listener" argument must be of type function. Received null [ERR_INVALID_ARG_TYPE]`, func() { e.On("x", nil) })
	require.PanicsWithError(t, `The value of "setMaxListeners" is out of range. It must be >= 0. Received -1 [ERR_OUT_OF_RANGE]`, func() { e.SetMaxListeners(-1) })
}

// The package makes its errors with newError (or an errX helper over it),
// never with errors.New or fmt.Errorf, and no message literal starts with
// a package prefix.
func TestErrorsAreMadeOneWay(t *testing.T) {
	fset, files := parsePackage(t, 0)
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok {
						call := id.Name + "." + sel.Sel.Name
						require.NotContains(t, []string{"errors.New", "fmt.Errorf"}, call, "%s: make an *Error with newError", fset.Position(n.Pos()))
					}
				}
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "newError" && len(n.Args) == 2 {
					if lit, ok := n.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						msg, _ := strconv.Unquote(lit.Value)
						require.False(t, strings.HasPrefix(msg, "stream:"), "%s: %q", fset.Position(n.Pos()), msg)
					}
				}
			}
			return true
		})
	}
}

// errors.Is sees through a thrown error's wrapping: what Write returns
// for a missing hook is the sentinel's code, not a package-private type.
func TestThrownErrorIsPlainError(t *testing.T) {
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		_, err := NewWritable(WritableOptions{Loop: l}).Write("a")
		var e *Error
		require.True(t, errors.As(err, &e))
		require.Equal(t, "ERR_METHOD_NOT_IMPLEMENTED", e.Code)
		checkMessage(t, err)
	}))
}

// Item 11: nil and missing arguments give ERR_INVALID_ARG_TYPE through
// the channel Node uses, never a nil dereference.
func TestNilArguments(t *testing.T) {
	l := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})

	t.Run("PipelineWith nil callback", func(t *testing.T) {
		_, err := PipelineWith([]StreamLike{r, w}, PipelineOptions{}, nil)
		require.ErrorIs(t, err, ErrInvalidArgType)
		require.False(t, r.Destroyed() || w.Destroyed())
	})
	t.Run("PipelineWith nil stream", func(t *testing.T) {
		var nilW *Writable
		_, err := PipelineWith([]StreamLike{r, nilW}, PipelineOptions{}, func(error) {})
		require.ErrorIs(t, err, ErrInvalidArgType)
		_, err = PipelineWith([]StreamLike{nil, w}, PipelineOptions{}, func(error) {})
		require.ErrorIs(t, err, ErrInvalidArgType)
		require.ErrorIs(t, Pipeline(context.Background(), r, nil), ErrInvalidArgType)
		_, err = Compose(r, nilW)
		require.ErrorIs(t, err, ErrInvalidArgType)
	})
	t.Run("Emit error without an argument", func(t *testing.T) {
		var got []error
		calls := 0
		require.NoError(t, l.Run(func() {
			e := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
			e.OnError(func(err error) { calls++; got = append(got, err) })
			e.Emit("error")
		}))
		require.Equal(t, 1, calls)
		require.Equal(t, []error{nil}, got, "Node calls the listener with undefined")
	})
	t.Run("Emit error with a value that is not an error fails a Finished", func(t *testing.T) {
		var got error
		require.NoError(t, l.Run(func() {
			e := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
			Finished(e, func(err error) { got = err })
			e.Emit("error", "a string")
		}))
		require.Error(t, got)
		require.Contains(t, got.Error(), "a string")
	})
	t.Run("From nil", func(t *testing.T) {
		var got error
		require.NoError(t, l.Run(func() {
			s := From[int](nil, ReadableOptions{Loop: l})
			s.OnError(func(err error) { got = err })
		}))
		require.ErrorIs(t, got, ErrInvalidArgType)
	})
	panicsWithCode := func(t *testing.T, code *Error, fn func()) {
		t.Helper()
		defer func() {
			v := recover()
			err, ok := v.(error)
			require.True(t, ok, "want a panic with an error, got %v", v)
			require.ErrorIs(t, err, code)
		}()
		fn()
	}
	t.Run("AddAbortSignal nil context", func(t *testing.T) {
		panicsWithCode(t, ErrInvalidArgType, func() { AddAbortSignal(nil, r) }) //nolint:staticcheck // the nil context is the point
	})
	t.Run("AddAbortSignal nil stream", func(t *testing.T) {
		var nilR *Readable
		panicsWithCode(t, ErrInvalidArgType, func() { AddAbortSignal(context.Background(), nilR) })
	})
	t.Run("Finished nil", func(t *testing.T) {
		panicsWithCode(t, ErrInvalidArgType, func() { Finished(nil, func(error) {}) })
		panicsWithCode(t, ErrInvalidArgType, func() { Finished(r, nil) })
	})
	t.Run("Chunks nil", func(t *testing.T) {
		panicsWithCode(t, ErrInvalidArgType, func() { Chunks(context.Background(), nil) })
	})
}

// Item 12: Run after Close returns a coded error, and a stalled blocking
// call says what it waited for.
func TestLoopErrorsHaveCodes(t *testing.T) {
	l := NewLoop()
	l.Close()
	err := l.Run(func() {})
	require.ErrorIs(t, err, ErrLoopClosed)
	require.Equal(t, "ERR_LOOP_CLOSED", ErrorCode(err))

	l2 := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l2, Read: func(int) {}})
	w := NewWritable(WritableOptions{Loop: l2, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
	err = Pipeline(context.Background(), r, w)
	require.ErrorIs(t, err, ErrStalled)
	require.Contains(t, err.Error(), "Pipeline on *stream.Writable")
}
