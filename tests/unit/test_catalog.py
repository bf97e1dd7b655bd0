"""The catalog (issue 5): index, search, lineage, recommendations and audit, on small
collections whose right answers are known. Tests that take the `catalog` fixture run on both
backends: SQLite and a real PostgreSQL server (tests/support/realparts.py)."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mlassets.catalog import (
    SCHEMA_VERSION,
    AssetNotFoundError,
    Catalog,
    CatalogError,
    SqliteCatalog,
    audit_directory,
    index_manifests,
)
from mlassets.core.errors import MlassetsError, UsageError
from mlassets.formats import lineage_graph as draw
from mlassets.manifests.model import LicenseBlock, Manifest
from mlassets.manifests.store import write_manifest_at


def manifest(
    asset_id: str,
    kind: str = "model",
    license_id: str = "MIT",
    *,
    declared: list[str] | None = None,
    **fields: Any,
) -> Manifest:
    """A schema-valid manifest (fields in their JSON form), through the typed model."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": asset_id,
        "kind": kind,
        "source": "huggingface",
        "revision": "1" * 40,
        "card_sha256": "a" * 64,
        "fetched_at": "2026-01-01T00:00:00Z",
        "title": asset_id.rsplit("/", 1)[-1],
        "description": None,
        "license": LicenseBlock.of(
            tuple([license_id.lower()] if declared is None else declared), license_id
        ).to_json(),
        "task": None,
        "languages": [],
        "datasets": [],
        "base_models": [],
        "metrics": [],
        "files": [],
        "tags": [],
        "library": None,
        "gated": False,
        "last_modified": None,
        "findings": [],
    }
    data.update(fields)
    return Manifest.from_json(data)


def write(folder: Path, *manifests: Manifest) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for item in manifests:
        write_manifest_at(
            item, folder / (item.id.replace("://", "--").replace("/", "--") + ".json")
        )
    return folder


Build = Callable[..., Catalog]


@pytest.fixture
def sqlite_catalog(tmp_path: Path) -> Iterator[Build]:
    """`catalog(*manifests)`: those manifests indexed, the catalog open (closed after the test)."""
    with contextlib.ExitStack() as stack:

        def build(*manifests: Manifest) -> Catalog:
            index_manifests([write(tmp_path / "m", *manifests)], tmp_path / "c.db")
            return stack.enter_context(SqliteCatalog.open(tmp_path / "c.db"))

        yield build


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Build]:
    """`catalog(*manifests)` on each backend: SQLite, then a database on a real PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_catalog")
        return
    url = request.getfixturevalue("pg_url")
    with contextlib.ExitStack() as stack:

        def build(*manifests: Manifest) -> Catalog:
            opened = stack.enter_context(Catalog.open(url, create=True))
            opened.index([write(tmp_path / "m", *manifests)])
            return opened

        yield build


def finding(code: str) -> dict[str, Any]:
    return {
        "code": code,
        "severity": "warning",
        "message": "the card has no metadata",
        "pointer": "",
        "line": None,
        "column": None,
    }


def metric(dataset: str, kind: str, value: float) -> dict[str, Any]:
    return {
        "model": None,
        "task": None,
        "dataset": dataset,
        "dataset_config": None,
        "split": None,
        "type": kind,
        "name": None,
        "value": value,
    }


def test_index_is_incremental_and_keeps_dangling_references(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "m",
        manifest("hf://acme/a", base_models=[{"id": "hf://acme/base", "relation": "finetune"}]),
        manifest("hf://datasets/acme/d", "dataset", "CC-BY-4.0"),
    )
    db = tmp_path / "c.db"
    first = index_manifests([folder], db)
    assert (first.added, first.updated, first.unchanged, first.dangling) == (2, 0, 0, 1)
    second = index_manifests([folder], db)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 2)
    write(folder, manifest("hf://acme/base", license_id="Apache-2.0"))
    changed = manifest(
        "hf://acme/a",
        revision="2" * 40,
        base_models=[{"id": "hf://acme/base", "relation": "finetune"}],
    )
    write(folder, changed)
    third = index_manifests([folder], db)
    assert (third.added, third.updated, third.unchanged) == (1, 1, 1)
    with SqliteCatalog.open(db) as opened:
        sql = opened.connection
        assert sql.execute("SELECT count(*) FROM assets WHERE dangling = 1").fetchone()[0] == 0
        revision = sql.execute("SELECT revision FROM assets WHERE id = 'hf://acme/a'").fetchone()
        assert revision[0] == "2" * 40


def test_a_broken_manifest_is_reported_and_skipped(tmp_path: Path) -> None:
    folder = write(tmp_path / "m", manifest("hf://acme/a"))
    (folder / "broken.json").write_text("{not json")
    report = index_manifests([folder], tmp_path / "c.db")
    assert report.added == 1 and len(report.errors) == 1 and "broken.json" in report.errors[0]


def test_search_ranks_by_bm25_with_filters(catalog: Build) -> None:
    db = catalog(
        manifest(
            "hf://acme/sentiment-bert",
            task="text-classification",
            languages=["en"],
            description="A BERT model for sentiment of product reviews.",
        ),
        manifest(
            "hf://acme/review-summarizer",
            task="summarization",
            languages=["en"],
            description="Summarises product reviews.",
        ),
        manifest(
            "hf://datasets/acme/reviews",
            "dataset",
            "CC-BY-NC-4.0",
            task="text-classification",
            title="Product reviews",
            description="Reviews labelled with sentiment.",
        ),
        manifest(
            "hf://acme/french-bert",
            task="text-classification",
            languages=["fr"],
            description="Sentiment en français.",
        ),
    )
    hits = db.search("sentiment reviews").hits
    assert [h.id for h in hits] == ["hf://datasets/acme/reviews", "hf://acme/sentiment-bert"]
    assert hits[0].score >= hits[1].score
    assert [h.id for h in db.search("sentiment", {"kind": "model", "language": "fr"}).hits] == [
        "hf://acme/french-bert"
    ]
    assert [h.id for h in db.search("", {"license_category": "non-commercial"}).hits] == [
        "hf://datasets/acme/reviews"
    ]
    fallback = db.search("bert summarises")
    assert fallback.mode == "any word" and {h.id for h in fallback.hits} >= {
        "hf://acme/review-summarizer"
    }


def test_the_top_hits_are_those_of_ranking_every_match(sqlite_catalog: Build) -> None:
    # More assets name a word than the limit asks for, and many more mention it: a shortcut that
    # ranks fewer rows (the name matches only, say) must keep the top that ranking every match
    # by bm25 gives.
    rng = random.Random(3)
    words = ["bert", "sentiment", "vision", "speech", "tiny", "large"]
    manifests = [
        manifest(
            f"hf://org{i % 7}/{'-'.join(rng.sample(words, rng.randint(1, 2)))}-{i}",
            description=" ".join(rng.choices(words, k=rng.randint(3, 30))),
            tags=rng.sample(words, rng.randint(0, 2)),
        )
        for i in range(150)
    ]
    db = sqlite_catalog(*manifests)
    assert isinstance(db, SqliteCatalog)
    weights = "8.0, 10.0, 1.0, 3.0, 2.0"
    for query in ("bert", "vision speech", "tiny large"):
        match = " ".join(f'"{w}"' for w in query.split())
        every = db.connection.execute(
            f"""SELECT a.id FROM fts JOIN assets a ON a.rowid = fts.rowid
                WHERE fts MATCH ? AND a.dangling = 0
                ORDER BY bm25(fts, {weights}), a.id LIMIT 5""",
            (match,),
        ).fetchall()
        hits = db.search(query, limit=5).hits
        assert len(hits) == 5
        assert [h.id for h in hits] == [r[0] for r in every], query


@pytest.mark.parametrize(
    "query", ['c++ "AND (', "NEAR(", "*", "'; DROP TABLE assets; --", "ünïcödé", "-"]
)
def test_search_never_fails_on_odd_queries(catalog: Build, query: str) -> None:
    db = catalog(manifest("hf://acme/a", description="c plus plus and unicode"))
    result = db.search(query)
    assert isinstance(result.hits, tuple)
    assert db.connection.execute("SELECT count(*) FROM assets").fetchone()[0] == 1


def test_lineage_marks_violations_and_reports_cycles(catalog: Build) -> None:
    db = catalog(
        manifest(
            "hf://acme/bot",
            license_id="Apache-2.0",
            base_models=[{"id": "hf://acme/llama", "relation": "finetune"}],
            datasets=["hf://datasets/acme/nc"],
        ),
        manifest(
            "hf://acme/llama",
            license_id="LicenseRef-scancode-llama-2-license-2023",
            base_models=[{"id": "hf://acme/root", "relation": "finetune"}],
        ),
        manifest(
            "hf://acme/root",
            license_id="MIT",
            base_models=[{"id": "hf://acme/bot", "relation": "merge"}],
        ),
        manifest("hf://datasets/acme/nc", "dataset", "CC-BY-NC-4.0"),
    )
    graph = db.lineage_graph("hf://acme/bot", up=True, depth=10)
    violations = {(e.child, e.parent): e.violation for e in graph.edges}
    assert violations[("hf://acme/bot", "hf://datasets/acme/nc")] == "G101:error"
    # issue 12: an Apache-2.0 fine-tune of a Llama model drops its terms: an error, not a warning
    assert violations[("hf://acme/bot", "hf://acme/llama")] == "G104:error"
    assert graph.cycles == (
        ("hf://acme/bot", "hf://acme/llama", "hf://acme/root", "hf://acme/bot"),
    )
    text = draw.tree(graph)
    assert "↑ trained_on: hf://datasets/acme/nc [CC-BY-NC-4.0]  !! G101:error" in text
    assert "cycle: hf://acme/bot → hf://acme/llama → hf://acme/root → hf://acme/bot" in text
    assert (
        '"hf://acme/bot" -> "hf://datasets/acme/nc" [label="trained_on G101:error", color=red'
        in draw.dot(graph)
    )
    assert "linkStyle" in draw.mermaid(graph) and draw.mermaid(graph).startswith("flowchart BT")
    down = db.lineage_graph("hf://acme/root", up=False, down=True, depth=1)
    assert [(e.child, e.parent) for e in down.edges] == [("hf://acme/llama", "hf://acme/root")]
    assert graph.to_json()["schema_version"] == 1


def test_datasets_for_a_model_set_incompatible_licenses_apart(sqlite_catalog: Build) -> None:
    db = sqlite_catalog(
        manifest(
            "hf://acme/model", license_id="Apache-2.0", task="text-classification", languages=["en"]
        ),
        manifest(
            "hf://datasets/acme/open",
            "dataset",
            "CC-BY-4.0",
            task="text-classification",
            languages=["en"],
        ),
        manifest(
            "hf://datasets/acme/french",
            "dataset",
            "MIT",
            task="text-classification",
            languages=["fr"],
        ),
        manifest(
            "hf://datasets/acme/nc",
            "dataset",
            "CC-BY-NC-4.0",
            task="text-classification",
            languages=["en"],
        ),
        manifest("hf://datasets/acme/images", "dataset", "CC0-1.0", task="image-classification"),
        manifest(
            "hf://datasets/acme/unlicensed", "dataset", "NOASSERTION", task="text-classification"
        ),
    )
    result = db.recommend_datasets("hf://acme/model", use="commercial")
    assert [r.id for r in result.ranked] == ["hf://datasets/acme/open", "hf://datasets/acme/french"]
    rejected = {r.id: r.reasons for r in result.rejected}
    assert set(rejected) == {"hf://datasets/acme/nc", "hf://datasets/acme/unlicensed"}
    assert "license laundering" in rejected["hf://datasets/acme/nc"][0]


def test_audit_shares_missing_fields_and_licenses(catalog: Build) -> None:
    db = catalog(
        manifest(
            "hf://acme/a",
            task="text-classification",
            library="transformers",
            languages=["en"],
            description="x",
            datasets=["hf://datasets/acme/nc"],
            metrics=[metric("acme/nc", "accuracy", 1.0)],
        ),
        manifest(
            "hf://acme/b",
            license_id="NOASSERTION",
            declared=[],
            card_sha256=None,
        ),
        manifest("hf://datasets/acme/nc", "dataset", "CC-BY-NC-4.0", findings=[finding("C101")]),
    )
    result = db.audit()
    assert (result.assets, result.by_kind) == (3, {"dataset": 1, "model": 2})
    assert result.counts == {
        "with_card": 2,
        "with_metadata": 1,
        "with_license": 2,
        "spdx": 2,
        "licenseref": 0,
        "with_lineage_conflicts": 1,
    }
    assert result.shares["with_card"] == round(2 / 3, 4)
    assert dict(result.missing_fields)["license"] == 1
    assert result.licenses[0][2] == 1 and {lic for lic, _, _ in result.licenses} == {
        "MIT",
        "NOASSERTION",
        "CC-BY-NC-4.0",
    }


def test_catalog_schema_is_versioned(tmp_path: Path) -> None:
    with SqliteCatalog.open(tmp_path / "c.db", create=True) as db:
        sql = db.connection
        assert sql.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        assert (
            sql.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "3"
        )
        sql.execute("PRAGMA user_version = 99")
    with pytest.raises(CatalogError, match="newer than this mlassets") as newer:
        Catalog.open(tmp_path / "c.db")
    assert newer.value.subject == str(tmp_path / "c.db")
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.close()
    with pytest.raises(CatalogError, match="not an mlassets catalog"):
        Catalog.open(tmp_path / "other.db")


def test_catalog_errors_are_mlassets_errors_naming_the_file(tmp_path: Path) -> None:
    text = tmp_path / "text.db"
    text.write_text("hello, I am not a database" * 100)
    with pytest.raises(MlassetsError) as junk:
        Catalog.open(text)
    assert isinstance(junk.value, CatalogError)
    assert str(junk.value) == f"{text}: not a catalog (file is not a database)"
    assert junk.value.subject == str(text)
    with pytest.raises(CatalogError, match="no catalog here"):
        Catalog.open(tmp_path / "nowhere.db")
    assert not (tmp_path / "nowhere.db").exists()  # opening without `create` makes no file
    with pytest.raises(CatalogError, match="cannot open the catalog"):
        Catalog.open(tmp_path / "no-such-dir" / "c.db", create=True)


def test_a_corrupt_catalog_says_corrupt(tmp_path: Path, sqlite_catalog: Build) -> None:
    sqlite_catalog(manifest("hf://acme/a", description="bert")).close()
    data = bytearray((tmp_path / "c.db").read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # keep the header page, scribble over the rest
    (tmp_path / "c.db").write_bytes(bytes(data))
    with SqliteCatalog.open(tmp_path / "c.db") as db, pytest.raises(CatalogError) as corrupt:
        db.search("bert")
    assert str(corrupt.value).startswith(f"{tmp_path / 'c.db'}: the catalog is corrupt (")
    assert "\n" not in str(corrupt.value)


def test_a_locked_catalog_says_locked_not_not_a_catalog(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    Catalog.open(path, create=True).close()
    holder = sqlite3.connect(path)  # another process in the middle of a write
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(CatalogError) as at_open:
            SqliteCatalog.open(path, timeout=0.05)
        holder.rollback()
        with SqliteCatalog.open(path, timeout=0.05) as db:
            holder.execute("BEGIN EXCLUSIVE")
            with pytest.raises(CatalogError) as at_search:
                db.search("anything")
            holder.rollback()
            assert db.search("anything").hits == ()  # usable again once the lock is gone
    finally:
        holder.close()
    for error in (at_open.value, at_search.value):
        assert str(error).startswith(f"{path}: the catalog is locked (database is locked)")
        assert "not a catalog" not in str(error)


def test_the_context_manager_closes_the_connection(tmp_path: Path) -> None:
    with Catalog.open(tmp_path / "c.db", create=True) as db:
        assert isinstance(db, SqliteCatalog) and db.location == str(tmp_path / "c.db")
        sql = db.connection
        assert db.audit().assets == 0
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        sql.execute("SELECT 1")
    with pytest.raises(CatalogError, match="the catalog is closed"):
        db.search("x")
    db.close()  # twice: harmless


def test_unknown_references_and_filters_are_usage_errors(catalog: Build) -> None:
    db = catalog(manifest("hf://acme/a"))
    calls: list[Callable[[], object]] = [
        lambda: db.lineage_graph("hf://nobody/nothing"),
        lambda: db.asset("hf://nobody/nothing"),
        lambda: db.evaluated_on("hf://nobody/nothing"),
    ]
    if isinstance(db, SqliteCatalog):  # PostgreSQL refuses recommend outright (its own test)
        calls += [
            lambda: db.recommend_datasets("hf://nobody/nothing"),
        ]
    for call in calls:
        with pytest.raises(AssetNotFoundError) as missing:
            call()
        assert isinstance(missing.value, UsageError) and isinstance(missing.value, LookupError)
        assert str(missing.value) == f"hf://nobody/nothing: not in the catalog {db.location}"
        assert missing.value.subject == "hf://nobody/nothing"
    with pytest.raises(UsageError, match="unknown search filter"):
        db.search("x", {"colour": "red"})


def test_index_through_an_open_catalog_matches_a_fresh_build(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "m",
        manifest("hf://acme/a", base_models=[{"id": "hf://acme/base", "relation": "adapter"}]),
        manifest("hf://acme/b", description="a bert model", languages=["en"]),
        manifest("hf://datasets/acme/d", "dataset", "CC-BY-NC-4.0"),
    )
    fresh = index_manifests([folder], tmp_path / "fresh.db")
    with Catalog.open(tmp_path / "open.db", create=True) as db:
        report = db.index([folder])
        assert (report.added, report.dangling) == (fresh.added, fresh.dangling) == (3, 1)
        with Catalog.open(tmp_path / "fresh.db") as other:
            assert db.audit() == other.audit()
            assert db.search("bert") == other.search("bert")
            assert db.lineage_graph("hf://acme/a") == other.lineage_graph("hf://acme/a")
        assert db.index([folder]).unchanged == 3


def test_audit_directory_uses_a_scratch_catalog_it_removes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write(
        tmp_path / "m",
        manifest("hf://acme/a", task="text-classification"),
        manifest("hf://datasets/acme/d", "dataset", "CC-BY-NC-4.0"),
    )
    (folder / "broken.json").write_text("{not json")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result, report = audit_directory([folder])
    assert list(scratch.iterdir()) == []
    assert len(report.errors) == 1 and "broken.json" in report.errors[0]
    index_manifests([folder], tmp_path / "c.db")
    with Catalog.open(tmp_path / "c.db") as db:
        assert result == db.audit()
    assert result.by_kind == {"dataset": 1, "model": 1}


def test_reindexing_forgets_a_manifest_deleted_from_the_directory(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    write(folder, manifest("hf://acme/kept", title="kept model"))
    write(folder, manifest("hf://acme/doomed", title="doomed model"))
    doomed = folder / "hf--acme--doomed.json"
    db = tmp_path / "c.db"
    index_manifests([folder], db)
    with SqliteCatalog.open(db) as catalog:
        assert {h.id for h in catalog.search("model").hits} == {
            "hf://acme/kept",
            "hf://acme/doomed",
        }
    doomed.unlink()
    index_manifests([folder], db)
    with SqliteCatalog.open(db) as catalog:
        assert [h.id for h in catalog.search("model").hits] == ["hf://acme/kept"]
        assert catalog.audit().to_json()["assets"] == 1


def test_one_asset_in_two_files_of_one_run_is_stored_once_the_later_winning(
    tmp_path: Path,
) -> None:
    folder = write(tmp_path / "m", manifest("hf://acme/a", title="first"))
    later = manifest("hf://acme/a", title="second", revision="2" * 40)
    write_manifest_at(later, folder / "z-copy.json")
    report = index_manifests([folder], tmp_path / "c.db")
    assert (report.added, report.updated, report.errors) == (1, 1, ())
    with SqliteCatalog.open(tmp_path / "c.db") as catalog:
        assert catalog.asset("hf://acme/a").revision == "2" * 40
