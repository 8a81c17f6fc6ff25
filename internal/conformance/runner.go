package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/nodestream/stream"
)

const (
	traceLimit    = 4000 // a scenario that traces more lines is aborted
	readLoopLimit = 200  // a read loop stops after this many calls
)

// The parts of the library's API the runner uses, as interfaces, so that
// one code path serves every stream type: a Duplex, Transform or
// PassThrough has both the readable and the writable methods.
type (
	commonAPI interface {
		stream.StreamLike
		On(event string, fn stream.Handler) *stream.Listener
		Once(event string, fn stream.Handler) *stream.Listener
		Off(event string, l *stream.Listener)
		Destroy(err error)
		DestroyWith(err error, cb func(error))
		Destroyed() bool
		Closed() bool
		Errored() error
	}
	readableAPI interface {
		Push(chunk any) bool
		PushWith(chunk any, encoding string) (bool, error)
		Unshift(chunk any) bool
		UnshiftWith(chunk any, encoding string) (bool, error)
		Read() any
		ReadN(n int) any
		Pause()
		Resume()
		IsPaused() bool
		SetEncoding(enc string) error
		Pipe(dst stream.WritableStream) stream.WritableStream
		PipeWith(dst stream.WritableStream, opts stream.PipeOptions) stream.WritableStream
		Unpipe(dsts ...stream.WritableStream)
		Readable() bool
		ReadableFlowing() stream.Flowing
		ReadableLength() int
		ReadableEnded() bool
		ReadableHighWaterMark() int
		ReadableObjectMode() bool
	}
	writableAPI interface {
		stream.WritableStream
		Write(chunk any) (bool, error)
		WriteWith(chunk any, encoding string, cb func(error)) (bool, error)
		End() error
		EndWith(chunk any, encoding string, cb func(error)) error
		Cork()
		Uncork() error
		SetDefaultEncoding(enc string) error
		Writable() bool
		WritableLength() int
		WritableEnded() bool
		WritableFinished() bool
		WritableNeedDrain() bool
		WritableCorked() int
		WritableHighWaterMark() int
		WritableObjectMode() bool
	}
)

// streamEntry is one declared stream.
type streamEntry struct {
	name string
	decl *Decl
	api  commonAPI
	r    readableAPI // nil for a writable
	w    writableAPI // nil for a readable
}

// runCtx is the state of one run (run.js's Ctx).
type runCtx struct {
	loop      *stream.Loop
	lines     []string
	streams   []*streamEntry          // in declaration order
	byName    map[string]*streamEntry //
	names     map[any]string          // the constructor's value -> name
	pending   map[string][]*hookEntry // manual hook callbacks, FIFO per stream
	lastDone  map[string]*hookEntry   // last completed hook callback per stream
	cbCount   map[string]int          // user callbacks made per stream
	listeners map[string]*stream.Listener

	pendingImmediates int // macrotasks queued by the scenario, not yet run
	aborted           bool
}

func (c *runCtx) trace(line string) {
	if c.aborted {
		return
	}
	if len(c.lines) >= traceLimit {
		c.lines = append(c.lines, "! trace limit")
		c.aborted = true
		return
	}
	c.lines = append(c.lines, line)
}

// immediate is setImmediate that settle waits for.
func (c *runCtx) immediate(fn func()) {
	c.pendingImmediates++
	c.loop.Post(func() {
		c.pendingImmediates--
		if !c.aborted {
			fn()
		}
	})
}

func (c *runCtx) tick(fn func()) {
	c.loop.NextTick(func() {
		if !c.aborted {
			fn()
		}
	})
}

// at runs fn now, in a microtask or in a macrotask.
func (c *runCtx) at(timing string, fn func()) {
	switch timing {
	case "sync", "":
		fn()
	case "tick":
		c.tick(fn)
	case "immediate":
		c.immediate(fn)
	default:
		bad("bad timing %s", timing)
	}
}

func (c *runCtx) nameOf(v any) string {
	if n, ok := c.names[v]; ok {
		return n
	}
	return "?"
}

func (c *runCtx) get(name string) *streamEntry {
	se := c.byName[name]
	if se == nil {
		bad("unknown stream %s", name)
	}
	return se
}

func (c *runCtx) nextCb(name string) int {
	c.cbCount[name]++
	return c.cbCount[name]
}

// ---------------------------------------------------------------------------
// Stream construction

var optionKeys = map[string]bool{
	"highWaterMark": true, "objectMode": true, "readableObjectMode": true, "writableObjectMode": true,
	"readableHighWaterMark": true, "writableHighWaterMark": true, "encoding": true,
	"defaultEncoding": true, "decodeStrings": true, "allowHalfOpen": true, "emitClose": true,
	"autoDestroy": true,
}

// options holds the declared options converted to the library's types.
// Each stream type takes the ones its Node constructor reads and ignores
// the others, as Node does (a Readable ignores writableHighWaterMark).
type options struct {
	hwm, rhwm, whwm                                   *int
	objectMode, rObjectMode, wObjectMode              bool
	encoding, defaultEncoding                         string
	decodeStrings, allowHalfOpen, emitClose, autoDest *bool
}

func parseOptions(decl *Decl) options {
	var o options
	intOpt := func(k string, raw json.RawMessage) *int {
		var v int
		if err := json.Unmarshal(raw, &v); err != nil {
			bad("option %s of %s: %v", k, decl.Name, err)
		}
		return &v
	}
	boolOpt := func(k string, raw json.RawMessage) *bool {
		var v bool
		if err := json.Unmarshal(raw, &v); err != nil {
			bad("option %s of %s: %v", k, decl.Name, err)
		}
		return &v
	}
	strOpt := func(k string, raw json.RawMessage) string {
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			bad("option %s of %s: %v", k, decl.Name, err)
		}
		return v
	}
	for k, raw := range decl.Options {
		if !optionKeys[k] {
			bad("unknown option %s", k)
		}
		switch k {
		case "highWaterMark":
			o.hwm = intOpt(k, raw)
		case "readableHighWaterMark":
			o.rhwm = intOpt(k, raw)
		case "writableHighWaterMark":
			o.whwm = intOpt(k, raw)
		case "objectMode":
			o.objectMode = *boolOpt(k, raw)
		case "readableObjectMode":
			o.rObjectMode = *boolOpt(k, raw)
		case "writableObjectMode":
			o.wObjectMode = *boolOpt(k, raw)
		case "encoding":
			o.encoding = strOpt(k, raw)
		case "defaultEncoding":
			o.defaultEncoding = strOpt(k, raw)
		case "decodeStrings":
			o.decodeStrings = boolOpt(k, raw)
		case "allowHalfOpen":
			o.allowHalfOpen = boolOpt(k, raw)
		case "emitClose":
			o.emitClose = boolOpt(k, raw)
		case "autoDestroy":
			o.autoDest = boolOpt(k, raw)
		}
	}
	return o
}

// makeStream builds the stream of decl with its behaviours. A constructor
// error is returned; a bad declaration panics with badScenario.
func (c *runCtx) makeStream(se *streamEntry) error {
	decl := se.decl
	name := decl.Name
	o := parseOptions(decl)
	typ := decl.Type
	hasRead := typ == "readable" || typ == "duplex"
	hasWrite := typ == "writable" || typ == "duplex"

	var (
		read      func(int)
		write     func(any, string, func(error))
		writev    func([]stream.WriteChunk, func(error))
		final     func(func(error))
		destroy   func(error, func(error))
		transform func(any, string, func(error, any))
		flush     func(func(error, any))
	)
	if hasRead {
		var beh ReadBehaviour
		if decl.Read != nil {
			beh = *decl.Read
		}
		read = c.readHook(se, beh)
	}
	if hasWrite {
		var beh WriteBehaviour
		if decl.Write != nil {
			beh = *decl.Write
		}
		write, writev = c.writeHooks(name, beh, decl.Writev)
		if decl.Final != nil {
			final = c.finalHook(name, *decl.Final)
		}
	}
	if typ == "transform" {
		var beh TransformBehaviour
		if decl.Transform != nil {
			beh = *decl.Transform
		}
		transform = c.transformHook(se, beh)
		if decl.Flush != nil {
			flush = c.flushHook(se, *decl.Flush)
		}
	}
	if decl.Destroy != nil {
		destroy = c.destroyHook(name, *decl.Destroy)
	}

	duplexOpts := func() stream.DuplexOptions {
		return stream.DuplexOptions{
			HighWaterMark:         o.hwm,
			ReadableHighWaterMark: o.rhwm,
			WritableHighWaterMark: o.whwm,
			ObjectMode:            o.objectMode,
			ReadableObjectMode:    o.rObjectMode,
			WritableObjectMode:    o.wObjectMode,
			Encoding:              o.encoding,
			DefaultEncoding:       o.defaultEncoding,
			DecodeStrings:         o.decodeStrings,
			EmitClose:             o.emitClose,
			AutoDestroy:           o.autoDest,
			AllowHalfOpen:         o.allowHalfOpen,
			Read:                  read,
			Write:                 write,
			Writev:                writev,
			Final:                 final,
			Destroy:               destroy,
			Loop:                  c.loop,
		}
	}

	var (
		self any
		err  error
	)
	switch typ {
	case "readable":
		var r *stream.Readable
		r, err = stream.NewReadableErr(stream.ReadableOptions{
			HighWaterMark:   o.hwm,
			Encoding:        o.encoding,
			DefaultEncoding: o.defaultEncoding,
			ObjectMode:      o.objectMode,
			EmitClose:       o.emitClose,
			AutoDestroy:     o.autoDest,
			Read:            read,
			Destroy:         destroy,
			Loop:            c.loop,
		})
		if err == nil {
			self, se.api, se.r = r, r, r
		}
	case "writable":
		var w *stream.Writable
		w, err = stream.NewWritableErr(stream.WritableOptions{
			HighWaterMark:   o.hwm,
			ObjectMode:      o.objectMode,
			DecodeStrings:   o.decodeStrings,
			DefaultEncoding: o.defaultEncoding,
			EmitClose:       o.emitClose,
			AutoDestroy:     o.autoDest,
			Write:           write,
			Writev:          writev,
			Final:           final,
			Destroy:         destroy,
			Loop:            c.loop,
		})
		if err == nil {
			self, se.api, se.w = w, w, w
		}
	case "duplex":
		var d *stream.Duplex
		d, err = stream.NewDuplexErr(duplexOpts())
		if err == nil {
			self, se.api, se.r, se.w = d, d, d, d
		}
	case "transform":
		var t *stream.Transform
		t, err = stream.NewTransformErr(stream.TransformOptions{
			DuplexOptions: duplexOpts(),
			Transform:     transform,
			Flush:         flush,
		})
		if err == nil {
			self, se.api, se.r, se.w = t, t, t, t
		}
	case "passthrough":
		var p *stream.PassThrough
		p, err = stream.NewPassThroughErr(duplexOpts())
		if err == nil {
			self, se.api, se.r, se.w = p, p, p, p
		}
	default:
		bad("bad stream type %s", typ)
	}
	if err != nil {
		return err
	}
	c.names[self] = name
	return nil
}

// ---------------------------------------------------------------------------
// Snapshots

func (c *runCtx) snapshot(name string) {
	se := c.get(name)
	var parts []string
	add := func(k string, v any) { parts = append(parts, fmt.Sprintf("%s=%v", k, v)) }
	if se.decl.Type != "writable" {
		r := se.r
		add("readable", r.Readable())
		add("readableFlowing", r.ReadableFlowing().String())
		add("readableLength", r.ReadableLength())
		add("readableEnded", r.ReadableEnded())
		add("readableHighWaterMark", r.ReadableHighWaterMark())
		add("readableObjectMode", r.ReadableObjectMode())
	}
	if se.decl.Type != "readable" {
		w := se.w
		add("writable", w.Writable())
		add("writableLength", w.WritableLength())
		add("writableEnded", w.WritableEnded())
		add("writableFinished", w.WritableFinished())
		add("writableNeedDrain", w.WritableNeedDrain())
		add("writableCorked", w.WritableCorked())
		add("writableHighWaterMark", w.WritableHighWaterMark())
		add("writableObjectMode", w.WritableObjectMode())
	}
	add("destroyed", se.api.Destroyed())
	add("errored", renderError(se.api.Errored()))
	add("closed", se.api.Closed())
	c.trace(name + " snapshot " + strings.Join(parts, " "))
}

// ---------------------------------------------------------------------------
// Listeners

var events = map[string]bool{
	"data": true, "end": true, "readable": true, "close": true, "error": true, "pause": true,
	"resume": true, "pipe": true, "unpipe": true, "drain": true, "finish": true,
}

func (c *runCtx) renderEventArgs(event string, args []any) string {
	var arg any
	if len(args) > 0 {
		arg = args[0]
	} else if event == "data" || event == "error" || event == "pipe" || event == "unpipe" {
		return " undefined"
	}
	switch event {
	case "data":
		return " " + renderChunk(arg)
	case "error":
		return " " + renderErrorArg(arg)
	case "pipe", "unpipe":
		return " " + c.nameOf(arg)
	}
	return ""
}

func idSuffix(id string) string {
	if id == "" {
		return ""
	}
	return "#" + id
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

func (c *runCtx) removeListener(step *Step) {
	name := c.streamName(step)
	c.trace(fmt.Sprintf("%s.off(%s#%s)", name, step.Event, step.ID))
	if l := c.listeners[name+" "+step.Event+" "+step.ID]; l != nil {
		c.get(name).api.Off(step.Event, l)
	}
}

// ---------------------------------------------------------------------------
// Steps

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

// runActions runs the steps of a listener or of a tick/immediate step.
func (c *runCtx) runActions(steps []Step) {
	for i := range steps {
		if c.aborted {
			return
		}
		if steps[i].Op == "settle" {
			bad("settle is not allowed here")
		}
		c.runStep(&steps[i])
	}
}

// settle waits, one macrotask at a time, until no macrotask queued by the
// scenario is outstanding (SPEC.md section 11). Every microtask has run by
// then, because the microtask queue is drained after every macrotask.
func (c *runCtx) settle(cont func()) {
	var check func()
	check = func() {
		if c.pendingImmediates > 0 && !c.aborted {
			c.loop.Post(check)
		} else {
			cont()
		}
	}
	c.loop.Post(check)
}

func (c *runCtx) runFrom(steps []Step, i int) {
	for ; i < len(steps); i++ {
		if c.aborted {
			break
		}
		if steps[i].Op == "settle" {
			c.trace("-- settle")
			next := i + 1
			c.settle(func() { c.runFrom(steps, next) })
			return
		}
		c.runStep(&steps[i])
	}
	// The implicit final settle, then a snapshot of every stream.
	c.settle(func() {
		c.trace("-- final")
		if !c.aborted {
			for _, se := range c.streams {
				c.snapshot(se.name)
			}
		}
	})
}

// ---------------------------------------------------------------------------
// Running a scenario

// Run runs scn on a fresh loop and returns its trace lines. An error means
// the scenario could not be run as written (a bad scenario) or the library
// panicked; the lines traced until then are returned with it. Errors that
// escaped to the top level (an 'error' event nobody listened to) are not
// errors of the run: like run.js, the runner traces them, as
// "! uncaught <err>" lines, which no golden contains.
func Run(scn *Scenario) (lines []string, err error) {
	c := &runCtx{
		loop:      stream.NewLoop(),
		byName:    map[string]*streamEntry{},
		names:     map[any]string{},
		pending:   map[string][]*hookEntry{},
		lastDone:  map[string]*hookEntry{},
		cbCount:   map[string]int{},
		listeners: map[string]*stream.Listener{},
	}
	defer func() {
		if v := recover(); v != nil {
			lines = c.lines
			if b, ok := v.(badScenario); ok {
				err = b
				return
			}
			lines = append(lines, fmt.Sprintf("! panic: %v", v))
			err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
		}
	}()
	uncaught := c.loop.Run(func() {
		for i := range scn.Streams {
			decl := &scn.Streams[i]
			se := &streamEntry{name: decl.Name, decl: decl}
			if err := c.makeStream(se); err != nil {
				c.trace(decl.Name + " construct throws " + renderError(err))
				return
			}
			c.streams = append(c.streams, se)
			c.byName[decl.Name] = se
		}
		c.runFrom(scn.Steps, 0)
	})
	for _, e := range unjoin(uncaught) {
		c.trace("! uncaught " + renderError(e))
	}
	return c.lines, nil
}

// unjoin splits the errors Loop.Run joined.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// TraceText is the trace as run.js prints it: every line ends in "\n".
func TraceText(lines []string) string {
	return strings.Join(lines, "\n") + "\n"
}

// RunScenario loads the scenario at path, runs it and returns its trace.
func RunScenario(path string) (trace string, err error) {
	scn, err := LoadScenario(path)
	if err != nil {
		return "", err
	}
	lines, err := Run(scn)
	return TraceText(lines), err
}
