package stream

// The package's FIFO queues. One generic ring holds every queue the loop
// and the streams push to and shift from one element at a time: the loop's
// microtasks (Loop.ticks), a Writable's buffered writes and its batches of
// write callbacks (WritableState), and a Readable's chunks (chunkQueue,
// which adds the offset into its front chunk). The macrotask inbox and a
// bridge's queue are not rings: they are taken whole, a batch at a time,
// so they are plain slices swapped with a spare.

// ring is a growable FIFO queue over a slice that reuses its storage, so a
// steady stream of pushes and shifts does not allocate. Its capacity is
// always a power of two (or zero), so that an index wraps with a mask
// rather than a division. The zero value is an empty ring.
type ring[T any] struct {
	buf  []T
	head int // index in buf of the front element
	n    int // number of elements
}

// len returns the number of elements in the ring.
func (r *ring[T]) len() int { return r.n }

// push adds v at the back.
func (r *ring[T]) push(v T) {
	if r.n == len(r.buf) {
		r.grow()
	}
	r.buf[(r.head+r.n)&(len(r.buf)-1)] = v
	r.n++
}

// unshift adds v at the front.
func (r *ring[T]) unshift(v T) {
	if r.n == len(r.buf) {
		r.grow()
	}
	r.head = (r.head - 1) & (len(r.buf) - 1)
	r.buf[r.head] = v
	r.n++
}

// shift removes and returns the front element, and reports false if the
// ring is empty. The slot it leaves is zeroed, so the ring keeps nothing
// alive that it no longer holds.
func (r *ring[T]) shift() (T, bool) {
	var zero T
	if r.n == 0 {
		return zero, false
	}
	v := r.buf[r.head]
	r.buf[r.head] = zero
	r.head = (r.head + 1) & (len(r.buf) - 1)
	r.n--
	return v, true
}

// at returns the i-th element from the front.
func (r *ring[T]) at(i int) T { return r.buf[(r.head+i)&(len(r.buf)-1)] }

// set replaces the i-th element from the front.
func (r *ring[T]) set(i int, v T) { r.buf[(r.head+i)&(len(r.buf)-1)] = v }

// clear empties the ring, zeroing what it held, and keeps its storage.
func (r *ring[T]) clear() {
	var zero T
	for i := 0; i < r.n; i++ {
		r.set(i, zero)
	}
	r.head, r.n = 0, 0
}

// grow doubles the storage (8 to start with), moving the elements to the
// front of the new slice.
func (r *ring[T]) grow() {
	size := len(r.buf) * 2
	if size == 0 {
		size = 8
	}
	nb := make([]T, size)
	for i := 0; i < r.n; i++ {
		nb[i] = r.at(i)
	}
	r.buf, r.head = nb, 0
}

// chunkQueue is a Readable's buffer: a FIFO of chunks ([]byte, string, or
// any value in object mode) over a ring, plus the number of bytes already
// taken from the front chunk. Keeping that offset instead of storing the
// rest of the chunk lets ReadN(n) take part of a chunk without boxing a new
// slice header into the queue, so only the returned value is new.
type chunkQueue struct {
	ring  ring[any]
	off   int        // bytes consumed from the front []byte or string
	boxes sliceBoxes // headers for pieces cut from the front []byte
}

// len returns the number of chunks.
func (q *chunkQueue) len() int { return q.ring.len() }

// push adds v at the back.
func (q *chunkQueue) push(v any) { q.ring.push(v) }

// unshift puts v in front, after giving the front chunk its offset back.
func (q *chunkQueue) unshift(v any) {
	q.settle()
	q.ring.unshift(v)
}

// settle stores the front chunk's remainder, so the offset is zero. The
// check is kept apart from the work so that it inlines into shift.
func (q *chunkQueue) settle() {
	if q.off != 0 {
		q.settleOff()
	}
}

// Out of line, so that the check calling it inlines.
//
//go:noinline
func (q *chunkQueue) settleOff() {
	switch c := q.ring.at(0).(type) {
	case []byte:
		q.ring.set(0, c[q.off:])
	case string:
		q.ring.set(0, c[q.off:])
	}
	q.off = 0
}

// shift removes and returns the front chunk (its remainder).
func (q *chunkQueue) shift() any {
	q.settle()
	v, _ := q.ring.shift()
	return v
}

// firstLen is the front chunk's length in Node's units (bytes, UTF-16 code
// units for strings). A []byte, the common case, is measured inline; the
// queue must not be empty.
func (q *chunkQueue) firstLen() int {
	if b, ok := q.frontBytes(); ok {
		return len(b) - q.off
	}
	return q.firstLenOther()
}

// frontBytes returns the front chunk when it is a []byte (off bytes of
// it already taken); the queue must not be empty.
func (q *chunkQueue) frontBytes() ([]byte, bool) {
	b, ok := q.ring.buf[q.ring.head].([]byte)
	return b, ok
}

// Out of line, so that the check calling it inlines.
//
//go:noinline
func (q *chunkQueue) firstLenOther() int {
	if c, ok := q.ring.at(0).(string); ok {
		return utf16Len(c[q.off:])
	}
	return 0
}

// takeBytes returns the first n bytes of the front chunk, a []byte longer
// than n, and leaves the rest in place.
func (q *chunkQueue) takeBytes(n int) []byte {
	c := q.ring.at(0).([]byte)
	b := c[q.off : q.off+n : q.off+n]
	q.off += n
	return b
}

// takePiece is takeBytes boxed for read() to return, without allocating
// a header per piece (sliceBoxes).
func (q *chunkQueue) takePiece(n int) any {
	c, _ := q.frontBytes()
	i := q.off
	q.off = i + n
	return q.boxes.box(c, i, i+n)
}

// takeString returns the first n UTF-16 units of the front chunk, a string
// longer than n units, and leaves the rest in place.
func (q *chunkQueue) takeString(n int) string {
	c := q.ring.at(0).(string)
	rest := c[q.off:]
	head, tail := utf16Cut(rest, n)
	if len(head)+len(tail) == len(rest) {
		q.off += len(head)
	} else {
		// A surrogate pair was split: the tail is a new string.
		q.ring.set(0, tail)
		q.off = 0
	}
	return head
}
