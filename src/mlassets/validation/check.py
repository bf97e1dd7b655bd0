"""`validate`: offline checks of cards, manifests and OpenML descriptions against the schemas.

The result is data (`ValidationReport`); rendering and exit codes belong to the CLI.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypedDict

from mlassets.core import rules
from mlassets.core.errors import UnreadableFileError
from mlassets.core.findings import Finding, FindingJson, Position, Severity
from mlassets.core.shapes import Count, Keywords, SchemaVersion, Text
from mlassets.documents.card import Card, parse_card
from mlassets.documents.openml_description import is_description_json, parse_file
from mlassets.io.discovery import collect
from mlassets.io.files import MAX_JSON_DEPTH, depth, read_bytes
from mlassets.io.yamlpos import Located, YamlSyntaxError, load_located
from mlassets.schemas import load_schema, load_user_schema, validator_for
from mlassets.schemas.findings import schema_findings
from mlassets.validation.body_license import contradiction_findings
from mlassets.validation.kinds import infer_kind
from mlassets.validation.legacy import legacy_findings
from mlassets.validation.license_fields import other_license_findings
from mlassets.validation.near_miss import near_miss_findings

CARD_SCHEMAS = {"model": "hub-model-card", "dataset": "hub-dataset-card"}
# Below this many files a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 400


class FileReportJson(TypedDict):
    path: Text
    kind: Annotated[str, Keywords(enum=["model-card", "dataset-card", "manifest", "openml"])]
    findings: list[FindingJson]


class SummaryJson(TypedDict):
    files: Count
    error: Count
    warning: Count
    notice: Count
    unreadable: Count


class ValidationReportJson(TypedDict):
    """mlassets validate --format json"""

    schema_version: SchemaVersion
    files: list[FileReportJson]
    unreadable: list[Text]  # why each file that could not be read was not checked (exit 3)
    summary: SummaryJson


@dataclass(frozen=True)
class FileReport:
    """The findings for one file. `kind`: model-card, dataset-card, manifest or openml."""

    path: str
    kind: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class ValidationReport:
    """The files checked, and those that could not be read (each with its one-line reason): an
    unreadable file is an operational error, but never hides the findings of the others."""

    files: tuple[FileReport, ...]
    unreadable: tuple[str, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(f.severity is severity for r in self.files for f in r.findings)

    def failed(self, fail_on: Severity = Severity.WARNING) -> bool:
        return any(f.severity.rank >= fail_on.rank for r in self.files for f in r.findings)

    def to_json(self) -> ValidationReportJson:
        files = sorted(self.files, key=lambda r: r.path)
        return {
            "schema_version": 1,
            "files": [
                {"path": r.path, "kind": r.kind, "findings": [f.to_json() for f in r.findings]}
                for r in files
            ],
            "unreadable": sorted(self.unreadable),
            "summary": {
                "files": len(files),
                "error": self.count(Severity.ERROR),
                "warning": self.count(Severity.WARNING),
                "notice": self.count(Severity.NOTICE),
                "unreadable": len(self.unreadable),
            },
        }


@functools.cache
def _schema_keys(name: str) -> frozenset[str]:
    return frozenset(load_schema(name)["properties"])


def check_card(
    card: Card, kind: str | None = None, user_schemas: Sequence[Path] = ()
) -> tuple[str, list[Finding]]:
    """All findings for a parsed card: structure, built-in schema, near misses, user schemas."""
    kind = kind or infer_kind(card.metadata, card.path)
    findings = list(card.findings)
    if card.metadata is not None:
        name = CARD_SCHEMAS[kind]
        # A key with no value (`tags:`) is absent, as huggingface_hub's card data reads it
        present = {k: v for k, v in card.metadata.items() if v is not None}
        schema = schema_findings(validator_for(name), present, card.located)
        if kind == "dataset":  # hook (cards-12): old taxonomy values, once per key, see legacy.py
            legacy, schema = legacy_findings(card.metadata, card.located, schema)
            findings += legacy
        findings += schema
        findings += other_license_findings(card.metadata, kind, card.located)  # hook (cards-12)
        findings += contradiction_findings(card, kind)  # hook (cards-12): body vs metadata
        findings += near_miss_findings(card.metadata, kind, _schema_keys(name), card.located)
        for schema_path in user_schemas:
            user = load_user_schema(schema_path)
            findings += schema_findings(user, card.metadata, card.located, code_base=300)
    return f"{kind}-card", _sorted(findings)


def check_manifest_text(text: str) -> list[Finding]:
    """Findings for a manifest's JSON text against the manifest schema."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [
            rules.J101.at(
                f"JSON does not parse: {exc.msg}", position=Position(exc.lineno, exc.colno)
            )
        ]
    except RecursionError:  # the C parser stops at the interpreter's recursion limit
        data = None
    if data is None or depth(data) > MAX_JSON_DEPTH:
        message = f"JSON nested more than {MAX_JSON_DEPTH} levels deep: not a manifest"
        return [rules.J101.at(message, position=Position(1, 1))]
    located = _locate_json(text, data)
    return _sorted(schema_findings(validator_for("manifest"), data, located))


def _locate_json(text: str, data: Any) -> Located:
    try:
        return load_located(text)
    except YamlSyntaxError:  # rare JSON that YAML 1.1 reads differently: keep data, drop positions
        return Located(data)


def check_file(
    path: Path, display: str, kind: str | None = None, user_schemas: Sequence[Path] = ()
) -> FileReport:
    """Validate one file by its extension: `.md` card, `.json` manifest or OpenML, `.xml` OpenML."""
    raw = read_bytes(path, display)
    suffix = path.suffix.lower()
    if suffix == ".md":
        file_kind, findings = check_card(parse_card(raw, display), kind, user_schemas)
        return FileReport(display, file_kind, tuple(findings))
    if suffix == ".xml" or (suffix == ".json" and is_description_json(raw)):
        return FileReport(display, "openml", tuple(_check_openml(raw, suffix)))
    text = raw.decode("utf-8", "replace")
    return FileReport(display, "manifest", tuple(check_manifest_text(text)))


def _check_openml(raw: bytes, suffix: str) -> list[Finding]:
    try:
        located = parse_file(raw, suffix)
    except YamlSyntaxError as exc:
        return [rules.J101.at(exc.message, position=exc.position)]
    validator = validator_for("openml-description")
    return _sorted(schema_findings(validator, located.data, located))


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple[int, int, str]:
        pos = f.position or Position(0, 0)
        return (pos.line, pos.column, f.code)

    return sorted(findings, key=key)


def _check_many(
    args: tuple[list[tuple[str, str]], str | None, tuple[str, ...]],
) -> list[FileReport | str]:
    """A report per file, or the one-line reason a file could not be read."""
    files, kind, schemas = args
    user = [Path(s) for s in schemas]
    done: list[FileReport | str] = []
    for path, display in files:
        try:
            done.append(check_file(Path(path), display, kind, user))
        except UnreadableFileError as exc:
            done.append(str(exc))
    return done


def _report(outcomes: Iterable[FileReport | str]) -> ValidationReport:
    items = list(outcomes)
    files = sorted((o for o in items if isinstance(o, FileReport)), key=lambda r: r.path)
    return ValidationReport(tuple(files), tuple(sorted(o for o in items if isinstance(o, str))))


def validate_paths(
    paths: Iterable[Path],
    *,
    kind: str | None = None,
    user_schemas: Sequence[Path] = (),
    workers: int | None = None,
) -> ValidationReport:
    """Check every card, manifest and OpenML description under `paths`. Always offline."""
    for schema in user_schemas:
        load_user_schema(schema)  # fail fast (exit 2) on a bad schema, before any work
    files = [(str(p), display) for p, display in collect(paths)]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    schemas = tuple(str(s) for s in user_schemas)
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        return _report(_check_many((files, kind, schemas)))
    from concurrent.futures import ProcessPoolExecutor  # 6 ms of imports: only for large batches

    chunks = [files[i :: workers * 4] for i in range(workers * 4)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(_check_many, [(c, kind, schemas) for c in chunks])
        return _report(r for chunk in results for r in chunk)
