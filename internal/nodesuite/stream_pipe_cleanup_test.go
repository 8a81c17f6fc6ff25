package nodesuite_test

import "testing"

// test-stream-pipe-cleanup.js: the legacy Stream.prototype.pipe between
// old-style streams (plain emitters with readable/writable flags and end
// and destroy methods) removes every listener it added once the source
// ends or closes, or the destination closes, including along a chain
// through a duplex.
func TestStreamPipeCleanup(t *testing.T) {
	block(t, "source end removes the listeners", func(b *B) {
		b.Missing("Stream.prototype.pipe (legacy pipe of old-style streams)")
		// 100 old-style readables piped to one writable and each emitting
		// 'end': the last has no 'end' listener left, the writable's end
		// was called 100 times.
	})
	block(t, "source close removes the listeners", func(b *B) {
		b.Missing("Stream.prototype.pipe (legacy pipe of old-style streams)")
		// The same with 'close' on the source: no 'close' listener left,
		// end (via destroy) called 100 times.
	})
	block(t, "destination close removes the listeners", func(b *B) {
		b.Missing("Stream.prototype.pipe (legacy pipe of old-style streams)")
		// One readable piped to 100 writables, each emitting 'close': the
		// last writable has no 'close' listener left.
	})
	block(t, "chain through a duplex", func(b *B) {
		b.Missing("Stream.prototype.pipe (legacy pipe of old-style streams)")
		// r.pipe(d); d.pipe(w): the listener counts of 'end' and 'close' on
		// r, d and w (2, 2, 2, 3, 0, 1), then after r emits 'end' (d ended
		// once; r has none, d has 2 and 2, w 0 and 1), then after d emits
		// 'end' (w ended once; no listener left anywhere).
	})
}
