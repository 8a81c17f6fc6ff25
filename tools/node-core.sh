#!/usr/bin/env bash
# Runs readable-stream test files against Node's core stream module, to
# find blocks that fail on Node v20 itself (they are n/a in the port).
#
#   tools/node-core.sh /path/to/readable-stream test-stream-foo.js ...
#
# The file is copied beside a copy of the package's test/common, with the
# package import replaced by require('stream') and tap stubbed out.
set -euo pipefail
src=$1; shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/test/parallel" "$work/node_modules/tap"
cp -r "$src/test/common" "$work/test/common"
cat > "$work/node_modules/tap/index.js" <<'JS'
module.exports = { pass() {}, fail(m) { console.error(m) }, test() {} }
JS
for f in "$@"; do
  sed -e "s#require('../../lib/ours/index')#require('stream')#" \
      -e "s#require('../../lib/stream/promises')#require('stream/promises')#" \
      -e "s#require('../../lib/ours/primordials')#require('$src/lib/ours/primordials')#" \
      -e "s#require('../../lib/\([^']*\)')#require('$src/lib/\1')#" \
      "$src/test/parallel/$f" > "$work/test/parallel/$f"
  if (cd "$work/test/parallel" && node "$f" >"$work/out" 2>&1); then
    echo "ok   $f"
  else
    echo "FAIL $f"; sed 's/^/     /' "$work/out" | head -20
  fi
done
