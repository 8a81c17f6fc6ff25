package stream

import (
	"bytes"
	"math/rand/v2"
	"runtime"
	"testing"
	"weak"

	"github.com/stretchr/testify/require"
)

// pieces reads every n-byte piece out of the given chunks, pushed up front
// into a paused byte stream, and returns them all, still referenced.
func pieces(t *testing.T, n int, chunks ...[]byte) [][]byte {
	t.Helper()
	var out [][]byte
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, HighWaterMark: Int(1 << 20), Read: noRead})
		for _, c := range chunks {
			r.Push(c)
		}
		r.Push(nil)
		for {
			v := r.ReadN(n)
			if v == nil {
				break
			}
			out = append(out, v.([]byte))
		}
	}))
	return out
}

// Pieces boxed from a shared slab are ordinary, independent []byte values:
// each sees its own bytes, and appending to one (cap == len) copies rather
// than writing over the next piece.
func TestReadNPiecesAreIndependent(t *testing.T) {
	chunk := make([]byte, 1000)
	for i := range chunk {
		chunk[i] = byte(i)
	}
	got := pieces(t, 7, chunk)
	require.Len(t, got, 1000/7+1)
	for i, p := range got[:len(got)-1] {
		require.Equal(t, chunk[i*7:i*7+7], p, "piece %d", i)
		require.Equal(t, len(p), cap(p), "piece %d", i)
	}
	require.Equal(t, chunk[1000/7*7:], got[len(got)-1], "the rest, once ended")
	grown := append(got[0], 0xEE)
	require.Equal(t, chunk[7:14], got[1], "append to a piece left the next alone")
	require.Equal(t, byte(0xEE), grown[7])
	// An any holding a piece is a normal boxed []byte.
	var v any = got[3]
	require.Equal(t, got[3], v.([]byte))
}

// Reading small pieces out of a big chunk allocates a header per slab, not
// per read.
func TestReadNPiecesAllocateOncePerSlab(t *testing.T) {
	chunk := make([]byte, 64<<10)
	l := NewLoop()
	var perRead float64
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, Read: noRead})
		r.Push(chunk)
		perRead = testing.AllocsPerRun(500, func() {
			if r.ReadN(100) == nil {
				t.Error("ReadN(100) returned nil with 64 KiB buffered")
			}
		})
		r.Destroy(nil)
	}))
	require.LessOrEqual(t, perRead, 2.0/slabMax, "allocations per ReadN(100)")
}

// A slab serves one chunk: a piece kept from a later chunk must not keep an
// earlier chunk alive through headers that share its slab.
func TestReadNPieceRetainsOnlyItsChunk(t *testing.T) {
	a := bytes.Repeat([]byte{1}, 4096)
	wa := weak.Make(&a[0])
	var kept any // the interface, which points into the slab
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, HighWaterMark: Int(1 << 20), Read: noRead})
		r.Push(a)
		r.Push(bytes.Repeat([]byte{2}, 4096))
		// A 10-byte read starts a slab sized for many more; 1000-byte reads
		// then finish a (the fifth crosses into b) with the slab half used.
		for _, n := range []int{10, 1000, 1000, 1000, 1000, 1000} {
			require.NotNil(t, r.ReadN(n))
		}
		kept = r.ReadN(100)
	}))
	a = nil
	require.Equal(t, byte(2), kept.([]byte)[0])
	runtime.GC()
	runtime.GC()
	require.Nil(t, wa.Value(), "the first chunk is still reachable from a piece of the second")
	runtime.KeepAlive(kept)
}

// The last piece a chunk holds is boxed on its own, and a slab is sized to
// what the chunk has left: a run of big reads does not allocate 64 headers.
func TestReadNSlabSizedToChunk(t *testing.T) {
	var q chunkQueue
	c := make([]byte, 1000)
	q.push(c)
	_ = q.takePiece(300)
	require.Len(t, q.boxes.slab, 3, "reads of 300 left in 1000 bytes")
	_ = q.takePiece(300)
	_ = q.takePiece(300)
	require.Nil(t, q.boxes.slab, "a used-up slab is let go")
	v := q.takePiece(60)
	require.Equal(t, c[900:960], v.([]byte))
	require.Nil(t, q.boxes.slab, "the only read of 60 left in 100 bytes: no slab")
}

// Random chunk and read sizes (fixed seeds): the pieces, in order, are the
// bytes pushed, each with cap == len, whatever mix of slabs, concatenations
// and whole chunks served them.
func TestReadNPiecesRandomSizes(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 0))
		var want []byte
		var chunks [][]byte
		for range 1 + rng.IntN(20) {
			c := make([]byte, 1+rng.IntN(3000))
			for i := range c {
				c[i] = byte(rng.Uint32())
			}
			chunks = append(chunks, c)
			want = append(want, c...)
		}
		var got []byte
		l := NewLoop()
		require.NoError(t, l.Run(func() {
			r := NewReadable(ReadableOptions{Loop: l, HighWaterMark: Int(1 << 20), Read: noRead})
			for _, c := range chunks {
				r.Push(c)
			}
			r.Push(nil)
			for {
				v := r.ReadN(1 + rng.IntN(700))
				if v == nil {
					break
				}
				p := v.([]byte)
				require.Equal(t, len(p), cap(p), "seed %d", seed)
				got = append(got, p...)
			}
		}))
		require.Equal(t, want, got, "seed %d", seed)
	}
}
