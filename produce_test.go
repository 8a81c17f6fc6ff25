package stream

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// produceWait bounds every wait of these tests: a hang is a failure.
const produceWait = 20 * time.Second

// produceWithin runs f on a goroutine and fails the test if it does not return
// in time. f must not call require (FailNow is for the test's goroutine).
func produceWithin(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(produceWait):
		t.Fatalf("%s: still waiting after %v", what, produceWait)
	}
}

// waitChan fails the test unless c is closed in time.
func waitChan(t *testing.T, what string, c <-chan struct{}) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(produceWait):
		t.Fatalf("%s: still waiting after %v", what, produceWait)
	}
}

func countTo(n int) func(ctx context.Context, send func(int) error) error {
	return func(ctx context.Context, send func(int) error) error {
		for i := range n {
			if err := send(i); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestProduceInOrderChunks(t *testing.T) {
	const n = 10000
	r := Produce(nil, ReadableOptions{Loop: NewLoop()}, countTo(n))
	var got []any
	var err error
	produceWithin(t, "ToArray", func() { got, err = ToArray(context.Background(), r) })
	require.NoError(t, err)
	require.Len(t, got, n)
	for i, v := range got {
		require.Equal(t, i, v)
	}
}

func TestProduceInOrderOnLoop(t *testing.T) { synctest.Test(t, testProduceInOrderOnLoop) }

func testProduceInOrderOnLoop(t *testing.T) {
	// Run waits for the producer: the loop is held while fn runs, even
	// when nothing is buffered.
	const n = 5000
	l := NewLoop()
	var got []int
	ended, closed := false, false
	var runErr error
	produceWithin(t, "Run", func() {
		runErr = l.Run(func() {
			r := Produce(nil, ReadableOptions{Loop: l, HighWaterMark: Int(4)}, func(ctx context.Context, send func(int) error) error {
				for i := range n {
					if i%1000 == 0 {
						time.Sleep(time.Millisecond)
					}
					if err := send(i); err != nil {
						return err
					}
				}
				return nil
			})
			r.OnData(func(c int) { got = append(got, c) })
			r.OnEnd(func() { ended = true })
			r.On("close", func(...any) { closed = true })
		})
	})
	require.NoError(t, runErr)
	require.True(t, ended)
	require.True(t, closed)
	require.Len(t, got, n)
	for i, v := range got {
		require.Equal(t, i, v)
	}
}

func TestProduceIsLazy(t *testing.T) {
	l := NewLoop()
	var started atomic.Bool
	r := Produce(nil, ReadableOptions{Loop: l}, func(ctx context.Context, send func(int) error) error {
		started.Store(true)
		return send(1)
	})
	// A stream nobody reads starts nothing and holds nothing: Run
	// returns at once.
	produceWithin(t, "Run", func() { _ = l.Run(nil) })
	require.False(t, started.Load())
	var got []any
	var err error
	produceWithin(t, "ToArray", func() { got, err = ToArray(context.Background(), r) })
	require.NoError(t, err)
	require.Equal(t, []any{1}, got)
	require.True(t, started.Load())
}

func TestProduceBackpressure(t *testing.T) { synctest.Test(t, testProduceBackpressure) }

func testProduceBackpressure(t *testing.T) {
	n := 1_000_000
	if testing.Short() {
		n = 100_000
	}
	const hwm = 16
	l := NewLoop()
	var sent atomic.Int64
	r, p := produce(nil, ReadableOptions{Loop: l, HighWaterMark: Int(hwm)}, func(ctx context.Context, send func(int) error) error {
		for i := range n {
			if err := send(i); err != nil {
				return err
			}
			sent.Add(1)
		}
		return nil
	})
	// maxHeld is what the stream holds, queued and buffered, sampled on
	// the loop; maxAhead is how far the producer got ahead of the
	// consumer, which adds what Chunks took in its last hand-over.
	var maxHeld, samples int
	sample := func() {
		p.mu.Lock()
		held := p.count
		p.mu.Unlock()
		held += r.rs.Length
		maxHeld = max(maxHeld, held)
		samples++
	}
	var maxAhead int64
	var got int
	var err error
	produceWithin(t, "slow consumer", func() {
		for v, e := range Chunks(context.Background(), r) {
			if e != nil {
				err = e
				return
			}
			if v != got {
				err = errors.New("out of order")
				return
			}
			got++
			maxAhead = max(maxAhead, sent.Load()-int64(got))
			if got%97 == 0 {
				l.Post(sample)
			}
			if got%5000 == 0 {
				// Slow: the producer runs ahead until it blocks.
				time.Sleep(100 * time.Microsecond)
			}
		}
	})
	require.NoError(t, err)
	require.Equal(t, n, got)
	t.Logf("highWaterMark %d: at most %d values queued+buffered (%d samples), producer at most %d values ahead of the consumer", hwm, maxHeld, samples, maxAhead)
	require.Positive(t, samples)
	require.LessOrEqual(t, maxHeld, 2*hwm)
	// Chunks takes at most a buffer's worth into its batch, and the
	// producer may hold one value in hand beyond what it sent.
	require.LessOrEqual(t, maxAhead, int64(3*hwm+1))
}

func TestProduceError(t *testing.T) {
	boom := errors.New("boom")
	r := Produce(nil, ReadableOptions{Loop: NewLoop()}, func(ctx context.Context, send func(int) error) error {
		for i := range 3 {
			if err := send(i); err != nil {
				return err
			}
		}
		return boom
	})
	var got []any
	var err error
	produceWithin(t, "ToArray", func() { got, err = ToArray(context.Background(), r) })
	require.ErrorIs(t, err, boom)
	require.True(t, r.Destroyed())
	require.LessOrEqual(t, len(got), 3)
}

func TestProducePanic(t *testing.T) {
	r := Produce(nil, ReadableOptions{Loop: NewLoop()}, func(ctx context.Context, send func(string) error) error {
		if err := send("a"); err != nil {
			return err
		}
		panic("kaboom")
	})
	var err error
	produceWithin(t, "ToArray", func() { _, err = ToArray(context.Background(), r) })
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "kaboom", pe.Value)
}

func TestProduceNullValue(t *testing.T) {
	var sendErr error
	r := Produce(nil, ReadableOptions{Loop: NewLoop()}, func(ctx context.Context, send func(any) error) error {
		if err := send(1); err != nil {
			return err
		}
		sendErr = send(nil)
		// Even a fn that ignores the error does not end the stream well.
		return nil
	})
	var err error
	produceWithin(t, "ToArray", func() { _, err = ToArray(context.Background(), r) })
	require.Equal(t, "ERR_STREAM_NULL_VALUES", ErrorCode(err))
	require.Equal(t, "ERR_STREAM_NULL_VALUES", ErrorCode(sendErr))
}

func TestProduceNilArgs(t *testing.T) {
	l := NewLoop()
	r := Produce[int](nil, ReadableOptions{Loop: l}, nil)
	c := FromChan[int](nil, ReadableOptions{Loop: l})
	var err1, err2 error
	produceWithin(t, "ToArray", func() {
		_, err1 = ToArray(context.Background(), r)
		_, err2 = ToArray(context.Background(), c)
	})
	require.Equal(t, "ERR_INVALID_ARG_TYPE", ErrorCode(err1))
	require.Equal(t, "ERR_INVALID_ARG_TYPE", ErrorCode(err2))
}

// endless sends until send fails, recording send's error and its return.
type endless struct {
	sendErr  error
	returned chan struct{}
}

func newEndless() *endless { return &endless{returned: make(chan struct{})} }

func (e *endless) fn(ctx context.Context, send func(int) error) error {
	defer close(e.returned)
	for i := 0; ; i++ {
		if err := send(i); err != nil {
			e.sendErr = err
			return err
		}
	}
}

func TestProduceCancel(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	stop := errors.New("enough")
	e := newEndless()
	r := Produce(ctx, ReadableOptions{Loop: l}, e.fn)
	closed := make(chan struct{})
	var returnedBeforeClose bool
	r.On("close", func(...any) {
		select {
		case <-e.returned:
			returnedBeforeClose = true
		default:
		}
		close(closed)
	})
	var got int
	var err error
	produceWithin(t, "Chunks", func() {
		for _, e := range Chunks(nil, r) {
			if e != nil {
				err = e
				return
			}
			got++
			if got == 100 {
				cancel(stop)
			}
		}
	})
	require.ErrorIs(t, err, ErrAbort)
	require.ErrorIs(t, err, stop)
	waitChan(t, "fn's return", e.returned)
	require.ErrorIs(t, e.sendErr, ErrAbort)
	produceWithin(t, "Run", func() { _ = l.Run(nil) })
	waitChan(t, "close", closed)
	require.True(t, returnedBeforeClose, "'close' came before fn returned")
}

func TestProduceCancelledBeforeRead(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var started atomic.Bool
	r := Produce(ctx, ReadableOptions{Loop: NewLoop()}, func(ctx context.Context, send func(int) error) error {
		started.Store(true)
		return nil
	})
	var err error
	produceWithin(t, "ToArray", func() { _, err = ToArray(context.Background(), r) })
	require.ErrorIs(t, err, ErrAbort)
	require.False(t, started.Load())
}

func TestProduceConsumerBreaks(t *testing.T) {
	l := NewLoop()
	e := newEndless()
	r := Produce(nil, ReadableOptions{Loop: l}, e.fn)
	var got int
	produceWithin(t, "Chunks", func() {
		for range Chunks(context.Background(), r) {
			got++
			if got == 10 {
				break
			}
		}
	})
	// Chunks returns after the stream's close step, which waits for fn.
	waitChan(t, "fn's return", e.returned)
	require.Equal(t, "ERR_STREAM_DESTROYED", ErrorCode(e.sendErr))
	require.True(t, r.Destroyed())
}

func TestProduceDestroyCancelsFnContext(t *testing.T) {
	l := NewLoop()
	entered := make(chan struct{})
	var fnErr error
	r := Produce(nil, ReadableOptions{Loop: l}, func(ctx context.Context, send func(int) error) error {
		if err := send(1); err != nil {
			return err
		}
		close(entered)
		// A producer blocked in its own I/O, not in send.
		<-ctx.Done()
		fnErr = context.Cause(ctx)
		return fnErr
	})
	closed := make(chan struct{})
	r.On("close", func(...any) { close(closed) })
	produceWithin(t, "Chunks", func() {
		for range Chunks(context.Background(), r) {
			<-entered
			break
		}
	})
	waitChan(t, "close", closed)
	// Leaving the loop early destroys the stream with an AbortError, as
	// Node's iterator return does, and that error is the cause of fn's
	// ctx, as Node throws it into Readable.from's generator.
	require.Equal(t, "ABORT_ERR", ErrorCode(fnErr))
}

func TestFromChanInOrder(t *testing.T) {
	ch := make(chan int)
	go func() {
		for i := range 1000 {
			ch <- i
		}
		close(ch)
	}()
	r := FromChan(ch, ReadableOptions{Loop: NewLoop()})
	var got []any
	var err error
	produceWithin(t, "ToArray", func() { got, err = ToArray(context.Background(), r) })
	require.NoError(t, err)
	require.Len(t, got, 1000)
	for i, v := range got {
		require.Equal(t, i, v)
	}
}

func TestFromChanDestroyStopsReceiving(t *testing.T) {
	synctest.Test(t, testFromChanDestroyStopsReceiving)
}

func testFromChanDestroyStopsReceiving(t *testing.T) {
	ch := make(chan int)
	quit := make(chan struct{})
	senderDone := make(chan struct{})
	var sent atomic.Int64
	go func() {
		defer close(senderDone)
		for i := 0; ; i++ {
			select {
			case ch <- i:
				sent.Add(1)
			case <-quit:
				return
			}
		}
	}()
	const hwm = 8
	r := FromChan(ch, ReadableOptions{Loop: NewLoop(), HighWaterMark: Int(hwm)})
	var got int
	produceWithin(t, "Chunks", func() {
		for v := range Chunks(context.Background(), r) {
			if v != got {
				break
			}
			got++
			if got == 50 {
				break
			}
		}
	})
	require.Equal(t, 50, got)
	// The receiving goroutine is gone once Chunks returned: nothing more
	// is taken from ch. The sender counts a value only after its send
	// completed, so the count is read once the sender has stopped, and a
	// probe checks that nobody receives any more.
	close(quit)
	waitChan(t, "sender", senderDone)
	synctest.Wait() // a receiver still running is now blocked on ch
	select {
	case ch <- -1:
		t.Error("a value was received after the stream was destroyed")
	default:
	}
	assert.LessOrEqual(t, sent.Load(), int64(50+3*hwm+1), "received far ahead of the stream")
}

func TestProduceLoopClose(t *testing.T) {
	l := NewLoop()
	e := newEndless()
	r := Produce(nil, ReadableOptions{Loop: l}, e.fn)
	var err error
	var got int
	produceWithin(t, "Chunks", func() {
		for _, e := range Chunks(context.Background(), r) {
			if e != nil {
				err = e
				return
			}
			got++
			if got == 100 {
				l.Close()
			}
		}
	})
	// What was buffered may still come out; then the closed loop is an
	// error, not a hang.
	require.Error(t, err)
	waitChan(t, "fn's return", e.returned)
	require.Equal(t, "ERR_LOOP_CLOSED", ErrorCode(e.sendErr))
}

func TestProduceLoopCloseWhileRunning(t *testing.T) {
	// The loop runs on a goroutine of its own, a consumer on it, and
	// Close comes from a third while the producer is blocked.
	l := NewLoop()
	e := newEndless()
	var r *Readable
	got := make(chan struct{})
	runDone := make(chan struct{})
	go func() {
		defer close(runDone)
		_ = l.Run(func() {
			r = Produce[int](nil, ReadableOptions{Loop: l, HighWaterMark: Int(2)}, e.fn).Readable
			r.Once("data", func(...any) {
				close(got)
				r.Pause()
			})
		})
	}()
	waitChan(t, "first value", got)
	l.Close()
	waitChan(t, "fn's return", e.returned)
	require.Equal(t, "ERR_LOOP_CLOSED", ErrorCode(e.sendErr))
	waitChan(t, "Run", runDone)
}

// BenchmarkProduceSmallObjects: a producer goroutine sending b.N ints to
// Produce, ranged over with Chunks. Per op: one value handed over twice
// (goroutine to loop, loop to consumer).
func BenchmarkProduceSmallObjects(b *testing.B) {
	r := Produce(nil, ReadableOptions{Loop: NewLoop()}, countTo(b.N))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for _, err := range Chunks(context.Background(), r) {
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
	if n != b.N {
		b.Fatalf("got %d values, want %d", n, b.N)
	}
}

// BenchmarkProduceChannelTwin is the plain-Go twin: a goroutine sending
// b.N ints on a channel of capacity 16, ranged over.
func BenchmarkProduceChannelTwin(b *testing.B) {
	ch := make(chan int, 16)
	b.ReportAllocs()
	b.ResetTimer()
	go func() {
		for i := range b.N {
			ch <- i
		}
		close(ch)
	}()
	n := 0
	for range ch {
		n++
	}
	if n != b.N {
		b.Fatalf("got %d values, want %d", n, b.N)
	}
}
