from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mlassets.core.clock import fetch_time
from mlassets.core.errors import ManifestError
from mlassets.core.refs import parse_ref
from mlassets.documents.card import parse_card, read_card
from mlassets.manifests.build import from_card
from mlassets.manifests.model import BaseModelLink, EvalResult, Manifest, Relation
from mlassets.manifests.store import (
    dumps,
    load_manifest,
    manifest_filename,
    read_manifest,
    write_manifest,
)
from mlassets.schemas import validator_for

CARD = b"""---
license: apache-2.0
language: en
pipeline_tag: text-classification
base_model: acme/base
base_model_relation: finetune
datasets: [acme/ds, Some free-text dataset]
model-index:
  - name: m
    results:
      - task: {type: text-classification}
        dataset: {type: acme/ds, name: DS, split: test}
        metrics:
          - {type: accuracy, value: 0.9}
---

# The model

<img src="x.png">

A first paragraph that describes
the model.
"""


def build() -> Manifest:
    card = parse_card(CARD, "cards/m.md")
    return from_card(card, parse_ref("cards/m.md"), "2026-01-01T00:00:00Z")


def test_manifest_fields_and_schema() -> None:
    data = build()
    assert not list(validator_for("manifest").iter_errors(data.to_json()))
    assert data.title == "The model"
    assert data.description == "A first paragraph that describes the model."
    assert data.base_models == (BaseModelLink("hf://acme/base", Relation.FINETUNE),)
    assert data.datasets == ("hf://datasets/acme/ds", "Some free-text dataset")
    assert data.metrics == (
        EvalResult(
            model="m",
            task="text-classification",
            dataset="acme/ds",
            split="test",
            type="accuracy",
            value=0.9,
        ),
    )
    assert (data.license.declared, data.license.concluded) == (("apache-2.0",), "Apache-2.0")
    assert data.license.classification.commercial_use is True
    assert data.license.lineage is None


def test_output_is_byte_identical_and_written_atomically(tmp_path: Path) -> None:
    first = write_manifest(build(), tmp_path / "a").read_bytes()
    second = write_manifest(build(), tmp_path / "b").read_bytes()
    assert first == second
    assert first.endswith(b"}\n")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["local--cards--m.json"]


def test_a_manifest_that_breaks_its_schema_is_never_written(tmp_path: Path) -> None:
    bad = replace(build(), fetched_at="yesterday")
    with pytest.raises(AssertionError):
        write_manifest(bad, tmp_path)
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_reading_a_document_the_schema_rejects_names_the_file(tmp_path: Path) -> None:
    document = build().to_json()
    document["kind"] = "spaceship"
    path = tmp_path / "m.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ManifestError, match=r"m\.json:1:1: manifest breaks its schema at \$\.kind"):
        load_manifest(path)
    (tmp_path / "other.json").write_text('{"name": "not a manifest"}')
    assert read_manifest(tmp_path / "other.json") is None
    with pytest.raises(ManifestError, match="not an mlassets manifest"):
        load_manifest(tmp_path / "other.json")


def test_fetch_time_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert fetch_time() == "1970-01-01T00:00:00Z"


@pytest.mark.parametrize(
    ("ident", "name"),
    [
        ("hf://acme/m", "models--acme--m.json"),
        ("hf://acme/m@refs/pr/1", "models--acme--m@refs--pr--1.json"),
        ("hf://datasets/acme/d", "datasets--acme--d.json"),
        ("openml://61", "openml--61.json"),
        ("./cards/m.md", "local--cards--m.json"),
        ("cards/x/y.md", "local--cards--x--y.json"),
        # Lossy flattenings carry a hash of the reference: these two would collide otherwise.
        ("./cards/x y.md", "local--cards--x--y~ae23c07603f0.json"),
        ("cards/x--y.md", "local--cards--x--y~d04791b6a8b0.json"),
    ],
)
def test_manifest_file_names_are_flat_and_safe(ident: str, name: str) -> None:
    assert manifest_filename(ident) == name


def _round_trip_bytes(raw: bytes, where: str) -> bytes:
    return dumps(Manifest.from_json(json.loads(raw), where))


def test_every_example_manifest_round_trips_byte_for_byte() -> None:
    paths = sorted((Path(__file__).parents[2] / "examples").rglob("*.json"))
    manifests = [p for p in paths if read_manifest(p) is not None]
    assert manifests
    for path in manifests:
        raw = path.read_bytes()
        assert _round_trip_bytes(raw, str(path)) == raw, path
    cards = sorted((Path(__file__).parents[2] / "examples").rglob("*.md"))
    assert cards
    for path in cards:
        raw = dumps(from_card(read_card(path), parse_ref(str(path)), "2026-01-01T00:00:00Z"))
        assert _round_trip_bytes(raw, str(path)) == raw, path


def test_every_corpus_manifest_round_trips_byte_for_byte() -> None:
    corpus = Path(__file__).parents[3] / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not here")
    cards = sorted(corpus.rglob("*.md"))
    assert cards
    for path in cards:
        built = from_card(read_card(path, path.name), parse_ref(path.name), "2026-01-01T00:00:00Z")
        raw = dumps(built)
        assert _round_trip_bytes(raw, path.name) == raw, path.name
        assert Manifest.from_json(json.loads(raw)) == built, path.name
