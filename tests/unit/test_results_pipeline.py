"""The results CSV import parsed in a forked process: the same catalog as parsed in-process,
and an error on either side leaves the catalog as it was."""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlassets.catalog import SqliteCatalog
from mlassets.catalog.results import import_results
from mlassets.catalog.results_csv import import_results_csv, read_results_csv
from mlassets.catalog.results_pipe import can_fork
from mlassets.core.errors import UsageError
from mlassets.selection.directions import UnknownMetricError
from mlassets.selection.records import Result

pytestmark = pytest.mark.skipif(not can_fork(), reason="the pipeline needs fork")

FETCHED = "2026-01-01T00:00:00Z"
TABLES = ("assets", "result_names", "result_rows", "result_counts", "metric_directions")
ROWS = 120_000  # more than two insert batches: later batches bring new assets and names


def _write(path: Path, rows: int, last: str | None = None) -> None:
    rng = random.Random(3)
    lines = ["dataset,model,metric,value,split,source"]
    for i in range(rows):
        dataset, metric = f"d{i // 3_000}", ("accuracy", "wer")[i // 1_500 % 2]
        split, source = rng.choice(("", "test", f"s{i // 40_000}")), rng.choice(("", "hub"))
        lines.append(
            f"{dataset},m{rng.randrange(20_000)},{metric},{rng.random():.4f},{split},{source}"
        )
    if last is not None:
        lines.append(last)
    path.write_text("\n".join(lines) + "\n")


def _tables(db: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {t: sorted(tuple(r) for r in db.execute(f"SELECT * FROM {t}")) for t in TABLES}


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[list[sqlite3.Connection]]:
    """Three catalogs that already hold a result (known names and assets to reuse)."""
    opened = [SqliteCatalog.open(tmp_path / f"{n}.db", create=True) for n in ("a", "b", "c")]
    for catalog in opened:
        import_results(catalog.connection, [Result("m7", "d0", "accuracy", 0.5, split="test")])
    yield [c.connection for c in opened]
    for catalog in opened:
        catalog.close()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    written = tmp_path / "r.csv"
    _write(written, ROWS)
    return written


def test_forked_and_in_process_imports_store_the_same(
    path: Path, seeded: list[sqlite3.Connection]
) -> None:
    forked, inline, _ = seeded
    reports = [
        import_results_csv(db, path, FETCHED, pipelined=on)
        for db, on in ((forked, True), (inline, False))
    ]
    assert [r.rows for r in reports] == [ROWS, ROWS]
    assert reports[0].new_assets == reports[1].new_assets > 19_000
    assert reports[0].metrics == ("accuracy", "wer")
    stored = _tables(forked)
    assert stored == _tables(inline)
    assert len(stored["result_rows"]) > 100_000
    assert {n for _, n in stored["result_names"]} >= {"s0", "s1", "s2", "hub", "csv", FETCHED}
    assert not multiprocessing.active_children()


def test_new_ids_are_numbered_as_a_row_by_row_import_numbers_them(
    path: Path, seeded: list[sqlite3.Connection]
) -> None:
    bulk, _, by_row = seeded
    import_results_csv(bulk, path, FETCHED, pipelined=True)
    import_results(by_row, read_results_csv(path, FETCHED))
    for query in ("SELECT rowid, * FROM assets", "SELECT * FROM results"):
        assert sorted(map(tuple, bulk.execute(query))) == sorted(map(tuple, by_row.execute(query)))


@pytest.mark.parametrize(
    ("last", "error", "message"),
    [
        ("d9,m1,accuracy,not-a-number,,", UsageError, f"r.csv:{ROWS + 2}: not a number"),
        ("d9,m1,bleurt-x,0.5,,", UnknownMetricError, "bleurt-x"),
    ],
)
def test_an_error_after_many_batches_leaves_the_catalog_as_before(
    tmp_path: Path,
    seeded: list[sqlite3.Connection],
    last: str,
    error: type[Exception],
    message: str,
) -> None:
    path = tmp_path / "r.csv"
    _write(path, ROWS, last)
    db = seeded[0]
    before = _tables(db)
    with pytest.raises(error, match=message):
        import_results_csv(db, path, FETCHED, pipelined=True)
    assert _tables(db) == before
    assert not multiprocessing.active_children()


def test_an_early_error_ends_the_reader_at_once(
    tmp_path: Path, seeded: list[sqlite3.Connection]
) -> None:
    path = tmp_path / "r.csv"
    _write(path, ROWS)
    lines = path.read_text().split("\n")
    path.write_text("\n".join([lines[0], "d0,m1,bleurt-x,0.5,,", *lines[1:]]))
    with pytest.raises(UnknownMetricError) as raised:
        import_results_csv(seeded[0], path, FETCHED, pipelined=True)
    # The traceback still holds the import's frame: the reader, blocked on the pipe with
    # batches left to send, must be gone already.
    assert raised.traceback
    assert not multiprocessing.active_children()
