from __future__ import annotations

from pathlib import Path

import pytest

from mlassets.core.refs import parse_ref
from mlassets.documents.card import parse_card
from mlassets.manifests import build as manifest
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


def build() -> dict[str, object]:
    card = parse_card(CARD, "cards/m.md")
    return manifest.from_card(card, parse_ref("cards/m.md"), "2026-01-01T00:00:00Z")


def test_manifest_fields_and_schema() -> None:
    data = build()
    assert not list(validator_for("manifest").iter_errors(data))
    assert data["title"] == "The model"
    assert data["description"] == "A first paragraph that describes the model."
    assert data["base_models"] == [{"id": "hf://acme/base", "relation": "finetune"}]
    assert data["datasets"] == ["hf://datasets/acme/ds", "Some free-text dataset"]
    assert data["metrics"] == [
        {
            "model": "m",
            "task": "text-classification",
            "dataset": "acme/ds",
            "dataset_config": None,
            "split": "test",
            "type": "accuracy",
            "name": None,
            "value": 0.9,
        }
    ]
    license_block = data["license"]
    assert (license_block["declared"], license_block["concluded"]) == (["apache-2.0"], "Apache-2.0")
    assert license_block["classification"]["commercial_use"] is True
    assert license_block["lineage"] is None


def test_output_is_byte_identical_and_written_atomically(tmp_path: Path) -> None:
    first = manifest.write_manifest(build(), tmp_path / "a").read_bytes()
    second = manifest.write_manifest(build(), tmp_path / "b").read_bytes()
    assert first == second
    assert first.endswith(b"}\n")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["local--cards--m.json"]


def test_a_manifest_that_breaks_its_schema_is_never_written(tmp_path: Path) -> None:
    bad = build()
    bad["kind"] = "spaceship"
    with pytest.raises(AssertionError):
        manifest.write_manifest(bad, tmp_path)
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_fetch_time_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert manifest.fetch_time() == "1970-01-01T00:00:00Z"


@pytest.mark.parametrize(
    ("ident", "name"),
    [
        ("hf://acme/m", "models--acme--m.json"),
        ("hf://acme/m@refs/pr/1", "models--acme--m@refs--pr--1.json"),
        ("hf://datasets/acme/d", "datasets--acme--d.json"),
        ("openml://61", "openml--61.json"),
        ("./cards/x y.md", "local--cards--x--y.json"),
    ],
)
def test_manifest_file_names_are_flat_and_safe(ident: str, name: str) -> None:
    assert manifest.manifest_filename(ident) == name
