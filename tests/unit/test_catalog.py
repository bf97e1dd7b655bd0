"""The catalog (issue 5): index, search, lineage, recommendations and audit, on small
collections whose right answers are known."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from mlassets.catalog import (
    SCHEMA_VERSION,
    CatalogError,
    audit,
    index_manifests,
    lineage_graph,
    open_catalog,
    recommend_datasets,
    search,
)
from mlassets.catalog import render as draw


def manifest(
    asset_id: str, kind: str = "model", license_id: str = "MIT", **fields: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": asset_id,
        "kind": kind,
        "source": "huggingface",
        "revision": "1" * 40,
        "card_sha256": "a" * 64,
        "title": asset_id.rsplit("/", 1)[-1],
        "description": None,
        "license": {"declared": [license_id.lower()], "concluded": license_id, "findings": []},
        "task": None,
        "languages": [],
        "datasets": [],
        "base_models": [],
        "metrics": [],
        "files": [],
        "tags": [],
        "library": None,
        "findings": [],
    }
    data.update(fields)
    return data


def write(folder: Path, *manifests: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for data in manifests:
        name = data["id"].replace("://", "--").replace("/", "--") + ".json"
        (folder / name).write_text(json.dumps(data))
    return folder


def catalog(tmp_path: Path, *manifests: dict[str, Any]) -> sqlite3.Connection:
    index_manifests([write(tmp_path / "m", *manifests)], tmp_path / "c.db")
    return open_catalog(tmp_path / "c.db", create=False)


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
    connection = open_catalog(db, create=False)
    assert connection.execute("SELECT count(*) FROM assets WHERE dangling = 1").fetchone()[0] == 0
    assert (
        connection.execute("SELECT revision FROM assets WHERE id = 'hf://acme/a'").fetchone()[0]
        == "2" * 40
    )


def test_a_broken_manifest_is_reported_and_skipped(tmp_path: Path) -> None:
    folder = write(tmp_path / "m", manifest("hf://acme/a"))
    (folder / "broken.json").write_text("{not json")
    report = index_manifests([folder], tmp_path / "c.db")
    assert report.added == 1 and len(report.errors) == 1 and "broken.json" in report.errors[0]


def test_search_ranks_by_bm25_with_filters(tmp_path: Path) -> None:
    db = catalog(
        tmp_path,
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
    hits = search(db, "sentiment reviews").hits
    assert [h.id for h in hits] == ["hf://datasets/acme/reviews", "hf://acme/sentiment-bert"]
    assert hits[0].score >= hits[1].score
    assert [h.id for h in search(db, "sentiment", {"kind": "model", "language": "fr"}).hits] == [
        "hf://acme/french-bert"
    ]
    assert [h.id for h in search(db, "", {"license_category": "non-commercial"}).hits] == [
        "hf://datasets/acme/reviews"
    ]
    fallback = search(db, "bert summarises")
    assert fallback.mode == "any word" and {h.id for h in fallback.hits} >= {
        "hf://acme/review-summarizer"
    }


@pytest.mark.parametrize(
    "query", ['c++ "AND (', "NEAR(", "*", "'; DROP TABLE assets; --", "ünïcödé", "-"]
)
def test_search_never_fails_on_odd_queries(tmp_path: Path, query: str) -> None:
    db = catalog(tmp_path, manifest("hf://acme/a", description="c plus plus and unicode"))
    result = search(db, query)
    assert isinstance(result.hits, tuple)
    assert db.execute("SELECT count(*) FROM assets").fetchone()[0] == 1


def test_lineage_marks_violations_and_reports_cycles(tmp_path: Path) -> None:
    db = catalog(
        tmp_path,
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
    graph = lineage_graph(db, "hf://acme/bot", up=True, depth=10)
    violations = {(e.child, e.parent): e.violation for e in graph.edges}
    assert violations[("hf://acme/bot", "hf://datasets/acme/nc")] == "G101:error"
    assert violations[("hf://acme/bot", "hf://acme/llama")] == "G104:warning"
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
    down = lineage_graph(db, "hf://acme/root", up=False, down=True, depth=1)
    assert [(e.child, e.parent) for e in down.edges] == [("hf://acme/llama", "hf://acme/root")]
    assert graph.to_json()["schema_version"] == 1


def test_datasets_for_a_model_set_incompatible_licenses_apart(tmp_path: Path) -> None:
    db = catalog(
        tmp_path,
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
    result = recommend_datasets(db, "hf://acme/model", use="commercial")
    assert [r.id for r in result.ranked] == ["hf://datasets/acme/open", "hf://datasets/acme/french"]
    rejected = {r.id: r.reasons for r in result.rejected}
    assert set(rejected) == {"hf://datasets/acme/nc", "hf://datasets/acme/unlicensed"}
    assert "license laundering" in rejected["hf://datasets/acme/nc"][0]


def test_audit_shares_missing_fields_and_licenses(tmp_path: Path) -> None:
    db = catalog(
        tmp_path,
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
            card_sha256=None,
            license={"declared": [], "concluded": "NOASSERTION", "findings": []},
        ),
        manifest("hf://datasets/acme/nc", "dataset", "CC-BY-NC-4.0", findings=[{"code": "C101"}]),
    )
    result = audit(db)
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
    db = open_catalog(tmp_path / "c.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(CatalogError, match="newer than this mlassets"):
        open_catalog(tmp_path / "c.db")
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.close()
    with pytest.raises(CatalogError, match="not an mlassets catalog"):
        open_catalog(tmp_path / "other.db")
    (tmp_path / "text.db").write_text("hello, I am not a database" * 100)
    with pytest.raises(CatalogError):
        open_catalog(tmp_path / "text.db")
