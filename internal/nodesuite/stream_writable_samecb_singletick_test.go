package nodesuite_test

import "testing"

// test-stream-writable-samecb-singletick.js: 100 synchronous writes through
// a Console create exactly one tick object.
func TestStreamWritableSamecbSingletick(t *testing.T) {
	block(t, "one tick object for a burst of writes", func(b *B) {
		b.NA("counts Node's TickObject allocations through async_hooks; Go has neither, and the library gives each callback its own tick on purpose (doc.go)")
	})
}
