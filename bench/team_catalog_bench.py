"""The team catalog under load: PostgreSQL beside SQLite, directly and through `mlassets serve`.

For N synthetic manifests (bench/catalog_gen.py, seed 7; reused from --work when complete):
- where one manifest's indexing time goes: reading, JSON parsing, the typed load with its schema
  check (`manifests.store.load_manifest`), and turning it into rows (`rows_of`), on a sample;
- `mlassets index` into SQLite (one child process), then into PostgreSQL with W writers at once
  (each a child `mlassets index` over its share of the folders): wall time, manifests/s;
- search latency with C concurrent clients (processes, one catalog connection each; or threads
  of this process with --clients-as threads), directly on each backend and through
  `mlassets serve` (HTTP keep-alive, /api/search); the queries are drawn before the clients
  start; lineage walks of depth 5 up from models with a base model; the serve process's
  resident memory; CPU time (user+sys) of the indexing processes and of the PostgreSQL server
  beside the wall times, and the load average.

The PostgreSQL server is a throwaway one (tests/support/realparts.py) with durability on
(fsync), started here; nothing is timed in the tests.

    .venv/bin/python bench/team_catalog_bench.py [--size 1000000] [--writers 2] [--clients 16]
        [--clients-as processes|threads] [--work /tmp/team16-bench]
"""

from __future__ import annotations

import argparse
import functools
import http.client
import json
import multiprocessing
import os
import platform
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from _common import BIN, REPO
from catalog_gen import generate, profile

sys.path.insert(0, str(REPO))
from tests.support.realparts import PostgresServer, pg_bindir  # noqa: E402
from tests.support.serving import serving  # noqa: E402

from mlassets.catalog import Catalog  # noqa: E402
from mlassets.catalog.rows import rows_of  # noqa: E402
from mlassets.manifests.model import Manifest  # noqa: E402
from mlassets.manifests.store import load_manifest  # noqa: E402


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = ordered[len(ordered) // 2]
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms (n={len(ordered)})"


def manifests_for(n: int, work: Path) -> Path:
    folder = work / f"manifests-{n}"
    if not (folder / "COMPLETE").exists():
        start = time.perf_counter()
        generate(n, folder)
        (folder / "COMPLETE").write_text("seed 7\n")
        print(f"generated {n:,} manifests in {time.perf_counter() - start:.0f} s")
    return folder


def where_time_goes(folders: list[Path], sample: int = 20_000) -> None:
    """What `rows.prepare` does for one manifest, step by step (load_manifest = the first
    three), timed apart on `sample` files in this one process."""
    files = [f for folder in folders[: sample // 1000 + 1] for f in sorted(folder.glob("*.json"))]
    files = files[:sample]
    steps = dict.fromkeys(("read the file", "parse JSON", "schema check + typed", "rows"), 0.0)
    for path in files:
        t0 = time.perf_counter()
        raw = path.read_bytes()
        t1 = time.perf_counter()
        data = json.loads(raw)
        t2 = time.perf_counter()
        manifest = Manifest.from_json(data, str(path))
        t3 = time.perf_counter()
        rows_of(manifest, str(path))
        t4 = time.perf_counter()
        for name, spent in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            steps[name] += spent
    print(f"per manifest, one process, {len(files):,} files:")
    for name, spent in steps.items():
        print(f"  {name}: {spent / len(files) * 1e6:.0f} µs")
    total = sum(steps.values()) / len(files)
    print(f"  total {total * 1e6:.0f} µs: at most {1 / total:,.0f} manifests/s per core")
    load_manifest(files[0])  # the path index takes; the same three steps


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def server_cpu(server: PostgresServer) -> float:
    """CPU seconds of the PostgreSQL server: the postmaster, its live and its finished backends."""
    pid = int((server.data / "postmaster.pid").read_text().split()[0])
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for task in [str(pid), *Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]:
        fields = Path(f"/proc/{task}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(f) for f in fields[11 : 15 if task == str(pid) else 13])
    return total / ticks


def children_cpu() -> float:
    """CPU seconds (user + sys) of the finished child processes so far."""
    times = os.times()
    return times.children_user + times.children_system


def index_sqlite(folders: list[Path], db: Path) -> float:
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    cmd = [str(BIN / "mlassets"), "index", *map(str, folders), "--db", str(db)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def index_postgres(folders: list[Path], url: str, writers: int, jobs: int) -> float:
    Catalog.open(url, create=True).close()
    shares = [folders[i::writers] for i in range(writers)]
    start = time.perf_counter()
    running = [
        subprocess.Popen(
            [str(BIN / "mlassets"), "index", *map(str, share), "--db", url, "--jobs", str(jobs)],
            stdout=subprocess.DEVNULL,
        )
        for share in shares
    ]
    codes = [p.wait() for p in running]
    assert codes == [0] * writers, codes
    return time.perf_counter() - start


CLIENTS_AS = {"mode": "processes"}  # --clients-as


def concurrently(clients: int, work: Callable[[int], list[float]]) -> list[float]:
    """`work(i)` for each client at once: by default each in its own (forked) process, as real
    clients are; threads of this one process would also time each other's Python under the GIL."""
    if CLIENTS_AS["mode"] == "threads":
        results: list[list[float]] = [[] for _ in range(clients)]

        def client(i: int) -> None:
            results[i] = work(i)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return [t for r in results for t in r]
    context = multiprocessing.get_context("fork")  # `work` is a closure: forked, not pickled
    ready = context.Barrier(clients)
    answers: multiprocessing.SimpleQueue[list[float]] = context.SimpleQueue()

    def run(i: int) -> None:
        ready.wait()  # every client forked before the first query
        answers.put(work(i))

    processes = [context.Process(target=run, args=(i,)) for i in range(clients)]
    for process in processes:
        process.start()
    timings = [t for _ in processes for t in answers.get()]
    for process in processes:
        process.join()
    assert all(p.exitcode == 0 for p in processes), [p.exitcode for p in processes]
    return timings


@functools.cache
def vocabulary() -> tuple[str, ...]:
    return tuple(w for w, _ in profile().words.most_common(3000))


def queries(count: int, seed: int) -> list[tuple[str, dict[str, str]]]:
    rng = random.Random(seed)
    words = vocabulary()
    return [
        (" ".join(rng.sample(words, rng.randint(1, 2))), {"kind": "model"} if i % 3 == 0 else {})
        for i in range(count)
    ]


def search_direct(target: str, clients: int, per_client: int) -> list[float]:
    # Made before the clients start: building them must not compete with timed searches.
    planned = [queries(per_client, i) for i in range(clients)]

    def work(i: int) -> list[float]:
        timings = []
        with Catalog.open(target) as catalog:
            for query, filters in planned[i]:
                start = time.perf_counter()
                catalog.search(query, filters, 20)
                timings.append(time.perf_counter() - start)
        return timings

    return concurrently(clients, work)


def search_http(base: str, clients: int, per_client: int) -> list[float]:
    host, port = base.removeprefix("http://").split(":")

    planned = [queries(per_client, i) for i in range(clients)]

    def work(i: int) -> list[float]:
        timings = []
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        for query, filters in planned[i]:
            start = time.perf_counter()
            connection.request("GET", "/api/search?" + urlencode({"q": query, **filters}))
            answer = connection.getresponse()
            answer.read()
            assert answer.status == 200, answer.status
            timings.append(time.perf_counter() - start)
        connection.close()
        return timings

    return concurrently(clients, work)


def lineage(target: str, count: int = 300) -> list[float]:
    with Catalog.open(target) as catalog:
        hits = catalog.search("", {"kind": "model"}, 20_000).hits
        rng = random.Random(5)
        timings = []
        for hit in rng.sample(hits, min(count, len(hits))):
            start = time.perf_counter()
            catalog.lineage_graph(hit.id, up=True, depth=5)
            timings.append(time.perf_counter() - start)
    return timings


def explain_common_word(url: str) -> None:
    """The PostgreSQL plan of the search's full ranking for the corpus's most common word."""
    import psycopg

    from mlassets.catalog.pg_query import _SELECT, _WEIGHTS

    word = vocabulary()[0]
    with psycopg.connect(url) as db:
        plan = db.execute(
            f"""EXPLAIN (ANALYZE, BUFFERS) SELECT {_SELECT}, ts_rank({_WEIGHTS}, a.document, q) r
                FROM assets a, to_tsquery('simple', %s) q WHERE a.names @@ q AND NOT a.dangling
                ORDER BY r DESC, a.id LIMIT 20""",
            (f"'{word}'",),
        ).fetchall()
    print(f"  PostgreSQL plan, names phase of {word!r}:")
    for (line,) in plan:
        print(f"    {line}")


def rss_mib(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, MiB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def through_serve(target: str, name: str, clients: int, per_client: int) -> None:
    with serving(target) as (base, process):
        before = rss_mib(process.pid)[0]
        timings = search_http(base, clients, per_client)
        now, peak = rss_mib(process.pid)
    print(f"  {name} search via serve, {clients} clients: {percentiles(timings)}")
    print(f"  serve RSS: {before:.0f} MiB idle, {now:.0f} MiB after, peak {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=1, help="parsing processes per writer")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--per-client", type=int, default=50)
    parser.add_argument("--work", type=Path, default=Path("/tmp/team16-bench"))
    parser.add_argument("--clients-as", choices=("processes", "threads"), default="processes")
    args = parser.parse_args()
    CLIENTS_AS["mode"] = args.clients_as
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {python}")
    print(f"clients as {args.clients_as}; load average {load()}")
    args.work.mkdir(parents=True, exist_ok=True)
    root = manifests_for(args.size, args.work)
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    where_time_goes(folders)
    bindir = pg_bindir()
    assert bindir is not None, "no PostgreSQL server binaries"
    server = PostgresServer(bindir, durable=True, settings="-c shared_buffers=1GB -c work_mem=32MB")
    server.start()
    try:
        url = server.create_database()
        db = args.work / f"catalog-{args.size}.db"
        print(f"N = {args.size:,}; load average {load()}")
        cpu = children_cpu()
        wall = index_sqlite(folders, db)
        cpu = children_cpu() - cpu
        print(f"  SQLite index: {wall:.1f} s, {args.size / wall:,.0f} manifests/s")
        print(f"    CPU of mlassets index (user+sys): {cpu:.0f} s; load average {load()}")
        cpu, in_server = children_cpu(), server_cpu(server)
        wall = index_postgres(folders, url, args.writers, args.jobs)
        cpu, in_server = children_cpu() - cpu, server_cpu(server) - in_server
        rate = args.size / wall
        who = f"{args.writers} writers x {args.jobs} jobs"
        print(f"  PostgreSQL index, {who}: {wall:.1f} s, {rate:,.0f}/s")
        print(f"    CPU (user+sys): writers {cpu:.0f} s, server {in_server:.0f} s; load {load()}")
        for name, target in (("SQLite", str(db)), ("PostgreSQL", url)):
            alone = search_direct(target, 1, args.per_client * 4)
            print(f"  {name} search direct, 1 client: {percentiles(alone)}")
            timings = search_direct(target, args.clients, args.per_client)
            print(f"  {name} search direct, {args.clients} clients: {percentiles(timings)}")
            print(f"  {name} lineage depth 5 up: {percentiles(lineage(target))}")
            through_serve(target, name, args.clients, args.per_client)
            print(f"  load average {load()}")
        explain_common_word(url)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
