package conformance

import (
	"fmt"
	"runtime/debug"
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

// ---------------------------------------------------------------------------
// Steps

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
