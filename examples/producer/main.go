// Command producer feeds a typed stream from a goroutine of its own and
// stops it halfway with a context. A sensor goroutine, started by
// stream.Produce, sends readings without end; a MapOf stage turns each
// reading into a line of text; the consumer ranges over the lines with
// ChunksOf, as Node's for await (const line of readable), and after six of
// them cancels the context. The iteration then ends with an AbortError
// (ABORT_ERR), the sensor's next send fails with the same error, and the
// goroutine returns, so nothing is left running. Meanwhile send blocks
// whenever the consumer is behind: the endless sensor never gets more
// than a few highWaterMarks ahead, which the program checks and prints.
//
// The nearest Node program is Readable.from(asyncGenerator, {signal}),
// but there the generator runs on the event loop and must not block; here
// the producer is a goroutine, free to block on a device or a network.
//
//	go run ./examples/producer
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/nodestream/stream"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "producer:", err)
		os.Exit(1)
	}
}

// A reading is what the sensor sends: its sequence number and a
// temperature in thousandths of a degree, as a device would report it.
type reading struct {
	seq          int
	milliCelsius int
}

// sensor stands for a ticker-driven device. A real one would block in
// next until its next sample (and would take the producer's ctx, which
// Produce cancels along with the stream, so that the wait ends with it);
// this one answers at once with a value computed from the sequence
// number, so that the output does not depend on timing.
type sensor struct{ seq int }

func (s *sensor) next() reading {
	s.seq++
	// A slow wobble around 21 °C.
	wobble := []int{0, 150, 250, 150, 0, -150, -250, -150}
	return reading{seq: s.seq, milliCelsius: 21000 + wobble[s.seq%len(wobble)]}
}

const (
	// hwm is every stage's highWaterMark, in values. It is small so that
	// backpressure sets in after a few readings.
	hwm = 4
	// wanted is how many readings the consumer takes before cancelling.
	wanted = 6
	// maxAhead bounds how far the sensor may run ahead of the consumer.
	// The buffers between them hold about 50 readings: Produce about
	// 2*hwm (values waiting to be handed to the loop, then the stream's
	// buffer), the MapOf stage about 2*hwm (its writable and readable
	// sides), and the Duplex of Compose and ChunksOf's hand-over batch up
	// to 16 each, the object-mode default, as Compose takes no options.
	// 64 leaves a margin over that "about"; without backpressure the
	// endless sensor would be thousands of readings ahead.
	maxAhead = 64
)

func run(w io.Writer) error {
	loop := stream.NewLoop()

	// One context for the producer and the consumer: its cancel is the
	// consumer saying it has enough, and its cause travels in the
	// AbortError that both sides get.
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	enough := errors.New("the consumer has enough readings")

	// sent counts the readings send accepted, for the backpressure check;
	// stopped carries the producer's last error to run, so that it is
	// printed after the consumer's lines rather than whenever the
	// goroutine gets there.
	var sent atomic.Int64
	stopped := make(chan error, 1)

	var dev sensor
	readings := stream.Produce(ctx, stream.ReadableOptions{Loop: loop, HighWaterMark: stream.Int(hwm)},
		func(ctx context.Context, send func(reading) error) error {
			for {
				// send blocks while hwm readings wait for the loop to take
				// them, that is while the consumer is behind: the sensor
				// is endless, yet it is held a few readings ahead of the
				// consumer instead of filling memory. Once the stream is
				// gone (here: ctx cancelled) send fails, and the producer
				// must return.
				if err := send(dev.next()); err != nil {
					stopped <- err
					return err
				}
				sent.Add(1)
			}
		})

	// A typed stage: reading in, string out, running on the loop.
	format := stream.MapOf(func(r reading) (string, error) {
		return fmt.Sprintf("reading %d: %.2f °C", r.seq, float64(r.milliCelsius)/1000), nil
	}, stream.StageOptions{Loop: loop, HighWaterMark: stream.Int(hwm)})

	// Set from the loop, which this goroutine drives; read after Run.
	closed := false
	readings.On("close", func(...any) { closed = true })

	// Compose makes the two one readable stream, so that destroying it
	// (as ChunksOf does on a cancel) destroys both, and an error of
	// either reaches the consumer. Setting streams up before the loop
	// runs is allowed from the goroutine that then drives it.
	lines, err := stream.Compose(readings, format)
	if err != nil {
		return err
	}

	received := int64(0)
	ahead := int64(0)
	var streamErr error
	// ChunksOf drives the loop from this goroutine and yields strings:
	// no type assertion.
	for line, err := range stream.ChunksOf[string](ctx, lines) {
		if err != nil {
			streamErr = err
			break
		}
		received++
		ahead = max(ahead, sent.Load()-received)
		// After the cancel below, ChunksOf yields nothing more: the next
		// step is the AbortError, even for lines its last hand-over
		// had already taken.
		fmt.Fprintln(w, line)
		if received == wanted {
			fmt.Fprintf(w, "consumer: cancelling after %d readings\n", wanted)
			cancel(enough)
		}
	}

	if streamErr == nil {
		return errors.New("the stream ended without an error")
	}
	fmt.Fprintf(w, "consumer got %s: %v (cause: %v)\n", stream.ErrorCode(streamErr), streamErr, errors.Unwrap(streamErr))

	// ChunksOf returns once the composed stream has closed, and a
	// composed stream closes after the streams inside it: the Produce
	// stream's close came after its goroutine returned.
	perr := <-stopped // ready by now; the receive makes it safe to read
	fmt.Fprintf(w, "producer stopped: %s: %v (cause: %v)\n", stream.ErrorCode(perr), perr, errors.Unwrap(perr))
	fmt.Fprintf(w, "sensor stream closed: %v\n", closed)
	fmt.Fprintf(w, "sensor and consumer saw the same cause: %v\n", errors.Is(streamErr, enough) && errors.Is(perr, enough))

	if ahead > maxAhead {
		fmt.Fprintf(w, "backpressure failed: the sensor got %d readings ahead of the consumer\n", ahead)
	} else {
		fmt.Fprintf(w, "backpressure held: the sensor was never more than %d readings ahead of the consumer\n", maxAhead)
	}
	return nil
}
