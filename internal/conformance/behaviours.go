package conformance

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nodestream/stream"
)

// hookEntry is one callback a hook received. The runner completes it either
// at the behaviour's timing or, for timing "manual", from a `complete` step.
type hookEntry struct {
	hook    string                              // "_write", "_transform", ...
	call    func(err error, data any, has bool) // invokes the hook's callback
	err     error                               // what the behaviour decided on
	data    any
	hasData bool
}

func makeError(msg string) error { return errors.New(msg) }

// completeHook traces the completion line, then calls the callback.
func (c *runCtx) completeHook(name string, e *hookEntry, err error, data any, hasData bool) {
	line := name + "." + e.hook + " cb(" + renderError(err)
	if hasData {
		line += ", " + renderChunk(data)
	}
	c.trace(line + ")")
	c.lastDone[name] = e
	e.call(err, data, hasData)
}

// finishHook completes e at timing, or queues it for `complete`.
func (c *runCtx) finishHook(name, timing string, e *hookEntry) {
	if timing == "manual" {
		c.pending[name] = append(c.pending[name], e)
		return
	}
	c.at(timing, func() { c.completeHook(name, e, e.err, e.data, e.hasData) })
}

func errCallback(cb func(error)) func(error, any, bool) {
	return func(err error, _ any, _ bool) { cb(err) }
}

func dataCallback(cb func(error, any)) func(error, any, bool) {
	return func(err error, data any, _ bool) { cb(err, data) }
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// readHook is the `read` behaviour (SPEC.md 5.1); nil for "unimplemented".
func (c *runCtx) readHook(se *streamEntry, beh ReadBehaviour) func(int) {
	mode := orDefault(beh.Mode, "manual")
	switch mode {
	case "manual", "source":
	case "unimplemented":
		return nil
	default:
		bad("bad read mode %s", mode)
	}
	name := se.name
	next := 0     // index of the next source chunk
	done := false // the source pushed null or failed
	perRead := beh.PerRead
	if perRead == 0 {
		perRead = 1
	}
	return func(n int) {
		c.trace(fmt.Sprintf("%s._read(%d)", name, n))
		if mode == "manual" || done {
			return
		}
		c.at(orDefault(beh.Timing, "sync"), func() {
			for i := 0; i < perRead && !done; i++ {
				switch {
				case beh.FailAt != nil && *beh.FailAt == next:
					done = true
					err := makeError(orDefault(beh.Error, "read-fail"))
					se.api.Destroy(err)
					c.trace(fmt.Sprintf("%s.destroy(%s)", name, renderError(err)))
				case next < len(beh.Chunks):
					chunk := parseChunk(beh.Chunks[next])
					next++
					ret := se.r.Push(chunk)
					c.trace(fmt.Sprintf("%s.push(%s) = %t", name, renderChunk(chunk), ret))
				default:
					done = true
					if beh.End != nil && !*beh.End {
						return
					}
					ret := se.r.Push(nil)
					c.trace(fmt.Sprintf("%s.push(null) = %t", name, ret))
				}
			}
		})
	}
}

// writeHooks is the `write` behaviour and, when declared, `writev` (SPEC.md
// 5.2). They share one call counter. With mode "unimplemented" there is no
// write hook, and the library forwards single writes to a declared writev.
func (c *runCtx) writeHooks(name string, beh WriteBehaviour, withWritev bool) (
	write func(any, string, func(error)), writev func([]stream.WriteChunk, func(error)),
) {
	mode := orDefault(beh.Mode, "auto")
	switch mode {
	case "auto", "manual", "unimplemented":
	default:
		bad("bad write mode %s", mode)
	}
	calls := 0
	timing := orDefault(beh.Timing, "sync")
	if mode == "manual" {
		timing = "manual"
	}
	finish := func(hook string, cb func(error)) {
		idx := calls
		calls++
		var err error
		if beh.FailAt != nil && *beh.FailAt == idx {
			err = makeError(orDefault(beh.Error, "write-fail"))
		}
		c.finishHook(name, timing, &hookEntry{hook: hook, call: errCallback(cb), err: err})
	}
	if mode != "unimplemented" {
		write = func(chunk any, encoding string, cb func(error)) {
			c.trace(fmt.Sprintf("%s._write(%s, %s)", name, renderChunk(chunk), renderEncoding(encoding)))
			finish("_write", cb)
		}
	}
	if withWritev {
		writev = func(chunks []stream.WriteChunk, cb func(error)) {
			parts := make([]string, len(chunks))
			for i, ch := range chunks {
				parts[i] = renderChunk(ch.Chunk) + " " + renderEncoding(ch.Encoding)
			}
			c.trace(fmt.Sprintf("%s._writev([%s])", name, strings.Join(parts, ", ")))
			finish("_writev", cb)
		}
	}
	return write, writev
}

// finalHook is the `final` behaviour (SPEC.md 5.3).
func (c *runCtx) finalHook(name string, beh FinalBehaviour) func(func(error)) {
	return func(cb func(error)) {
		c.trace(name + "._final()")
		var err error
		if beh.Error != "" {
			err = makeError(beh.Error)
		}
		c.finishHook(name, orDefault(beh.Timing, "sync"), &hookEntry{hook: "_final", call: errCallback(cb), err: err})
	}
}

// destroyHook is the `destroy` behaviour (SPEC.md 5.6).
func (c *runCtx) destroyHook(name string, beh DestroyBehaviour) func(error, func(error)) {
	switch beh.Mode {
	case "", "pass", "swallow", "replace":
	default:
		bad("bad destroy mode %s", beh.Mode)
	}
	return func(err error, cb func(error)) {
		c.trace(fmt.Sprintf("%s._destroy(%s)", name, renderError(err)))
		out := err
		switch beh.Mode {
		case "swallow":
			out = nil
		case "replace":
			out = makeError(orDefault(beh.Message, "destroy-fail"))
		}
		c.finishHook(name, orDefault(beh.Timing, "sync"), &hookEntry{hook: "_destroy", call: errCallback(cb), err: out})
	}
}

// asciiUpper upper-cases a-z in a new Buffer or string; other values are
// returned unchanged.
func asciiUpper(chunk any) any {
	switch v := chunk.(type) {
	case []byte:
		out := make([]byte, len(v))
		for i, b := range v {
			if b >= 'a' && b <= 'z' {
				b -= 32
			}
			out[i] = b
		}
		return out
	case string:
		out := []byte(v)
		for i, b := range out {
			if b >= 'a' && b <= 'z' {
				out[i] = b - 32
			}
		}
		return string(out)
	}
	return chunk
}

// transformOutputs is what a transform kind outputs for one chunk.
func transformOutputs(kind string, chunk any) []any {
	switch kind {
	case "identity":
		return []any{chunk}
	case "upper":
		return []any{asciiUpper(chunk)}
	case "double":
		return []any{chunk, chunk}
	case "drop":
		return nil
	case "split":
		switch v := chunk.(type) {
		case []byte:
			out := make([]any, len(v))
			for i, b := range v {
				out[i] = []byte{b}
			}
			return out
		case string:
			_, spans := codePoints(v)
			out := make([]any, len(spans))
			for i, s := range spans {
				out[i] = s
			}
			return out
		}
		return []any{chunk}
	}
	bad("bad transform kind %s", kind)
	return nil
}

// deliver pushes outputs and completes the hook: via "push" every output
// is pushed, via "callback" the last one is the callback's data argument.
func (c *runCtx) deliver(se *streamEntry, e *hookEntry, outputs []any, via string) {
	rest := outputs
	if via == "callback" && len(outputs) > 0 {
		rest = outputs[:len(outputs)-1]
		e.data = outputs[len(outputs)-1]
		e.hasData = true
	}
	for _, o := range rest {
		ret := se.r.Push(o)
		c.trace(fmt.Sprintf("%s.push(%s) = %t", se.name, renderChunk(o), ret))
	}
	c.completeHook(se.name, e, e.err, e.data, e.hasData)
}

// transformHook is the `transform` behaviour (SPEC.md 5.4); nil for kind
// "unimplemented".
func (c *runCtx) transformHook(se *streamEntry, beh TransformBehaviour) func(any, string, func(error, any)) {
	kind := orDefault(beh.Kind, "identity")
	if kind == "unimplemented" {
		return nil
	}
	name := se.name
	calls := 0
	return func(chunk any, encoding string, cb func(error, any)) {
		c.trace(fmt.Sprintf("%s._transform(%s, %s)", name, renderChunk(chunk), renderEncoding(encoding)))
		idx := calls
		calls++
		e := &hookEntry{hook: "_transform", call: dataCallback(cb)}
		if kind == "manual" {
			c.finishHook(name, "manual", e)
			return
		}
		c.at(orDefault(beh.Timing, "sync"), func() {
			if beh.FailAt != nil && *beh.FailAt == idx {
				e.err = makeError(orDefault(beh.Error, "transform-fail"))
				c.completeHook(name, e, e.err, nil, false)
				return
			}
			c.deliver(se, e, transformOutputs(kind, chunk), orDefault(beh.Via, "push"))
		})
	}
}

// flushHook is the `flush` behaviour (SPEC.md 5.5).
func (c *runCtx) flushHook(se *streamEntry, beh FlushBehaviour) func(func(error, any)) {
	return func(cb func(error, any)) {
		c.trace(se.name + "._flush()")
		e := &hookEntry{hook: "_flush", call: dataCallback(cb)}
		if beh.Error != "" {
			e.err = makeError(beh.Error)
		}
		if beh.Timing == "manual" {
			c.finishHook(se.name, "manual", e)
			return
		}
		c.at(orDefault(beh.Timing, "sync"), func() {
			var outputs []any
			if e.err == nil {
				for _, ch := range beh.Chunks {
					outputs = append(outputs, parseChunk(ch))
				}
			}
			c.deliver(se, e, outputs, orDefault(beh.Via, "push"))
		})
	}
}
