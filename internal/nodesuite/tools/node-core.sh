#!/usr/bin/env bash
# Runs readable-stream v4 test/parallel files against Node's core stream
# module instead of the package: the check, before porting a block, that it
# passes on Node v20 itself.
#
#   node-core.sh RS_DIR test-stream-foo.js...   (RS_DIR: a readable-stream
#   checkout, v4.7.0; RS_DIR/test and RS_DIR/lib are used)
#
# Each file is copied into a scratch tree beside RS_DIR/test/common with the
# package's imports pointed at core ('stream', 'stream/promises', the
# internal modules through --expose-internals) and the tap and polyfill
# imports pointed at shims; it prints "ok FILE" or "FAIL FILE" and the
# output. The exit status is the number of failing files.
set -uo pipefail
rs="$1"; shift
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/test/parallel" "$work/node_modules/tap" "$work/node_modules/abort-controller" "$work/node_modules/event-target-shim"
cp -r "$rs/test/common" "$rs/test/fixtures" "$work/test/" 2>/dev/null
cp -r "$rs/lib" "$work/lib"
cat > "$work/node_modules/tap/index.js" <<'JS'
module.exports = { pass() {}, fail(msg) { console.error('tap.fail:', msg); process.exitCode = 1 }, test(name, fn) { return fn({ end() {}, plan() {}, ok() {} }) } }
JS
echo 'export default { pass() {}, fail(msg) { console.error("tap.fail:", msg); process.exitCode = 1 } }' > "$work/node_modules/tap/index.mjs"
echo '{"name":"tap","main":"index.js","exports":{"import":"./index.mjs","require":"./index.js"}}' > "$work/node_modules/tap/package.json"
echo 'module.exports = { AbortController: globalThis.AbortController, AbortSignal: globalThis.AbortSignal }' > "$work/node_modules/abort-controller/index.js"
echo 'module.exports = { EventTarget: globalThis.EventTarget, Event: globalThis.Event, defineEventAttribute() {} }' > "$work/node_modules/event-target-shim/index.js"
fails=0
for f in "$@"; do
	name="$(basename "$f")"
	sed -e "s#require('../../lib/ours/index')#require('stream')#g" \
		-e "s#require('../../lib/stream/promises')#require('stream/promises')#g" \
		-e "s#require('../../lib/stream')#require('stream')#g" \
		-e "s#require('../../lib/_stream_\([a-z]*\)')#require('_stream_\1')#g" \
		-e "s#require('../../lib/internal/streams/\([a-z_-]*\)')#require('internal/streams/\1')#g" \
		-e "s#from '../../lib/ours/index.js'#from 'stream'#g" \
		"$rs/test/parallel/$name" > "$work/test/parallel/$name"
	if out="$(cd "$work/test/parallel" && timeout 60 node --expose-internals --no-warnings "$name" 2>&1)"; then
		echo "ok $name"
	else
		echo "FAIL $name"
		echo "$out" | head -40
		fails=$((fails + 1))
	fi
done
exit $fails
