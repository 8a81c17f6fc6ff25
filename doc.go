// Package stream is Node.js v20's stream module in Go: Readable, Writable,
// Duplex, Transform and PassThrough, with pipe and unpipe, highWaterMark
// backpressure, object mode, encodings, cork/uncork and writev, final,
// destroy and construct, behaving as Node does, event for event and tick
// for tick. A conformance kit runs the same scenarios through Node and
// through this package and compares their traces.
//
// # From Node to Go
//
// Names are Node's in Go case: push is [Readable.Push], readableLength is
// [Readable.ReadableLength], writableNeedDrain is
// [Writable.WritableNeedDrain]. Events keep Node's string names ('data',
// 'end', 'readable', 'error', 'close', 'drain', 'finish', 'pipe', ...), so
// custom events work as in Node; typed helpers such as [Readable.OnData]
// and [Stream.OnError] save type assertions. Go funcs cannot be compared,
// so On returns a [*Listener] handle, and RemoveListener takes it. For the
// same reason, where Node lets consecutive writes completed synchronously
// with the same callback function share one tick, each callback gets a
// tick of its own here (in the same order, still on a later tick).
//
// Chunks: a []byte is Node's Buffer and travels by reference (the package
// never copies payload); a string is a string chunk; in object mode any
// value but nil. nil plays JavaScript's null: Push(nil) ends a Readable,
// Write(nil) is ERR_STREAM_NULL_VALUES.
//
// Implementer hooks (_read, _write, _writev, _final, _destroy, _construct,
// _transform, _flush) are func fields of the options structs. A type of
// your own embeds the stream and sets the hooks to its method values:
//
//	type Upper struct{ *stream.Transform }
//
//	func NewUpper() *Upper {
//		u := &Upper{}
//		u.Transform = stream.NewTransform(stream.TransformOptions{Transform: u.transform})
//		return u
//	}
//
// Hooks are called on the loop, must not block, and must call their
// callback exactly once (a second call is ERR_MULTIPLE_CALLBACK).
//
// Options are structs whose zero value is Node's default. Where Node's
// default is not Go's zero value (highWaterMark, whose 0 is meaningful, and
// the booleans that default to true: emitClose, autoDestroy, decodeStrings,
// allowHalfOpen, pipe's end) the field is a pointer, set with [Int] or
// [Bool]: HighWaterMark: stream.Int(0), EmitClose: stream.Bool(false).
//
// Optional arguments follow one pattern: the short method takes what is
// usually passed, and a With variant takes every argument of Node's call,
// where a zero value means "not given": Write(chunk) and
// WriteWith(chunk, encoding, callback); End() and EndWith(chunk, encoding,
// callback); Push(chunk) and PushWith(chunk, encoding); Destroy(err) and
// DestroyWith(err, callback); Pipe(dst) and PipeWith(dst, options).
// Node's read() and read(n) are [Readable.Read] and [Readable.ReadN].
//
// Errors are [*Error] values carrying Node's code. Compare them with the
// sentinels, errors.Is(err, stream.ErrWriteAfterEnd), or read the code with
// [ErrorCode]. Each error goes through the channel Node uses: a callback
// and the 'error' event for write after end, the 'error' event for a
// destroyed stream, and a returned error where Node throws synchronously
// (Write(nil), an unknown encoding, a constructor given invalid options).
//
// Where Node has a class hierarchy, Go has embedding: [Readable] and
// [Writable] each hold a [*Stream] (the event emitter and the destroy
// machinery); [Duplex] holds one Stream and both sides, so 'close' is
// emitted once and Destroyed, Closed and Errored are shared; [Transform]
// embeds Duplex and [PassThrough] embeds Transform. [ReadableStream] and
// [WritableStream] accept any of them, and user types that embed them.
//
// Node's generator-function stages (pipeline(src, async function* (s)
// {...}, dst), Duplex.from(generatorFunction)) are [DuplexFromFunc] over a
// [StageFunc], a function from the sequence of written chunks to the
// sequence of chunks to read, run on a goroutine of its own; an async
// function destination is [WritableFromFunc] over a [SinkFunc]. An async
// generator source is [Produce]: its function sends from a goroutine of its
// own, and a destroy's error is the cause of its context, where Node throws
// it into the generator. Readable.from with objectMode false is
// [FromBytes]. Symbol.asyncDispose is the Dispose method of [Readable],
// [Writable] and [Duplex], with a callback for the promise. Node's
// captureRejections has no Go form: it routes the rejected promise of an
// async listener to the stream's destroy, and Go listeners return nothing;
// a panicking listener is the loop's uncaught error (see [Loop.Run]).
//
// The signal option of Node's stream-returning operators (map, filter,
// take, ... with { signal }) is [AddAbortSignal] on the result: cancelling
// the context destroys it with an AbortError, and its destroy lets go of
// the source, as Node's abort of the operator's iteration does.
//
// Node's getters and methods are methods of the same name, capitalised
// (readableEnded is ReadableEnded, setEncoding is SetEncoding). The Web
// Streams bridges (fromWeb, toWeb) have no Go form: Go has no WHATWG
// streams, and io.Reader and io.Writer, which [FromReader], [FromWriter],
// [NewReader] and [NewWriter] adapt, are Go's common stream types. Node's
// internal helpers on the classes (_fromList, _isUint8Array,
// _isArrayBufferView, _uint8ArrayToBuffer) have none either: a Go chunk is
// already a []byte. Of the underscore methods, _undestroy is
// [Stream.Undestroy]; the hooks (_read, _write, ...) are the options' Read,
// Write, ... functions.
//
// From the events module, EventEmitterAsyncResource (async_hooks) and
// usingDomains (domains) have no Go form, Go having neither;
// addAbortListener is Go's own context.AfterFunc.
//
// Node's setters are assignments to the exported state, as Node's set
// the state and do nothing else: r.readableFlowing = v is
// r.ReadableState().Flowing = v, r.readable = false is
// r.ReadableState().Readable = false, w.writable = false is
// w.WritableState().Writable = false, and s.destroyed = v is
// ReadableState().Destroyed = v (or WritableState's: one flag for both
// sides). Where Node's isReadable and isWritable answer null (a stream
// without that side), [IsReadableOK] and [IsWritableOK] answer ok false;
// IsReadable and IsWritable answer false. Node's Duplex has no
// writableAborted (it is undefined there); Go's Duplex has the method of
// its writable side, which answers as a Writable's. A Writable has no Pipe
// in Go; Node's w.pipe(dest), the legacy pipe, is [LegacyPipe](w, dest,
// opts), which gives w ERR_STREAM_CANNOT_PIPE as Node does.
//
// Node's operators with an async function and { concurrency,
// highWaterMark, signal } are [MapAsync], [FilterAsync], [FlatMapAsync]
// (on the loop) and [ForEachAsync], [FindAsync], [SomeAsync], [EveryAsync]
// (blocking, off the loop), given [OperatorOptions]. The async function is
// an [AsyncFunc]: called on the loop, it reports its result through a done
// callback later, from the loop or any goroutine; [OffLoop] makes one of a
// blocking Go function, each call on a goroutine of its own, at most
// Concurrency at once. Results come out in the order of the values, as in
// Node. Where Node's operators notice an aborted signal only at their next
// value, a cancelled Context destroys the result at once (cancellation
// wins), and the result's 'close' waits for the calls in flight, so that
// no goroutine outlives it. Node's reduce with { signal } gives its reducer
// a signal of its own; Reduce's ctx stops the reduction, and a reducer
// that must stop with it closes over that ctx.
//
// Node's promise-returning helpers are blocking calls taking a context
// where Node takes a signal, for ordinary Go code off the loop:
// events.once(emitter, name) is [Once], events.on is [On] and [OnWith]
// (a sequence of each emit's arguments), stream/promises finished is
// [WaitFinished], readable.toArray() is [ToArray].
// They drive the loop themselves when no goroutine runs it, and return
// ERR_LOOP_STALLED when the loop goes idle before what they wait for, where
// Node's process would exit with the promise pending.
//
// # Concurrency
//
// Node runs streams on one thread and defers work with process.nextTick;
// code that creates a stream and adds listeners in one synchronous block
// never misses an event. This package keeps that guarantee with a [Loop]:
// every stream belongs to one loop (the Loop option; nil means
// [DefaultLoop]), and all of its state changes, hooks, callbacks and
// listeners run on that loop, one at a time. A loop has a microtask queue
// ([Loop.NextTick]) drained after every macrotask, and a macrotask queue
// ([Loop.Post], Node's setImmediate).
//
// A loop also has Node's timers: [Loop.SetTimeout], [Loop.SetInterval] and
// [Loop.ClearTimeout], with Node's order against the two queues (each
// iteration runs the timers that are due, then the macrotasks queued
// before it began) and Node's 1 ms minimum delay. A pending timer keeps
// Run from returning unless it is unreferenced ([Timer.Unref]); an
// unreferenced timer still pending when Run returns stays scheduled, and
// fires in a later Run once due.
//
// A loop has no goroutine of its own. [Loop.Run] (or [Run] for the default
// loop) runs a function on the loop in the calling goroutine and returns
// when the loop is idle: both queues empty, no referenced timer pending and
// no work outstanding from [Loop.Go] or [Loop.Hold]. It is how a Go program enters the stream world,
// as a Node script's top level does. An 'error' event nobody listens to is
// returned by Run instead of crashing; a panic in a hook comes out of Run.
//
// Stream methods, hooks and listeners are loop-only: call them from code
// running on the loop (inside Run, a hook, a listener, a task), or while no
// goroutine is running the loop at all (to set streams up before Run). With
// NODESTREAM_DEBUG=1 in the environment, or after [EnableDebugChecks] (always
// on in this package's own tests), a loop-only method called from another
// goroutine while the loop runs panics with a clear message.
//
// Safe from any goroutine: [Loop.Post], [Loop.Hold], [Pending.Resolve],
// [Loop.Close], [Loop.Run], [GetDefaultHighWaterMark],
// [SetDefaultHighWaterMark], and the blocking adapters — [Reader] and
// [Writer] (io.ReadCloser and io.WriteCloser over streams), [Chunks] and
// [Pipeline] — which must not be called on the loop: there they return an error wrapping
// [ErrReentrant] instead of deadlocking.
//
// Node's module-level utilities are functions: [Finished], [PipelineWith],
// [Compose],
// [From] (Readable.from over an iter.Seq), [DuplexPair], [AddAbortSignal]
// (a context.Context plays the AbortSignal), [IsReadable], [IsWritable],
// [IsErrored], [IsDisturbed], [IsDestroyed], [GetDefaultHighWaterMark] and
// [SetDefaultHighWaterMark]. The operators are functions too: [Map],
// [Filter], [FlatMap], [Drop] and [Take] return a Readable on the loop;
// [ToArray], [ForEach], [Reduce], [Some], [Every] and [Find] consume a
// stream off the loop.
//
// [Chunks] is Node's for await over a Readable as a Go iterator, for code
// off the loop: for chunk, err := range stream.Chunks(ctx, r).
//
// [Pipeline] runs a chain of streams from ordinary Go code and returns its
// first error; cancelling its context destroys the streams with an
// AbortError. [PipelineWith] is Node's pipeline with a callback, on the
// loop.
//
// Blocking work (file or network I/O) goes through [Loop.Go]: the work runs
// on a goroutine and its result is handed to the loop, which stays alive
// meanwhile. [FromReader], [FromWriter] and [FromReadWriteCloser] wrap any
// io.Reader, io.Writer or net.Conn that way. Streams on different loops run
// in parallel: use one loop per independent group of streams (a request, a
// connection) to use several cores. Pipe also connects streams on
// different loops, so one pipeline can spread its stages over cores: the
// chunks cross between the loops in batches, with backpressure kept across
// (see [Readable.Pipe]).
//
// # Typed streams
//
// The Node-shaped API carries any, as Node does, and is the one to use
// when porting Node code, when one stream carries bytes and strings, or
// when a stream is someone else's to implement. When a stream carries
// values of one Go type, use the typed layer instead: [ReadableOf],
// [WritableOf] and [TransformOf] are those same streams, in object mode,
// with Push, Write, Read, OnData and the hooks typed; [MapOf], [FilterOf]
// and [FlatMapOf] are Transforms, so they go between a source and a sink
// in [Pipeline]; [ChunksOf], [ToArrayOf], [ReduceOf] and [FindOf] read a
// stream as T from ordinary Go code; [FromOf], [Produce] (a producer
// goroutine whose send blocks while the consumer is behind) and
// [FromChan] make typed sources. The two layers mix freely, as a typed
// stream is an ordinary one. A value of the wrong type that reaches a
// typed stream through the untyped side is never a panic: it is
// ERR_INVALID_ARG_TYPE naming both types, and the stream is destroyed
// with it.
//
// # At the edges
//
// Inside a loop the package is Node. Where the loop meets ordinary Go code
// these rules hold, and where Node has no answer they are this package's
// decisions:
//
//   - Cancellation wins. A cancelled context (the Context option of the
//     constructors, [AddAbortSignal], [PipelineOptions].Context, the ctx of
//     [Pipeline] and [Chunks]) takes effect before anything else runs on
//     its streams: the loop polls the contexts it watches after every
//     task and microtask and at the entry of each write, read and push,
//     so a cancel made in a hook stops the next chunk, and one made on
//     another goroutine before the loop goes idle is applied before Run
//     returns. Go cannot run code inside cancel itself, so the code after
//     a cancel in the same callback still runs, where Node's abort() would
//     already have destroyed the streams.
//   - Loops are explicit. [Readable.Pipe] bridges streams on two loops.
//     [PipelineWith], [Pipeline] and [Compose] run their machinery on one
//     loop, and refuse streams on another at once with ERR_INVALID_ARG_VALUE
//     naming the stage and both loops (see [Loop.String]): pipe between
//     loops, and run one pipeline per loop. [Finished] called from another
//     loop's task while the stream's loop runs posts its work to the
//     stream's loop, where its callback runs.
//   - A panic in a hook (Read, Write, Transform, ...) or a listener comes
//     out of Run, as Node's uncaught exception; errors recorded as
//     unhandled before it are kept for the next Run. A panic in a data
//     source or a mapping function (a [From] sequence, the function of
//     [Map], [Filter], [FlatMap]) becomes the stream's error, a
//     [*PanicError], as a throw in an async generator or a mapper does in
//     Node.
//   - Where Node throws from deep inside the machinery (a missing Write or
//     Transform hook, a chunk Push cannot take), the error is returned by
//     the public method that led there (Write, End, Uncork, PushWith);
//     with no such method on the way (a pipe, a tick) it is an uncaught
//     error that Run returns. No panic value of the package's own leaves
//     Run.
//   - Nil arguments are ERR_INVALID_ARG_TYPE. Functions that return an
//     error return it ([PipelineWith], [Pipeline], [Compose]); those that
//     have none panic with it, as Node throws ([Finished], [AddAbortSignal],
//     [Chunks]); [From] of a nil sequence returns a stream destroyed with
//     it. An 'error' event emitted with no argument reaches listeners as a
//     nil error, as Node passes undefined; one emitted with a value that is
//     not an error is wrapped, so that it is never taken for success.
//   - Blocking calls never wait forever: on an idle loop they return an
//     error with code ERR_LOOP_STALLED ([ErrStalled]) that names the call
//     and the state of its stream; on a closed loop ERR_LOOP_CLOSED
//     ([ErrLoopClosed]); on their own loop ERR_LOOP_REENTRANT
//     ([ErrReentrant]). These codes are the package's own: Node has no
//     such situations.
//   - Every ending releases. [FromReader], [FromWriter] and
//     [FromReadWriteCloser] close what they wrap exactly once on every
//     ending (end, error, destroy, a cancelled context, a closed loop), and
//     never while one of their own Reads or Writes still runs on it: a
//     net.Conn, an *os.File or an io.Pipe end is closed at once, which
//     unblocks the call, and anything else after the call returns. The
//     stream's 'close' comes after that. [Pipeline] returns only after
//     every stream of it that was destroyed has gone through its close
//     step, and [Chunks] only after its stream has, so when they return
//     the files under them are closed.
//   - Failure travels back across loops. A destination's error, close or
//     finish unpipes it from a source on another loop as on one loop (the
//     source pauses); a source destroyed before its end destroys a
//     destination on another loop; a panic leaving one loop's Run, or a
//     Close, destroys the stream on the other side of each pipe with
//     ERR_LOOP_PANICKED or ERR_LOOP_CLOSED. Loops linked by pipes end
//     together: when every loop that holds a cross-loop pipe waits on
//     nothing but such pipes, no chunk can move any more, and their Runs
//     return as idle, as a Node process with nothing pending exits.
package stream
