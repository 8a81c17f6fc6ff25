package stream

import (
	"context"
	"iter"
	"reflect"
	"slices"
)

// Waiting for events from ordinary Go code: Node's events.once and
// events.on, as blocking calls with a context where Node takes a signal.

// An EventSource is anything with an [EventEmitter]: every stream, the
// types that embed one, and *EventEmitter itself.
type EventSource interface {
	eventEmitter() *EventEmitter
}

func (e *EventEmitter) eventEmitter() *EventEmitter { return e }

// OnOptions are the options of [OnWith].
type OnOptions struct {
	// Close names events that end the sequence, as Node's close option:
	// the events already queued are still yielded, then the sequence
	// ends without an error.
	Close []string
}

// Once blocks until src emits event and returns the arguments of that
// emit: Node's `await events.once(src, event)`, for code off the loop (the
// `await once(w, 'drain')` idiom). If src emits 'error' first (and event
// is not "error"), Once returns that error. Cancelling ctx (which may be
// nil) returns an AbortError wrapping its cause, as Node's signal option
// does. Either way the listeners Once added are removed before it returns.
//
// Once must not be called on src's loop: there it returns an error
// wrapping [ErrReentrant]. If the loop goes idle before the event, nothing
// could emit it any more: Once returns ERR_LOOP_STALLED instead of waiting
// forever, where Node's process would exit with the promise pending.
func Once(ctx context.Context, src EventSource, event string) ([]any, error) {
	e, err := eventSource(src)
	if err != nil {
		return nil, err
	}
	l := loopOrDefault(e.loop)
	var args []any
	var rerr error
	var lis, errLis *Listener
	unwatch := func() {}
	remove := func() {
		if lis != nil {
			e.RemoveListener(event, lis)
		}
		if errLis != nil {
			e.RemoveListener("error", errLis)
		}
		lis, errLis = nil, nil
		unwatch()
	}
	err = l.await(waitFor{call: "Once(" + event + ")"}, func(done func()) {
		if ctx != nil && ctx.Err() != nil {
			rerr = errAbort(context.Cause(ctx))
			done()
			return
		}
		finish := func() {
			remove()
			done()
		}
		lis = e.Once(event, func(a ...any) {
			args = slices.Clone(a)
			finish()
		})
		if event != "error" {
			errLis = e.Once("error", func(a ...any) {
				rerr = errorArg(a)
				finish()
			})
		}
		if ctx != nil {
			unwatch = l.watchCtx(ctx, func() {
				rerr = errAbort(context.Cause(ctx))
				finish()
			}, true)
		}
	})
	if err != nil {
		if lis != nil {
			// The wait ended without the event (the loop stalled or
			// closed): the listeners come off on the loop.
			_ = l.await(waitFor{call: "Once(" + event + ") cleanup"}, func(done func()) {
				remove()
				done()
			})
		}
		return nil, err
	}
	return args, rerr
}

// On returns the emits of event on src as a sequence of their arguments:
// Node's `for await (const args of events.on(src, event))`, for code off
// the loop. See [OnWith].
func On(ctx context.Context, src EventSource, event string) iter.Seq2[[]any, error] {
	return OnWith(ctx, src, event, OnOptions{})
}

// OnWith is [On] with options. The listener goes on when the iteration
// starts and stays on between steps, so emits made while the consumer is
// busy are queued and yielded in order, as in Node. An 'error' event, or a
// cancelled ctx (an AbortError wrapping its cause), ends the sequence with
// that error after the queued emits; an event named in opts.Close ends it
// without one. Breaking out of the loop removes the listeners. If the loop
// goes idle while the consumer waits, the sequence ends with
// ERR_LOOP_STALLED: nothing could emit again. OnWith must not be iterated
// on src's loop (ErrReentrant).
func OnWith(ctx context.Context, src EventSource, event string, opts OnOptions) iter.Seq2[[]any, error] {
	closeOn := slices.Clone(opts.Close)
	return func(yield func([]any, error) bool) {
		e, err := eventSource(src)
		if err != nil {
			yield(nil, err)
			return
		}
		w := &eventWaiter{e: e, l: loopOrDefault(e.loop), event: event, closeOn: closeOn}
		defer w.stop()
		for {
			args, err, ok := w.next(ctx)
			if !ok {
				return
			}
			if !yield(args, err) || err != nil {
				return
			}
		}
	}
}

// eventWaiter is one iteration of OnWith: its listeners, and the emits
// they queued that the consumer has not taken yet. Its fields are the
// loop's.
type eventWaiter struct {
	e       *EventEmitter
	l       *Loop
	event   string
	closeOn []string

	started   bool
	listeners []struct {
		event string
		l     *Listener
	}
	queue [][]any
	err   error // an 'error' event, to return after the queue
	ended bool  // an error or a close event came: no more emits
	wake  func()
}

// next blocks for the next emit; ok is false when the sequence is over.
func (w *eventWaiter) next(ctx context.Context) (args []any, err error, ok bool) {
	aerr := w.l.await(waitFor{call: "On(" + w.event + ")"}, func(done func()) {
		w.start()
		unwatch := func() {}
		take := func() bool {
			switch {
			case len(w.queue) != 0:
				args, ok = w.queue[0], true
				w.queue[0] = nil
				w.queue = w.queue[1:]
			case w.err != nil:
				err, ok = w.err, true
				w.err = nil
			case w.ended:
			default:
				return false
			}
			w.wake = nil
			unwatch()
			done()
			return true
		}
		if ctx != nil && ctx.Err() != nil {
			w.removeAll()
			err, ok = errAbort(context.Cause(ctx)), true
			done()
			return
		}
		if take() {
			return
		}
		w.wake = func() { take() }
		if ctx != nil {
			unwatch = w.l.watchCtx(ctx, func() {
				w.removeAll()
				w.wake = nil
				err, ok = errAbort(context.Cause(ctx)), true
				done()
			}, true)
		}
	})
	if aerr != nil {
		return nil, aerr, true
	}
	return args, err, ok
}

// start adds the listeners, once, on the loop.
func (w *eventWaiter) start() {
	if w.started {
		return
	}
	w.started = true
	w.add(w.event, func(a ...any) {
		w.queue = append(w.queue, slices.Clone(a))
		w.poke()
	})
	if w.event != "error" {
		w.add("error", func(a ...any) {
			w.err = errorArg(a)
			w.end()
		})
	}
	for _, ev := range w.closeOn {
		w.add(ev, func(...any) { w.end() })
	}
}

func (w *eventWaiter) add(event string, fn Handler) {
	w.listeners = append(w.listeners, struct {
		event string
		l     *Listener
	}{event, w.e.On(event, fn)})
}

// end is an error or a close event: Node removes every listener at once,
// so later emits are not queued.
func (w *eventWaiter) end() {
	w.ended = true
	w.removeAll()
	w.poke()
}

func (w *eventWaiter) poke() {
	if w.wake != nil {
		w.wake()
	}
}

func (w *eventWaiter) removeAll() {
	for _, x := range w.listeners {
		w.e.RemoveListener(x.event, x.l)
	}
	w.listeners = nil
	w.ended = true
}

// stop removes the listeners when the iteration is over, on the loop.
func (w *eventWaiter) stop() {
	if !w.started {
		return
	}
	_ = w.l.await(waitFor{call: "On(" + w.event + ") cleanup"}, func(done func()) {
		w.removeAll()
		done()
	})
}

// eventSource is the emitter of src, or ERR_INVALID_ARG_TYPE for nil.
func eventSource(src EventSource) (*EventEmitter, error) {
	if src == nil {
		return nil, errInvalidArgType("emitter", "an instance of EventEmitter", nil)
	}
	if v := reflect.ValueOf(src); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, errInvalidArgType("emitter", "an instance of EventEmitter", src)
	}
	e := src.eventEmitter()
	if e == nil {
		return nil, errInvalidArgType("emitter", "an instance of EventEmitter", nil)
	}
	return e, nil
}
