"""`diff` (issue 6, part 4): field-level changes grouped by topic, lists matched by key."""

from __future__ import annotations

import copy
from typing import Any

from mlassets.workflows.diff import diff_manifests

BASE: dict[str, Any] = {
    "id": "hf://acme/m",
    "revision": "1" * 40,
    "fetched_at": "2026-01-01T00:00:00Z",
    "license": {"declared": ["mit"], "concluded": "MIT", "findings": [], "lineage": None},
    "base_models": [{"id": "hf://acme/base", "relation": "finetune"}],
    "datasets": ["hf://datasets/acme/d"],
    "metrics": [{"dataset": "acme/d", "split": "test", "type": "accuracy", "value": 0.8}],
    "files": [{"path": "a.bin", "size": 1}, {"path": "b.bin", "size": 2}],
    "tags": ["x", "y"],
}


def test_changes_are_grouped_and_keyed() -> None:
    after = copy.deepcopy(BASE)
    after["fetched_at"] = "2026-02-02T00:00:00Z"  # not a change
    after["license"]["concluded"] = "CC-BY-NC-4.0"
    after["base_models"][0]["relation"] = "adapter"
    after["metrics"][0]["value"] = 0.9
    after["files"] = [{"path": "b.bin", "size": 2}, {"path": "a.bin", "size": 1}]  # reordered only
    after["tags"] = ["y", "z"]
    result = diff_manifests(BASE, after, ("a", "b"))
    assert result.license_changed
    assert [(c.topic, c.change, c.pointer) for c in result.changes] == [
        ("license", "changed", "/license/concluded"),
        ("lineage", "changed", "/base_models/hf:~1~1acme~1base/relation"),
        ("metrics", "changed", "/metrics/acme~1d|test|accuracy/value"),
        ("other", "removed", "/tags/x"),
        ("other", "added", "/tags/z"),
    ]
    assert result.to_json()["changes"][2]["before"] == 0.8


def test_identical_manifests_have_no_changes() -> None:
    assert diff_manifests(BASE, copy.deepcopy(BASE), ("a", "b")).changes == ()
