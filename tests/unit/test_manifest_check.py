"""The manifest check (jsonschema-rs, compiled) agrees with jsonschema, the reference
implementation, on valid manifests and on hundreds of broken ones: it never lets through a
manifest the reference rejects, nor refuses one it accepts."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

from mlassets.core.errors import ManifestError
from mlassets.manifests.check import check_schema
from mlassets.schemas import load_schema
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


def _accepted(document: Any) -> bool:
    try:
        check_schema(document, "m.json")
    except ManifestError:
        return False
    return True


def test_the_manifest_check_agrees_with_jsonschema() -> None:
    import jsonschema

    schema = load_schema("manifest")
    reference = jsonschema.validators.validator_for(schema)(schema)
    checked = rejected = 0
    for original in _originals():
        assert _accepted(original) and reference.is_valid(original)
        for mutant in _mutants(original):
            if not isinstance(mutant, dict) or "id" not in mutant or "license" not in mutant:
                continue  # not a manifest at all: refused before any schema is asked
            assert _accepted(mutant) == reference.is_valid(mutant), json.dumps(mutant)[:300]
            checked += 1
            rejected += not reference.is_valid(mutant)
    assert checked > 1000 and rejected > 500
