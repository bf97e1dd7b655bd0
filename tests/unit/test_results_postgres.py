"""Evaluation results, `leaderboard` and `select models` on a real PostgreSQL server, beside
SQLite: the same CSVs imported into both give the same rankings and evidence; imports are
idempotent, and two at once lose and duplicate nothing."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from mlassets.catalog import Catalog, SqliteCatalog, index_manifests
from mlassets.catalog.pg_db import MIGRATIONS
from mlassets.catalog.results_csv import read_features_csv
from mlassets.core.errors import UsageError
from mlassets.selection.records import Result
from tests.support.realparts import PASSWORD
from tests.unit.test_catalog import manifest, write

FETCHED = "2026-12-02T00:00:00Z"


def _results_csv(path: Path, seed: int, datasets: range, models: range) -> Path:
    """A performance matrix with structure (model skill + dataset difficulty + noise) and holes;
    a few rows again on another split, and one model id given without its `hf://`."""
    rng = random.Random(seed)
    skill = {m: rng.uniform(0.0, 0.3) for m in models}
    lines = ["dataset,model,metric,value,split,source"]
    for d in datasets:
        base = rng.uniform(0.4, 0.6)
        for m in models:
            if rng.random() < 0.3:
                continue
            model = f"acme/m{m:02d}" if m == 3 else f"hf://acme/m{m:02d}"
            value = round(base + skill[m] + rng.gauss(0, 0.03), 6)
            lines.append(f"ds{d:02d},{model},accuracy,{value},test,csv")
            if m % 7 == 0:
                lines.append(f"ds{d:02d},{model},accuracy,{round(value - 0.01, 6)},val,paper")
    path.write_text("\n".join(lines) + "\n")
    return path


def _features_csv(path: Path, datasets: range) -> Path:
    rng = random.Random(7)
    lines = ["dataset,rows,classes"]
    lines += [f"ds{d:02d},{rng.randint(100, 5000)},{rng.randint(2, 9)}" for d in datasets]
    lines.append("cold-ds,1200,3")
    path.write_text("\n".join(lines) + "\n")
    return path


def _answers(db: Catalog) -> list[object]:
    """Leaderboards and selections (measured, collaborative, cold start) as JSON, in one order;
    26 datasets, more than a selection's pool of 20, so the pool's choice counts too."""
    out: list[object] = []
    for dataset in ("ds00", "ds05", "ds11"):
        out.append(db.leaderboard(dataset).to_json())
        out.append(db.leaderboard(dataset, split="val").to_json())
        out.append(db.select_models(dataset, k=8).to_json())
    out.append(db.select_models("cold-ds", k=5).to_json())
    return out


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    return (
        _results_csv(tmp_path / "a.csv", 1, range(12), range(30)),
        _results_csv(tmp_path / "b.csv", 2, range(6, 26), range(20, 45)),
        _features_csv(tmp_path / "f.csv", range(26)),
    )


def test_the_same_csvs_give_the_same_answers_on_both(
    tmp_path: Path, pg_url: str, files: tuple[Path, Path, Path]
) -> None:
    first, second, features = files
    with (
        SqliteCatalog.open(tmp_path / "c.db", create=True) as lite,
        Catalog.open(pg_url, create=True) as shared,
    ):
        reports = []
        for db in (lite, shared):
            done = [db.import_results_csv(f, FETCHED) for f in (first, second)]
            done.append(db.import_features(read_features_csv(features)))
            reports.append([(r.rows, r.new_assets, r.metrics) for r in done])
        assert reports[0] == reports[1]
        assert reports[0][0][1] == 12 + 30  # datasets and models became assets
        answers = _answers(lite)
        assert _answers(shared) == answers
        # Measured, collaborative and nearest-datasets evidence all appear, and are the same.
        evidence = {c["evidence"] for a in answers if "candidates" in a for c in a["candidates"]}  # type: ignore[operator, index]
        assert evidence == {"measured", "predicted"}
        cold = answers[-1]
        assert {c["method"] for c in cold["candidates"]} == {"nearest-datasets"}  # type: ignore[index]
        # A second look (the tuned setting now cached) changes nothing on either.
        assert _answers(shared) == _answers(lite) == answers


def test_a_version_1_catalog_gains_the_results_tables(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as old:
        old.execute(MIGRATIONS[0].encode())
        old.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        old.execute("INSERT INTO assets (id, kind) VALUES ('hf://datasets/acme/d', 'dataset')")
    with Catalog.open(pg_url) as db:
        version = db.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version.fetchone() == ("2",)
        db.import_results([Result("hf://acme/m", "acme/d", "accuracy", 0.5, fetched_at=FETCHED)])
        assert [e.model for e in db.leaderboard("hf://datasets/acme/d").entries] == ["hf://acme/m"]


def test_import_is_idempotent_on_postgres(pg_url: str, files: tuple[Path, Path, Path]) -> None:
    first = files[0]
    with Catalog.open(pg_url, create=True) as db:
        once = db.import_results_csv(first, FETCHED)
        board = db.leaderboard("ds03").to_json()
        sql = db.connection
        counts = sql.execute("SELECT count(*), sum(value) FROM results").fetchone()
        again = db.import_results_csv(first, "2026-12-03T00:00:00Z")
        assert (once.new_assets, again.new_assets, again.rows) == (42, 0, once.rows)
        assert sql.execute("SELECT count(*), sum(value) FROM results").fetchone() == counts
        assert counts is not None and counts[0] == once.rows
        assert db.leaderboard("ds03").to_json()["entries"] == [
            dict(e, fetched_at="2026-12-03T00:00:00Z") for e in board["entries"]
        ]


def test_a_refused_import_stores_nothing_on_either(
    tmp_path: Path, pg_url: str, files: tuple[Path, Path, Path]
) -> None:
    unknown = tmp_path / "u.csv"
    unknown.write_text("dataset,model,metric,value\nd,m,accuracy,0.5\nd,m,zorbs,3\n")
    broken = tmp_path / "b.csv"
    broken.write_text(files[0].read_text() + "ds00,hf://acme/m01,accuracy,lots,test,csv\n")
    with (
        SqliteCatalog.open(tmp_path / "c.db", create=True) as lite,
        Catalog.open(pg_url, create=True) as shared,
    ):
        for db in (lite, shared):
            with pytest.raises(UsageError, match="zorbs"):
                db.import_results_csv(unknown, FETCHED)
            with pytest.raises(UsageError, match="not a number: 'lots'"):
                db.import_results_csv(broken, FETCHED)
        assert shared.connection.execute("SELECT count(*) FROM results").fetchone() == (0,)
        assert shared.connection.execute("SELECT count(*) FROM assets").fetchone() == (0,)
        assert lite.connection.execute("SELECT count(*) FROM results").fetchone()[0] == 0
        stated = shared.import_results_csv(unknown, FETCHED, higher=True)
        assert stated.metrics == ("accuracy", "zorbs")
        assert shared.leaderboard("d", metric="zorbs").higher_is_better is True


def test_two_imports_at_once_lose_and_duplicate_nothing(
    tmp_path: Path, pg_url: str, files: tuple[Path, Path, Path]
) -> None:
    first, second, _ = files
    Catalog.open(pg_url, create=True).close()
    command = [sys.executable, "-m", "mlassets", "results", "import", "--db", pg_url, "--json"]
    importers = [
        subprocess.Popen([*command, str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for f in (first, second)
    ]
    outputs = [p.communicate(timeout=300) for p in importers]
    assert [p.returncode for p in importers] == [0, 0], outputs
    for stdout, stderr in outputs:
        assert PASSWORD.encode() not in stdout + stderr
    rows = sum(json.loads(stdout)["rows"] for stdout, _ in outputs)
    # The overlap (ds06-ds11 x m20-m29) holds other values in each file: whichever import ran
    # second holds those cells, so the outcome is SQLite's with the files in one order or the
    # other, throughout.
    orders = []
    for order in ((first, second), (second, first)):
        with SqliteCatalog.open(tmp_path / f"{order[0].stem}.db", create=True) as lite:
            for f in order:
                lite.import_results_csv(f, FETCHED)
            count = lite.connection.execute("SELECT count(*) FROM results").fetchone()[0]
            orders.append((count, [_cells(lite, d) for d in ("ds00", "ds08", "ds17")]))
    with Catalog.open(pg_url) as shared:
        sql = shared.connection
        expected = orders[0][0]
        assert sql.execute("SELECT count(*) FROM results").fetchone() == (expected,)
        assert expected < rows  # the overlap is keyed once
        ids = sql.execute("SELECT count(*), count(DISTINCT id) FROM assets").fetchone()
        assert ids == (26 + 45, 26 + 45)  # every asset id appears once
        found = [_cells(shared, d) for d in ("ds00", "ds08", "ds17")]
    assert orders[0][1] != orders[1][1]  # the order shows
    assert found in (orders[0][1], orders[1][1])


def _cells(db: Catalog, dataset: str) -> list[tuple[str, float, str]]:
    return [(e.model, e.value, e.split) for e in db.leaderboard(dataset).entries]


def test_the_cli_reads_results_from_postgres(run_cli, tmp_path: Path, pg_url: str, files) -> None:  # type: ignore[no-untyped-def]
    first, _, features = files
    imported = run_cli("results", "import", str(first), "--db", pg_url)
    assert imported.code == 0, imported.stderr
    assert PASSWORD not in imported.stdout + imported.stderr and ":***@" in imported.stdout
    assert run_cli("datasets", "features", "import", str(features), "--db", pg_url).code == 0
    board = run_cli("leaderboard", "ds02", "--db", pg_url, "--json")
    assert board.code == 0, board.stderr
    chosen = run_cli("select", "models", "--for", "cold-ds", "--k", "3", "--db", pg_url, "--json")
    assert chosen.code == 0, chosen.stderr
    with SqliteCatalog.open(tmp_path / "c.db", create=True) as lite:
        lite.import_results_csv(first, FETCHED)
        lite.import_features(read_features_csv(features))
        expected = lite.leaderboard("ds02").to_json()
        assert [e["model"] for e in json.loads(board.stdout)["entries"]] == [
            e["model"] for e in expected["entries"]
        ]
        assert json.loads(chosen.stdout)["candidates"] == [
            c.to_json() for c in lite.select_models("cold-ds", k=3).candidates
        ]
    missing = run_cli("leaderboard", "nowhere", "--db", pg_url)
    assert missing.code == 2 and "not in the catalog" in missing.stderr


def test_model_index_rows_and_card_features_alike(tmp_path: Path, pg_url: str) -> None:
    """`index` mirrors the manifests' model-index rows as results, and `features derive` reads the
    same card text, on both backends."""
    row = {"model": None, "task": None, "dataset": "acme/reviews", "dataset_config": None}
    metrics = [{**row, "split": None, "type": "accuracy", "name": None, "value": 0.7}]
    folder = write(
        tmp_path / "m",
        manifest("hf://acme/a", metrics=metrics, license_id="CC-BY-NC-4.0"),
        manifest("hf://acme/b", metrics=[dict(metrics[0], value=0.8)]),
        manifest("hf://datasets/acme/reviews", "dataset", description="Product reviews, rated."),
        manifest("hf://datasets/acme/chats", "dataset", task="text-classification"),
    )
    index_manifests([folder], tmp_path / "c.db")
    with SqliteCatalog.open(tmp_path / "c.db") as lite, Catalog.open(pg_url, create=True) as shared:
        shared.index([folder])
        for db in (lite, shared):
            db.import_features(db.card_features())
        by_key = [
            sorted(db.card_features(), key=lambda f: (f.dataset, f.name)) for db in (lite, shared)
        ]
        assert by_key[0] == by_key[1] and len(by_key[0]) == 2 * 16  # the order is the backend's
        boards = [db.leaderboard("acme/reviews", use="commercial") for db in (lite, shared)]
        assert [(e.model, e.value, e.source) for e in boards[1].entries] == [
            ("hf://acme/b", 0.8, "model-index")
        ]
        assert [e.model for e in boards[1].barred] == ["hf://acme/a"]
        for board in boards:
            assert [e.to_json() | {"fetched_at": ""} for e in board.entries + board.barred] == [
                e.to_json() | {"fetched_at": ""} for e in boards[0].entries + boards[0].barred
            ]
        cold = [db.select_models("hf://datasets/acme/chats").to_json() for db in (lite, shared)]
        assert cold[0] == cold[1] and cold[0]["candidates"]


def test_a_repeated_key_in_one_file_keeps_its_last_row_on_both(tmp_path: Path, pg_url: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text("dataset,model,metric,value\nd,m,wer,0.2\nd,m,wer,0.5\nd,m,wer,0.3\n")
    for target in (tmp_path / "c.db", pg_url):
        with Catalog.open(target, create=True) as db:
            db.import_results_csv(path, FETCHED)
            assert [e.value for e in db.leaderboard("d").entries] == [0.3], target


def test_a_value_replaced_at_the_same_counts_is_a_new_results_version_on_postgres(
    tmp_path: Path, pg_url: str, files: tuple[Path, Path, Path]
) -> None:
    # select caches its tuning under the version: a changed value must not find the old plan
    first = files[0]
    with Catalog.open(pg_url, create=True) as db:
        db.import_results_csv(first, FETCHED)
        db.select_models("ds03", k=5)
        version = "SELECT value FROM meta WHERE key = 'results_version'"
        before = db.connection.execute(version).fetchone()
        lines = first.read_text().splitlines()
        changed = tmp_path / "changed.csv"
        head, row = lines[0], lines[1].split(",")
        row[3] = str(float(row[3]) / 2)
        changed.write_text(f"{head}\n{','.join(row)}\n")
        db.import_results_csv(changed, FETCHED)
        after = db.connection.execute(version).fetchone()
        assert before is not None and after is not None and before != after
