package stream

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// loopPrograms are the Go twins of testdata/loop/NAME.js, written line for
// line like them: NextTick is process.nextTick, SetImmediate is
// setImmediate.
var loopPrograms = map[string]func(s *twin){
	"timers_due_order": func(s *twin) {
		s.l.SetTimeout(func() { s.Log("timeout a (3 ms)") }, 3*time.Millisecond)
		s.l.SetTimeout(func() {
			s.Log("timeout b (1 ms)")
			s.NextTick(func() { s.Log("tick from b") })
		}, time.Millisecond)
		s.l.SetTimeout(func() { s.Log("timeout c (1 ms)") }, time.Millisecond)
		s.SetImmediate(func() { s.Log("immediate") })
		s.NextTick(func() { s.Log("tick") })
		busyWait(10 * time.Millisecond)
		s.Log("main end")
	},
	"timers_from_timers": func(s *twin) {
		s.l.SetTimeout(func() {
			s.Log("timeout a")
			s.NextTick(func() { s.Log("tick from a") })
			s.SetImmediate(func() { s.Log("immediate from a") })
			s.l.SetTimeout(func() { s.Log("timeout from a") }, 0)
		}, time.Millisecond)
		s.l.SetTimeout(func() {
			s.Log("timeout b")
			s.NextTick(func() { s.Log("tick from b") })
		}, time.Millisecond)
		busyWait(5 * time.Millisecond)
		s.Log("main end")
	},
	"timers_from_immediate": func(s *twin) {
		s.SetImmediate(func() {
			s.Log("immediate 1")
			s.l.SetTimeout(func() { s.Log("timeout from immediate 1") }, 0)
			s.SetImmediate(func() { s.Log("immediate from immediate 1") })
			busyWait(5 * time.Millisecond)
		})
		s.Log("main end")
	},
	"timers_from_tick": func(s *twin) {
		s.NextTick(func() {
			s.Log("tick")
			s.SetImmediate(func() { s.Log("immediate from tick") })
			s.l.SetTimeout(func() { s.Log("timeout from tick") }, time.Millisecond)
			busyWait(5 * time.Millisecond)
		})
		s.Log("main end")
	},
	"timers_interval": func(s *twin) {
		n := 0
		var iv *Timer
		iv = s.l.SetInterval(func() {
			n++
			s.Log(fmt.Sprintf("interval %d", n))
			s.NextTick(func() { s.Log(fmt.Sprintf("tick from interval %d", n)) })
			if n == 3 {
				s.l.ClearInterval(iv)
				s.l.SetTimeout(func() { s.Log("unreferenced timeout") }, time.Millisecond).Unref()
				s.l.SetTimeout(func() { s.Log("timeout 20 ms") }, 20*time.Millisecond)
			}
		}, time.Millisecond)
		cleared := s.l.SetTimeout(func() { s.Log("cleared timeout") }, time.Millisecond)
		s.l.ClearTimeout(cleared)
		s.Log("main end")
	},
	"timers_unref": func(s *twin) {
		t := s.l.SetTimeout(func() { s.Log("unreferenced timeout") }, time.Millisecond)
		t.Unref()
		s.Log(fmt.Sprintf("hasRef %t", t.HasRef()))
		s.Log("main end")
	},
	"basic": func(s *twin) {
		s.Log("main start")
		s.SetImmediate(func() { s.Log("immediate 1") })
		s.NextTick(func() { s.Log("tick 1") })
		s.SetImmediate(func() { s.Log("immediate 2") })
		s.NextTick(func() { s.Log("tick 2") })
		s.Log("main end")
	},
	"ticks_from_ticks": func(s *twin) {
		s.SetImmediate(func() { s.Log("immediate") })
		s.NextTick(func() {
			s.Log("tick A")
			s.NextTick(func() {
				s.Log("tick A.1")
				s.NextTick(func() {
					s.Log("tick A.1.1")
					s.NextTick(func() { s.Log("tick A.1.1.1") })
				})
			})
			s.NextTick(func() { s.Log("tick A.2") })
		})
		s.NextTick(func() {
			s.Log("tick B")
			s.NextTick(func() { s.Log("tick B.1") })
		})
		s.Log("main end")
	},
	"immediates_from_ticks": func(s *twin) {
		s.SetImmediate(func() { s.Log("immediate 1") })
		s.NextTick(func() {
			s.Log("tick 1")
			s.SetImmediate(func() { s.Log("immediate from tick 1") })
			s.NextTick(func() {
				s.Log("tick 1.1")
				s.SetImmediate(func() { s.Log("immediate from tick 1.1") })
			})
		})
		s.SetImmediate(func() {
			s.Log("immediate 2")
			s.NextTick(func() {
				s.Log("tick from immediate 2")
				s.SetImmediate(func() { s.Log("immediate from tick from immediate 2") })
			})
		})
		s.NextTick(func() { s.Log("tick 2") })
	},
	"immediates_from_immediates": func(s *twin) {
		var spawn func(name string, depth int)
		spawn = func(name string, depth int) {
			s.SetImmediate(func() {
				s.Log("immediate " + name)
				if depth < 3 {
					spawn(name+".1", depth+1)
					spawn(name+".2", depth+1)
				}
			})
		}
		spawn("A", 1)
		spawn("B", 1)
		s.Log("main end")
	},
	"ticks_from_immediates": func(s *twin) {
		s.SetImmediate(func() {
			s.Log("immediate 1")
			s.NextTick(func() {
				s.Log("tick from immediate 1")
				s.NextTick(func() { s.Log("tick from tick from immediate 1") })
			})
			s.SetImmediate(func() { s.Log("immediate 3 (from immediate 1)") })
			s.NextTick(func() { s.Log("second tick from immediate 1") })
		})
		s.SetImmediate(func() {
			s.Log("immediate 2")
			s.NextTick(func() { s.Log("tick from immediate 2") })
		})
	},
	"mixed_chain": func(s *twin) {
		var viaImmediate, viaTick func(chain string, n int)
		viaImmediate = func(chain string, n int) {
			if n == 0 {
				return
			}
			s.SetImmediate(func() {
				s.Log(fmt.Sprintf("%s immediate %d", chain, n))
				viaTick(chain, n-1)
			})
		}
		viaTick = func(chain string, n int) {
			if n == 0 {
				return
			}
			s.NextTick(func() {
				s.Log(fmt.Sprintf("%s tick %d", chain, n))
				viaImmediate(chain, n-1)
				s.NextTick(func() { s.Log(fmt.Sprintf("%s inner tick %d", chain, n)) })
			})
		}
		viaImmediate("X", 6)
		viaTick("Y", 6)
		s.SetImmediate(func() { s.Log("plain immediate") })
		s.Log("main end")
	},
	"tick_chain": func(s *twin) {
		ticks := 0
		s.SetImmediate(func() { s.Log(fmt.Sprintf("immediate after %d ticks", ticks)) })
		var next func()
		next = func() {
			ticks++
			if ticks < 1000 {
				s.NextTick(next)
			} else {
				s.Log("last tick")
			}
		}
		s.NextTick(next)
		s.Log("main end")
	},
	"random": func(s *twin) {
		x := uint32(2463534242)
		rand := func(n uint32) uint32 {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			return x % n
		}
		nextID := 0
		var schedule func(parent string, depth int)
		schedule = func(parent string, depth int) {
			id := nextID
			nextID++
			kind := "immediate"
			if rand(2) == 0 {
				kind = "tick"
			}
			run := func() {
				s.Log(fmt.Sprintf("%s %d (from %s)", kind, id, parent))
				if depth < 6 && nextID < 400 {
					children := int(rand(4))
					for range children {
						schedule(strconv.Itoa(id), depth+1)
					}
				}
			}
			if kind == "tick" {
				s.NextTick(run)
			} else {
				s.SetImmediate(run)
			}
		}
		for range 5 {
			schedule("main", 0)
		}
		s.Log("main end")
	},
}

func TestLoopOrderingMatchesNode(t *testing.T) {
	progs, err := filepath.Glob("testdata/loop/*.js")
	require.NoError(t, err)
	require.Len(t, progs, len(loopPrograms), "every Node program needs a Go twin and the reverse")
	for _, prog := range progs {
		name := filepath.Base(prog[:len(prog)-len(".js")])
		t.Run(name, func(t *testing.T) {
			program, ok := loopPrograms[name]
			require.True(t, ok, "no Go twin for %s", prog)
			l := NewLoop()
			// Run it a few times on one loop: the queues reuse their
			// storage between batches and between runs.
			for range 3 {
				s := newTwinOn(t, l)
				s.Run(func() { program(s) })
				s.match("loop", name)
			}
		})
	}
}

func TestLoopNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/loop") }

// debugChecksFromEnv is debugChecks as the environment set it, before
// TestMain had its say.
var debugChecksFromEnv = debugChecks

func TestLoopDebugChecksOnInTests(t *testing.T) {
	if flag.Lookup("test.bench").Value.String() != "" {
		require.Equal(t, debugChecksFromEnv, debugChecks, "benchmarks must run without the debug checks")
		return
	}
	require.True(t, debugChecks, "TestMain must turn the loop-ownership checks on")
}

func TestPostFrom100Goroutines(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	const goroutines, perGoroutine = 100, 100
	l := NewLoop()
	seen := make([][]int, goroutines)      // touched on the loop only
	followUps := make([][]int, goroutines) // posted by the loop itself
	var refused atomic.Int64
	var posting sync.WaitGroup
	err := l.Run(func() {
		// The goroutines post after this function returns: the token is
		// what keeps Run from finding the loop idle meanwhile.
		p := l.Hold()
		start := make(chan struct{})
		for g := range goroutines {
			posting.Add(1)
			go func() {
				defer posting.Done()
				<-start
				for i := range perGoroutine {
					if !l.Post(func() {
						seen[g] = append(seen[g], i)
						if i%10 == 0 {
							// Posting from the loop while other goroutines
							// post too, and ticking in between.
							l.NextTick(func() {
								l.Post(func() { followUps[g] = append(followUps[g], i) })
							})
						}
					}) {
						refused.Add(1)
					}
				}
			}()
		}
		close(start)
		go func() {
			posting.Wait()
			p.Resolve(nil)
		}()
	})
	require.NoError(t, err)
	require.Zero(t, refused.Load())
	want := make([]int, perGoroutine)
	var wantFollowUps []int
	for i := range want {
		want[i] = i
		if i%10 == 0 {
			wantFollowUps = append(wantFollowUps, i)
		}
	}
	for g := range goroutines {
		require.Equal(t, want, seen[g], "goroutine %d: every task once, in order", g)
		require.Equal(t, wantFollowUps, followUps[g], "goroutine %d", g)
	}
}

func TestRunWaitsForPendingResolve(t *testing.T) { synctest.Test(t, testRunWaitsForPendingResolve) }

func testRunWaitsForPendingResolve(t *testing.T) {
	l := NewLoop()
	var p *Pending
	held := make(chan struct{})
	var resolved, afterResolved bool
	done := make(chan error, 1)
	go func() {
		done <- l.Run(func() {
			p = l.Hold()
			close(held)
		})
	}()
	<-held
	// Both queues are empty but a token is out: Run must wait for it, so
	// once every goroutine of the bubble is blocked it has not returned.
	synctest.Wait()
	select {
	case err := <-done:
		t.Fatalf("Run returned (%v) with a token outstanding", err)
	default:
	}
	p.Resolve(func() {
		resolved = true
		l.NextTick(func() { l.Post(func() { afterResolved = true }) })
	})
	require.NoError(t, <-done)
	require.True(t, resolved, "Run returned before Resolve's function ran")
	require.True(t, afterResolved, "Run returned before the work Resolve's function queued")
	require.Zero(t, l.pending.Load())
}

func TestRunWaitsForHoldTakenInTask(t *testing.T) {
	// A token taken by a later task, and resolved by another goroutine,
	// holds Run just as one taken by fn.
	l := NewLoop()
	var order []string
	require.NoError(t, l.Run(func() {
		l.Post(func() {
			p := l.Hold()
			go p.Resolve(func() { order = append(order, "resolved") })
			order = append(order, "held")
		})
	}))
	require.Equal(t, []string{"held", "resolved"}, order)
}

func TestGoDeliversResultOnLoop(t *testing.T) { synctest.Test(t, testGoDeliversResultOnLoop) }

func testGoDeliversResultOnLoop(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l := NewLoop()
	release := make(chan struct{})
	var workOnLoop, thenOnLoop, nilThenRan bool
	var got int
	done := make(chan error, 1)
	go func() {
		done <- l.Run(func() {
			l.Go(func() func() {
				workOnLoop = l.OnLoop()
				<-release // blocking I/O, off the loop
				v := 42
				return func() {
					thenOnLoop = l.OnLoop()
					got = v
				}
			})
			l.Go(func() func() {
				nilThenRan = true
				return nil
			})
		})
	}()
	synctest.Wait() // the work is blocked on release, and Run waits for it
	select {
	case err := <-done:
		t.Fatalf("Run returned (%v) while Go's work was blocked", err)
	default:
	}
	close(release)
	require.NoError(t, <-done)
	require.False(t, workOnLoop, "work must run off the loop")
	require.True(t, thenOnLoop, "the result must be delivered on the loop")
	require.Equal(t, 42, got)
	require.True(t, nilThenRan)
}

func TestResolveTwicePanics(t *testing.T) {
	l := NewLoop()
	p := l.Hold()
	calls := 0
	p.Resolve(func() { calls++ })
	require.PanicsWithValue(t, "stream: Pending.Resolve called twice", func() { p.Resolve(func() { calls++ }) })
	require.NoError(t, l.Run(nil))
	require.Equal(t, 1, calls)
	require.Zero(t, l.pending.Load(), "the second Resolve must not release the token again")
}

// runPanics runs l.Run(fn) in the calling goroutine and returns what it
// panicked with.
func runPanics(t *testing.T, l *Loop, fn func()) (v any) {
	t.Helper()
	defer func() { v = recover() }()
	err := l.Run(fn)
	t.Fatalf("Run returned %v instead of panicking", err)
	return nil
}

func TestPanicInTaskComesOutOfRun(t *testing.T) {
	for _, where := range []string{"fn", "tick", "task"} {
		t.Run(where, func(t *testing.T) {
			l := NewLoop()
			var s []string
			boom := func() {
				l.NextTick(func() { s = append(s, "tick queued before the panic") })
				panic("boom in " + where)
			}
			v := runPanics(t, l, func() {
				l.Post(func() { s = append(s, "task queued before the panic") })
				switch where {
				case "fn":
					boom()
				case "tick":
					l.NextTick(boom)
				case "task":
					l.Post(boom)
					l.Post(func() { s = append(s, "task queued after the panicking one") })
				}
			})
			require.Equal(t, "boom in "+where, v)
			require.False(t, l.OnLoop(), "the loop must be released after a panic")

			// What was queued stays queued for the next Run, and the loop
			// works as before.
			require.NoError(t, l.Run(nil))
			switch where {
			case "fn", "tick":
				require.Equal(t, []string{"tick queued before the panic", "task queued before the panic"}, s)
			case "task":
				require.Equal(t, []string{"task queued before the panic", "tick queued before the panic", "task queued after the panicking one"}, s)
			}
			s = nil
			require.NoError(t, l.Run(func() {
				l.Post(func() { s = append(s, "again") })
			}))
			require.Equal(t, []string{"again"}, s)
		})
	}
}

func TestPanicInGoWorkComesOutOfRun(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l := NewLoop()
	v := runPanics(t, l, func() {
		l.Go(func() func() { panic("disk on fire") })
	})
	require.Contains(t, fmt.Sprint(v), "disk on fire")
	require.Zero(t, l.pending.Load())
	ran := false
	require.NoError(t, l.Run(func() { l.Go(func() func() { return func() { ran = true } }) }))
	require.True(t, ran)
}

func TestRunFromTaskOnSameLoopIsReentrant(t *testing.T) {
	l := NewLoop()
	var errs []error
	after := false
	require.NoError(t, l.Run(func() {
		errs = append(errs, l.Run(nil))
		l.NextTick(func() { errs = append(errs, l.Run(func() { t.Error("inner fn must not run") })) })
		l.Post(func() { errs = append(errs, l.Run(nil)) })
		l.Go(func() func() { return func() { errs = append(errs, l.Run(nil)) } })
		l.Post(func() { after = true })
	}))
	require.Len(t, errs, 4)
	for _, err := range errs {
		require.ErrorIs(t, err, ErrReentrant)
	}
	require.True(t, after, "the outer Run goes on after refusing the inner one")
}

func TestRunFromAnotherLoopsTask(t *testing.T) {
	// Driving another loop from a task is fine; only a loop's own tasks
	// cannot wait for it.
	a, b := NewLoop(), NewLoop()
	var s []string
	require.NoError(t, a.Run(func() {
		require.NoError(t, b.Run(func() {
			b.Post(func() { s = append(s, "b task") })
			s = append(s, "b fn")
			require.ErrorIs(t, a.Run(nil), ErrReentrant)
		}))
		s = append(s, "a fn")
	}))
	require.Equal(t, []string{"b fn", "b task", "a fn"}, s)
}

func TestPostAfterCloseDoesNotBlock(t *testing.T) {
	l := NewLoop()
	l.Close()
	l.Close() // twice is fine
	done := make(chan int, 1)
	go func() {
		accepted := 0
		for range 10000 {
			if l.Post(func() { panic("a refused task ran") }) {
				accepted++
			}
		}
		done <- accepted
	}()
	select {
	case accepted := <-done:
		require.Zero(t, accepted)
	case <-time.After(10 * time.Second): // real time: a blocked Post waits on a mutex, which stops no bubble's clock
		t.Fatal("Post on a closed loop blocked")
	}
	ran := false
	err := l.Run(func() { ran = true })
	require.Error(t, err)
	require.False(t, ran)
}

func TestCloseWhileRunning(t *testing.T) {
	// A token resolved after Close is released without running its
	// function, so Run can still return.
	l := NewLoop()
	ran := false
	require.NoError(t, l.Run(func() {
		p := l.Hold()
		go func() {
			l.Close()
			p.Resolve(func() { ran = true })
		}()
	}))
	require.False(t, ran)
	require.False(t, l.Post(func() {}))
	require.Error(t, l.Run(nil))
}

func TestRunReturnsUnhandledErrors(t *testing.T) {
	l := NewLoop()
	errBoom := errors.New("boom")
	errBang := errors.New("bang")
	var returned []bool
	err := l.Run(func() {
		e := &EventEmitter{loop: l}
		returned = append(returned, e.Emit("error", errBoom))
		l.Post(func() { returned = append(returned, e.Emit("error", errBang)) })
	})
	require.ErrorIs(t, err, errBoom)
	require.ErrorIs(t, err, errBang)
	require.Equal(t, []bool{false, false}, returned)

	// The errors belong to the Run that saw them.
	require.NoError(t, l.Run(nil))

	// A handled error is not unhandled; a non-error value still is.
	err = l.Run(func() {
		e := &EventEmitter{loop: l}
		e.On("error", func(...any) {})
		e.Emit("error", errBoom)
		(&EventEmitter{loop: l}).Emit("error", "just a string")
	})
	require.Error(t, err)
	require.NotErrorIs(t, err, errBoom)
	require.Contains(t, err.Error(), "just a string")
}

func TestRunUsesDefaultLoop(t *testing.T) {
	require.Same(t, DefaultLoop(), loopOrDefault(nil))
	errBoom := errors.New("boom")
	onLoop := false
	err := Run(func() {
		onLoop = DefaultLoop().OnLoop()
		var e EventEmitter // the zero value reports to the default loop
		e.Emit("error", errBoom)
	})
	require.True(t, onLoop)
	require.ErrorIs(t, err, errBoom)
}

func TestLoopDebugCheckPanicsOffLoop(t *testing.T) {
	defer func(old bool) { debugChecks = old }(debugChecks)
	debugChecks = true
	l := NewLoop()
	got := make(chan any, 1)
	require.NoError(t, l.Run(func() {
		p := l.Hold()
		go func() {
			defer p.Resolve(nil)
			defer func() { got <- recover() }()
			l.NextTick(func() { t.Error("a tick queued off the loop ran") })
		}()
	}))
	v := <-got
	require.NotNil(t, v, "NextTick off the loop while it runs must panic")
	require.Contains(t, fmt.Sprint(v), "loop-only method")
}

func TestNextTickBeforeRun(t *testing.T) {
	// With no one running the loop, its owner may queue work; Run runs the
	// ticks first, as Node runs ticks queued by the main script.
	l := NewLoop()
	var s []string
	l.NextTick(func() { s = append(s, "tick") })
	l.Post(func() { s = append(s, "task") })
	require.NoError(t, l.Run(func() { s = append(s, "fn") }))
	require.Equal(t, []string{"tick", "fn", "task"}, s)
}

func TestOnLoop(t *testing.T) {
	l := NewLoop()
	require.False(t, l.OnLoop())
	var in []bool
	require.NoError(t, l.Run(func() {
		in = append(in, l.OnLoop(), NewLoop().OnLoop())
		l.NextTick(func() { in = append(in, l.OnLoop()) })
		l.Post(func() { in = append(in, l.OnLoop()) })
	}))
	require.Equal(t, []bool{true, false, true, true}, in)
	require.False(t, l.OnLoop())
}

func TestRunsAreSerialised(t *testing.T) {
	// Two goroutines running one loop take turns: tasks never overlap.
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l := NewLoop()
	var inside atomic.Int32
	var overlaps atomic.Int32
	task := func() {
		if inside.Add(1) != 1 {
			overlaps.Add(1)
		}
		runtime.Gosched() // give an overlapping Run its chance
		inside.Add(-1)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = l.Run(func() {
				for range 50 {
					l.Post(task)
				}
			})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	require.Zero(t, overlaps.Load())
}

func TestRing(t *testing.T) {
	var r ring[int]
	var model []int
	next := 0
	// Grow while wrapped around, shift, unshift and clear.
	for round := range 50 {
		for range round % 7 {
			r.push(next)
			model = append(model, next)
			next++
		}
		if round%5 == 0 {
			r.unshift(-round)
			model = slices.Insert(model, 0, -round)
		}
		for range round % 4 {
			v, ok := r.shift()
			require.Equal(t, len(model) > 0, ok)
			if ok {
				require.Equal(t, model[0], v)
				model = model[1:]
			}
		}
		require.Equal(t, len(model), r.len())
		for i := range model {
			require.Equal(t, model[i], r.at(i))
		}
	}
	r.clear()
	_, ok := r.shift()
	require.False(t, ok)
	require.Zero(t, r.len())
}

// Item 4: unhandled errors recorded before a hook's panic are not dropped
// with it: the next Run returns them.
func TestUnhandledErrorsSurviveAPanic(t *testing.T) {
	l := NewLoop()
	first := errors.New("unhandled before the panic")
	v := runPanics(t, l, func() {
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		r.Destroy(first) // no 'error' listener: unhandled
		l.Post(func() { panic("hook panic") })
	})
	require.Equal(t, "hook panic", v)
	require.ErrorIs(t, l.Run(nil), first)
}

// Item 13: two goroutines setting up one loop while nobody runs it are
// caught by the debug checks (on in the package's tests).
func TestDebugChecksCatchTwoSetUpGoroutines(t *testing.T) {
	l := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	r.Pause() // this goroutine sets the loop up
	var v any
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() { v = recover() }()
		r.Pause()
	}()
	wg.Wait()
	require.NotNil(t, v, "a second goroutine setting up the same idle loop must panic")
	require.Contains(t, v, "setting up the same loop")

	// A Run hands the loop over: after it, another goroutine may set up.
	require.NoError(t, l.Run(nil))
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() { v = recover() }()
		r.Resume()
	}()
	wg.Wait()
	require.Nil(t, v)
}

// Unhandled errors raised while a blocking call drives the loop are
// returned by that call, as Run would return them, not lost with its
// drive.
func TestBlockingCallReturnsUnhandledErrors(t *testing.T) {
	l := NewLoop()
	boom := errors.New("nobody listens")
	other := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	src := From(slicesValues(1, 2), ReadableOptions{Loop: l, Destroy: func(err error, cb func(error)) {
		other.Destroy(boom) // an 'error' with no listener
		cb(err)
	}})
	_, err := ToArray(context.Background(), src)
	require.ErrorIs(t, err, boom)
}

// NextTickWith runs fn(arg) in the microtask queue's order, and allocates
// nothing for a package-level fn and a pointer-shaped arg.
func TestNextTickWith(t *testing.T) {
	l := NewLoop()
	var got []string
	logArg := func(a any) { got = append(got, *a.(*string)) }
	one, two := "with one", "with two"
	require.NoError(t, l.Run(func() {
		l.NextTick(func() { got = append(got, "closure") })
		l.NextTickWith(logArg, &one)
		l.Post(func() { got = append(got, "immediate") })
		l.NextTickWith(logArg, &two)
	}))
	require.Equal(t, []string{"closure", "with one", "with two", "immediate"}, got)

	n := 0
	inc := func(a any) { *a.(*int)++ }
	queue := func() {
		for range 10 {
			l.NextTickWith(inc, &n)
		}
	}
	// Run itself allocates (its exit channel): compare with an empty Run.
	empty := func() {}
	base := testing.AllocsPerRun(100, func() { _ = l.Run(empty) })
	allocs := testing.AllocsPerRun(100, func() { _ = l.Run(queue) })
	require.Equal(t, 1010, n)
	require.Equal(t, base, allocs, "NextTickWith allocated")
}

// busyWait spins for d of real time, as the Node programs' wait does, so
// that a timer is due by the time the loop looks.
func busyWait(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
	}
}
