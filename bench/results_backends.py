"""Results import, `leaderboard` and `select models` on SQLite and PostgreSQL, in the same run.

A results CSV of `--datasets` x `--models` cells (70% filled, seed 1) is imported into a fresh
SQLite file and a fresh PostgreSQL database (a throwaway server this script starts), alternating
the two `--rounds` times; then `--queries` leaderboards and selections (warm: the first of each
is not counted) on both. Wall time beside CPU time: this process's (user + sys) and, for
PostgreSQL, its server backend's (read from /proc).

    PYTHONPATH=src .venv/bin/python bench/results_backends.py --datasets 400 --models 700
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import REPO

sys.path.insert(0, str(REPO))
from tests.support.realparts import PostgresServer, pg_bindir  # noqa: E402

from mlassets.catalog import Catalog, SqliteCatalog  # noqa: E402

FETCHED = "2026-12-02T00:00:00Z"


def write_csv(path: Path, datasets: int, models: int) -> int:
    rng = random.Random(1)
    skill = [rng.uniform(0, 0.3) for _ in range(models)]
    rows = 0
    with path.open("w") as out:
        out.write("dataset,model,metric,value\n")
        for d in range(datasets):
            base = rng.uniform(0.4, 0.6)
            for m in range(models):
                if rng.random() < 0.7:
                    value = base + skill[m] + rng.gauss(0, 0.03)
                    out.write(f"ds{d},hf://acme/m{m},accuracy,{value:.6f}\n")
                    rows += 1
    return rows


def backend_cpu(catalog: Catalog) -> float:
    """CPU seconds of the PostgreSQL backend serving `catalog` (0 for SQLite: in-process)."""
    connection = getattr(catalog, "connection", None)
    if connection is None or isinstance(catalog, SqliteCatalog):
        return 0.0
    pid = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(catalog: Catalog, work: Callable[[], object]) -> tuple[float, float, float]:
    """(wall, this process's CPU, the server backend's CPU) of `work()`."""
    cpu, server, wall = time.process_time(), backend_cpu(catalog), time.perf_counter()
    work()
    return (
        time.perf_counter() - wall,
        time.process_time() - cpu,
        backend_cpu(catalog) - server,
    )


def p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", type=int, default=400)
    parser.add_argument("--models", type=int, default=700)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=20)
    args = parser.parse_args()
    bindir = pg_bindir()
    if bindir is None:
        sys.exit("no PostgreSQL server binaries")
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="results-bench-") as scratch:
        work = Path(scratch)
        csv = work / "results.csv"
        rows = write_csv(csv, args.datasets, args.models)
        print(f"{rows:,} results ({args.datasets} datasets x {args.models} models, 70% filled)")
        server = PostgresServer(bindir, durable=True)
        server.start()
        try:
            targets: dict[str, str] = {}
            for r in range(args.rounds):
                targets = {
                    "sqlite": str(work / f"c{r}.db"),
                    "postgresql": server.create_database(),
                }
                for name, target in targets.items():
                    with Catalog.open(target, create=True) as catalog:
                        wall, cpu, backend = timed(
                            catalog, lambda c=catalog: c.import_results_csv(csv, FETCHED)
                        )
                    print(
                        f"round {r + 1} import {name:10s}: {wall:6.2f} s wall, "
                        f"{rows / wall:9,.0f} rows/s; CPU {cpu:6.2f} s here + {backend:6.2f} s "
                        f"server backend"
                    )
            queries(targets, args.datasets, args.queries)
        finally:
            server.stop()
    print(f"load average at end: {os.getloadavg()}")


def queries(targets: dict[str, str], datasets: int, count: int) -> None:
    """Leaderboard and select p50/p95 on both backends, alternating query by query."""
    picked = random.Random(2).sample(range(datasets), count + 1)
    catalogs = {name: Catalog.open(target) for name, target in targets.items()}
    samples: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    try:
        for i, d in enumerate(picked):
            for name, catalog in catalogs.items():
                for what, work in (
                    ("leaderboard", lambda c=catalog, t=d: c.leaderboard(f"ds{t}")),
                    ("select", lambda c=catalog, t=d: c.select_models(f"ds{t}", k=10)),
                ):
                    sample = timed(catalog, work)
                    if i:  # the first of each is the cold one (tuning, caches)
                        samples.setdefault((what, name), []).append(sample)
    finally:
        for catalog in catalogs.values():
            catalog.close()
    for (what, name), got in sorted(samples.items()):
        walls = [s[0] for s in got]
        cpu = statistics.mean(s[1] for s in got) * 1000
        backend = statistics.mean(s[2] for s in got) * 1000
        print(
            f"{what:11s} {name:10s}: p50 {p(walls, 0.5):7.1f} ms, p95 {p(walls, 0.95):7.1f} ms; "
            f"mean CPU {cpu:6.1f} ms here + {backend:6.1f} ms server backend"
        )


if __name__ == "__main__":
    main()
