package nodesuite_test

import "testing"

// test-stream-objectmode-undefined.js: JavaScript's undefined is a valid
// object-mode chunk, distinct from null, through a Readable, a Writable and
// a Transform. Go has one nil, which plays null (the end of a Readable, a
// refused write), and no undefined, so none of the blocks has a Go subject.
func TestStreamObjectmodeUndefined(t *testing.T) {
	const reason = "JavaScript's undefined as a chunk: Go has no undefined (nil is null)"
	block(t, "readable pushes undefined", func(b *B) { b.NA(reason) })
	block(t, "writable takes undefined", func(b *B) { b.NA(reason) })
	block(t, "transform passes undefined", func(b *B) { b.NA(reason) })
}
