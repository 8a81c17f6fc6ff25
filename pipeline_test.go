package stream

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Go twins of testdata/pipeline/*.js must print what Node printed.

func TestPipelineNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/pipeline") }

// plWatch logs the listed events of s as the pipeline programs print
// them: "name:event", and "name:error CODE".
func plWatch(p *twin, name string, s *Stream, events ...string) {
	for _, ev := range events {
		ev := ev
		if ev == "error" {
			s.OnError(func(err error) { p.Log(name+":error", errStr(err)) })
			continue
		}
		s.On(ev, func(...any) { p.Log(name + ":" + ev) })
	}
}

// plSource is a Readable of the pipeline programs: it pushes chunks, then
// EOF, one per read.
func plSource(p *twin, chunks ...string) *Readable {
	var r *Readable
	r = NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {
		if len(chunks) == 0 {
			r.Push(nil)
			return
		}
		c := chunks[0]
		chunks = chunks[1:]
		r.Push(c)
	}})
	return r
}

// plSink is the Writable of the pipeline programs: it logs each write.
func plSink(p *twin) *Writable {
	return NewWritable(WritableOptions{Loop: p.l, Write: func(c any, _ string, cb func(error)) {
		p.Log("write", string(c.([]byte)))
		cb(nil)
	}})
}

func TestPipelineSuccess(t *testing.T) {
	p := newTwin(t)
	require.NoError(t, p.l.Run(func() {
		r := plSource(p, "a", "b", "c")
		tr := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: p.l}, Transform: func(c any, _ string, cb func(error, any)) {
			cb(nil, strings.ToUpper(string(c.([]byte))))
		}})
		w := plSink(p)
		plWatch(p, "r", r.Stream, "end", "finish", "close")
		plWatch(p, "t", tr.Stream, "end", "finish", "close")
		plWatch(p, "w", w.Stream, "end", "finish", "close")
		ret, err := PipelineWith([]StreamLike{r, tr, w}, PipelineOptions{}, func(err error) { p.Log("cb", errStr(err)) })
		require.NoError(t, err)
		p.Log("returns last", ret == StreamLike(w))
	}))
	p.Match("testdata/pipeline/success.out")
}

func TestPipelineError(t *testing.T) {
	p := newTwin(t)
	require.NoError(t, p.l.Run(func() {
		r := plSource(p, "a", "b", "c", "d")
		n := 0
		tr := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: p.l}, Transform: func(c any, _ string, cb func(error, any)) {
			n++
			if n == 2 {
				cb(errors.New("boom"), nil)
				return
			}
			cb(nil, c)
		}})
		w := plSink(p)
		for _, s := range []struct {
			n string
			s *Stream
		}{{"r", r.Stream}, {"t", tr.Stream}, {"w", w.Stream}} {
			plWatch(p, s.n, s.s, "end", "finish", "close", "error")
		}
		_, err := PipelineWith([]StreamLike{r, tr, w}, PipelineOptions{}, func(err error) {
			p.Log("cb", errStr(err))
			p.Log("destroyed", r.Destroyed(), tr.Destroyed(), w.Destroyed())
		})
		require.NoError(t, err)
	}))
	p.Match("testdata/pipeline/error.out")
}

func TestPipelinePrematureClose(t *testing.T) {
	p := newTwin(t)
	require.NoError(t, p.l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}})
		w := plSink(p)
		r.OnClose(func() { p.Log("r:close") })
		w.OnClose(func() { p.Log("w:close") })
		PipelineWith([]StreamLike{r, w}, PipelineOptions{}, func(err error) { p.Log("cb", errStr(err), r.Destroyed()) })
		r.Push("x")
		p.l.Post(func() { w.Destroy(nil) })
	}))
	p.Match("testdata/pipeline/premature.out")
}

func TestPipelineSourceError(t *testing.T) {
	p := newTwin(t)
	require.NoError(t, p.l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}})
		pt := NewPassThrough(DuplexOptions{Loop: p.l})
		w := plSink(p)
		for _, s := range []struct {
			n string
			s *Stream
		}{{"r", r.Stream}, {"p", pt.Stream}, {"w", w.Stream}} {
			s := s
			s.s.OnClose(func() { p.Log(s.n+":close", errStr(s.s.Errored())) })
		}
		PipelineWith([]StreamLike{r, pt, w}, PipelineOptions{}, func(err error) { p.Log("cb", errStr(err)) })
		r.Push("x")
		p.l.Post(func() { r.Destroy(errors.New("src-fail")) })
	}))
	p.Match("testdata/pipeline/source_error.out")
}

func TestPipelineMissingArgs(t *testing.T) {
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l})
		_, err := PipelineWith([]StreamLike{r}, PipelineOptions{}, func(error) {})
		require.ErrorIs(t, err, ErrMissingArgs)
	}))
	require.ErrorIs(t, Pipeline(context.Background(), NewReadable(ReadableOptions{Loop: l})), ErrMissingArgs)
}

// The blocking Pipeline copies a FromReader source through a Transform
// into a FromWriter sink from ordinary Go code.
func TestPipelineBlocking(t *testing.T) {
	l := NewLoop()
	var out strings.Builder
	src := FromReader(strings.NewReader(strings.Repeat("abc", 10000)), ReadableOptions{Loop: l, HighWaterMark: Int(1000)})
	up := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: l}, Transform: func(c any, _ string, cb func(error, any)) {
		cb(nil, strings.ToUpper(string(c.([]byte))))
	}})
	dst := FromWriter(&out, WritableOptions{Loop: l})
	require.NoError(t, Pipeline(context.Background(), src, up, dst))
	require.Equal(t, strings.Repeat("ABC", 10000), out.String())
}

// Cancelling the context destroys every stream with an AbortError whose
// cause is the context's error, and Pipeline returns it.
func TestPipelineContextCancel(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}}) // never ends
	r.Push("x")
	w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) {
		cancel() // from the loop; the pipeline hears it through the context
		cb(nil)
	}})
	err := Pipeline(ctx, r, w)
	require.ErrorIs(t, err, ErrAbort)
	require.ErrorIs(t, err, context.Canceled)
	require.True(t, r.Destroyed())
	require.True(t, w.Destroyed())
}

// A pipeline that finishes first releases its watch of the context, so
// the loop goes idle and no goroutine is left (TestMain's goleak checks).
func TestPipelineContextReleased(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got error = errors.New("not called")
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l})
		r.Push("x")
		r.Push(nil)
		w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		PipelineWith([]StreamLike{r, w}, PipelineOptions{Context: ctx}, func(err error) { got = err })
	}))
	require.NoError(t, got)
}

func TestPipelineDestinationError(t *testing.T) {
	p := newTwin(t)
	require.NoError(t, p.l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}})
		pt := NewPassThrough(DuplexOptions{Loop: p.l})
		w := NewWritable(WritableOptions{Loop: p.l, Write: func(_ any, _ string, cb func(error)) { cb(errors.New("dst-fail")) }})
		for _, s := range []struct {
			n string
			s *Stream
		}{{"r", r.Stream}, {"p", pt.Stream}, {"w", w.Stream}} {
			s := s
			s.s.OnClose(func() { p.Log(s.n+":close", errStr(s.s.Errored())) })
		}
		PipelineWith([]StreamLike{r, pt, w}, PipelineOptions{}, func(err error) { p.Log("cb", errStr(err)) })
		r.Push("x")
	}))
	p.Match("testdata/pipeline/dest_error.out")
}

// A Duplex at the end of a pipeline stays the caller's to read, without
// the pipeline's error listener once it succeeded.
func TestPipelineDuplexLast(t *testing.T) {
	p := newTwin(t)
	require.NoError(t, p.l.Run(func() {
		r := From(slices.Values([]any{"a", "b"}), ReadableOptions{Loop: p.l})
		var got []string
		var d *Duplex
		d = NewDuplex(DuplexOptions{Loop: p.l, ObjectMode: true, Read: func(int) {},
			Write: func(c any, _ string, cb func(error)) { got = append(got, c.(string)); cb(nil) },
			Final: func(cb func(error)) {
				d.Push(strings.Join(got, "+"))
				d.Push(nil)
				cb(nil)
			},
		})
		PipelineWith([]StreamLike{r, d}, PipelineOptions{}, func(err error) {
			p.Log("cb", errStr(err))
			p.Log("listeners", d.ListenerCount("error"), d.ListenerCount("close"))
			d.OnData(func(v any) { p.Log("data", v) })
			d.OnEnd(func() { p.Log("end") })
		})
	}))
	p.Match("testdata/pipeline/duplex_last.out")
}
