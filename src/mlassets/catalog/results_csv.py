"""CSV files into the catalog: results (`dataset`, `model`, `metric`, `value`, optional `split`
and `source`) and dataset features (`dataset`, then numeric columns).

`import_results_csv` is the bulk path that `mlassets results import` runs: it reads rows
straight into the insert batches as integer keys, without a record object per row (a dataset
and metric are looked up when they change, not on every row), and, into an empty table, builds
the model index once at the end. A large file is parsed in a forked process (results_pipe.py)
while this one inserts; the whole import is still one transaction of this connection.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import itertools
import math
import sqlite3
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from mlassets.catalog.results import (
    _BATCH,
    AssetIds,
    ImportReport,
    Names,
    _check_direction,
    _recount,
    stored_directions,
    write_assets,
    write_names,
)
from mlassets.catalog.results_pipe import can_fork, forked
from mlassets.core.errors import UnreadableFileError, UsageError
from mlassets.selection.records import DatasetFeature, Result

_REQUIRED = ("dataset", "model", "metric", "value")


def _open(path: Path) -> Any:
    try:
        return path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise UnreadableFileError(f"{path}: {exc.strerror or exc}") from exc


def _columns(path: Path, header: list[str]) -> list[int | None]:
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise UsageError(f"{path}: missing column(s): {', '.join(missing)}")
    return [header.index(c) if c in header else None for c in (*_REQUIRED, "split", "source")]


Row = tuple[int, int, int, int, int, float]
# A batch of rows, with the assets, names and metrics first seen in it (written or checked
# before the rows go in).
Batch = tuple[list[Row], list[tuple[int, str, str]], list[tuple[int, str]], list[str]]
_FORK_FROM = 4 << 20  # bytes: below this a second process costs more than it saves


def import_results_csv(
    db: sqlite3.Connection,
    path: Path,
    fetched_at: str,
    *,
    higher: bool | None = None,
    pipelined: bool | None = None,
) -> ImportReport:
    """Import a results CSV; unknown ids become dangling assets. `pipelined`: parse in a
    forked process while this one inserts (by default for a file of 4 MiB or more, where
    fork is available)."""
    start = time.perf_counter()
    known = stored_directions(db)
    empty = db.execute("SELECT 1 FROM result_rows LIMIT 1").fetchone() is None
    metrics: set[str] = set()
    count = created = 0
    with _open(path) as handle, db:
        db.execute("PRAGMA cache_size = -262144")  # 256 MiB while the batches go in
        # The write lock first: the ids numbered below stay free until the commit.
        db.execute("INSERT INTO meta SELECT 'results_import', '' WHERE 0")
        ids, names = AssetIds(db), Names(db)
        if empty:  # one sort at the end beats keeping the index up to date row by row
            db.execute("DROP INDEX IF EXISTS result_rows_model")
        # The config is always '' and the revision absent: bound once, not on every row.
        insert = (
            "INSERT OR REPLACE INTO result_rows VALUES "
            f"(?, ?, ?, {names.id('')}, ?, ?, ?, NULL, {names.id(fetched_at)})"
        )
        write_names(db, names.take())
        if pipelined is None:
            pipelined = can_fork() and path.stat().st_size >= _FORK_FROM
        batches = functools.partial(_batches, path, handle, ids, names)
        # Closed at once on an error: a reader blocked on a full pipe must not outlive it.
        with contextlib.closing(forked(batches) if pipelined else batches()) as stream:
            for rows, assets, new_names, new_metrics in stream:
                for metric in new_metrics:
                    _check_direction(db, metric, known, higher)
                metrics.update(new_metrics)
                write_assets(db, assets)
                write_names(db, new_names)
                db.executemany(insert, rows)
                count, created = count + len(rows), created + len(assets)
        db.execute("CREATE INDEX IF NOT EXISTS result_rows_model ON result_rows (model, dataset)")
        _recount(db)
    return ImportReport(count, created, tuple(sorted(metrics)), time.perf_counter() - start)


def _batches(path: Path, handle: Any, ids: AssetIds, names: Names) -> Generator[Batch, None, None]:
    """The file's rows in batches; touches no connection (it may run in a forked child)."""
    new_metrics: list[str] = []
    rows = _key_rows(path, handle, ids, names, new_metrics)
    while batch := list(itertools.islice(rows, _BATCH)):
        yield batch, ids.take(), names.take(), new_metrics.copy()
        new_metrics.clear()


def _key_rows(
    path: Path, handle: Any, ids: AssetIds, names: Names, new_metrics: list[str]
) -> Iterator[Row]:
    """(dataset, metric, split, model, source, value) for each row, every string as its id;
    the metrics not seen before are added to `new_metrics`. Rows come grouped by dataset and
    metric, so those are looked up only when they change."""
    reader = csv.reader(handle)
    di, mi, ki, vi, si, oi = _columns(path, next(reader, []))
    assert di is not None and mi is not None and ki is not None and vi is not None
    seen: set[str] = set()
    model_id, name_id, isfinite = ids.rowids.get, names.ids.get, math.isfinite
    last_dataset = last_metric = ""
    dataset_row = metric_id = 0
    split_id = names.id("") if si is None else 0
    source_id = names.id("csv") if oi is None else 0
    for line, row in enumerate(reader, start=2):
        try:
            dataset, model, metric, value = row[di], row[mi], row[ki], float(row[vi])
        except (IndexError, ValueError):
            raise UsageError(f"{path}:{line}: {_problem(row, vi)}") from None
        if not (dataset and model and metric and isfinite(value)):
            raise UsageError(f"{path}:{line}: empty id or metric, or a value that is not finite")
        if metric != last_metric:
            if metric not in seen:
                seen.add(metric)
                new_metrics.append(metric)
            last_metric, metric_id = metric, names.id(metric)
        if dataset != last_dataset:
            last_dataset, dataset_row = dataset, ids.rowid(dataset, "dataset")
        if si is not None:
            split_id = name_id(row[si]) or names.id(row[si])
        if oi is not None:
            source = row[oi] or "csv"
            source_id = name_id(source) or names.id(source)
        model_row = model_id(model) or ids.rowid(model, "model")
        yield dataset_row, metric_id, split_id, model_row, source_id, value


def _problem(row: list[str], value_at: int) -> str:
    if len(row) <= value_at:
        return f"{len(row)} fields: too few"
    return f"not a number: {row[value_at]!r}"


def _csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    with _open(path) as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise UsageError(f"{path}: missing column(s): {', '.join(missing)}")
        yield from enumerate(reader, start=2)


def _number(path: Path, line: int, text: str | None) -> float:
    try:
        value = float(text or "")
    except ValueError:
        raise UsageError(f"{path}:{line}: not a number: {text!r}") from None
    if not math.isfinite(value):
        raise UsageError(f"{path}:{line}: not a finite number: {text!r}")
    return value


def read_results_csv(path: Path, fetched_at: str) -> Iterator[Result]:
    """Rows of a results CSV: `dataset`, `model`, `metric`, `value`, optional `split`, `source`."""
    for line, row in _csv_rows(path, _REQUIRED):
        if not row["dataset"] or not row["model"] or not row["metric"]:
            raise UsageError(f"{path}:{line}: dataset, model and metric must not be empty")
        yield Result(
            model=row["model"],
            dataset=row["dataset"],
            metric=row["metric"],
            value=_number(path, line, row["value"]),
            split=row.get("split") or "",
            source=row.get("source") or "csv",
            fetched_at=fetched_at,
        )


def read_features_csv(path: Path) -> Iterator[DatasetFeature]:
    """A `dataset` column, then one numeric column per feature."""
    for line, row in _csv_rows(path, ("dataset",)):
        for name, text in row.items():
            if name != "dataset" and name is not None:
                yield DatasetFeature(row["dataset"], name, _number(path, line, text))
