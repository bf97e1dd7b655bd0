"""The results CSV import alone, with two source trees alternated in the same run.

A catalog of --assets assets (select_scale.py's generator, 1% datasets) and a CSV of --rows
results (1,000 a dataset) are built once in --work; then each run imports the CSV into a fresh
copy of that catalog in a child process, alternating the trees given by --side (a PYTHONPATH
each), and prints wall time, CPU time (user+sys, the child and its own children), rows/s and
the one-minute load average at the start.

    .venv/bin/python bench/results_import.py --work /tmp/imp --rows 1000000 \\
        --side main=../main/src --side new=src --rounds 2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

_RUN = """
import json, resource, sys, time
from pathlib import Path
from mlassets.catalog import SqliteCatalog
from mlassets.catalog.results_csv import import_results_csv
db = SqliteCatalog.open(Path(sys.argv[1])).connection
start = time.perf_counter()
report = import_results_csv(db, Path(sys.argv[2]), "2026-01-01T00:00:00Z")
wall = time.perf_counter() - start
stored = db.execute("SELECT count(*) FROM result_rows").fetchone()[0]
print(json.dumps({"wall": wall, "rows": report.rows, "stored": stored}))
"""


def build(work: Path, assets: int, rows: int) -> tuple[Path, Path]:
    sys.path.insert(0, str(Path(__file__).parent))
    import select_scale  # the same generator as the scale benchmark

    base, csv_path = work / f"base-{assets}.db", work / f"results-{rows}.csv"
    if not base.exists():
        select_scale.build_assets(base, assets, assets // 100)
    if not csv_path.exists():
        datasets = rows // 1000
        select_scale.write_results(csv_path, rows, datasets, assets - assets // 100, 7)
    return base, csv_path


def run(side: str, base: Path, csv_path: Path, work: Path) -> dict[str, float]:
    target = work / "run.db"
    shutil.copyfile(base, target)
    before = os.times()
    env = {**os.environ, "PYTHONPATH": side}
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(target), str(csv_path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    after = os.times()
    target.unlink()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return {**json.loads(out), "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--assets", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--side", action="append", required=True, help="NAME=PYTHONPATH")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    base, csv_path = build(args.work, args.assets, args.rows)
    sides = [s.split("=", 1) for s in args.side]
    print("| round | side | wall | CPU | rows/s | stored | load (1 min) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for round_ in range(1, args.rounds + 1):
        for name, path in sides:
            load = os.getloadavg()[0]
            got = run(str(Path(path).resolve()), base, csv_path, args.work)
            print(
                f"| {round_} | {name} | {got['wall']:.2f} s | {got['cpu']:.2f} s "
                f"| {got['rows'] / got['wall']:,.0f} | {got['stored']:,} | {load:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
