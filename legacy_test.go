package stream

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLegacyNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/legacy") }

type legacySource struct {
	*LegacyStream
	log func(...any)
}

func (s *legacySource) Pause()  { s.log("source pause") }
func (s *legacySource) Resume() { s.log("source resume") }

type legacyDest struct {
	*LegacyStream
	name string
	full bool
	log  func(...any)
}

func (d *legacyDest) Write(c any) (bool, error) { d.log(d.name, "write", c); return !d.full, nil }
func (d *legacyDest) End() error                { d.log(d.name, "end"); return nil }
func (d *legacyDest) Destroy(error)             { d.log(d.name, "destroy") }

// TestLegacyPipe is the Go twin of testdata/legacy/pipe.js.
func TestLegacyPipe(t *testing.T) {
	p := newTwin(t)
	l := p.l
	log := func(a ...any) { p.Log(a...) }
	counts := func(e EventSource, names ...string) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = fmt.Sprintf("%s=%d", n, e.eventEmitter().ListenerCount(n))
		}
		return strings.Join(parts, " ")
	}
	source := func() *legacySource { return &legacySource{NewLegacyStream(l), log} }
	dest := func(name string, full bool) *legacyDest { return &legacyDest{NewLegacyStream(l), name, full, log} }
	require.NoError(t, l.Run(func() {
		s1, d1 := source(), dest("d1", true)
		d1.On("pipe", func(args ...any) { log("d1 pipe from source", args[0] == any(s1)) })
		log("pipe returns dest", LegacyPipe(s1, d1, PipeOptions{}) == EventSource(d1))
		s1.Emit("data", "a")
		d1.Emit("drain")
		s1.Emit("end")
		s1.Emit("end")
		log("after end:", counts(s1, "data", "end", "close", "error"), "|", counts(d1, "drain", "error", "close"))

		s2, d2 := source(), dest("d2", false)
		LegacyPipe(s2, d2, PipeOptions{})
		s2.Emit("close")
		log("after close:", counts(s2, "data", "end", "close"))

		s3, d3 := source(), dest("d3", false)
		LegacyPipe(s3, d3, PipeOptions{End: Bool(false)})
		s3.Emit("end")
		log("end false: no end call;", counts(s3, "end", "close"))

		s4, d4 := source(), dest("d4", false)
		LegacyPipe(s4, d4, PipeOptions{})
		s4.On("error", func(args ...any) { log("s4 own listener", args[0].(error).Error()) })
		s4.Emit("error", errors.New("handled"))
		log("after handled error:", counts(s4, "data", "error"))

		s5 := source()
		w := NewWritable(WritableOptions{Loop: l, Write: func(c any, _ string, cb func(error)) {
			log("writable got", string(c.([]byte)))
			cb(nil)
		}})
		LegacyPipe(s5, w, PipeOptions{})
		s5.Emit("data", "into a Writable")
		s5.Emit("end")
		w.OnFinish(func() { log("writable finish") })
	}))
	err := l.Run(func() {
		s6 := source()
		LegacyPipe(s6, dest("d6", false), PipeOptions{})
		s6.Emit("error", errors.New("unhandled"))
	})
	// Node throws from emit; here Run returns the unhandled error.
	require.Error(t, err)
	log("thrown", err.Error())
	p.Match("testdata/legacy/pipe.out")

	// The method form, for a LegacyStream used as it is.
	require.NoError(t, l.Run(func() {
		src := NewLegacyStream(l)
		d := dest("plain", false)
		require.Same(t, d, src.Pipe(d, PipeOptions{}))
		src.Emit("data", "x")
		src.Emit("end")
	}))
}

// TestLegacyPipeFromWritable is the Go twin of
// testdata/legacy/cannotpipe.js.
func TestLegacyPipeFromWritable(t *testing.T) {
	p := newTwin(t)
	l := p.l
	write := func(c any, _ string, cb func(error)) { p.Log("write", c); cb(nil) }
	require.NoError(t, l.Run(func() {
		kept := NewWritable(WritableOptions{Loop: l, AutoDestroy: Bool(false), Write: write})
		kept.OnError(func(err error) { p.Log("kept error", ErrorCode(err), err.(*Error).Message) })
		dest := NewPassThrough(DuplexOptions{Loop: l})
		dest.On("pipe", func(...any) { p.Log("dest pipe") })
		p.Log("returns dest", LegacyPipe(kept, dest, PipeOptions{}) == EventSource(dest))
		p.Log("kept destroyed", kept.Destroyed())

		auto := NewWritable(WritableOptions{Loop: l, Write: write})
		auto.OnError(func(err error) { p.Log("auto error", ErrorCode(err)) })
		auto.OnClose(func() { p.Log("auto close") })
		require.Nil(t, LegacyPipe(auto, dest, PipeOptions{}))
		p.Log("auto destroyed", auto.Destroyed())
	}))
	p.Match("testdata/legacy/cannotpipe.out")
}
