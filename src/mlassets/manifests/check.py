"""The manifest schema check `Manifest.from_json` and `write_manifest` run on every manifest.

The common case, a valid manifest, is answered by jsonschema-rs's `is_valid` alone (a few µs);
only a manifest it rejects goes through the full validator, which collects the violations and
writes the message. A test holds the two to the same answers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from mlassets.core.errors import ManifestError


@functools.cache
def _quick_check() -> Callable[[Any], bool] | None:
    """`is_valid` of the manifest schema compiled by jsonschema-rs, or None without it."""
    import jsonschema_rs

    from mlassets.schemas import load_schema

    is_valid: Callable[[Any], bool] = jsonschema_rs.validator_for(load_schema("manifest")).is_valid
    return is_valid


def check_schema(data: Any, where: str) -> None:
    """Raise `ManifestError` at `where` when `data` is not a manifest its schema accepts."""
    from mlassets.schemas import validator_for

    if not isinstance(data, dict) or "id" not in data or "license" not in data:
        raise ManifestError(f"{where}:1:1: not an mlassets manifest (no id or license)", where)
    quick = _quick_check()
    if quick is not None and quick(data):
        return  # the full validator words the message for anything the quick one rejects
    errors = sorted(validator_for("manifest").iter_errors(data), key=lambda e: e.json_path)
    if errors:
        first = errors[0]
        message = f"{where}:1:1: manifest breaks its schema at {first.json_path}: {first.message}"
        raise ManifestError(message, where)
