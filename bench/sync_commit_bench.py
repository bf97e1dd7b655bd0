"""Benchmark: sync's final commit of N staged manifests and the lock, with its crash journal
(`mlassets.workflows.sync_commit.commit`) against the commit it replaced (io.atomic's
`replace_together` with `write_lock`), alternated in one process, wall and CPU time each round.

Usage: .venv/bin/python bench/sync_commit_bench.py [--manifests 1000] [--rounds 6]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mlassets.documents.lock import LockEntry, write_lock
from mlassets.io.atomic import replace_together
from mlassets.workflows.sync_commit import STAGING, commit

Staged = tuple[Path, list[str], dict[str, LockEntry]]


def staged(root: Path, count: int) -> Staged:
    """`count` old manifests in root/manifests and a new one staged for each."""
    shutil.rmtree(root, ignore_errors=True)
    out = root / "manifests"
    (out / STAGING).mkdir(parents=True)
    names, entries = [], {}
    for i in range(count):
        ref = f"hf://owner/m{i:05d}"
        name = f"hf--owner--m{i:05d}.json"
        (out / name).write_bytes(b'{"old": true}\n' * 40)
        (out / STAGING / name).write_bytes(b'{"new": true}\n' * 40)
        names.append(name)
        entries[ref] = LockEntry(ref, ref, "1" * 40, "a" * 64, "MIT", "2026-01-01T00:00:00Z", name)
    return out, names, entries


def before(out: Path, names: list[str], entries: dict[str, LockEntry]) -> None:
    moves = [(out / STAGING / n, out / n) for n in names]
    replace_together(moves, lambda: write_lock(out.parent / "mlassets.lock", entries))


def after(out: Path, names: list[str], entries: dict[str, LockEntry]) -> None:
    commit(out, out.parent / "mlassets.lock", names, entries, [])


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--manifests", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()}")
    runs: dict[str, list[float]] = {"before": [], "after": []}
    cpus: dict[str, list[float]] = {"before": [], "after": []}
    commits: list[tuple[str, Callable[..., None]]] = [("before", before), ("after", after)]
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(args.rounds):
            for label, run in commits if round_ % 2 == 0 else commits[::-1]:
                ready = staged(Path(scratch) / "project", args.manifests)
                wall, cpu = time.perf_counter(), _cpu()
                run(*ready)
                wall, cpu = time.perf_counter() - wall, _cpu() - cpu
                runs[label].append(wall)
                cpus[label].append(cpu)
                print(f"round {round_} {label}: wall {wall * 1000:.1f} ms, cpu {cpu * 1000:.1f} ms")
    for label, walls in runs.items():
        wall_ms, cpu_ms = statistics.median(walls) * 1000, statistics.median(cpus[label]) * 1000
        print(f"{label}: median wall {wall_ms:.1f} ms, median cpu {cpu_ms:.1f} ms")
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
