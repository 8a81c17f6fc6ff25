package stream

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
)

// Handler is a listener function. It receives the arguments given to
// [EventEmitter.Emit]; the args slice is only valid during the call and
// must not be retained (copy it if needed).
type Handler func(args ...any)

// Listener is the handle of one registered listener. Go funcs cannot be
// compared, so a listener is removed by its handle rather than by its
// function.
type Listener struct {
	event string
	fn    Handler
	fn1   func(any) // the typed form of fn, for one-argument events; may be nil
	once  bool
	fired bool // a once listener has been called (or is being called)
}

// Event returns the name of the event the listener is registered for.
func (l *Listener) Event() string { return l.event }

// Once reports whether the listener was added with Once or
// PrependOnceListener (Node's rawListeners shows such wrappers).
func (l *Listener) Once() bool { return l.once }

// Handler returns the listener's function.
func (l *Listener) Handler() Handler { return l.fn }

// DefaultMaxListeners is the number of listeners per event past which an
// EventEmitter prints a possible-leak warning, as Node's
// EventEmitter.defaultMaxListeners.
const DefaultMaxListeners = 10

// warnOutput is where the max-listeners warning goes; tests replace it.
var warnOutput io.Writer = os.Stderr

// EventEmitter is Node's EventEmitter: named events with listeners called
// synchronously, in registration order, by Emit. Every stream embeds one.
// The zero value is ready to use and reports unhandled 'error' events to
// the default loop.
//
// Its methods must be called on the loop of the stream that embeds it.
type EventEmitter struct {
	// Listener lists, each copy-on-write so an emit can iterate over the
	// list it started with. The events streams emit per chunk live in
	// fixed slots, so emitting them needs no map lookup.
	slots  [numSlots][]*Listener
	events map[string][]*Listener // every other event
	names  []string               // event names in the order they got listeners

	maxListeners int  // meaningful when maxSet
	maxSet       bool // SetMaxListeners was called
	warned       map[string]bool

	loop    *Loop  // where unhandled errors go; nil means the default loop
	kind    string // the constructor name printed by the leak warning
	scratch []any  // argument stack for internal emits, so they do not allocate

	// Hooks for the stream embedding the emitter: Node's Readable reacts
	// to 'data' and 'readable' listeners being added and removed.
	onAdd    func(event string) // after On, AddListener or Once
	onRemove func(event string) // after RemoveListener (also once removal)
	onRemAll func(event string) // after RemoveAllListeners ("" for all)
}

// The events with a fixed slot.
const (
	slotData = iota
	slotReadable
	slotDrain
	slotEnd
	slotFinish
	slotPrefinish
	slotClose
	slotError
	slotPause
	slotResume
	numSlots
)

func slotOf(event string) int {
	switch event {
	case "data":
		return slotData
	case "readable":
		return slotReadable
	case "drain":
		return slotDrain
	case "end":
		return slotEnd
	case "finish":
		return slotFinish
	case "prefinish":
		return slotPrefinish
	case "close":
		return slotClose
	case "error":
		return slotError
	case "pause":
		return slotPause
	case "resume":
		return slotResume
	}
	return -1
}

// list returns the listeners of event.
func (e *EventEmitter) list(event string) []*Listener {
	if i := slotOf(event); i >= 0 {
		return e.slots[i]
	}
	return e.events[event]
}

// setList replaces the listeners of event; an empty list removes the event
// from EventNames.
func (e *EventEmitter) setList(event string, ls []*Listener) {
	had := len(e.list(event)) > 0
	if i := slotOf(event); i >= 0 {
		e.slots[i] = ls
	} else if len(ls) == 0 {
		delete(e.events, event)
	} else {
		if e.events == nil {
			e.events = make(map[string][]*Listener)
		}
		e.events[event] = ls
	}
	switch {
	case !had && len(ls) > 0:
		e.names = append(e.names, event)
	case had && len(ls) == 0:
		e.names = slices.DeleteFunc(e.names, func(n string) bool { return n == event })
	}
	if len(ls) <= 1 {
		// Node marks the listener array as warned and drops the array when
		// one listener is left, so the leak warning can come again.
		delete(e.warned, event)
	}
}

// on1 is On for a one-argument listener: emits of one argument call fn1
// directly, without an argument slice.
func (e *EventEmitter) on1(event string, fn1 func(any)) *Listener {
	l := e.add(event, func(args ...any) {
		var a any
		if len(args) > 0 {
			a = args[0]
		}
		fn1(a)
	}, false, false)
	l.fn1 = fn1
	if e.onAdd != nil {
		e.onAdd(event)
	}
	return l
}

// check applies the loop-ownership check of the stream embedding the
// emitter; a standalone emitter belongs to no loop and is not checked.
func (e *EventEmitter) check() {
	if debugChecks && e.loop != nil {
		e.loop.check()
	}
}

// On adds fn at the end of the listeners of event and returns its handle.
// The 'newListener' event is emitted before it is added. A nil fn panics
// with ERR_INVALID_ARG_TYPE, where Node throws; so do Once and the Prepend
// methods.
func (e *EventEmitter) On(event string, fn Handler) *Listener {
	l := e.add(event, fn, false, false)
	if e.onAdd != nil {
		e.onAdd(event)
	}
	return l
}

// AddListener is an alias of On.
func (e *EventEmitter) AddListener(event string, fn Handler) *Listener { return e.On(event, fn) }

// Once adds a listener that is removed before its first call.
func (e *EventEmitter) Once(event string, fn Handler) *Listener {
	l := e.add(event, fn, true, false)
	if e.onAdd != nil {
		e.onAdd(event)
	}
	return l
}

// PrependListener adds fn at the front of the listeners of event. As in
// Node, it does not go through a stream's On, so prepending a 'data'
// listener does not start a Readable flowing.
func (e *EventEmitter) PrependListener(event string, fn Handler) *Listener {
	return e.add(event, fn, false, true)
}

// PrependOnceListener adds a once listener at the front.
func (e *EventEmitter) PrependOnceListener(event string, fn Handler) *Listener {
	return e.add(event, fn, true, true)
}

func (e *EventEmitter) add(event string, fn Handler, once, prepend bool) *Listener {
	e.check()
	if fn == nil {
		panic(errInvalidArgType("listener", "of type function", nil))
	}
	l := &Listener{event: event, fn: fn, once: once}
	if len(e.events["newListener"]) > 0 {
		e.emit2("newListener", event, fn)
	}
	old := e.list(event)
	nl := make([]*Listener, 0, len(old)+1)
	if prepend {
		nl = append(append(nl, l), old...)
	} else {
		nl = append(append(nl, old...), l)
	}
	e.setList(event, nl)
	if max := e.GetMaxListeners(); max > 0 && len(nl) > max && !e.warned[event] {
		if e.warned == nil {
			e.warned = make(map[string]bool)
		}
		e.warned[event] = true
		kind := e.kind
		if kind == "" {
			kind = "EventEmitter"
		}
		fmt.Fprintf(warnOutput, "(node:%d) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. %d %s listeners added to [%s]. MaxListeners is %d. Use emitter.setMaxListeners() to increase limit\n",
			os.Getpid(), len(nl), event, kind, max)
	}
	return l
}

// RemoveListener removes the listener l from event. It does nothing if l
// is not registered there. Listeners removed during an emit are still
// called by that emit. The 'removeListener' event is emitted after.
func (e *EventEmitter) RemoveListener(event string, l *Listener) {
	e.check()
	if e.remove(event, l) && len(e.events["removeListener"]) > 0 {
		e.emit2("removeListener", event, l.fn)
	}
	if e.onRemove != nil {
		e.onRemove(event)
	}
}

// Off is an alias of RemoveListener.
func (e *EventEmitter) Off(event string, l *Listener) { e.RemoveListener(event, l) }

func (e *EventEmitter) remove(event string, l *Listener) bool {
	old := e.list(event)
	// Node removes the most recently added match; handles are unique, so
	// the search direction only matters for speed.
	i := slices.Index(old, l)
	if i < 0 {
		return false
	}
	if len(old) == 1 {
		e.setList(event, nil)
		return true
	}
	nl := make([]*Listener, 0, len(old)-1)
	nl = append(append(nl, old[:i]...), old[i+1:]...)
	e.setList(event, nl)
	return true
}

// RemoveAllListeners removes every listener of the given events, or of
// every event when none is given.
func (e *EventEmitter) RemoveAllListeners(events ...string) {
	e.check()
	if len(events) == 0 {
		hasRemoveListener := len(e.events["removeListener"]) > 0
		for _, name := range slices.Clone(e.names) {
			if name == "removeListener" && hasRemoveListener {
				continue
			}
			e.removeAllOf(name)
		}
		e.removeAllOf("removeListener")
		if e.onRemAll != nil {
			e.onRemAll("")
		}
		return
	}
	for _, ev := range events {
		e.removeAllOf(ev)
		if e.onRemAll != nil {
			e.onRemAll(ev)
		}
	}
}

func (e *EventEmitter) removeAllOf(event string) {
	ls := e.list(event)
	if len(ls) == 0 {
		return
	}
	if len(e.events["removeListener"]) == 0 {
		e.setList(event, nil)
		return
	}
	// Node removes them one at a time, last first, each followed by its
	// 'removeListener' event, so that event's listeners see the count drop.
	for i := len(ls) - 1; i >= 0; i-- {
		if e.remove(event, ls[i]) && len(e.events["removeListener"]) > 0 {
			e.emit2("removeListener", event, ls[i].fn)
		}
	}
}

// Emit calls every listener of event, synchronously and in registration
// order, with args, and reports whether there were listeners. It iterates
// over the listeners as they were when it started: a listener added during
// the emit is not called, a listener removed during it still is. Once
// listeners are removed before they are called.
//
// Emitting "error" with no listener is an unhandled error: Emit reports it
// to the loop, whose Run returns it, and returns false.
func (e *EventEmitter) Emit(event string, args ...any) bool {
	e.check()
	if event == "error" {
		e.monitor(args)
	}
	ls := e.list(event)
	if len(ls) == 0 {
		if event == "error" {
			e.unhandled(args)
		}
		return false
	}
	e.call(ls, args)
	return true
}

func (e *EventEmitter) call(ls []*Listener, args []any) {
	for _, l := range ls {
		if l.once {
			// A nested emit of the same event may have called it already.
			if l.fired {
				continue
			}
			l.fired = true
			e.RemoveListener(l.event, l)
		}
		l.fn(args...)
	}
}

// ErrorMonitor is the event name of Node's events.errorMonitor: its
// listeners are called with an 'error' event's arguments before the
// 'error' listeners, and do not handle it (with no 'error' listener the
// error is still unhandled). It is a name no 'error' emit can collide with
// by accident, where Node uses a symbol.
const ErrorMonitor = "\x00errorMonitor"

// monitor calls the ErrorMonitor listeners of an 'error' emit.
func (e *EventEmitter) monitor(args []any) {
	if ls := e.list(ErrorMonitor); len(ls) != 0 {
		e.call(ls, args)
	}
}

func (e *EventEmitter) unhandled(args []any) {
	var v any
	if len(args) > 0 {
		v = args[0]
	}
	err, ok := v.(error)
	if !ok {
		// Node throws ERR_UNHANDLED_ERROR for a value that is not an
		// error, and the error itself otherwise.
		err = newError(ErrUnhandledError, "Unhandled error. ("+inspect(v)+")")
	}
	loopOrDefault(e.loop).reportUnhandled(err)
}

// emitSlot0, emitSlot1, emit1 and emit2 are Emit for the library's own
// events. They pass the arguments on a reusable stack instead of a
// fresh variadic slice, so emitting a chunk does not allocate.
func (e *EventEmitter) emitSlot0(slot int) bool {
	ls := e.slots[slot]
	if len(ls) == 0 {
		return false
	}
	e.call(ls, nil)
	return true
}

func (e *EventEmitter) emitSlot1(slot int, a any) bool {
	return e.emitList1(e.slots[slot], slot == slotError, a)
}

func (e *EventEmitter) emit1(event string, a any) bool {
	return e.emitList1(e.list(event), event == "error", a)
}

func (e *EventEmitter) emitList1(ls []*Listener, isError bool, a any) bool {
	if isError {
		e.monitor([]any{a})
	}
	if len(ls) == 0 {
		if isError {
			e.unhandled([]any{a})
		}
		return false
	}
	if len(ls) == 1 && ls[0].fn1 != nil && !ls[0].once {
		// The common case of a chunk: one typed listener, called without
		// building an argument slice.
		ls[0].fn1(a)
		return true
	}
	base := len(e.scratch)
	e.scratch = append(e.scratch, a)
	e.call(ls, e.scratch[base:base+1:base+1])
	e.scratch[base] = nil
	e.scratch = e.scratch[:base]
	return true
}

func (e *EventEmitter) emit2(event string, a, b any) bool {
	ls := e.list(event)
	if len(ls) == 0 {
		return false
	}
	base := len(e.scratch)
	e.scratch = append(e.scratch, a, b)
	e.call(ls, e.scratch[base:base+2:base+2])
	e.scratch[base], e.scratch[base+1] = nil, nil
	e.scratch = e.scratch[:base]
	return true
}

// ListenerCount returns the number of listeners of event. With a handle, it
// counts only that listener (0 or 1).
func (e *EventEmitter) ListenerCount(event string, l ...*Listener) int {
	ls := e.list(event)
	if len(l) == 0 {
		return len(ls)
	}
	n := 0
	for _, x := range ls {
		if slices.Contains(l, x) {
			n++
		}
	}
	return n
}

// Listeners returns a copy of the functions listening to event, once
// listeners included.
func (e *EventEmitter) Listeners(event string) []Handler {
	ls := e.list(event)
	out := make([]Handler, len(ls))
	for i, l := range ls {
		out[i] = l.fn
	}
	return out
}

// RawListeners returns a copy of the handles of event's listeners; a
// handle's Once method tells the once listeners apart.
func (e *EventEmitter) RawListeners(event string) []*Listener {
	return slices.Clone(e.list(event))
}

// EventNames returns the events that have listeners, in the order they got
// their first one.
func (e *EventEmitter) EventNames() []string { return slices.Clone(e.names) }

// SetMaxListeners sets the number of listeners per event past which a
// possible-leak warning is printed once; 0 means unlimited. A negative n
// panics with ERR_OUT_OF_RANGE, where Node throws.
func (e *EventEmitter) SetMaxListeners(n int) {
	if n < 0 {
		panic(newError(ErrOutOfRange, "The value of \"setMaxListeners\" is out of range. It must be >= 0. Received "+strconv.Itoa(n)))
	}
	e.maxListeners, e.maxSet = n, true
}

// GetMaxListeners returns the limit set by SetMaxListeners, or
// DefaultMaxListeners.
func (e *EventEmitter) GetMaxListeners() int {
	if !e.maxSet {
		return DefaultMaxListeners
	}
	return e.maxListeners
}
