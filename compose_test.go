package stream

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestComposeNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/compose") }

// TestCompose is the Go twin of testdata/compose/compose.js.
func TestCompose(t *testing.T) {
	p := newTwin(t)
	mk := func(fn func(string) string) *Transform {
		return NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: p.l}, Transform: func(c any, _ string, cb func(error, any)) {
			cb(nil, fn(string(c.([]byte))))
		}})
	}
	upper := func() *Transform { return mk(strings.ToUpper) }
	excl := func() *Transform { return mk(func(s string) string { return s + "!" }) }
	require.NoError(t, p.l.Run(func() {
		d, err := Compose(upper(), excl())
		require.NoError(t, err)
		p.Log("readable", d.Readable(), "writable", d.Writable())
		d.OnData(func(c any) { p.Log("data", string(c.([]byte))) })
		d.OnFinish(func() { p.Log("finish") })
		d.OnEnd(func() { p.Log("end") })
		d.OnClose(func() { p.Log("close") })
		d.WriteWith("a", "", func(error) { p.Log("cb a") })
		d.EndWith("b", "", func(error) { p.Log("end cb") })

		p.l.Post(func() {
			bad := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: p.l}, Transform: func(_ any, _ string, cb func(error, any)) {
				cb(errors.New("inner-fail"), nil)
			}})
			d2, err := Compose(upper(), bad)
			require.NoError(t, err)
			d2.OnError(func(err error) { p.Log("d2 error", err.Error()) })
			d2.OnClose(func() { p.Log("d2 close", bad.Destroyed()) })
			d2.Write("x")
		})
	}))
	p.Match("testdata/compose/compose.out")
}

func TestComposeArguments(t *testing.T) {
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		_, err := Compose()
		require.ErrorIs(t, err, ErrMissingArgs)
		w := NewWritable(WritableOptions{Loop: l})
		r := NewReadable(ReadableOptions{Loop: l})
		_, err = Compose(w, r)
		require.ErrorIs(t, err, ErrInvalidArgValue)
		pt := NewPassThrough(DuplexOptions{Loop: l})
		d, err := Compose(pt)
		require.NoError(t, err)
		require.Same(t, &pt.Duplex, d)
	}))
}

// A composed Duplex closes after the streams inside it: ChunksOf over it
// returns once a Produce inside has let its goroutine go.
func TestComposeClosesAfterItsStreams(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	readings := Produce(nil, ReadableOptions{Loop: l}, func(ctx context.Context, send func(int) error) error {
		for i := 0; ; i++ {
			if err := send(i); err != nil {
				return err
			}
		}
	})
	producerClosed := false
	// Set up without a Run: once read, the producer holds the loop
	// until it returns, so a Run here would wait for the whole stream.
	readings.OnClose(func() { producerClosed = true })
	double := MapOf(func(v int) (int, error) { return 2 * v, nil }, StageOptions{Loop: l})
	c, err := Compose(readings, double)
	require.NoError(t, err)
	for _, err := range ChunksOf[int](ctx, c) {
		if err != nil {
			break
		}
		cancel()
	}
	require.True(t, producerClosed, "the producer inside the Compose closed before ChunksOf returned")
}

// A single Readable or Writable is Node's Duplex.from of it: the one side
// of a Duplex, the other done from the start.
func TestComposeSingleReadableOrWritable(t *testing.T) {
	l := NewLoop()
	var got []any
	var got2 []string
	require.NoError(t, l.Run(func() {
		d, err := Compose(From(slices.Values([]string{"a", "b"}), ReadableOptions{Loop: l}))
		require.NoError(t, err)
		require.False(t, d.Writable())
		d.OnData(func(c any) { got = append(got, c) })
		w := NewWritable(WritableOptions{Loop: l, Write: func(c any, _ string, cb func(error)) {
			got2 = append(got2, string(c.([]byte)))
			cb(nil)
		}})
		d2, err := Compose(w)
		require.NoError(t, err)
		require.False(t, d2.Readable())
		d2.Write("x")
		d2.End()
	}))
	require.Equal(t, []any{"a", "b"}, got)
	require.Equal(t, []string{"x"}, got2)
}
