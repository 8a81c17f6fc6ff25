package stream

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// The timers' own rules, on synctest's clock: how long Run waits, what a
// cleared, refreshed or unreferenced timer does. Their order against ticks
// and immediates is checked against Node by the timers_* programs of
// testdata/loop.

func TestTimerKeepsRunUntilItFires(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLoop()
		start := time.Now()
		var firedAt time.Duration
		require.NoError(t, l.Run(func() {
			l.SetTimeout(func() { firedAt = time.Since(start) }, 50*time.Millisecond)
		}))
		require.Equal(t, 50*time.Millisecond, firedAt)
		require.Equal(t, 50*time.Millisecond, time.Since(start), "Run returns once the timer has run")
	})
}

func TestTimerClearedDoesNotKeepRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLoop()
		start := time.Now()
		require.NoError(t, l.Run(func() {
			tm := l.SetTimeout(func() { t.Error("a cleared timer ran") }, time.Hour)
			l.ClearTimeout(tm)
			l.ClearTimeout(tm) // twice is harmless
			l.ClearTimeout(nil)
		}))
		require.Zero(t, time.Since(start))
	})
}

func TestTimerClearedFromAnotherTimer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLoop()
		var log []string
		require.NoError(t, l.Run(func() {
			var b *Timer
			l.SetTimeout(func() { log = append(log, "a"); l.ClearTimeout(b) }, time.Millisecond)
			b = l.SetTimeout(func() { log = append(log, "b") }, time.Millisecond)
		}))
		require.Equal(t, []string{"a"}, log, "a timer cleared by one due at the same time does not run")
	})
}

func TestTimerDelayClampedAsNode(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, d := range []time.Duration{-time.Second, 0, time.Microsecond, maxTimerDelay + time.Millisecond} {
			l := NewLoop()
			start := time.Now()
			require.NoError(t, l.Run(func() { l.SetTimeout(func() {}, d) }))
			require.Equal(t, time.Millisecond, time.Since(start), "delay %v", d)
		}
	})
}

func TestTimerUnrefRef(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLoop()
		start := time.Now()
		var tm *Timer
		require.NoError(t, l.Run(func() {
			tm = l.SetTimeout(func() { t.Error("an unreferenced timer ran after Run returned") }, time.Second)
			require.Same(t, tm, tm.Unref())
			require.False(t, tm.HasRef())
		}))
		require.Zero(t, time.Since(start), "an unreferenced timer does not keep Run")

		ran := false
		require.NoError(t, l.Run(func() {
			tm.fn = func() { ran = true }
			tm.Ref()
			require.True(t, tm.HasRef())
		}))
		require.True(t, ran)
		require.Equal(t, time.Second, time.Since(start), "referenced again, it keeps Run until it fires")
	})
}

// An unreferenced timer already due when the loop goes idle does not run:
// libuv checks that the loop is alive before running its timers, so a slow
// main function (the race detector, a loaded machine) changes nothing.
func TestTimerUnrefDueAtIdleDoesNotRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLoop()
		require.NoError(t, l.Run(func() {
			l.SetTimeout(func() { t.Error("an unreferenced timer ran on an idle loop") }, time.Millisecond).Unref()
			time.Sleep(5 * time.Millisecond) // the main function outlasts the timer
		}))
	})
}

func TestTimerUnrefFiresWhileLoopWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLoop()
		var log []string
		require.NoError(t, l.Run(func() {
			l.SetTimeout(func() { log = append(log, "unreferenced") }, 10*time.Millisecond).Unref()
			p := l.Hold()
			go func() {
				time.Sleep(30 * time.Millisecond)
				p.Resolve(func() { log = append(log, "resolved") })
			}()
		}))
		require.Equal(t, []string{"unreferenced", "resolved"}, log)
	})
}

func TestTimerRefresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLoop()
		start := time.Now()
		var fired []time.Duration
		require.NoError(t, l.Run(func() {
			tm := l.SetTimeout(func() { fired = append(fired, time.Since(start)) }, 20*time.Millisecond)
			l.SetTimeout(func() { tm.Refresh() }, 15*time.Millisecond) // pushed back to 35
			l.SetTimeout(func() { tm.Refresh() }, 40*time.Millisecond) // fired: runs again at 60
			cleared := l.SetTimeout(func() { t.Error("a cleared timer ran after Refresh") }, time.Millisecond)
			cleared.Close()
			cleared.Refresh()
		}))
		require.Equal(t, []time.Duration{35 * time.Millisecond, 60 * time.Millisecond}, fired)
	})
}

func TestTimerIntervalAndRefreshInOwnCallback(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLoop()
		start := time.Now()
		var fired []time.Duration
		require.NoError(t, l.Run(func() {
			var iv *Timer
			iv = l.SetInterval(func() {
				fired = append(fired, time.Since(start))
				if len(fired) == 2 {
					iv.Refresh() // inside its own callback: the next run is delay from now, once
				}
				if len(fired) == 4 {
					iv.Close()
				}
			}, 10*time.Millisecond)
		}))
		require.Equal(t, []time.Duration{10, 20, 30, 40}, scaleMs(fired))

		fired = nil
		start = time.Now()
		require.NoError(t, l.Run(func() {
			var once *Timer
			once = l.SetTimeout(func() {
				fired = append(fired, time.Since(start))
				if len(fired) < 3 {
					once.Refresh() // a timeout that refreshes itself runs again
				}
			}, 5*time.Millisecond)
		}))
		require.Equal(t, []time.Duration{5, 10, 15}, scaleMs(fired))
	})
}

func scaleMs(ds []time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d / time.Millisecond
	}
	return out
}

func TestTimerPanicsOnNilFunction(t *testing.T) {
	l := NewLoop()
	require.PanicsWithValue(t, "stream: SetTimeout or SetInterval called with a nil function", func() {
		l.SetTimeout(nil, time.Millisecond)
	})
}

func TestTimersManyInDueOrder(t *testing.T) {
	// The heap against a sort: 300 timers with pseudo-random delays, some
	// cleared, fire by deadline and, for equal deadlines, in the order set.
	synctest.Test(t, func(t *testing.T) {
		l := NewLoop()
		var got []string
		var want []string
		x := uint32(2463534242)
		rand := func(n uint32) uint32 {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			return x % n
		}
		type pending struct {
			d   time.Duration
			seq int
		}
		var kept []pending
		require.NoError(t, l.Run(func() {
			for i := range 300 {
				d := time.Duration(1+rand(20)) * time.Millisecond
				name := fmt.Sprint(i)
				tm := l.SetTimeout(func() { got = append(got, name) }, d)
				if rand(5) == 0 {
					tm.Close()
					continue
				}
				kept = append(kept, pending{d, i})
			}
		}))
		for ms := time.Duration(1); ms <= 20; ms++ {
			for _, p := range kept {
				if p.d == ms*time.Millisecond {
					want = append(want, fmt.Sprint(p.seq))
				}
			}
		}
		require.Equal(t, strings.Join(want, " "), strings.Join(got, " "))
	})
}
