#!/usr/bin/env bash
# `make demo`: the main job, offline, on the example cards written for this project.
set -euo pipefail
cd "$(dirname "$0")/.."
mlassets=.venv/bin/mlassets
out=build/demo
rm -rf "$out"

echo "== 1. Curate examples/cards into manifests ($out/manifests)" >&2
SOURCE_DATE_EPOCH=1767225600 "$mlassets" fetch examples/cards --out "$out/manifests"

echo >&2
echo "== 2. Validate the cards (the examples include typical mistakes, so findings are expected)" >&2
status=0
"$mlassets" validate examples/cards || status=$?
[ "$status" -eq 1 ] || { echo "expected findings (exit 1), got exit $status" >&2; exit 1; }

echo >&2
echo "== 3. Validate the manifests against their own schema (expected: clean)" >&2
"$mlassets" validate "$out/manifests" --fail-on error
