package stream

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// Finished called from another loop's task, while the stream's loop runs,
// posts its work to that loop instead of racing with it.
func TestFinishedFromAnotherLoop(t *testing.T) { synctest.Test(t, testFinishedFromAnotherLoop) }

func testFinishedFromAnotherLoop(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	r := From(slicesValues(1, 2), ReadableOptions{Loop: lb})
	hold := lb.Hold()
	bDone := make(chan error, 1)
	go func() { bDone <- lb.Run(nil) }()
	synctest.Wait() // lb's Run is waiting for the hold
	require.NotZero(t, lb.driver.Load(), "lb is not being run")
	got := make(chan error, 1)
	require.NoError(t, la.Run(func() {
		Finished(r, func(err error) { got <- err })
		lb.Post(func() { r.Resume() })
	}))
	select {
	case err := <-got:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Finished never called back")
	}
	hold.Resolve(nil)
	require.NoError(t, <-bDone)
}
