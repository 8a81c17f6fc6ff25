package stream

import "unsafe"

// sliceBoxes hands out the interface values that ReadN returns for pieces
// cut from the middle of a buffered []byte chunk.
//
// Storing a []byte in an `any` needs its 24-byte header on the heap, and
// Go allocates one per conversion: a parser calling ReadN(100) over 64 KiB
// chunks would allocate 655 headers per chunk. Instead the headers come
// from a small array (a slab) allocated once for a run of reads from the
// same chunk, and each `any` points at its own element. The value behaves
// as any boxed []byte does (type assertion copies the header out; nothing
// writes an element again once it is handed out).
//
// What a slab keeps alive: an interface into it keeps the whole array, and
// so every header in it, alive. All headers of a slab point into one chunk
// (a new slab starts when the front chunk changes), which any of the pieces
// keeps alive anyway, so holding on to one piece retains at most the slab
// itself (slabMax headers, 1.5 KiB) beyond what it would alone. A slab is
// only started when the chunk holds at least two more reads of that size,
// and is never larger than the number of reads left in it, so a run of
// reads of one size ends the slab with the chunk; the stream lets go of a
// slab once it is used up.
type sliceBoxes struct {
	slab  [][]byte // headers; those from next on are not handed out yet
	next  int      // an index, not a reslice: a pointer store would cost a write barrier per read while the GC marks
	chunk uintptr  // first byte of the chunk the slab serves (kept alive by the slab's first header, so the address is not reused while it matters)
}

// slabMax bounds a slab: 64 headers, one allocation per 64 reads.
const slabMax = 64

// bytesType is the type word of an interface holding a []byte.
var bytesType = func() unsafe.Pointer {
	var v any = []byte(nil)
	return (*eface)(unsafe.Pointer(&v)).typ
}()

// eface is the runtime's layout of an `any`: type word, then a pointer to
// the value.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// box returns chunk[i:j:j] as an any.
func (s *sliceBoxes) box(chunk []byte, i, j int) any {
	piece := chunk[i:j:j]
	id := uintptr(unsafe.Pointer(unsafe.SliceData(chunk)))
	if s.next == len(s.slab) || s.chunk != id {
		if !s.start(id, j-i, len(chunk)-j) {
			return piece
		}
	}
	h := &s.slab[s.next]
	if s.next++; s.next == len(s.slab) {
		// Its headers point into the chunk: let the chunk go with the
		// pieces rather than with this stream.
		s.slab, s.next = nil, 0
	}
	*h = piece
	var v any
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = bytesType, unsafe.Pointer(h)
	return v
}

// start begins a slab for reads of n bytes from the chunk at id, left
// bytes of it after the first, or reports that one is not worth it: a
// slab for the last read of this size would hold one header, no better
// than boxing it.
//
//go:noinline
func (s *sliceBoxes) start(id uintptr, n, left int) bool {
	k := 1
	if n > 0 {
		k += left / n
	}
	if k < 2 {
		s.slab, s.next = nil, 0
		return false
	}
	s.slab, s.next = make([][]byte, min(k, slabMax)), 0
	s.chunk = id
	return true
}
