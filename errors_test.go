package stream

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

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
