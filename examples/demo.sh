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
echo "demo finished" >&2
