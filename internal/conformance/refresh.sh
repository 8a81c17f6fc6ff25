#!/bin/sh
# Re-copies the conformance kit's scenarios and goldens into testdata, so
# that a clone of this repository tests itself without the kit.
#
#   internal/conformance/refresh.sh [KIT]
#
# KIT is the kit's directory, ../shared/conformance (relative to the
# repository root) by default.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
kit="${1:-$root/../shared/conformance}"
for set in scenarios generated; do
	[ -d "$kit/$set" ] || { echo "refresh.sh: no $kit/$set" >&2; exit 1; }
	dst="$here/testdata/$set"
	rm -rf "$dst"
	mkdir -p "$dst"
	# The kit's files are read-only; the copies must stay refreshable.
	cp "$kit/$set"/*.json "$kit/$set"/*.trace "$dst/"
	chmod 644 "$dst"/*
	echo "$set: $(ls "$dst" | grep -c '\.json$') scenarios"
done
