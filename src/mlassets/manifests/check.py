"""The manifest schema check `Manifest.from_json` and `write_manifest` run on every manifest.

The compiled validator answers a valid manifest with `is_valid` alone (a few µs); only a manifest
it rejects has its violations collected, for the message.
"""

from __future__ import annotations

from typing import Any

from mlassets.core.errors import ManifestError


def check_schema(data: Any, where: str) -> None:
    """Raise `ManifestError` at `where` when `data` is not a manifest its schema accepts."""
    from mlassets.schemas import validator_for

    if not isinstance(data, dict) or "id" not in data or "license" not in data:
        raise ManifestError(f"{where}:1:1: not an mlassets manifest (no id or license)", where)
    errors = sorted(validator_for("manifest").iter_errors(data), key=lambda e: e.json_path)
    if errors:
        first = errors[0]
        message = f"{where}:1:1: manifest breaks its schema at {first.json_path}: {first.message}"
        raise ManifestError(message, where)
