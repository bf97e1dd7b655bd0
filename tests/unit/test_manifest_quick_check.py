"""The quick manifest schema check (jsonschema-rs) agrees with jsonschema, the reference, on
valid manifests and on hundreds of broken ones: it may only ever skip the slow check for a
manifest jsonschema also accepts."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from mlassets.manifests.check import _quick_check
from mlassets.schemas import validator_for
from tests.conftest import REPO

ODD_VALUES: tuple[Any, ...] = (None, 12, -1, 1.5, "x", "", True, [], {}, ["x"], {"x": 1})


def _originals() -> list[dict[str, Any]]:
    found = [
        json.loads(p.read_text()) for p in sorted((REPO / "examples" / "manifests").glob("*.json"))
    ]
    assert len(found) >= 4
    return found


def _places(document: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value in the document."""
    items = (
        document.items()
        if isinstance(document, dict)
        else enumerate(document)
        if isinstance(document, list)
        else ()
    )
    for key, value in items:
        yield (*path, key)
        yield from _places(value, (*path, key))


def _mutants(original: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for place in _places(original):
        for value in (*ODD_VALUES, "delete", "extra"):
            mutant = copy.deepcopy(original)
            parent = mutant
            for key in place[:-1]:
                parent = parent[key]
            if value == "delete":
                del parent[place[-1]]
            elif value == "extra":
                if not isinstance(parent, dict):
                    continue
                parent["unexpected_field"] = 1
            else:
                parent[place[-1]] = value
            yield mutant


def test_the_quick_check_agrees_with_jsonschema() -> None:
    quick = _quick_check()
    if quick is None:
        pytest.skip("jsonschema-rs is not installed (the speedups extra)")
    reference = validator_for("manifest")
    checked = rejected = 0
    for original in _originals():
        assert quick(original) and reference.is_valid(original)
        for mutant in _mutants(original):
            assert quick(mutant) == reference.is_valid(mutant), json.dumps(mutant)[:300]
            checked += 1
            rejected += not reference.is_valid(mutant)
    assert checked > 1000 and rejected > 500
