"""The Python API of results, leaderboard and select on a catalog built in the test."""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mlassets.catalog import SqliteCatalog
from mlassets.catalog.db import MIGRATIONS, SCHEMA_VERSION
from mlassets.catalog.leaderboard import leaderboard
from mlassets.catalog.results import import_features, import_results
from mlassets.catalog.select import select_models
from mlassets.core.errors import UsageError
from mlassets.selection.directions import UnknownMetricError
from mlassets.selection.records import DatasetFeature, Result

Connect = Callable[[Path], sqlite3.Connection]


@pytest.fixture
def connect() -> Iterator[Connect]:
    """Open catalogs as the CLI does, and close every one at the end (Python 3.13 warns)."""
    opened: list[SqliteCatalog] = []

    def open_catalog(path: Path) -> sqlite3.Connection:
        opened.append(SqliteCatalog.open(path, create=True))
        return opened[-1].connection

    yield open_catalog
    for catalog in opened:
        catalog.close()


def test_api_returns_frozen_records(tmp_path: Path, connect: Connect) -> None:
    db = connect(tmp_path / "c.db")
    rows = [
        Result("m1", "d1", "wer", 0.2),
        Result("m2", "d1", "wer", 0.1),
        Result("m1", "d2", "wer", 0.3),
    ]
    report = import_results(db, rows)
    assert (report.rows, report.new_assets) == (3, 4)
    again = import_results(db, rows)
    assert again.new_assets == 0 and db.execute("SELECT count(*) FROM results").fetchone()[0] == 3
    board = leaderboard(db, "d1")
    assert [(e.model, e.value) for e in board.entries] == [("m2", 0.1), ("m1", 0.2)]
    assert not board.higher_is_better
    with pytest.raises(dataclasses.FrozenInstanceError):
        board.entries[0].value = 0.0  # type: ignore[misc]
    import_features(
        db,
        [
            DatasetFeature("d1", "size", 1.0),
            DatasetFeature("d2", "size", 2.0),
            DatasetFeature("d3", "size", 1.1),
        ],
    )
    chosen = select_models(db, "d3", k=2)
    assert [c.model for c in chosen.candidates] == ["m2", "m1"]  # lower wer first
    assert all(c.evidence == "predicted" for c in chosen.candidates)
    assert chosen.to_json()["schema_version"] == 1
    with pytest.raises(UsageError, match="not in the catalog"):
        select_models(db, "nowhere")


def test_unknown_metric_refused_and_stated_direction_kept(tmp_path: Path, connect: Connect) -> None:
    db = connect(tmp_path / "c.db")
    with pytest.raises(UnknownMetricError):
        import_results(db, [Result("m", "d", "zap", 1.0)])
    assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 0  # nothing half-written
    import_results(db, [Result("m", "d", "zap", 1.0), Result("n", "d", "zap", 2.0)], higher=False)
    assert [e.model for e in leaderboard(db, "d").entries] == ["m", "n"]
    with pytest.raises(UsageError, match="higher-is-better"):
        import_results(db, [Result("m", "d", "accuracy", 1.0)], higher=False)


def test_a_version_1_catalog_is_migrated(tmp_path: Path, connect: Connect) -> None:
    path = tmp_path / "old.db"
    with contextlib.closing(sqlite3.connect(path)) as raw:
        raw.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    migrated = connect(path)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert import_results(migrated, [Result("m", "d", "accuracy", 0.5)]).rows == 1
