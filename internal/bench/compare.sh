#!/usr/bin/env bash
# compare.sh runs the Node versions of the benchmark workloads (node/, copied
# from the conformance kit's ../shared/bench) and the matching Go benchmarks
# back to back, and prints chunks (or objects, or reads) per second for both
# with the Go/Node ratio. Each figure is the best of RUNS runs (default 3),
# which is the most stable statistic on a shared, noisy machine.
#
#   bash internal/bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-3000000}
RUNS=${RUNS:-3}

best() { sort -g | tail -1; }

node_rate() { # script args... -> best rate over RUNS runs
	for _ in $(seq "$RUNS"); do node_rate1 "$@"; done | best
}

node_rate1() {
	node "internal/bench/node/$1" "${@:2}" | sed -n 's/.*\(chunks_per_s\|reads_per_s\)=\([0-9.]*\).*/\2/p; s/.*workload=objects-pipe.* rate=\([0-9.]*\) unit=objects\/s.*/\1/p; s/.*workload=write-drain.*writes_per_s=\([0-9.]*\).*/\1/p' | head -1
}

go_rate() { # benchmark name -> best ops per second over RUNS runs
	go test -run XXX -bench "^$1\$" -benchtime "${N}x" -count "$RUNS" . | awk -v b="$1" '$1 ~ b { print 1e9 / $3 }' | best
}

row() { # label node-rate go-rate
	awk -v l="$1" -v n="$2" -v g="$3" 'BEGIN { printf "%-26s node %12.0f/s   go %12.0f/s   go/node %.2fx\n", l, n, g, g / n }'
}

row "bytes-pipe 64 KiB"  "$(node_rate bytes-pipe.js 65536 $((N * 65536)))" "$(go_rate BenchmarkPipe64K)"
row "bytes-pipe 1 KiB"   "$(node_rate bytes-pipe.js 1024 $((N * 1024)))"   "$(go_rate BenchmarkPipe1K)"
row "objects-pipe"       "$(node_rate objects-pipe.js "$N")"               "$(go_rate BenchmarkPipeObjects)"
row "write-drain 1 KiB"  "$(node_rate write-drain.js $((N * 1024)))"       "$(go_rate BenchmarkWritableDrainNextTick)"
row "readable-read 100"  "$(node_rate readable-read.js $((N * 100)))"      "$(go_rate BenchmarkReadableRead100)"
