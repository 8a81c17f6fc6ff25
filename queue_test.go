package stream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// ringContents is r's elements, front first.
func ringContents[T any](r *ring[T]) []T {
	out := make([]T, 0, r.len())
	for i := 0; i < r.len(); i++ {
		out = append(out, r.at(i))
	}
	return out
}

// TestRing (loop_test.go) checks the ring against a model; these check
// what it leaves out: set, growing while the head is wrapped below zero,
// the zeroing that lets go of elements, and the steady state's allocations.

func TestRingUnshiftAndSet(t *testing.T) {
	var r ring[string]
	r.push("b")
	r.unshift("a") // wraps the head below zero
	r.push("c")
	require.Equal(t, []string{"a", "b", "c"}, ringContents(&r))
	r.set(1, "B")
	require.Equal(t, "B", r.at(1))
	for i := 0; i < 10; i++ {
		r.unshift("x") // grows while the head is wrapped
	}
	require.Equal(t, 13, r.len())
	require.Equal(t, 16, len(r.buf), "the capacity stays a power of two")
	require.Equal(t, []string{"a", "B", "c"}, ringContents(&r)[10:])
}

func TestRingReleasesWhatItNoLongerHolds(t *testing.T) {
	var r ring[*int]
	for i := 0; i < 5; i++ {
		r.push(new(int))
	}
	r.shift()
	for _, p := range r.buf[:1] {
		require.Nil(t, p, "shift leaves its slot zeroed")
	}
	r.clear()
	require.Zero(t, r.len())
	for _, p := range r.buf {
		require.Nil(t, p, "clear zeroes every slot")
	}
	r.push(new(int))
	require.Equal(t, 1, r.len(), "a cleared ring is usable")
}

func TestRingSteadyStateDoesNotAllocate(t *testing.T) {
	var r ring[task]
	for i := 0; i < 8; i++ {
		r.push(task{})
	}
	allocs := testing.AllocsPerRun(100, func() {
		r.push(task{callFunc, nil})
		r.shift()
	})
	require.Zero(t, allocs)
}

func TestChunkQueueOffset(t *testing.T) {
	var q chunkQueue
	q.push([]byte("hello"))
	q.push("world")
	require.Equal(t, 2, q.len())
	require.Equal(t, 5, q.firstLen())
	require.Equal(t, []byte("he"), q.takeBytes(2))
	require.Equal(t, 3, q.firstLen(), "the offset counts against the front chunk")
	// unshift gives the front chunk its remainder back before it goes in
	// front of it.
	q.unshift([]byte(">"))
	require.Equal(t, []byte(">"), q.shift())
	require.Equal(t, []byte("llo"), q.shift())
	require.Equal(t, "wor", q.takeString(3))
	require.Equal(t, "ld", q.shift())
	require.Zero(t, q.len())
}

func TestChunkQueueTakeStringSplitsPair(t *testing.T) {
	var q chunkQueue
	q.push("a\U0001F600b") // 1 + 2 + 1 UTF-16 units
	require.Equal(t, 4, q.firstLen())
	head := q.takeString(2)
	// Cutting inside the pair leaves a lone high surrogate in front and a
	// lone low one behind, each in WTF-8, as a JavaScript slice would.
	require.Equal(t, 2, utf16Len(head))
	require.Equal(t, 2, q.firstLen())
	require.Equal(t, utf16Concat(head, q.shift().(string)), "a\U0001F600b")
}

// BenchmarkRingPushShift is the loop's microtask queue in steady state:
// one task in, one out.
func BenchmarkRingPushShift(b *testing.B) {
	var r ring[task]
	for i := 0; i < 4; i++ {
		r.push(task{})
	}
	b.ReportAllocs()
	for b.Loop() {
		r.push(task{callFunc, nil})
		r.shift()
	}
}

// BenchmarkLoopNextTick is one microtask queued and run, each queuing the
// next, as stream internals chain their nextTicks.
func BenchmarkLoopNextTick(b *testing.B) {
	l := NewLoop()
	n := 0
	var step func(any)
	step = func(any) {
		if n++; n < b.N {
			l.tick(step, nil)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	if err := l.Run(func() { l.tick(step, nil) }); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkChunkQueue is a Readable's buffer read in part: a chunk in,
// a part of it out, the rest shifted.
func BenchmarkChunkQueue(b *testing.B) {
	var q chunkQueue
	var chunk any = make([]byte, 1<<10)
	b.ReportAllocs()
	for b.Loop() {
		q.push(chunk)
		q.takeBytes(100)
		q.shift()
	}
}
