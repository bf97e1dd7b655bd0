"""Load the vendored JSON Schemas and build cached validators for them.

In an installed wheel the schemas live inside the package (`mlassets/schemas/`); in a source
checkout they live in the repository's top-level `schemas/`, which the wheel build copies in.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from mlassets.errors import SchemaFileError

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
    packaged = resources.files("mlassets") / "schemas"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "schemas"


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """The built-in schema called `name` (see BUILTIN)."""
    if name not in BUILTIN:
        raise KeyError(name)
    path = _schema_dir() / f"{name}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@functools.cache
def validator_for(name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@functools.cache  # one parse per schema file and process, not one per card
def load_user_schema(path: Path) -> jsonschema.protocols.Validator:
    """A validator for an organisation's own schema file (JSON or YAML)."""
    from mlassets.yamlpos import YamlSyntaxError, load_located  # YAML is a superset of JSON

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaFileError(f"{path}: cannot read schema: {exc}") from exc
    try:
        schema = json.loads(text) if path.suffix.lower() == ".json" else load_located(text).data
    except json.JSONDecodeError as exc:
        raise SchemaFileError(
            f"{path}:{exc.lineno}:{exc.colno}: schema does not parse: {exc.msg}"
        ) from exc
    except YamlSyntaxError as exc:
        where = f"{path}:{exc.position.line}:{exc.position.column}"
        raise SchemaFileError(f"{where}: schema does not parse: {exc.message}") from exc
    if not isinstance(schema, dict):
        raise SchemaFileError(f"{path}:1:1: a schema must be a JSON object")
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        pointer = "/" + "/".join(str(p) for p in exc.absolute_path)
        raise SchemaFileError(
            f"{path}: not a valid JSON Schema at {pointer}: {exc.message}"
        ) from exc
    return cls(schema)
