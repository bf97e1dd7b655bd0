"""Load the vendored JSON Schemas and compile cached validators for them (jsonschema-rs).

The schemas are package data: the `*.schema.json` files beside this module.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from mlassets.core.errors import SchemaFileError
from mlassets.schemas.compiled import CompiledSchema, Violation

__all__ = ["BUILTIN", "CompiledSchema", "Violation", "load_schema", "load_user_schema"]

BUILTIN = (
    "hub-model-card",
    "hub-dataset-card",
    "openml-description",
    "manifest",
    "validate-report",
    "license-normalize",
    "license-check-report",
    "catalog-index",
    "catalog-search",
    "catalog-lineage",
    "catalog-recommend",
    "catalog-audit",
    "manifest-diff",
    "project",
    "lock",
    "sync-report",
    "outdated-report",
    "select-models",
    "leaderboard",
)


def _schema_dir() -> Path:
    return Path(__file__).resolve().parent


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """The built-in schema called `name` (see BUILTIN)."""
    if name not in BUILTIN:
        raise KeyError(name)
    path = _schema_dir() / f"{name}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@functools.cache
def validator_for(name: str) -> CompiledSchema:
    """The compiled validator of the built-in schema `name`."""
    from mlassets.schemas.compile import compile_schema

    return compile_schema(load_schema(name))


@functools.cache  # one parse per schema file and process, not one per card
def load_user_schema(path: Path) -> CompiledSchema:
    """A validator for an organisation's own schema file (JSON or YAML).

    Raises `SchemaFileError` (one line, exit 2) for a file that cannot be read or parsed, is not
    a valid schema, has a `$ref` that cannot be resolved offline, or refers to itself without
    reading any value (`{"$ref": "#"}`), which would never finish.
    """
    from mlassets.io.yamlpos import YamlSyntaxError, load_located  # YAML is a superset of JSON
    from mlassets.schemas.compile import compile_user_schema

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaFileError(f"{path}: cannot read schema: {exc}", str(path)) from exc
    try:
        schema = json.loads(text) if path.suffix.lower() == ".json" else load_located(text).data
    except json.JSONDecodeError as exc:
        raise SchemaFileError(
            f"{path}:{exc.lineno}:{exc.colno}: schema does not parse: {exc.msg}", str(path)
        ) from exc
    except YamlSyntaxError as exc:
        where = f"{path}:{exc.position.line}:{exc.position.column}"
        raise SchemaFileError(f"{where}: schema does not parse: {exc.message}", str(where)) from exc
    except RecursionError as exc:  # json.loads recurses: a document nested ~1,000 deep
        raise SchemaFileError(f"{path}: schema is nested too deeply", str(path)) from exc
    if not isinstance(schema, dict):
        raise SchemaFileError(f"{path}:1:1: a schema must be a JSON object", str(path))
    return compile_user_schema(schema, str(path))
