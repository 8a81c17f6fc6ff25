package stream

// chunkQueue is a Readable's buffer: a FIFO of chunks ([]byte, string, or
// any value in object mode) over a ring, plus the number of bytes already
// taken from the front chunk. Keeping that offset instead of storing the
// rest of the chunk lets ReadN(n) take part of a chunk without boxing a new
// slice header into the queue, so only the returned value is new.
type chunkQueue struct {
	ring ring[any]
	off  int // bytes consumed from the front []byte or string
}

func (q *chunkQueue) len() int { return q.ring.len() }

func (q *chunkQueue) push(v any) { q.ring.push(v) }

// unshift puts v in front, after giving the front chunk its offset back.
func (q *chunkQueue) unshift(v any) {
	q.settle()
	q.ring.unshift(v)
}

// settle stores the front chunk's remainder, so the offset is zero.
func (q *chunkQueue) settle() {
	if q.off == 0 {
		return
	}
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
// units for strings).
func (q *chunkQueue) firstLen() int {
	switch c := q.ring.at(0).(type) {
	case []byte:
		return len(c) - q.off
	case string:
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
