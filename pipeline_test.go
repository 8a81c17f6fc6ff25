package stream

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Go twins of testdata/pipeline/*.js must print what Node printed.

func TestPipelineNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/pipeline") }

type plTrace struct {
	l     *Loop
	lines []string
}

func (p *plTrace) log(a ...any) {
	p.lines = append(p.lines, strings.TrimSuffix(fmt.Sprintln(a...), "\n"))
}

func errText(err error) string {
	if err == nil {
		return "null"
	}
	if c := ErrorCode(err); c != "" {
		return c
	}
	return err.Error()
}

func (p *plTrace) watch(name string, s *Stream, events ...string) {
	for _, ev := range events {
		ev := ev
		if ev == "error" {
			s.OnError(func(err error) { p.log(name+":error", errText(err)) })
			continue
		}
		s.On(ev, func(...any) { p.log(name + ":" + ev) })
	}
}

func (p *plTrace) source(chunks ...string) *Readable {
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

func (p *plTrace) sink() *Writable {
	return NewWritable(WritableOptions{Loop: p.l, Write: func(c any, _ string, cb func(error)) {
		p.log("write", string(c.([]byte)))
		cb(nil)
	}})
}

func TestPipelineSuccess(t *testing.T) {
	p := &plTrace{l: NewLoop()}
	require.NoError(t, p.l.Run(func() {
		r := p.source("a", "b", "c")
		tr := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: p.l}, Transform: func(c any, _ string, cb func(error, any)) {
			cb(nil, strings.ToUpper(string(c.([]byte))))
		}})
		w := p.sink()
		p.watch("r", r.Stream, "end", "finish", "close")
		p.watch("t", tr.Stream, "end", "finish", "close")
		p.watch("w", w.Stream, "end", "finish", "close")
		ret, err := PipelineWith([]StreamLike{r, tr, w}, PipelineOptions{}, func(err error) { p.log("cb", errText(err)) })
		require.NoError(t, err)
		p.log("returns last", ret == StreamLike(w))
	}))
	require.Equal(t, goldenLines(t, "testdata/pipeline/success.out"), p.lines)
}

func TestPipelineError(t *testing.T) {
	p := &plTrace{l: NewLoop()}
	require.NoError(t, p.l.Run(func() {
		r := p.source("a", "b", "c", "d")
		n := 0
		tr := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: p.l}, Transform: func(c any, _ string, cb func(error, any)) {
			n++
			if n == 2 {
				cb(errors.New("boom"), nil)
				return
			}
			cb(nil, c)
		}})
		w := p.sink()
		for _, s := range []struct {
			n string
			s *Stream
		}{{"r", r.Stream}, {"t", tr.Stream}, {"w", w.Stream}} {
			p.watch(s.n, s.s, "end", "finish", "close", "error")
		}
		_, err := PipelineWith([]StreamLike{r, tr, w}, PipelineOptions{}, func(err error) {
			p.log("cb", errText(err))
			p.log("destroyed", r.Destroyed(), tr.Destroyed(), w.Destroyed())
		})
		require.NoError(t, err)
	}))
	require.Equal(t, goldenLines(t, "testdata/pipeline/error.out"), p.lines)
}

func TestPipelinePrematureClose(t *testing.T) {
	p := &plTrace{l: NewLoop()}
	require.NoError(t, p.l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}})
		w := p.sink()
		r.OnClose(func() { p.log("r:close") })
		w.OnClose(func() { p.log("w:close") })
		PipelineWith([]StreamLike{r, w}, PipelineOptions{}, func(err error) { p.log("cb", errText(err), r.Destroyed()) })
		r.Push("x")
		p.l.Post(func() { w.Destroy(nil) })
	}))
	require.Equal(t, goldenLines(t, "testdata/pipeline/premature.out"), p.lines)
}

func TestPipelineSourceError(t *testing.T) {
	p := &plTrace{l: NewLoop()}
	require.NoError(t, p.l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}})
		pt := NewPassThrough(DuplexOptions{Loop: p.l})
		w := p.sink()
		for _, s := range []struct {
			n string
			s *Stream
		}{{"r", r.Stream}, {"p", pt.Stream}, {"w", w.Stream}} {
			s := s
			s.s.OnClose(func() { p.log(s.n+":close", errText(s.s.Errored())) })
		}
		PipelineWith([]StreamLike{r, pt, w}, PipelineOptions{}, func(err error) { p.log("cb", errText(err)) })
		r.Push("x")
		p.l.Post(func() { r.Destroy(errors.New("src-fail")) })
	}))
	require.Equal(t, goldenLines(t, "testdata/pipeline/source_error.out"), p.lines)
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
	p := &plTrace{l: NewLoop()}
	require.NoError(t, p.l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: p.l, Read: func(int) {}})
		pt := NewPassThrough(DuplexOptions{Loop: p.l})
		w := NewWritable(WritableOptions{Loop: p.l, Write: func(_ any, _ string, cb func(error)) { cb(errors.New("dst-fail")) }})
		for _, s := range []struct {
			n string
			s *Stream
		}{{"r", r.Stream}, {"p", pt.Stream}, {"w", w.Stream}} {
			s := s
			s.s.OnClose(func() { p.log(s.n+":close", errText(s.s.Errored())) })
		}
		PipelineWith([]StreamLike{r, pt, w}, PipelineOptions{}, func(err error) { p.log("cb", errText(err)) })
		r.Push("x")
	}))
	require.Equal(t, goldenLines(t, "testdata/pipeline/dest_error.out"), p.lines)
}

// A Duplex at the end of a pipeline stays the caller's to read, without
// the pipeline's error listener once it succeeded.
func TestPipelineDuplexLast(t *testing.T) {
	p := &plTrace{l: NewLoop()}
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
			p.log("cb", errText(err))
			p.log("listeners", d.ListenerCount("error"), d.ListenerCount("close"))
			d.OnData(func(v any) { p.log("data", v) })
			d.OnEnd(func() { p.log("end") })
		})
	}))
	require.Equal(t, goldenLines(t, "testdata/pipeline/duplex_last.out"), p.lines)
}
