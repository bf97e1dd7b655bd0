"""Every finding `validate` reports over the corpus and examples/, to compare two versions.

    .venv/bin/python bench/findings_snapshot.py --write /tmp/before.json   # with the old code
    .venv/bin/python bench/findings_snapshot.py --compare /tmp/before.json  # with the new code

A row is (path, code, pointer, line, column, message), in report order. `--compare` prints the
rows only one side has and exits 1 when the lists differ (order included). This is a script,
not a test: the corpus lives outside the repository and the schemas' content is being
restructured, so a committed snapshot would break for reasons that are not regressions.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from _common import CORPUS, REPO

from mlassets.validation.check import validate_paths

Row = list[object]


def snapshot(roots: list[Path]) -> list[Row]:
    report = validate_paths(roots, workers=1)
    rows: list[Row] = []
    for file in sorted(report.files, key=lambda r: r.path):
        for f in file.findings:
            line, column = (f.position.line, f.position.column) if f.position else (None, None)
            rows.append([file.path, f.code, f.pointer, line, column, f.message])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path)
    action.add_argument("--compare", type=Path)
    args = parser.parse_args()
    roots = [p for p in (CORPUS, REPO / "examples") if p.is_dir()]
    rows = snapshot(roots)
    if args.write:
        args.write.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(rows)} findings written to {args.write}")
        return
    before = [list(r) for r in json.loads(args.compare.read_text(encoding="utf-8"))]
    old, new = {json.dumps(r) for r in before}, {json.dumps(r) for r in rows}
    for row in before:
        if json.dumps(row) not in new:
            print("-", row)
    for row in rows:
        if json.dumps(row) not in old:
            print("+", row)
    same = before == rows
    print(f"{len(before)} before, {len(rows)} now: {'identical' if same else 'DIFFERENT'}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
