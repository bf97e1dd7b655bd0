"""`license-check`: each asset's concluded license against a policy, and along its lineage.

Assets come from card files, manifests (`*.json`), OpenML descriptions (`*.xml`, or the server
API's JSON), directories of these (where other JSON, such as a model's `config.json`, is not
read), or references (`hf://...`, `openml://...`). A reference, and any ancestor named by
`base_model` or `datasets`, is looked up in the manifests directory; with `fetch=True` the ones
missing are fetched there first (through `curate`, so the network stays in `sources/`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mlassets.core.clock import fetch_time
from mlassets.core.errors import ManifestError, OperationalError, UsageError
from mlassets.core.findings import Finding, Position, Severity
from mlassets.core.refs import AssetRef, parse_ref
from mlassets.documents.card import read_card
from mlassets.documents.lock import DEFAULT_LOCK, locked_manifests
from mlassets.documents.openml_description import is_description_json, parse_file
from mlassets.documents.project import DEFAULT_FILE, load_project
from mlassets.io.discovery import collect
from mlassets.io.files import read_bytes
from mlassets.io.yamlpos import Located, YamlSyntaxError
from mlassets.licenses.classify import LicenseClass, classify
from mlassets.licenses.lineage import LineageVerdict, check_lineage
from mlassets.licenses.policy import Policy, evaluate
from mlassets.manifests.build import from_card, from_openml_file
from mlassets.manifests.model import LineageRecord, Manifest, Verdict
from mlassets.manifests.store import load_manifest, write_manifest_at
from mlassets.workflows.manifest_index import ManifestIndex

REPORT_VERSION = 1


@dataclass(frozen=True)
class ProjectTargets:
    """What `license-check` with no targets checks: the project's locked manifests."""

    targets: tuple[str, ...]
    policy_file: Path | None
    use: str | None


def project_targets(manifests: Path, project_file: Path = DEFAULT_FILE) -> ProjectTargets:
    """The locked manifests of the project in `project_file`, and its policy and intended use.

    `UsageError` when there is no project file or nothing is locked yet.
    """
    if not project_file.exists():
        raise UsageError(
            "give card files, manifests, directories or references, or run where "
            f"{project_file} is to check the project's locked assets",
            str(project_file),
        )
    project = load_project(project_file)
    lock = project_file.parent / DEFAULT_LOCK
    paths = locked_manifests(lock, manifests)
    return ProjectTargets(tuple(str(p) for p in paths), project.policy, project.use)


@dataclass(frozen=True)
class AssetCheck:
    asset: str
    path: str | None  # the file the asset was read from
    declared: tuple[str, ...]
    concluded: str
    license_class: LicenseClass
    policy_findings: tuple[Finding, ...]
    lineage: LineageVerdict | None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.policy_findings + (self.lineage.findings if self.lineage else ())

    @property
    def allowed(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "asset": self.asset,
            "path": self.path,
            "declared": list(self.declared),
            "concluded": self.concluded,
            "classification": self.license_class.to_json(),
            "allowed": self.allowed,
            "findings": [f.to_json() for f in self.policy_findings],
            "lineage": self.lineage.to_json() if self.lineage else None,
        }


@dataclass(frozen=True)
class LicenseCheckReport:
    """The verdicts, and the files that could not be read (each with its one-line reason): an
    unreadable file is an operational error, but never hides the verdicts of the others."""

    assets: tuple[AssetCheck, ...]
    policy: str
    unreadable: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return all(a.allowed for a in self.assets)

    def to_json(self) -> dict[str, Any]:
        counts = {s.value: 0 for s in Severity}
        for check in self.assets:
            for finding in check.findings:
                counts[finding.severity.value] += 1
        return {
            "schema_version": REPORT_VERSION,
            "policy": self.policy,
            "assets": [a.to_json() for a in self.assets],
            "summary": {
                "assets": len(self.assets),
                "allowed": sum(a.allowed for a in self.assets),
                **counts,
            },
        }


@dataclass(frozen=True)
class _Input:
    path: str | None
    manifest: Manifest
    # for card files and OpenML descriptions: where each key is, so findings carry positions
    located: Located | None = None
    pointer_keys: Mapping[str, str] = field(default_factory=dict)
    is_card: bool = False
    # why a card's metadata was not read (it does not parse, is not a mapping, ...): the reason
    # for "no license concluded" is then that, not "no license declared"
    unread: Finding | None = None

    def locate(self, finding: Finding) -> Finding:
        key = self.pointer_keys.get(finding.pointer)
        if self.located is None or key is None or finding.position is not None:
            return finding
        return replace(finding, position=self.located.position((key,), prefer_key=True))


_CARD_KEYS = {"/license": "license", "/base_models": "base_model", "/datasets": "datasets"}
_OPENML_KEYS = {"/license": "licence"}


def _inputs(targets: Sequence[str], index: ManifestIndex, unreadable: list[str]) -> list[_Input]:
    """Every asset the targets name, in the order given; a local file that cannot be read (or
    is no manifest) goes to `unreadable`, and the others are still read."""
    fetched_at = fetch_time()
    found: list[_Input] = []
    for target in targets:
        ref = parse_ref(target)
        if ref.source != "local":
            hit = index.get(str(ref), fetch=True)
            if hit is None:
                raise OperationalError(f"{target}: no manifest in {index.directory}", target)
            found.append(_Input(str(hit[0]), hit[1]))
            continue
        for path, name in collect([Path(ref.name)]):
            try:
                found.append(_local_input(path, name, index, fetched_at))
            except OperationalError as exc:
                unreadable.append(str(exc))
    return found


def _local_input(path: Path, name: str, index: ManifestIndex, fetched_at: str) -> _Input:
    suffix = path.suffix.lower()
    ref = AssetRef("local", None, name)
    if suffix in (".json", ".xml"):
        raw = read_bytes(path, name)
        if suffix == ".xml" or is_description_json(raw):
            return _openml_input(raw, suffix, name, ref, fetched_at)
        manifest = load_manifest(path, raw)  # read once: a manifests directory can be large
        index.add(path, manifest)  # a target is also a possible ancestor of another
        return _Input(str(path), manifest)
    card = read_card(path, name)
    manifest = from_card(card, ref, fetched_at, complete=False)
    unread = next((f for f in card.findings if f.code in _UNREAD), None)
    return _Input(name, manifest, card.located, _CARD_KEYS, is_card=True, unread=unread)


# The card findings that leave its metadata unread
_UNREAD = frozenset({"C102", "C104", "C105", "C109"})


def _openml_input(raw: bytes, suffix: str, name: str, ref: AssetRef, fetched_at: str) -> _Input:
    try:
        located = parse_file(raw, suffix)
    except YamlSyntaxError as exc:  # the file, not the policy: it cannot be checked
        where = exc.position
        raise ManifestError(f"{name}:{where.line}:{where.column}: {exc.message}", name) from exc
    manifest = from_openml_file(located.data, ref, fetched_at, complete=False)
    return _Input(name, manifest, located, _OPENML_KEYS)


def license_check(
    targets: Sequence[str],
    policy: Policy,
    index: ManifestIndex,
    *,
    lineage: bool = True,
    write_manifests: bool = False,
) -> LicenseCheckReport:
    checks = []
    unreadable: list[str] = []
    for item in _inputs(targets, index, unreadable):
        data = item.manifest
        concluded = data.license.concluded
        verdict = evaluate(concluded, policy)
        findings = tuple(
            item.locate(replace(f, message=f"{data.id}: {_explained(f, data, item.unread)}"))
            for f in verdict.findings
        ) + _stated_findings(item, policy)  # hook (cards-12): what the card's body states
        line_verdict = None
        if lineage:
            line_verdict = check_lineage(data.lineage_node(), index.node, policy.use)
            line_verdict = replace(
                line_verdict, findings=tuple(item.locate(f) for f in line_verdict.findings)
            )
        checks.append(
            AssetCheck(
                data.id,
                item.path,
                data.license.declared,
                concluded,
                classify(concluded),
                findings,
                line_verdict,
            )
        )
        if write_manifests and line_verdict and item.path and item.path.endswith(".json"):
            _write_lineage(Path(item.path), data, line_verdict)
    return LicenseCheckReport(tuple(checks), policy.source, tuple(unreadable))


_UNCONCLUDED = frozenset({"L101", "L102", "L103", "L104", "L109"})


def _explained(finding: Finding, data: Manifest, unread: Finding | None = None) -> str:
    """For "no license concluded": what the conclusion said of the values ("'cc' names the
    Creative Commons family ..."), or why the card's metadata was not read, so the reader need
    not open the manifest to learn why."""
    reasons = [f.message for f in data.license.findings if f.code in _UNCONCLUDED]
    if unread is not None:
        where = f" at {unread.position.line}:{unread.position.column}" if unread.position else ""
        reasons = [f"the metadata was not read ({unread.code}{where}: {unread.message})"]
    if finding.code != "P101" or data.license.concluded != "NOASSERTION" or not reasons:
        return finding.message
    why = "; ".join(dict.fromkeys(reasons))
    return finding.message.replace("(NOASSERTION)", f"(NOASSERTION: {why})", 1)


def _stated_findings(item: _Input, policy: Policy) -> tuple[Finding, ...]:
    """The errors of each license the card's body states, beyond the concluded one: a card that
    says non-commercial anywhere is not cleared for commercial use by a permissive YAML."""
    data = item.manifest
    found: list[Finding] = []
    for index, stated in enumerate(data.license.stated):
        if stated.expression == data.license.concluded:
            continue
        if stated.expression == "NOASSERTION" and policy.use is None:
            continue  # a part under terms unread bars only a use the policy intends
        for finding in evaluate(stated.expression, policy).findings:
            if finding.severity is not Severity.ERROR:
                continue  # only what bars the use; notices about the body's terms add noise
            where = Position(stated.line, 1) if item.is_card else None
            said = (
                "puts a part under terms that name no license mlassets knows"
                if stated.expression == "NOASSERTION"
                else f"states {stated.expression}"
            )
            found.append(
                replace(
                    finding,
                    message=f"{data.id}: the card's body {said} "
                    f"(line {stated.line}): {finding.message}",
                    pointer=f"/license/stated/{index}",
                    position=where,
                )
            )
    return tuple(found)


def _write_lineage(path: Path, data: Manifest, verdict: LineageVerdict) -> None:
    """Record the verdict in the manifest's license block (and the classification, which
    manifests written before classifications existed lack)."""
    record = LineageRecord(verdict.ancestors, verdict.findings, Verdict.of(verdict.findings))
    block = replace(data.license, classification=classify(data.license.concluded), lineage=record)
    write_manifest_at(replace(data, license=block), path)
