#!/usr/bin/env bash
# `make demo`: the main job, offline, on the example cards written for this project.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${MLASSETS_VENV:-.venv}  # the test suite points this at the venv it runs in
mlassets=$(cd "$venv" && pwd)/bin/mlassets  # absolute: step 7 runs it from another folder
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

echo >&2
echo "== 4. Normalise license strings as people write them" >&2
"$mlassets" licenses normalize "Apache License, Version 2.0" "CC BY-NC-SA 4.0" \
  "This dataset is licensed under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)." \
  "GNU GPL" "unkown"

echo >&2
echo "== 5. License-check the example models for commercial use, along their lineage" >&2
echo "   (base models and datasets from examples/manifests; acme-support-bot launders a" >&2
echo "   non-commercial dataset, so this step is expected to fail with exit 1)" >&2
status=0
"$mlassets" license-check examples/cards/models/acme-sentiment-small.md \
  examples/cards/models/acme-chat-adapter.md examples/cards/models/acme-support-bot.md \
  --manifests examples/manifests --use commercial || status=$?
[ "$status" -eq 1 ] || { echo "expected a failed license check (exit 1), got exit $status" >&2; exit 1; }

echo >&2
echo "== 6. Catalog: index the manifests, search, walk lineage, recommend, audit" >&2
cp examples/manifests/*.json "$out/manifests/"
"$mlassets" index "$out/manifests" --db "$out/mlassets.db"
"$mlassets" search "support chats" --db "$out/mlassets.db"
"$mlassets" lineage examples/cards/models/acme-support-bot.md --db "$out/mlassets.db"
"$mlassets" recommend datasets --for examples/cards/models/acme-support-bot.md --use commercial \
  --db "$out/mlassets.db"
"$mlassets" audit --db "$out/mlassets.db"

echo >&2
echo "== 7. Reproducibility: sync examples/project from a stand-in Hub and OpenML on 127.0.0.1" >&2
echo "   (the test suite's loopback server, tests/fakehub: nothing leaves this machine)" >&2
project="$out/project"
mkdir -p "$project"
cp examples/project/mlassets.yaml "$project/"
"$venv/bin/python" -m tests.fakehub.server --port 0 >"$out/hub.log" 2>&1 &
hub=$!
trap 'kill "$hub" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "^serving on " "$out/hub.log" && break; sleep 0.1; done
url=$(sed -n 's/^serving on //p' "$out/hub.log")
[ -n "$url" ] || { echo "the stand-in hub did not start: $(cat "$out/hub.log")" >&2; exit 1; }
root=$PWD
export HF_ENDPOINT="$url" HF_HOME="$root/$out/hf" HF_HUB_DISABLE_TELEMETRY=1 \
  NO_PROXY=127.0.0.1,localhost MLASSETS_OPENML_SERVER="$url/api/v1/xml" \
  OPENML_CACHE_DIR="$root/$out/openml" XDG_CONFIG_HOME="$root/$out/config" \
  SOURCE_DATE_EPOCH=1767225600
cd "$project"
"$mlassets" sync
echo "-- sync again: nothing moved upstream, so no card is downloaded" >&2
"$mlassets" sync
"$mlassets" sync --frozen
"$mlassets" outdated
"$mlassets" verify
echo "-- license-check with no targets: the locked assets, for the project's use (commercial);" >&2
echo "   expected to fail with exit 1 on the CC-BY-NC-4.0 revision" >&2
status=0
"$mlassets" license-check || status=$?
[ "$status" -eq 1 ] || { echo "expected a failed license check (exit 1), got exit $status" >&2; exit 1; }
echo "-- what changed between two revisions (exit 1: they differ)" >&2
status=0
"$mlassets" diff hf://acme/tiny-model@v1.0 hf://acme/tiny-model@main || status=$?
[ "$status" -eq 1 ] || { echo "expected differences (exit 1), got exit $status" >&2; exit 1; }
echo "-- exports for supply-chain tools, into $out/" >&2
"$mlassets" export --format cyclonedx --out "$root/$out/bom.cdx.json"
"$mlassets" export --format spdx --out "$root/$out/bom.spdx.json"
"$mlassets" export --format spdx3 --out "$root/$out/bom.spdx3.jsonld"
"$mlassets" export --format croissant --out "$root/$out/croissant"
echo "demo finished" >&2
