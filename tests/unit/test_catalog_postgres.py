"""The PostgreSQL catalog's own guarantees, on a real server: a versioned schema, incremental
upserts, two writers at once, recommendations refused, passwords masked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from mlassets.catalog import Catalog, CatalogError, index_manifests
from mlassets.catalog.pg_db import masked
from tests.support.realparts import PASSWORD
from tests.unit.test_catalog import manifest, write


def test_the_schema_is_versioned_and_a_newer_one_refused(pg_url: str) -> None:
    with pytest.raises(CatalogError, match="no catalog here") as absent:
        Catalog.open(pg_url)
    assert PASSWORD not in str(absent.value) and absent.value.subject == masked(pg_url)
    with Catalog.open(pg_url, create=True) as db:
        assert db.location == masked(pg_url) and ":***@" in db.location
        version = db.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version.fetchone() == ("2",)
        db.connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(CatalogError, match=r"catalog schema 99 is newer than this mlassets \(2\)"):
        Catalog.open(pg_url)


def test_catalog_connections_run_without_the_servers_jit(pg_url: str) -> None:
    # JIT compiling a common word's ranking cost more than the query saved (docs/benchmarks.md);
    # the setting must outlive a rolled-back transaction.
    with Catalog.open(pg_url, create=True) as db:
        db.connection.rollback()
        assert db.connection.execute("SHOW jit").fetchone() == ("off",)


def test_a_database_with_other_tables_is_not_a_catalog(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as other:
        other.execute("CREATE TABLE t (x int)")
    with pytest.raises(CatalogError, match="a PostgreSQL database, but not an mlassets catalog"):
        Catalog.open(pg_url, create=True)


def test_index_is_incremental_and_fills_dangling_references(tmp_path: Path, pg_url: str) -> None:
    base = [{"id": "hf://acme/base", "relation": "finetune"}]
    folder = write(
        tmp_path / "m",
        manifest("hf://acme/a", base_models=base),
        manifest("hf://datasets/acme/d", "dataset", "CC-BY-4.0"),
    )
    with Catalog.open(pg_url, create=True) as db:
        first = db.index([folder])
        assert (first.added, first.updated, first.unchanged, first.dangling) == (2, 0, 0, 1)
        second = db.index([folder])
        assert (second.added, second.updated, second.unchanged) == (0, 0, 2)
        write(folder, manifest("hf://acme/base", license_id="CC-BY-NC-4.0"))
        write(folder, manifest("hf://acme/a", revision="2" * 40, base_models=base))
        third = db.index([folder])
        assert (third.added, third.updated, third.unchanged) == (1, 1, 1)
        sql = db.connection
        assert sql.execute("SELECT count(*) FROM assets WHERE dangling").fetchone() == (0,)
        assert db.asset("hf://acme/a").revision == "2" * 40
        # The base got its manifest after the edge existed: the edge's rules were checked again.
        edge = db.lineage_graph("hf://acme/a").edges[0]
        assert (edge.parent, edge.violation) == ("hf://acme/base", "G101:error")


def test_recommendations_are_refused_with_a_clear_error(tmp_path: Path, pg_url: str) -> None:
    with Catalog.open(pg_url, create=True) as db:
        db.index([write(tmp_path / "m", manifest("hf://datasets/acme/d", "dataset"))])
        with pytest.raises(CatalogError, match="not supported on PostgreSQL yet"):
            db.recommend_datasets("hf://acme/m")


def _collection(tmp_path: Path, first: int, last: int) -> Path:
    """Models `first..last-1`; each fine-tunes the model 300 below it and trains on one of five
    datasets nobody indexes (dangling)."""
    items = [
        manifest(
            f"hf://acme/m{i:05d}",
            license_id=("MIT", "Apache-2.0", "CC-BY-NC-4.0")[i % 3],
            description=f"model number {i}",
            base_models=[{"id": f"hf://acme/m{i - 300:05d}", "relation": "finetune"}]
            if i >= 300
            else [],
            datasets=[f"hf://datasets/acme/d{i % 5}"],
        )
        for i in range(first, last)
    ]
    return write(tmp_path / f"m{first}-{last}", *items)


def test_two_writers_at_once_lose_and_duplicate_nothing(tmp_path: Path, pg_url: str) -> None:
    one, two = _collection(tmp_path, 0, 1200), _collection(tmp_path, 600, 1800)
    Catalog.open(pg_url, create=True).close()
    index = [sys.executable, "-m", "mlassets", "index", "--jobs", "1", "--db", pg_url]
    writers = [
        subprocess.Popen([*index, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for folder in (one, two)
    ]
    outputs = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], outputs
    for stdout, stderr in outputs:
        assert PASSWORD.encode() not in stdout + stderr
    with Catalog.open(pg_url) as db:
        sql = db.connection
        counts = sql.execute(
            "SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE dangling) FROM assets"
        ).fetchone()
        assert counts == (1805, 1805, 5)
        assert sql.execute("SELECT count(*) FROM edges").fetchone() == (1800 + 1500,)
        index_manifests([one], tmp_path / "c.db")
        index_manifests([two], tmp_path / "c.db")
        with Catalog.open(tmp_path / "c.db") as lite:
            assert db.audit() == lite.audit()
            ref = "hf://acme/m01000"
            shared, embedded = db.lineage_graph(ref, depth=10), lite.lineage_graph(ref, depth=10)
            assert len(shared.edges) == 7  # four generations (3 edges), each trained on d0
            assert set(shared.edges) == set(embedded.edges)  # the walk order may differ
            assert set(shared.nodes) == set(embedded.nodes)


def test_reindexing_forgets_a_deleted_manifest_as_sqlite_does(tmp_path: Path, pg_url: str) -> None:
    base = [{"id": "hf://acme/doomed", "relation": "finetune"}]
    folder = write(
        tmp_path / "m",
        manifest("hf://acme/kept", title="kept model", base_models=base),
        manifest(
            "hf://acme/doomed",
            license_id="CC-BY-NC-4.0",
            title="doomed model",
            languages=["en"],
            datasets=["hf://datasets/acme/d"],
        ),
    )
    with (
        Catalog.open(pg_url, create=True) as db,
        Catalog.open(tmp_path / "c.db", create=True) as lite,
    ):
        for catalog in (db, lite):
            catalog.index([folder])
            assert {h.id for h in catalog.search("model").hits} == {
                "hf://acme/kept",
                "hf://acme/doomed",
            }
            assert catalog.lineage_graph("hf://acme/kept").edges[0].violation == "G101:error"
        (folder / "hf--acme--doomed.json").unlink()
        for catalog in (db, lite):
            report = catalog.index([folder])
            assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
            assert [h.id for h in catalog.search("model").hits] == ["hf://acme/kept"]
            assert catalog.search("", {"license": "CC-BY-NC-4.0"}).hits == ()
            graph = catalog.lineage_graph("hf://acme/kept")
            assert graph.node("hf://acme/doomed").dangling
            assert graph.node("hf://acme/doomed").license is None
            assert graph.edges[0].violation == ""  # a dangling parent has no rules to break
            assert catalog.lineage_graph("hf://acme/doomed").edges == ()  # its datasets gone
            assert catalog.audit().to_json()["assets"] == 1
        assert db.audit() == lite.audit()
        dangling = db.connection.execute("SELECT id FROM assets WHERE dangling ORDER BY id")
        assert dangling.fetchall() == [("hf://acme/doomed",), ("hf://datasets/acme/d",)]
        write(folder, manifest("hf://acme/doomed", license_id="CC-BY-NC-4.0"))
        again = db.index([folder])  # the manifest back: filled in again
        assert (again.added, again.unchanged) == (1, 1)
        assert db.lineage_graph("hf://acme/kept").edges[0].violation == "G101:error"
