package conformance

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/nodestream/stream"
)

// The steps of a scenario: each action, called on its stream, and what
// it returned, traced.

func (c *runCtx) removeListener(step *Step) {
	name := c.streamName(step)
	c.trace(fmt.Sprintf("%s.off(%s#%s)", name, step.Event, step.ID))
	if l := c.listeners[name+" "+step.Event+" "+step.ID]; l != nil {
		c.get(name).api.Off(step.Event, l)
	}
}

// joinArgs formats the argument list of a traced call, leaving out the
// absent ones.
func joinArgs(parts ...*string) string {
	var out []string
	for _, p := range parts {
		if p != nil {
			out = append(out, *p)
		}
	}
	return strings.Join(out, ", ")
}

func strp(s string) *string { return &s }

// call runs fn and traces "<text> = <ret>" (or "<text>" when fn renders no
// result) after it returns, so that everything the call caused
// synchronously is traced first; or "<text> throws <err>" when the call
// fails where Node throws. The library reports such throws as error
// results, or as a panic with a *stream.Error for the few calls without an
// error result (ReadN with a size Node rejects).
func (c *runCtx) call(text string, fn func() (ret string, err error)) {
	ret, err := catchStreamPanic(fn)
	switch {
	case err != nil:
		c.trace(text + " throws " + renderError(err))
	case ret != "":
		c.trace(text + " = " + ret)
	default:
		c.trace(text)
	}
}

func catchStreamPanic(fn func() (string, error)) (ret string, err error) {
	defer func() {
		if v := recover(); v != nil {
			var se *stream.Error
			if e, ok := v.(error); ok && errors.As(e, &se) {
				err = e
				return
			}
			panic(v)
		}
	}()
	return fn()
}

func boolRet(b bool) (string, error) { return strconv.FormatBool(b), nil }

func boolErrRet(b bool, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return strconv.FormatBool(b), nil
}

func noRet(err error) (string, error) { return "", err }

// userCb makes the callback of a step with "cb": true, numbered when the
// step runs.
func (c *runCtx) userCb(name string) (text string, fn func(error)) {
	n := c.nextCb(name)
	return fmt.Sprintf("cb#%d", n), func(err error) {
		c.trace(fmt.Sprintf("%s cb#%d(%s)", name, n, renderError(err)))
	}
}

func (c *runCtx) streamName(step *Step) string {
	if step.Stream == nil {
		bad("op %s needs a stream", step.Op)
	}
	return *step.Stream
}

func (c *runCtx) readable(step *Step) (string, readableAPI) {
	name := c.streamName(step)
	se := c.get(name)
	if se.r == nil {
		bad("op %s on %s, which is not readable", step.Op, name)
	}
	return name, se.r
}

func (c *runCtx) writable(name string) writableAPI {
	se := c.get(name)
	if se.w == nil {
		bad("%s is not writable", name)
	}
	return se.w
}

// readBugCheck marks a read(n) that returned more than n characters: the
// Node bug of SPEC.md 13.16, which no golden contains.
func (c *runCtx) readBugCheck(step *Step, ret any) {
	if s, ok := ret.(string); ok && step.N != nil && *step.N > 0 && utf16Len(s) > *step.N {
		c.trace("! node bug: read(n) returned more than n characters")
	}
}

func (c *runCtx) doRead(step *Step) {
	name, r := c.readable(step)
	n := ""
	if step.N != nil {
		n = strconv.Itoa(*step.N)
	}
	text := name + ".read(" + n + ")"
	var ret any
	once := func() (string, error) {
		if step.N == nil {
			ret = r.Read()
		} else {
			ret = r.ReadN(*step.N)
		}
		c.readBugCheck(step, ret)
		return renderChunk(ret), nil
	}
	if !step.Loop {
		c.call(text, once)
		return
	}
	for i := 0; i < readLoopLimit && !c.aborted; i++ {
		rendered, err := catchStreamPanic(once)
		if err != nil {
			c.trace(text + " throws " + renderError(err))
			return
		}
		c.trace(text + " = " + rendered)
		if ret == nil {
			return
		}
	}
}

func (c *runCtx) doComplete(step *Step) {
	name := c.streamName(step)
	var e *hookEntry
	if step.Again {
		e = c.lastDone[name]
	} else if q := c.pending[name]; len(q) > 0 {
		e = q[0]
		c.pending[name] = q[1:]
	}
	if e == nil {
		c.trace("# " + name + " complete: nothing pending")
		return
	}
	// Without an error in the step, _destroy gets what its behaviour
	// decided and every other hook gets null.
	var err error
	switch {
	case step.Error != nil:
		err = makeError(*step.Error)
	case e.hook == "_destroy":
		err = e.err
	}
	var data any
	hasData := present(step.Data)
	if hasData {
		data = parseChunk(step.Data)
	}
	c.completeHook(name, e, err, data, hasData)
}

func (c *runCtx) runStep(step *Step) {
	if step.Stream != nil {
		c.get(*step.Stream) // an unknown stream is a bad scenario, whatever the op
	}
	switch step.Op {
	case "push", "unshift":
		name, r := c.readable(step)
		chunk := parseChunk(step.Chunk)
		text := fmt.Sprintf("%s.%s(%s)", name, step.Op, joinArgs(strp(renderChunk(chunk)), step.Encoding))
		c.call(text, func() (string, error) {
			enc := ""
			if step.Encoding != nil {
				enc = *step.Encoding
			}
			// run.js passes the encoding only when it is truthy.
			switch {
			case step.Op == "push" && enc != "":
				return boolErrRet(r.PushWith(chunk, enc))
			case step.Op == "push":
				return boolRet(r.Push(chunk))
			case enc != "":
				return boolErrRet(r.UnshiftWith(chunk, enc))
			default:
				return boolRet(r.Unshift(chunk))
			}
		})
	case "read":
		c.doRead(step)
	case "pause":
		name, r := c.readable(step)
		c.call(name+".pause()", func() (string, error) { r.Pause(); return "", nil })
	case "resume":
		name, r := c.readable(step)
		c.call(name+".resume()", func() (string, error) { r.Resume(); return "", nil })
	case "cork":
		name := c.streamName(step)
		w := c.writable(name)
		c.call(name+".cork()", func() (string, error) { w.Cork(); return "", nil })
	case "uncork":
		name := c.streamName(step)
		w := c.writable(name)
		c.call(name+".uncork()", func() (string, error) { return noRet(w.Uncork()) })
	case "isPaused":
		name, r := c.readable(step)
		c.call(name+".isPaused()", func() (string, error) { return boolRet(r.IsPaused()) })
	case "setEncoding":
		name, r := c.readable(step)
		enc := encodingArg(step)
		c.call(fmt.Sprintf("%s.setEncoding(%s)", name, encodingText(step)), func() (string, error) {
			return noRet(r.SetEncoding(enc))
		})
	case "setDefaultEncoding":
		name := c.streamName(step)
		w := c.writable(name)
		enc := encodingArg(step)
		c.call(fmt.Sprintf("%s.setDefaultEncoding(%s)", name, encodingText(step)), func() (string, error) {
			return noRet(w.SetDefaultEncoding(enc))
		})
	case "pipe":
		name, r := c.readable(step)
		d := c.writable(step.Dest)
		noEnd := step.End != nil && !*step.End
		var endText *string
		if noEnd {
			endText = strp("end=false")
		}
		c.call(fmt.Sprintf("%s.pipe(%s)", name, joinArgs(strp(step.Dest), endText)), func() (string, error) {
			if noEnd {
				r.PipeWith(d, stream.PipeOptions{End: stream.Bool(false)})
			} else {
				r.Pipe(d)
			}
			return "", nil
		})
	case "unpipe":
		name, r := c.readable(step)
		c.call(fmt.Sprintf("%s.unpipe(%s)", name, step.Dest), func() (string, error) {
			if step.Dest != "" {
				r.Unpipe(c.writable(step.Dest))
			} else {
				r.Unpipe()
			}
			return "", nil
		})
	case "write":
		name := c.streamName(step)
		w := c.writable(name)
		chunk := parseChunk(step.Chunk)
		var cbText *string
		var cb func(error)
		if step.Cb {
			t, fn := c.userCb(name)
			cbText, cb = &t, fn
		}
		text := fmt.Sprintf("%s.write(%s)", name, joinArgs(strp(renderChunk(chunk)), step.Encoding, cbText))
		c.call(text, func() (string, error) {
			enc := ""
			if step.Encoding != nil {
				enc = *step.Encoding
			}
			if enc == "" && cb == nil {
				return boolErrRet(w.Write(chunk))
			}
			if enc == "" && w.WritableObjectMode() {
				enc = nullEncoding
			}
			return boolErrRet(w.WriteWith(chunk, enc, cb))
		})
	case "end":
		c.doEnd(step)
	case "destroy":
		name := c.streamName(step)
		api := c.get(name).api
		var err error
		if step.Error != nil {
			err = makeError(*step.Error)
		}
		var errText, cbText *string
		var cb func(error)
		if step.Cb {
			t, fn := c.userCb(name)
			cbText, cb = &t, fn
		}
		switch {
		case err != nil:
			errText = strp(renderError(err))
		case cb != nil:
			errText = strp("null")
		}
		c.call(fmt.Sprintf("%s.destroy(%s)", name, joinArgs(errText, cbText)), func() (string, error) {
			if cb != nil {
				api.DestroyWith(err, cb)
			} else {
				api.Destroy(err)
			}
			return "", nil
		})
	case "finished":
		name := c.streamName(step)
		api := c.get(name).api
		t, cb := c.userCb(name)
		c.call(fmt.Sprintf("finished(%s, %s)", name, t), func() (string, error) {
			stream.Finished(api, cb)
			return "", nil
		})
	case "on", "once":
		c.addListener(step)
	case "off":
		c.removeListener(step)
	case "complete":
		c.doComplete(step)
	case "snapshot":
		if step.Stream != nil {
			c.snapshot(*step.Stream)
		} else {
			for _, se := range c.streams {
				c.snapshot(se.name)
			}
		}
	case "tick":
		c.tick(func() {
			c.trace("-- tick")
			c.runActions(step.Do)
		})
	case "immediate":
		c.immediate(func() {
			c.trace("-- immediate")
			c.runActions(step.Do)
		})
	default:
		bad("bad op %s", step.Op)
	}
}

func encodingArg(step *Step) string {
	if step.Encoding == nil {
		return ""
	}
	return *step.Encoding
}

func encodingText(step *Step) string {
	if step.Encoding == nil {
		return "undefined"
	}
	return *step.Encoding
}

// doEnd is end([chunk][, encoding][, cb]). Node's end takes its arguments
// by position, so an encoding without a chunk is taken as the chunk; the
// call is made the way run.js makes it.
func (c *runCtx) doEnd(step *Step) {
	name := c.streamName(step)
	w := c.writable(name)
	var shown []string
	var chunk any
	hasChunk := present(step.Chunk)
	if hasChunk {
		chunk = parseChunk(step.Chunk)
		shown = append(shown, renderChunk(chunk))
	}
	enc := ""
	if step.Encoding != nil && *step.Encoding != "" {
		enc = *step.Encoding
		shown = append(shown, enc)
		if !hasChunk {
			chunk, enc = enc, ""
		}
	}
	var cb func(error)
	if step.Cb {
		t, fn := c.userCb(name)
		cb = fn
		shown = append(shown, t)
	}
	c.call(fmt.Sprintf("%s.end(%s)", name, strings.Join(shown, ", ")), func() (string, error) {
		if chunk == nil && enc == "" && cb == nil {
			return noRet(w.End())
		}
		if chunk != nil && enc == "" && cb != nil && w.WritableObjectMode() {
			enc = nullEncoding
		}
		return noRet(w.EndWith(chunk, enc, cb))
	})
}

func (c *runCtx) addListener(step *Step) {
	name := c.streamName(step)
	se := c.get(name)
	if !events[step.Event] {
		bad("bad event %s", step.Event)
	}
	label := name + ":" + step.Event + idSuffix(step.ID)
	calls := 0
	fn := func(args ...any) {
		idx := calls
		calls++
		if !step.Quiet {
			c.trace(label + c.renderEventArgs(step.Event, args))
		}
		if step.Do != nil && (step.When == nil || *step.When == idx) {
			c.runActions(step.Do)
		}
	}
	// run.js traces the registration before registering.
	c.trace(fmt.Sprintf("%s.%s(%s%s)", name, step.Op, step.Event, idSuffix(step.ID)))
	var l *stream.Listener
	if step.Op == "once" {
		l = se.api.Once(step.Event, fn)
	} else {
		l = se.api.On(step.Event, fn)
	}
	if step.ID != "" {
		c.listeners[name+" "+step.Event+" "+step.ID] = l
	}
}
