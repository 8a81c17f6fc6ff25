package stream

import "testing"

// The benchmarks move b.N chunks inside one Loop.Run, as a Node program
// moves them inside one process. Chunks are boxed once, outside the timed
// loop, so the allocations reported are the library's own.

func runBench(b *testing.B, fn func(l *Loop)) {
	b.Helper()
	l := NewLoop()
	b.ReportAllocs()
	b.ResetTimer()
	if err := l.Run(func() { fn(l) }); err != nil {
		b.Fatal(err)
	}
}

// inBatches runs step b.N times on the loop, in macrotasks of 1000 steps,
// so the microtasks the steps queue are drained as they would be between
// I/O events, rather than piling up in one long task.
func inBatches(b *testing.B, l *Loop, step func()) {
	i := 0
	var batch func()
	batch = func() {
		for end := min(i+1000, b.N); i < end; i++ {
			step()
		}
		if i < b.N {
			l.Post(batch)
		}
	}
	batch()
}

func BenchmarkReadablePushRead64K(b *testing.B) {
	var chunk any = make([]byte, 64<<10)
	runBench(b, func(l *Loop) {
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		inBatches(b, l, func() {
			r.Push(chunk)
			if r.Read() == nil {
				b.Fatal("nothing read")
			}
		})
	})
	b.SetBytes(64 << 10)
}

func BenchmarkReadableFlowing1K(b *testing.B) {
	var chunk any = make([]byte, 1<<10)
	n := 0
	runBench(b, func(l *Loop) {
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
			if n == b.N {
				r.Push(nil)
				return
			}
			n++
			r.Push(chunk)
		}})
		r.OnData(func(any) {})
	})
	b.SetBytes(1 << 10)
}

func BenchmarkReadableObjectMode(b *testing.B) {
	var v any = 42
	runBench(b, func(l *Loop) {
		r := NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {}})
		inBatches(b, l, func() {
			r.Push(v)
			if r.Read() == nil {
				b.Fatal("nothing read")
			}
		})
	})
}

func BenchmarkWritableSync1K(b *testing.B) {
	var chunk any = make([]byte, 1<<10)
	runBench(b, func(l *Loop) {
		w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		for i := 0; i < b.N; i++ {
			w.Write(chunk)
		}
		w.End()
	})
	b.SetBytes(1 << 10)
}

// callBack calls a write callback handed over as NextTickWith's argument.
func callBack(cb any) { cb.(func(error))(nil) }

// BenchmarkWritableDrainNextTick is write-drain with the write hook calling
// back on the next tick through NextTickWith (no allocation);
// BenchmarkWritableDrainNextTickClosure is the same with the direct
// translation of Node's process.nextTick(cb), a closure per write.
func BenchmarkWritableDrainNextTick(b *testing.B) {
	benchWriteDrain(b, func(l *Loop, cb func(error)) { l.NextTickWith(callBack, cb) })
}

func BenchmarkWritableDrainNextTickClosure(b *testing.B) {
	benchWriteDrain(b, func(l *Loop, cb func(error)) { l.NextTick(func() { cb(nil) }) })
}

func benchWriteDrain(b *testing.B, later func(l *Loop, cb func(error))) {
	var chunk any = make([]byte, 1<<10)
	runBench(b, func(l *Loop) {
		var w *Writable
		w = NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) {
			later(l, cb)
		}})
		i := 0
		var write func()
		write = func() {
			for i < b.N {
				i++
				if ok, _ := w.Write(chunk); !ok {
					return
				}
			}
			w.End()
		}
		w.OnDrain(write)
		write()
	})
	b.SetBytes(1 << 10)
}

func BenchmarkWritableCorkWritev64(b *testing.B) {
	var chunk any = make([]byte, 16)
	runBench(b, func(l *Loop) {
		w := NewWritable(WritableOptions{Loop: l,
			Write:  func(_ any, _ string, cb func(error)) { cb(nil) },
			Writev: func(_ []WriteChunk, cb func(error)) { cb(nil) },
		})
		for i := 0; i < b.N; i++ {
			w.Cork()
			for j := 0; j < 64; j++ {
				w.Write(chunk)
			}
			w.Uncork()
		}
		w.End()
	})
}

func BenchmarkWritableObjectMode(b *testing.B) {
	var v any = 42
	runBench(b, func(l *Loop) {
		w := NewWritable(WritableOptions{Loop: l, ObjectMode: true, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		for i := 0; i < b.N; i++ {
			w.Write(v)
		}
		w.End()
	})
}

// benchSource returns a Readable that pushes chunk n times, then ends. Like
// the Node workloads in ../shared/bench, its read hook pushes until Push
// returns false.
func benchSource(l *Loop, objectMode bool, chunk any, n int) *Readable {
	i := 0
	var r *Readable
	r = NewReadable(ReadableOptions{Loop: l, ObjectMode: objectMode, Read: func(int) {
		for i < n {
			i++
			if !r.Push(chunk) {
				return
			}
		}
		r.Push(nil)
	}})
	return r
}

func benchSink(l *Loop, objectMode bool, count *int) *Writable {
	return NewWritable(WritableOptions{Loop: l, ObjectMode: objectMode, Write: func(_ any, _ string, cb func(error)) {
		*count++
		cb(nil)
	}})
}

func BenchmarkPassThrough64K(b *testing.B) {
	var chunk any = make([]byte, 64<<10)
	count := 0
	runBench(b, func(l *Loop) {
		p := NewPassThrough(DuplexOptions{Loop: l})
		p.OnData(func(any) { count++ })
		for i := 0; i < b.N; i++ {
			p.Write(chunk)
		}
		p.End()
	})
	if count != b.N {
		b.Fatalf("got %d chunks, want %d", count, b.N)
	}
	b.SetBytes(64 << 10)
}

// BenchmarkTransformObjects3 writes b.N objects into three chained
// Transforms (map i*2, filter i%4 == 0, identity) read by a 'data'
// listener: the Transform machinery without a source or sink stream.
func BenchmarkTransformObjects3(b *testing.B) {
	vals := make([]any, 1024)
	for i := range vals {
		vals[i] = i
	}
	got := 0
	runBench(b, func(l *Loop) {
		obj := DuplexOptions{Loop: l, ObjectMode: true}
		double := NewTransform(TransformOptions{DuplexOptions: obj, Transform: func(c any, _ string, cb func(error, any)) {
			cb(nil, vals[(c.(int)*2)&1023])
		}})
		filter := NewTransform(TransformOptions{DuplexOptions: obj, Transform: func(c any, _ string, cb func(error, any)) {
			if c.(int)%4 == 0 {
				cb(nil, c)
				return
			}
			cb(nil, nil)
		}})
		ident := NewTransform(TransformOptions{DuplexOptions: obj, Transform: func(c any, _ string, cb func(error, any)) {
			cb(nil, c)
		}})
		double.Pipe(filter)
		filter.Pipe(ident)
		ident.OnData(func(any) { got++ })
		i := 0
		var write func()
		write = func() {
			for i < b.N {
				v := vals[i&1023]
				i++
				if ok, _ := double.Write(v); !ok {
					return
				}
			}
			double.End()
		}
		double.OnDrain(write)
		write()
	})
	if got != (b.N+1)/2 {
		b.Fatalf("got %d objects, want %d", got, (b.N+1)/2)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "objects/s")
}

func benchPipeBytes(b *testing.B, size int) {
	var chunk any = make([]byte, size)
	count := 0
	runBench(b, func(l *Loop) {
		src := benchSource(l, false, chunk, b.N)
		p := NewPassThrough(DuplexOptions{Loop: l})
		dst := benchSink(l, false, &count)
		src.Pipe(p)
		p.Pipe(dst)
	})
	if count != b.N {
		b.Fatalf("got %d chunks, want %d", count, b.N)
	}
	b.SetBytes(int64(size))
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "chunks/s")
}

func BenchmarkPipe64K(b *testing.B) { benchPipeBytes(b, 64<<10) }
func BenchmarkPipe1K(b *testing.B)  { benchPipeBytes(b, 1<<10) }

// BenchmarkPipeObjects moves b.N small objects through map (i*2), filter
// (i%4 == 0) and identity Transforms, as ../shared/bench/objects-pipe.js.
func BenchmarkPipeObjects(b *testing.B) {
	vals := make([]any, 1024)
	for i := range vals {
		vals[i] = i
	}
	sum := 0
	runBench(b, func(l *Loop) {
		i := 0
		var src *Readable
		src = NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {
			for i < b.N {
				v := vals[i&1023]
				i++
				if !src.Push(v) {
					return
				}
			}
			src.Push(nil)
		}})
		obj := DuplexOptions{Loop: l, ObjectMode: true}
		double := NewTransform(TransformOptions{DuplexOptions: obj, Transform: func(c any, _ string, cb func(error, any)) {
			cb(nil, vals[(c.(int)*2)&1023])
		}})
		filter := NewTransform(TransformOptions{DuplexOptions: obj, Transform: func(c any, _ string, cb func(error, any)) {
			if c.(int)%4 == 0 {
				cb(nil, c)
				return
			}
			cb(nil, nil)
		}})
		ident := NewTransform(TransformOptions{DuplexOptions: obj, Transform: func(c any, _ string, cb func(error, any)) {
			cb(nil, c)
		}})
		sink := NewWritable(WritableOptions{Loop: l, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
			sum += c.(int)
			cb(nil)
		}})
		src.Pipe(double)
		double.Pipe(filter)
		filter.Pipe(ident)
		ident.Pipe(sink)
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "objects/s")
}

// BenchmarkChannelPipeObjects is BenchmarkPipeObjects written as Go users
// write it by hand: a goroutine per stage, joined by channels of capacity
// 256, the same values and the same work per stage.
func BenchmarkChannelPipeObjects(b *testing.B) {
	vals := make([]any, 1024)
	for i := range vals {
		vals[i] = i
	}
	stage := func(in <-chan any, f func(any) (any, bool)) <-chan any {
		out := make(chan any, 256)
		go func() {
			for v := range in {
				if w, ok := f(v); ok {
					out <- w
				}
			}
			close(out)
		}()
		return out
	}
	b.ReportAllocs()
	b.ResetTimer()
	src := make(chan any, 256)
	go func() {
		for i := range b.N {
			src <- vals[i&1023]
		}
		close(src)
	}()
	double := stage(src, func(c any) (any, bool) { return vals[(c.(int)*2)&1023], true })
	filter := stage(double, func(c any) (any, bool) { return c, c.(int)%4 == 0 })
	ident := stage(filter, func(c any) (any, bool) { return c, true })
	sum := 0
	n := 0
	for c := range ident {
		sum += c.(int)
		n++
	}
	if b.N >= 1024 && (n == 0 || sum == 0) {
		b.Fatalf("%d values through, sum %d", n, sum)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "objects/s")
}

// BenchmarkReadableRead100 is ../shared/bench/readable-read.js: paused mode,
// a 'readable' listener looping ReadN(100) over 64 KiB pushes. Each op is
// one ReadN(100); returning a sub-slice boxes a new slice header, which is
// the one allocation per op.
func BenchmarkReadableRead100(b *testing.B) {
	chunk := make([]byte, 64<<10)
	var boxed any = chunk
	nChunks := (b.N*100 + len(chunk) - 1) / len(chunk)
	reads := 0
	runBench(b, func(l *Loop) {
		src := benchSource(l, false, boxed, nChunks)
		src.OnReadable(func() {
			for reads < b.N && src.ReadN(100) != nil {
				reads++
			}
			if reads == b.N {
				src.Destroy(nil)
			}
		})
	})
	b.SetBytes(100)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reads/s")
}

// BenchmarkPipeAcrossLoops64K is BenchmarkPipe64K with the PassThrough and
// the sink on a second loop (a second core): chunks cross between the
// loops in batches.
func BenchmarkPipeAcrossLoops64K(b *testing.B) {
	benchAcrossLoops(b, false, make([]byte, 64<<10))
	b.SetBytes(64 << 10)
}

// BenchmarkPipeAcrossLoopsObjects is the same pipe in object mode, where
// chunks are cheap and the hand-over's cost per batch shows most.
func BenchmarkPipeAcrossLoopsObjects(b *testing.B) {
	benchAcrossLoops(b, true, 42)
}

// benchAcrossLoops pipes b.N chunks from a source on one loop through a
// PassThrough to a sink on a second loop.
//
// The sink's counter sits alone on its cache lines: as a plain local it
// would be a tiny allocation next to the source's own counter, and the two
// loops writing neighbouring words on two cores would measure false
// sharing (about 50 ns a chunk here), not the hand-over.
func benchAcrossLoops(b *testing.B, objectMode bool, chunk any) {
	la, lb := NewLoop(), NewLoop()
	sink := new(struct {
		_     [64]byte
		count int
		_     [64]byte
	})
	src := benchSource(la, objectMode, chunk, b.N)
	p := NewPassThrough(DuplexOptions{Loop: lb, ObjectMode: objectMode})
	dst := benchSink(lb, objectMode, &sink.count)
	src.Pipe(p)
	p.Pipe(dst)
	b.ReportAllocs()
	b.ResetTimer()
	done := make(chan error)
	go func() { done <- lb.Run(nil) }()
	if err := la.Run(nil); err != nil {
		b.Fatal(err)
	}
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	if sink.count != b.N {
		b.Fatalf("got %d chunks, want %d", sink.count, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "chunks/s")
}
