package nodesuite_test

// expectedFailures lists the blocks that fail because the library behaves
// differently from Node v20 and the difference is not fixed yet, keyed by
// subtest name, with the reason. A listed block still runs: it counts as
// failed in the tally, and the suite fails if it starts passing, so the
// list stays true.
var expectedFailures = map[string]string{
	"TestStreamPipelineListeners/last_stage_an_async_generator": "library differs: a function stage (DuplexFromFunc) last in a pipeline starts its function only when its readable side is read, as Duplex.from(fn) does; Node's pipeline calls a function stage at once and pumps it into a PassThrough, so its callback comes with nobody reading",
}
