"""`diff` (issue 6, part 4): field-level changes grouped by topic, lists matched by key."""

from __future__ import annotations

from dataclasses import replace

from mlassets.manifests.model import (
    AssetKind,
    BaseModelLink,
    EvalResult,
    FileEntry,
    LicenseBlock,
    Manifest,
    Relation,
    SourceName,
)
from mlassets.workflows.diff import diff_manifests

BASE = Manifest(
    id="hf://acme/m",
    kind=AssetKind.MODEL,
    source=SourceName.HUGGINGFACE,
    revision="1" * 40,
    fetched_at="2026-01-01T00:00:00Z",
    license=LicenseBlock.of(("mit",), "MIT"),
    base_models=(BaseModelLink("hf://acme/base", Relation.FINETUNE),),
    datasets=("hf://datasets/acme/d",),
    metrics=(EvalResult(dataset="acme/d", split="test", type="accuracy", value=0.8),),
    files=(FileEntry("a.bin", 1), FileEntry("b.bin", 2)),
    tags=("x", "y"),
)


def test_changes_are_grouped_and_keyed() -> None:
    after = replace(
        BASE,
        fetched_at="2026-02-02T00:00:00Z",  # not a change
        license=LicenseBlock.of(("mit",), "CC-BY-NC-4.0"),
        base_models=(BaseModelLink("hf://acme/base", Relation.ADAPTER),),
        metrics=(EvalResult(dataset="acme/d", split="test", type="accuracy", value=0.9),),
        files=(FileEntry("b.bin", 2), FileEntry("a.bin", 1)),  # reordered only
        tags=("y", "z"),
    )
    result = diff_manifests(BASE, after, ("a", "b"))
    assert result.license_changed
    assert [(c.topic, c.change, c.pointer) for c in result.changes] == [
        ("license", "changed", "/license/classification/category"),
        ("license", "changed", "/license/classification/commercial_use"),
        ("license", "changed", "/license/classification/source"),
        ("license", "changed", "/license/concluded"),
        ("lineage", "changed", "/base_models/hf:~1~1acme~1base/relation"),
        ("metrics", "changed", "/metrics/acme~1d|test|accuracy/value"),
        ("other", "removed", "/tags/x"),
        ("other", "added", "/tags/z"),
    ]
    assert result.to_json()["changes"][5]["before"] == 0.8


def test_identical_manifests_have_no_changes() -> None:
    assert diff_manifests(BASE, replace(BASE), ("a", "b")).changes == ()
