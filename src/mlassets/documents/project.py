"""`mlassets.yaml`: the assets a project depends on, with optional pins, policy and intended use.

    assets:
      - ref: hf://acme/tiny-model
        pin: v1.0            # a branch, tag or commit (Hub); optional
      - ref: openml://61
    policy: license-policy.toml   # optional, for license-check
    use: commercial               # optional: commercial or research

The file is checked against `schemas/project.schema.json`; a bad file is a usage error that names
`file:line:col`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlassets.core.errors import UnreadableFileError, UnsafePathError, UsageError
from mlassets.core.findings import Position
from mlassets.core.refs import AssetRef, parse_ref
from mlassets.io.files import read_bytes
from mlassets.io.paths import confined
from mlassets.io.yamlpos import YamlSyntaxError, load_located

DEFAULT_FILE = Path("mlassets.yaml")


class ProjectError(UsageError):
    """mlassets.yaml cannot be used: exit 2, naming the file and line."""


@dataclass(frozen=True)
class DeclaredAsset:
    ref: AssetRef  # with the pin as its revision
    declared: str  # as written, with `@pin` when pinned: the lock's key


@dataclass(frozen=True)
class Project:
    path: Path
    assets: tuple[DeclaredAsset, ...]
    policy: Path | None
    use: str | None


def load_project(path: Path = DEFAULT_FILE) -> Project:
    try:
        raw = read_bytes(path)
    except UnreadableFileError as exc:  # a missing or unreadable config file is a usage error
        raise ProjectError(str(exc), str(path)) from exc

    def fail(position: Position | None, message: str) -> ProjectError:
        where = position or Position(1, 1)
        return ProjectError(f"{path}:{where.line}:{where.column}: {message}")

    try:
        located = load_located(raw.decode("utf-8", "replace"))
    except YamlSyntaxError as exc:
        raise fail(exc.position, f"not valid YAML: {exc.message}") from exc
    from mlassets.schemas import validator_for  # the validator loads only when there is a project
    from mlassets.schemas.findings import schema_findings

    findings = schema_findings(validator_for("project"), located.data, located)
    if findings:
        first = min(findings, key=lambda f: f.position or Position(0, 0))
        raise fail(first.position, first.message)
    assets = []
    seen: set[str] = set()
    for index, entry in enumerate(located.data["assets"]):
        where = located.position(("assets", index, "ref"))
        try:
            ref = parse_ref(entry["ref"])
        except UsageError as exc:
            raise fail(where, str(exc).splitlines()[0]) from exc
        if ref.source == "local":
            raise fail(where, f"{entry['ref']!r}: sync takes hf:// and openml:// references")
        pin = entry.get("pin") or ref.revision
        if pin is not None and ref.source != "huggingface":
            raise fail(where, f"{entry['ref']!r}: only Hub references can be pinned")
        try:  # a pin obeys the revision rules a reference's `@REV` does (no `..`, no `/x`)
            pinned = parse_ref(f"{ref.id}@{pin}") if pin is not None else ref
        except UsageError as exc:
            pin_at = located.position(("assets", index, "pin")) or where
            raise fail(pin_at, str(exc).splitlines()[0]) from exc
        declared = str(pinned)
        if declared in seen:
            raise fail(where, f"{declared} is declared twice")
        seen.add(declared)
        assets.append(DeclaredAsset(pinned, declared))
    policy = located.data.get("policy")
    if policy:
        try:
            policy_path: Path | None = confined(path.parent, policy, f"{path}: policy")
        except UnsafePathError as exc:
            raise fail(located.position(("policy",)), str(exc)) from exc
    else:
        policy_path = None
    return Project(path, tuple(assets), policy_path, located.data.get("use"))
