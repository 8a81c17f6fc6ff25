package stream

import "time"

// Timers on the loop: Node's setTimeout, setInterval and clearTimeout.
//
// A loop iteration runs, in order, the timers that are due, then the batch
// of macrotasks queued before the batch began (Post, Node's setImmediate,
// and the results of work done off the loop); every callback is followed by
// the microtasks it queued. That is Node's order of the timers phase before
// the check phase: a timer and an immediate set by the same immediate run
// immediate first unless the timer was already due when the next iteration
// began; set by a timer, the immediate always runs first.
//
// As in Node, "due" is judged against the loop's clock, read once at the
// start of each iteration that has timers: timers set during one iteration
// share a start time, so two timers with the same delay fire in the order
// they were set, and a timer set by a timer's callback, even with delay 0,
// waits for a later iteration.

// maxTimerDelay is Node's TIMEOUT_MAX (2^31-1 milliseconds): a longer delay
// becomes 1 ms, as in Node (which also warns).
const maxTimerDelay = (1<<31 - 1) * time.Millisecond

// A Timer is a callback scheduled on its loop by [Loop.SetTimeout] or
// [Loop.SetInterval]: Node's Timeout object. Its methods must be called on
// the loop.
type Timer struct {
	l      *Loop
	fn     func()
	delay  time.Duration
	repeat bool // SetInterval

	when    time.Time // due time, on the loop's clock
	seq     uint64    // the order timers were (re)armed in, for equal due times
	index   int       // position in the loop's heap; -1 when not scheduled
	unref   bool      // does not keep Run from returning
	active  bool      // scheduled or, for an interval, running its callback
	cleared bool      // by ClearTimeout or Close: Refresh does nothing
}

// SetTimeout schedules fn to run once on the loop after delay, like Node's
// setTimeout, and returns the timer, which [Loop.ClearTimeout] cancels. A
// delay below 1 ms (0 included) or above Node's maximum (2^31-1 ms) is
// 1 ms, as in Node. A pending timer keeps [Loop.Run] from returning unless
// it is unreferenced ([Timer.Unref]). Must be called on the loop.
func (l *Loop) SetTimeout(fn func(), delay time.Duration) *Timer {
	return l.setTimer(fn, delay, false)
}

// SetInterval schedules fn to run on the loop every delay, like Node's
// setInterval, until the timer is cleared. The next run is scheduled after
// fn returns, delay after the start of the iteration that ran it. Delays
// are clamped as for SetTimeout. Must be called on the loop.
func (l *Loop) SetInterval(fn func(), delay time.Duration) *Timer {
	return l.setTimer(fn, delay, true)
}

func (l *Loop) setTimer(fn func(), delay time.Duration, repeat bool) *Timer {
	l.check()
	if fn == nil {
		panic("stream: SetTimeout or SetInterval called with a nil function")
	}
	if delay < time.Millisecond || delay > maxTimerDelay {
		delay = time.Millisecond
	}
	t := &Timer{l: l, fn: fn, delay: delay, repeat: repeat, index: -1}
	l.arm(t)
	return t
}

// ClearTimeout cancels a timer made by SetTimeout or SetInterval, like
// Node's clearTimeout: its callback does not run again. Clearing a nil,
// fired or already cleared timer does nothing. Must be called on the loop.
func (l *Loop) ClearTimeout(t *Timer) {
	if t != nil {
		t.Close()
	}
}

// ClearInterval is ClearTimeout, as Node's clearInterval is: either clears
// either kind of timer.
func (l *Loop) ClearInterval(t *Timer) { l.ClearTimeout(t) }

// Close cancels the timer, as Node's timeout.close() and clearTimeout do.
func (t *Timer) Close() {
	t.l.check()
	t.cleared = true
	if !t.active {
		return
	}
	t.active = false
	if t.index >= 0 {
		t.l.timers.remove(t.index)
	}
	if !t.unref {
		t.l.timerRefs--
	}
}

// Refresh restarts the timer's delay from now, keeping its callback, as
// Node's timeout.refresh(): a pending timer is pushed back, one that
// already fired is scheduled again, and one that was cleared stays
// cleared. It returns t.
func (t *Timer) Refresh() *Timer {
	t.l.check()
	switch {
	case t.cleared:
	case t.index >= 0:
		t.l.timers.remove(t.index)
		t.l.arm(t)
	case !t.active:
		t.l.arm(t)
	}
	// Otherwise an interval is running its own callback: it is scheduled
	// again, from now, when the callback returns.
	return t
}

// Unref lets Run return while the timer is pending, as Node's
// timeout.unref(): the timer still fires if the loop is running when it is
// due. It returns t.
func (t *Timer) Unref() *Timer {
	t.l.check()
	if !t.unref {
		t.unref = true
		if t.active {
			t.l.timerRefs--
		}
	}
	return t
}

// Ref undoes Unref: a pending timer keeps Run from returning again. It
// returns t.
func (t *Timer) Ref() *Timer {
	t.l.check()
	if t.unref {
		t.unref = false
		if t.active {
			t.l.timerRefs++
		}
	}
	return t
}

// HasRef reports whether the timer keeps Run from returning while it is
// pending (Node's timeout.hasRef()): true unless Unref was called.
func (t *Timer) HasRef() bool { return !t.unref }

// arm schedules t delay after the loop's clock. The clock is read afresh
// when no other timer is pending: the cached reading is only kept so that
// timers set in one iteration share a start.
func (l *Loop) arm(t *Timer) {
	if len(l.timers) == 0 {
		l.now = time.Now()
	}
	if !t.active {
		t.active = true
		if !t.unref {
			l.timerRefs++
		}
	}
	t.when = l.now.Add(t.delay)
	l.timerSeq++
	t.seq = l.timerSeq
	l.timers.push(t)
}

// runTimers is the timers phase: it reads the clock and runs every timer
// due by it, earliest first, each followed by its microtasks. A timer armed
// meanwhile is due after the reading, so it waits for a later iteration.
func (l *Loop) runTimers() {
	l.now = time.Now()
	now := l.now
	for len(l.timers) != 0 && !l.timers[0].when.After(now) {
		t := l.timers.pop()
		if !t.repeat {
			t.active = false
			if !t.unref {
				l.timerRefs--
			}
		}
		t.fn()
		if t.repeat && t.active && t.index < 0 {
			l.arm(t)
		}
		l.pollIfWatching()
		l.drainTicks()
	}
}

// timerWait returns how long the driver may sleep before the next timer is
// due, and whether any timer is pending.
func (l *Loop) timerWait() (time.Duration, bool) {
	if len(l.timers) == 0 {
		return 0, false
	}
	return time.Until(l.timers[0].when), true
}

// sleep waits, with the loop idle, for work to be posted, for the wait's
// signal to fire, or for the next timer to be due.
func (l *Loop) sleep(sig *awaitSignal) {
	stop := sig.wakeup()
	d, ok := l.timerWait()
	if !ok {
		if stop == nil {
			<-l.wake
			return
		}
		select {
		case <-l.wake:
		case <-stop:
		}
		return
	}
	if d <= 0 {
		return
	}
	if l.sleeper == nil {
		l.sleeper = time.NewTimer(d)
	} else {
		l.sleeper.Reset(d)
	}
	select {
	case <-l.wake:
	case <-stop: // nil when there is no stop: never ready
	case <-l.sleeper.C:
	}
	l.sleeper.Stop()
}

// timerHeap is a binary min-heap of the pending timers by due time, then
// by the order they were armed in, as Node orders its timer lists.
type timerHeap []*Timer

func (h timerHeap) less(i, j int) bool {
	a, b := h[i], h[j]
	if a.when.Equal(b.when) {
		return a.seq < b.seq
	}
	return a.when.Before(b.when)
}

func (h timerHeap) swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}

func (h *timerHeap) push(t *Timer) {
	t.index = len(*h)
	*h = append(*h, t)
	h.up(t.index)
}

func (h *timerHeap) pop() *Timer { return h.remove(0) }

func (h *timerHeap) remove(i int) *Timer {
	old := *h
	n := len(old) - 1
	t := old[i]
	if i != n {
		old.swap(i, n)
	}
	old[n] = nil
	*h = old[:n]
	if i != n {
		if !h.down(i) {
			h.up(i)
		}
	}
	t.index = -1
	return t
}

func (h timerHeap) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !h.less(i, parent) {
			return
		}
		h.swap(i, parent)
		i = parent
	}
}

// down sifts element i down and reports whether it moved.
func (h timerHeap) down(i int) bool {
	start := i
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h.less(r, l) {
			m = r
		}
		if !h.less(m, i) {
			break
		}
		h.swap(i, m)
		i = m
	}
	return i > start
}
