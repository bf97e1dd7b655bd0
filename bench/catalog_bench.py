"""Catalog scale: index build rate, search and lineage latency, peak memory and database size.

For each N: synthetic manifests from bench/catalog_gen.py (seeded), then
- `mlassets index DIR --db FILE` in a child process: wall time, manifests per second, peak RSS
  of its process tree (parsing runs in worker processes), database size; then the same command
  again (nothing changed: the incremental path);
- in one process on the built catalog: 300 searches (one or two words drawn from the corpus
  vocabulary, a third with a facet filter), and lineage walks of depth 5 up from 300 models
  that have a base model, and down from their bases: p50 and p95 of each.

Usage: .venv/bin/python bench/catalog_bench.py [--sizes 10000,100000,1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from _common import BIN, wall_and_tree_peak
from catalog_gen import generate, profile

from mlassets.catalog import SqliteCatalog


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def _depth(graph: object) -> int:
    """Generations above the root in an up-walk."""
    from mlassets.catalog.graph import LineageGraph

    assert isinstance(graph, LineageGraph)
    parents: dict[str, list[str]] = {}
    for edge in graph.edges:
        parents.setdefault(edge.child, []).append(edge.parent)

    def height(node: str, seen: frozenset[str]) -> int:
        above = [p for p in parents.get(node, []) if p not in seen]
        return 1 + max((height(p, seen | {p}) for p in above), default=0) if above else 0

    return height(graph.root, frozenset({graph.root}))


def _latencies(catalog: SqliteCatalog) -> None:
    rng = random.Random(11)
    words = [w for w, _ in profile().words.most_common(3000)]
    timings = []
    for i in range(300):
        query = " ".join(rng.sample(words, rng.randint(1, 2)))
        filters = {"kind": "model"} if i % 3 == 0 else {}
        start = time.perf_counter()
        catalog.search(query, filters, 20)
        timings.append(time.perf_counter() - start)
    print(f"  search: {_percentiles(timings)}")
    # Lineage: the walks that go deepest (chains of five or more) and the widest fan-outs. The
    # assets to walk from are picked with SQL: this benchmark measures the SQLite backend.
    sql = catalog.connection
    based = [
        r[0]
        for r in sql.execute(
            "SELECT DISTINCT c.id FROM edges e JOIN assets c ON c.rowid = e.child"
            " WHERE e.relation != 'trained_on' ORDER BY random() LIMIT 40000"
        )
    ]
    deep = [i for i in based if _depth(catalog.lineage_graph(i, up=True, depth=5)) >= 5][:300]
    popular = [
        r[0]
        for r in sql.execute(
            "SELECT p.id FROM edges e JOIN assets p ON p.rowid = e.parent"
            " WHERE e.relation != 'trained_on' GROUP BY e.parent ORDER BY count(*) DESC LIMIT 300"
        )
    ]
    ups, downs, widest = [], [], 0
    for asset_id in deep:
        start = time.perf_counter()
        catalog.lineage_graph(asset_id, up=True, depth=5)
        ups.append(time.perf_counter() - start)
    for asset_id in popular:
        start = time.perf_counter()
        graph = catalog.lineage_graph(asset_id, up=False, down=True, depth=5)
        downs.append(time.perf_counter() - start)
        widest = max(widest, len(graph.nodes))
    print(
        f"  lineage depth 5, up from {len(deep)} assets with 5+ generations of ancestors: "
        f"{_percentiles(ups)}"
    )
    print(
        f"  lineage depth 5, down from the {len(popular)} most derived-from bases "
        f"(largest: {widest} nodes): {_percentiles(downs)}"
    )


def measure(n: int, work: Path, keep: bool) -> None:
    manifests, db = work / f"manifests-v2-{n}", work / f"catalog-{n}.db"
    done = manifests / "COMPLETE"
    if done.exists():
        print(f"N = {n:,}: manifests reused from {manifests}")
    else:
        shutil.rmtree(manifests, ignore_errors=True)
        start = time.perf_counter()
        generate(n, manifests)
        done.write_text("seed 7\n")
        print(f"N = {n:,}: generated in {time.perf_counter() - start:.1f} s")
    db.unlink(missing_ok=True)
    wall, code, peak = wall_and_tree_peak(
        [str(BIN / "mlassets"), "index", str(manifests), "--db", str(db)]
    )
    rate = n / wall
    print(f"  index: {wall:.1f} s, {rate:,.0f}/s, exit {code}, peak RSS {peak / 1024:.0f} MiB")
    print(f"  database: {db.stat().st_size / 2**20:.0f} MiB")
    again, code, _ = wall_and_tree_peak(
        [str(BIN / "mlassets"), "index", str(manifests), "--db", str(db)]
    )
    print(f"  re-index, nothing changed: {again:.1f} s")

    with SqliteCatalog.open(db) as catalog:
        _latencies(catalog)
    if not keep:
        shutil.rmtree(manifests)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument(
        "--keep", type=Path, help="work here, keep the manifests and databases, reuse manifests"
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for n in (int(s) for s in args.sizes.split(",")):
            measure(n, work, keep=args.keep is not None)


if __name__ == "__main__":
    main()
