package stream

import (
	"fmt"
	"os"
	"runtime"

	fastgoid "github.com/petermattis/goid"
)

// Which goroutine runs a loop: the ownership checks of the loop-only
// methods, and the goroutine id they compare.

// OnLoop reports whether the calling goroutine is the one running the loop.
func (l *Loop) OnLoop() bool {
	d := l.driver.Load()
	return d != 0 && d == goid()
}

// runsElsewhere reports whether another goroutine is running the loop, so
// that the caller must not touch its state but post to it.
func (l *Loop) runsElsewhere() bool {
	d := l.driver.Load()
	return d != 0 && d != goid()
}

// debugChecks turns on the loop-ownership checks of every loop-only method.
// It is set by the package's own tests, with NODESTREAM_DEBUG=1, or by
// EnableDebugChecks.
var debugChecks = os.Getenv("NODESTREAM_DEBUG") == "1"

// EnableDebugChecks turns on the checks that make a loop-only method called
// from the wrong goroutine (while another runs its loop) panic with a clear
// message, as NODESTREAM_DEBUG=1 does. They cost about ten nanoseconds per
// call, whatever the stack depth, so tests can leave them on: call it once,
// before any loop runs, for example from TestMain.
func EnableDebugChecks() { debugChecks = true }

// check panics, when debug checks are on, if the caller is not on the loop
// while another goroutine runs it, or if two goroutines use the loop while
// no one runs it. Setting streams up before Run is allowed from one
// goroutine: the first to touch an idle loop owns it until a Run starts
// or ends, and any other goroutine touching it meanwhile is a race.
func (l *Loop) check() {
	// Small enough to be inlined into every loop-only method: with the
	// checks off it costs one load of the flag.
	if debugChecks {
		l.checkOwner()
	}
}

// checkOwner is check's work when the checks are on.
func (l *Loop) checkOwner() {
	me := goid()
	d := l.driver.Load()
	if d == 0 {
		if l.setupBy.CompareAndSwap(0, me) {
			return
		}
		if o := l.setupBy.Load(); o != me && o != 0 && l.driver.Load() == 0 {
			panic(fmt.Sprintf("stream: loop-only method called on goroutine %d while goroutine %d is setting up the same loop and no goroutine runs it: set a loop up from one goroutine, or post the call to the loop with loop.Post", me, o))
		}
		return
	}
	if me != d {
		panic(fmt.Sprintf("stream: loop-only method called on goroutine %d while the loop runs on goroutine %d: post the call to the loop with loop.Post, or use the blocking adapters (NewReader, NewWriter, Chunks, Pipeline) from ordinary Go code", me, d))
	}
}

// goid returns the current goroutine's id. It reads it from the
// runtime's goroutine structure (github.com/petermattis/goid, a few
// nanoseconds whatever the stack depth), after checking once at start-up
// that this agrees with the id runtime.Stack prints; should a future Go
// change the structure so that it does not, every call falls back to
// parsing runtime.Stack, which is correct but costs about a microsecond
// and grows with the stack.
func goid() int64 {
	if fastGoidOK {
		return fastgoid.Get()
	}
	return stackGoid()
}

var fastGoidOK = fastGoidAgrees()

// fastGoidAgrees compares the two ways of reading the id, on this
// goroutine and on a fresh one.
func fastGoidAgrees() bool {
	if fastgoid.Get() != stackGoid() {
		return false
	}
	ok := make(chan bool)
	go func() { ok <- fastgoid.Get() == stackGoid() }()
	return <-ok
}

// stackGoid parses the id from runtime.Stack's header ("goroutine 18
// [running]:").
func stackGoid() int64 {
	var buf [32]byte
	n := runtime.Stack(buf[:], false)
	b := buf[len("goroutine "):n]
	var id int64
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	return id
}
