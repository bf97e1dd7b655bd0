"""Schema 3's compact results storage gives the same answers as version 2's rows did.

A generated catalog (40 datasets, 60 models, 4 features each, 2 datasets with features only) is
built three ways: through the CSV bulk import, through `import_results` record by record, and
as a version-2 catalog (the old text-keyed `results` table, written by SQL) migrated on open.
Leaderboards and selections must be identical across the three, and with the stored unit
vectors or without them.
"""

from __future__ import annotations

import contextlib
import csv
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mlassets.catalog import SqliteCatalog
from mlassets.catalog.db import MIGRATIONS, SCHEMA_VERSION
from mlassets.catalog.leaderboard import leaderboard
from mlassets.catalog.results import import_features, import_results
from mlassets.catalog.results_csv import import_results_csv
from mlassets.catalog.results_units import computed_units, dataset_units
from mlassets.catalog.select import select_models
from mlassets.selection.records import DatasetFeature, Result
from tests.support.results_gen import generated_results

FETCHED = "2026-01-01T00:00:00Z"
DATASETS = [f"d{i}" for i in range(40)]
COLD = ["cold0", "cold1"]


def _results() -> list[Result]:
    return generated_results(DATASETS, 60, 25, 5, 4, FETCHED)


def _features() -> list[DatasetFeature]:
    rng = random.Random(6)
    return [
        DatasetFeature(dataset, f"f{j}", rng.gauss(0, 1))
        for dataset in DATASETS + COLD
        for j in range(4)
    ]


@pytest.fixture
def catalogs(tmp_path: Path) -> Iterator[dict[str, sqlite3.Connection]]:
    results = _results()
    csv_path = tmp_path / "results.csv"
    with csv_path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["dataset", "model", "metric", "value"])
        writer.writerows([r.dataset, r.model, r.metric, r.value] for r in results)
    _version_2(tmp_path / "v2.db", results)
    opened = {
        name: SqliteCatalog.open(tmp_path / f"{name}.db", create=True)
        for name in ("csv", "api", "v2")
    }
    dbs = {name: catalog.connection for name, catalog in opened.items()}
    import_results_csv(dbs["csv"], csv_path, FETCHED)
    import_results(dbs["api"], results)
    for db in dbs.values():
        import_features(db, _features())
    yield dbs
    for catalog in opened.values():
        catalog.close()


def _version_2(path: Path, results: list[Result]) -> None:
    """A catalog as mlassets with schema 2 left it: text-keyed results, dangling assets."""
    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        raw.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
        # Rowids in the order an import creates them: each row's dataset, then its model.
        ids = list(dict.fromkeys([a for r in results for a in (r.dataset, r.model)] + COLD))
        raw.executemany(
            "INSERT INTO assets (rowid, id, kind, dangling) VALUES (?, ?, ?, 1)",
            [(i + 1, a, "model" if a.startswith("m") else "dataset") for i, a in enumerate(ids)],
        )
        rowid = {a: i + 1 for i, a in enumerate(ids)}
        raw.executemany(
            "INSERT INTO results VALUES (?, ?, '', '', ?, 'csv', ?, NULL, ?)",
            [(rowid[r.dataset], r.metric, rowid[r.model], r.value, FETCHED) for r in results],
        )
        raw.execute(
            "INSERT INTO result_counts SELECT dataset, metric, count(*) FROM results "
            "GROUP BY dataset, metric"
        )


def _answers(db: sqlite3.Connection) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for dataset in [*DATASETS[:6], *COLD]:
        chosen = select_models(db, dataset, k=5).to_json()
        out[dataset] = {"select": chosen}
        if dataset in DATASETS:
            out[dataset]["leaderboard"] = leaderboard(db, dataset).to_json()
    return out


def test_every_storage_path_gives_the_same_answers(catalogs: dict[str, sqlite3.Connection]) -> None:
    answers = {name: _answers(db) for name, db in catalogs.items()}
    assert answers["csv"] == answers["api"] == answers["v2"]
    assert answers["csv"]["d0"]["leaderboard"]["entries"]  # the comparison is not of nothing
    assert {c["evidence"] for c in answers["csv"]["cold0"]["select"]["candidates"]} == {"predicted"}
    v2 = catalogs["v2"]
    assert v2.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert v2.execute("SELECT count(*) FROM results").fetchone()[0] == len(_results())


def test_stored_unit_vectors_match_and_are_replaced_when_features_change(
    catalogs: dict[str, sqlite3.Connection],
) -> None:
    db = catalogs["csv"]
    assert dataset_units(db) == computed_units(db)
    stored = dict(db.execute("SELECT dataset, unit FROM dataset_units").fetchall())
    import_features(db, [DatasetFeature("d0", "f0", 50.0)])
    assert dict(db.execute("SELECT dataset, unit FROM dataset_units").fetchall()) != stored
    assert dataset_units(db) == computed_units(db)
    # Units stamped with other features are never read: the selection is computed afresh.
    before = select_models(db, "cold0", k=5).to_json()
    with db:
        db.execute("UPDATE dataset_units SET unit = zeroblob(32)")
        db.execute("UPDATE meta SET value = 'stale' WHERE key = 'units_version'")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('features_version', 'changed')")
    assert select_models(db, "cold0", k=5).to_json() == before


def test_a_repeated_key_in_one_file_keeps_its_last_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("dataset,model,metric,value\nd,m,wer,0.2\nd,m,wer,0.5\nd,m,wer,0.3\n")
    catalog = SqliteCatalog.open(tmp_path / "c.db", create=True)
    try:
        assert import_results_csv(catalog.connection, path, FETCHED).rows == 3
        assert [e.value for e in leaderboard(catalog.connection, "d").entries] == [0.3]
    finally:
        catalog.close()
