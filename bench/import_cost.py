"""Import cost of a command, per top-level package, from `python -X importtime` (median of runs).

Each package's figure is the sum of the self times of its modules (so packages add up to the
total without double counting what they import from each other).

Usage: .venv/bin/python bench/import_cost.py [--python BIN] [--runs 15] [--top 20] -- ARGS...
  e.g. bench/import_cost.py --python /tmp/hook/bin/python -- validate examples/cards/models/x.md
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
from collections import defaultdict

from _common import BIN


def one_run(python: str, args: list[str]) -> dict[str, float]:
    done = subprocess.run(
        [python, "-X", "importtime", "-m", "mlassets", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    per_package: dict[str, float] = defaultdict(float)
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        self_us, _cumulative, name = (part.strip() for part in line[12:].split("|"))
        top = name.split(".")[0]
        if top == "mlassets":  # our own layers separately: they are what we can change
            top = ".".join(name.split(".")[:2])
        per_package[top] += int(self_us) / 1000
    return per_package


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", default=str(BIN / "python"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("args", nargs="+")
    options = parser.parse_args()
    runs = [one_run(options.python, options.args) for _ in range(options.runs)]
    names = {name for run in runs for name in run}
    medians = {name: statistics.median(run.get(name, 0.0) for run in runs) for name in names}
    total = statistics.median(sum(run.values()) for run in runs)
    print(f"import time of `mlassets {' '.join(options.args)}`, median of {options.runs} runs")
    print(f"  {'total':<34}{total:7.1f} ms")
    for name, value in sorted(medians.items(), key=lambda kv: -kv[1])[: options.top]:
        print(f"  {name:<34}{value:7.1f} ms")


if __name__ == "__main__":
    main()
