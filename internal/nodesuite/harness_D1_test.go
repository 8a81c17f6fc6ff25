package nodesuite_test

import "time"

// gD1SetTimeout is b.SetTimeout with Node's clearTimeout: it returns a
// function that cancels the timer (if it has not fired) and lets the loop
// go idle at once instead of waiting for it.
func gD1SetTimeout(b *B, fn func(), ms int) (clear func()) {
	p := b.Loop.Hold()
	t := time.AfterFunc(time.Duration(ms)*time.Millisecond, func() { p.Resolve(fn) })
	return func() {
		if t.Stop() {
			p.Resolve(func() {})
		}
	}
}
