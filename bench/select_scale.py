"""Scale of results, leaderboard and select: a generated catalog of N assets and R results.

Assets are written straight into the catalog's tables (what `index` leaves behind; indexing a
million manifests is measured by catalog_bench.py); results go through the real CSV import
(`import_results_csv`, what `mlassets results import` runs), then leaderboard and select are
timed through the Python API on random datasets, each query once cold and once warm, and a few
times through the CLI (fresh processes). Datasets have 16 features; a tenth of the queried
datasets have no results (cold start).

    .venv/bin/python bench/select_scale.py [--assets 1000000] [--results 10000000]
        [--datasets 10000] [--queries 40] [--work build/select-scale]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from mlassets.catalog import SqliteCatalog
from mlassets.catalog.leaderboard import leaderboard
from mlassets.catalog.results import import_features
from mlassets.catalog.results_csv import import_results_csv
from mlassets.catalog.select import select_models
from mlassets.selection.records import DatasetFeature

LICENSES = (
    ("Apache-2.0", "permissive", 1),
    ("MIT", "permissive", 1),
    ("CC-BY-NC-4.0", "non-commercial", 0),
)


def build_assets(db_path: Path, assets: int, datasets: int) -> float:
    start = time.perf_counter()
    db = SqliteCatalog.open(db_path, create=True).connection
    rows = (
        (
            i + 1,
            f"hf://datasets/gen/d{i}" if i < datasets else f"hf://gen/m{i}",
            "dataset" if i < datasets else "model",
            *LICENSES[i % 3],
        )
        for i in range(assets)
    )
    with db:
        db.executemany(
            "INSERT INTO assets (rowid, id, kind, license, license_category, commercial_use) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    db.close()
    return time.perf_counter() - start


def write_results(path: Path, results: int, datasets: int, models: int, seed: int) -> None:
    rng = random.Random(seed)
    per = results // datasets
    skill = [rng.random() for _ in range(models)]
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["dataset", "model", "metric", "value"])
        for d in range(datasets):
            ease = rng.random() * 0.3
            for m in rng.sample(range(models), per):
                value = 0.4 + ease + 0.3 * skill[m] + rng.gauss(0, 0.02)
                writer.writerow(
                    [
                        f"hf://datasets/gen/d{d}",
                        f"hf://gen/m{m + datasets}",
                        "accuracy",
                        f"{value:.4f}",
                    ]
                )


def features(datasets: int, seed: int) -> list[DatasetFeature]:
    rng = random.Random(seed)
    return [
        DatasetFeature(f"hf://datasets/gen/d{d}", f"v{j}", rng.gauss(0, 1))
        for d in range(datasets)
        for j in range(16)
    ]


def p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def summary(name: str, samples: list[float], cpu: list[float]) -> str:
    """Wall p50/p95/max, and the CPU time (user+sys) of the same calls: p50 and total."""
    low, high, top = p(samples, 0.5), p(samples, 0.95), max(samples) * 1000
    return (
        f"| {name} | {low:.0f} ms | {high:.0f} ms | {top:.0f} ms | {len(samples)} "
        f"| {p(cpu, 0.5):.0f} ms | {sum(cpu):.1f} s |"
    )


def cpu_seconds(children: bool = False) -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


Timings = dict[str, tuple[list[float], list[float]]]  # wall and CPU seconds per call


def timed_queries(db_path: Path, targets: list[str]) -> Timings:
    db = SqliteCatalog.open(db_path, create=True).connection
    out: Timings = {
        k: ([], []) for k in ("leaderboard cold", "leaderboard warm", "select first", "select warm")
    }
    for target in targets:
        for label, call in (
            ("leaderboard", lambda t=target: leaderboard(db, t)),
            ("select", lambda t=target: select_models(db, t, k=10)),
        ):
            if label == "leaderboard" and target.endswith("-cold"):
                continue
            for phase in ("cold" if label == "leaderboard" else "first", "warm"):
                start, cpu = time.perf_counter(), cpu_seconds()
                call()
                out[f"{label} {phase}"][0].append(time.perf_counter() - start)
                out[f"{label} {phase}"][1].append(cpu_seconds() - cpu)
    return out


def cli_times(db_path: Path, targets: list[str]) -> Timings:
    out: Timings = {"CLI select (warm)": ([], []), "CLI leaderboard": ([], [])}
    for target in targets:
        for label, args in (
            ("CLI select (warm)", ["select", "models", "--for", target]),
            ("CLI leaderboard", ["leaderboard", target]),
        ):
            if label == "CLI leaderboard" and target.endswith("-cold"):
                continue
            start, cpu = time.perf_counter(), cpu_seconds(children=True)
            subprocess.run(
                [sys.executable, "-m", "mlassets", *args, "--db", str(db_path)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            out[label][0].append(time.perf_counter() - start)
            out[label][1].append(cpu_seconds(children=True) - cpu)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assets", type=int, default=1_000_000)
    parser.add_argument("--results", type=int, default=10_000_000)
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--work", type=Path, default=Path("build/select-scale"))
    parser.add_argument("--reuse", action="store_true", help="Time the queries on WORK's catalog.")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db_path, csv_path = args.work / "catalog.db", args.work / "results.csv"
    if not (args.reuse and db_path.exists()):
        build(args, db_path, csv_path)
    rng = random.Random(9)
    cold = args.queries // 10
    targets = [
        f"hf://datasets/gen/d{rng.randrange(args.datasets)}" for _ in range(args.queries - cold)
    ]
    targets += [f"q{i}-cold" for i in range(cold)]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| query | p50 | p95 | max | n | CPU p50 | CPU total |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, (samples, cpu) in timed_queries(db_path, targets).items():
        print(summary(name, samples, cpu), flush=True)
    for name, (samples, cpu) in cli_times(db_path, targets[:5] + targets[-2:]).items():
        print(summary(name, samples, cpu), flush=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def build(args: argparse.Namespace, db_path: Path, csv_path: Path) -> None:
    db_path.unlink(missing_ok=True)
    print(f"assets: {build_assets(db_path, args.assets, args.datasets):.1f} s", flush=True)
    start = time.perf_counter()
    write_results(csv_path, args.results, args.datasets, args.assets - args.datasets, 7)
    print(f"generate CSV: {time.perf_counter() - start:.1f} s", flush=True)
    db = SqliteCatalog.open(db_path, create=True).connection
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cpu = cpu_seconds()
    report = import_results_csv(db, csv_path, "2026-01-01T00:00:00Z")
    rate, cpu = report.rows / report.seconds, cpu_seconds() - cpu
    print(
        f"| results import | {report.rows:,} rows | {report.seconds:.1f} s | {rate:,.0f} rows/s "
        f"| CPU {cpu:.1f} s |"
    )
    cold = [
        DatasetFeature(f"q{i}-cold", f"v{j}", random.Random(i).gauss(0, 1))
        for i in range(args.queries // 10)
        for j in range(16)
    ]
    import_features(db, features(args.datasets, 8) + cold)
    db.close()


if __name__ == "__main__":
    main()
