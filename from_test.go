package stream

import (
	"errors"
	"iter"
	"testing"

	"github.com/stretchr/testify/require"
)

// Item 4: a panic in a From sequence destroys the stream with it and
// fails the pipeline, as a throw in Node's async generator does
// ("pipeline: boom in the generator", w.destroyed true).
func TestFromSequencePanicIsTheStreamError(t *testing.T) {
	l := NewLoop()
	boom := errors.New("boom in the generator")
	var got []any
	var pipeErr error
	calls := 0
	var w *Writable
	require.NoError(t, l.Run(func() {
		r := From(iter.Seq[string](func(yield func(string) bool) {
			if !yield("a") {
				return
			}
			panic(boom)
		}), ReadableOptions{Loop: l})
		w = objectSink(l, &got)
		_, err := PipelineWith([]StreamLike{r, w}, PipelineOptions{}, func(err error) {
			calls++
			pipeErr = err
		})
		require.NoError(t, err)
	}))
	require.Equal(t, 1, calls)
	require.ErrorIs(t, pipeErr, boom)
	var pe *PanicError
	require.ErrorAs(t, pipeErr, &pe)
	require.Equal(t, boom, pe.Value)
	require.True(t, w.Destroyed())
	require.Equal(t, []any{"a"}, got)
}

// A panic value that is not an error is kept too.
func TestFromSequencePanicValue(t *testing.T) {
	l := NewLoop()
	var got error
	require.NoError(t, l.Run(func() {
		r := From(iter.Seq[int](func(func(int) bool) { panic("not an error") }), ReadableOptions{Loop: l})
		r.OnError(func(err error) { got = err })
		r.Resume()
	}))
	var pe *PanicError
	require.ErrorAs(t, got, &pe)
	require.Equal(t, "not an error", pe.Value)
}
