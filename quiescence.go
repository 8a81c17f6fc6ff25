package stream

import "sync"

// Loops linked by cross-loop pipes end together.
//
// A cross-loop pipe holds both of its loops (see bridge), so that a loop's
// Run does not return while the other side may still send it work. But a
// pipe can stall for good: a destination failed and its source paused, a
// stage upstream was never ended. Then every Run waits on a hold nothing
// will ever release, where Node's process, with nothing pending, would
// simply exit. So the loops that hold bridges take part in a small
// termination detection: each such loop is "active" while it has work of
// its own (a queued task, a hold that is not a bridge's, a Run starting
// on it), and "quiet" when all it waits for is bridges. When every taking
// part loop is quiet at once, no chunk can move any more anywhere, and
// every one of them returns from Run as if idle. The bridges stay in
// place: if a later Run gives one of the loops work again, the others'
// Runs wait for it as before.
//
// The count is process-wide, so loops of unrelated pipes that are busy
// keep a stalled group waiting until they go quiet too; a stalled group
// never returns early while work anywhere could reach it.

// world is the process-wide count of active loops taking part.
var world struct {
	mu     sync.Mutex
	active int
	loops  map[*Loop]struct{}
}

// The per-loop part, guarded by the loop's mu. joined: the loop holds at
// least one bridge; counted: it is counted as active in world.active.

// holdBridge is Hold for a bridge: a hold that keeps the loop from going
// idle unless every loop holding bridges is quiet.
func (l *Loop) holdBridge() *Pending {
	l.mu.Lock()
	l.bridgeHolds++
	if l.bridgeHolds == 1 {
		l.joined = true
		world.mu.Lock()
		if world.loops == nil {
			world.loops = make(map[*Loop]struct{})
		}
		world.loops[l] = struct{}{}
		if !l.counted {
			l.counted = true
			world.active++
		}
		world.mu.Unlock()
	}
	l.mu.Unlock()
	l.pending.Add(1)
	return &Pending{l: l, bridge: true}
}

// releaseBridge undoes holdBridge's part of a bridge token. It runs in the
// token's resolving task, on the loop, so that a loop that lets go of its
// last bridge and then tells the other side (a Post) stays counted as
// active until it is idle: the other side cannot see the world quiet in
// between. Only on a closed loop, where no task runs again, does it run
// on the resolving goroutine; the loop then stops counting at once, or,
// inside Close, once its stop hooks have told the other sides.
func (l *Loop) releaseBridge(onLoop bool) {
	l.mu.Lock()
	l.bridgeHolds--
	wake := false
	if l.bridgeHolds == 0 {
		l.joined = false
		world.mu.Lock()
		delete(world.loops, l)
		world.mu.Unlock()
		if !onLoop && !l.stopping {
			wake = l.uncountLocked()
		}
	}
	l.mu.Unlock()
	if wake {
		wakeWorld()
	}
}

// uncountLocked stops counting the loop as active and reports whether
// that left no loop active. The caller holds l.mu.
func (l *Loop) uncountLocked() (allQuiet bool) {
	if !l.counted {
		return false
	}
	world.mu.Lock()
	defer world.mu.Unlock()
	l.counted = false
	world.active--
	return world.active == 0
}

// settle stops counting a loop that no longer holds bridges, once it is
// idle. Called by the loop's driver.
func (l *Loop) settle() {
	l.mu.Lock()
	wake := !l.joined && l.uncountLocked()
	l.mu.Unlock()
	if wake {
		wakeWorld()
	}
}

// activateLocked counts the loop as active again, if it takes part: it has
// work. The caller holds l.mu.
func (l *Loop) activateLocked() {
	if l.joined && !l.counted {
		l.counted = true
		world.mu.Lock()
		world.active++
		world.mu.Unlock()
	}
}

// quiesce is called by the loop's driver when its queues are empty and all
// its holds are bridges'. It marks the loop quiet and reports whether every
// taking part loop is quiet, so that Run may return. It reports false if
// work arrived meanwhile.
func (l *Loop) quiesce() bool {
	l.mu.Lock()
	if len(l.inbox) > 0 || !l.joined || l.pending.Load() != int64(l.bridgeHolds) {
		l.mu.Unlock()
		return false
	}
	world.mu.Lock()
	if l.counted {
		l.counted = false
		world.active--
	}
	all := world.active == 0
	world.mu.Unlock()
	l.mu.Unlock()
	if all {
		wakeWorld()
	}
	return all
}

// wakeWorld wakes every loop taking part, so that those waiting on
// bridges see that the whole group is quiet.
func wakeWorld() {
	world.mu.Lock()
	loops := make([]*Loop, 0, len(world.loops))
	for l := range world.loops {
		loops = append(loops, l)
	}
	world.mu.Unlock()
	for _, l := range loops {
		select {
		case l.wake <- struct{}{}:
		default:
		}
	}
}
