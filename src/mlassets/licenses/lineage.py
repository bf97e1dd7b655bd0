"""License compatibility along lineage: base models (fine-tunes, merges, adapters, quantizations)
and training data, to any depth.

Each ancestor is checked against the asset at the root, through the path that leads to it:
- G101 a non-commercial ancestor bars commercial use of the root: an error with `--use
  commercial`, and an error whatever the use when the root declares a license that allows
  commercial use (license laundering); otherwise a notice.
- G102 a no-derivatives base bars fine-tunes, merges and adapters (error), and quantized copies
  (warning).
- G103 a share-alike or copyleft base requires the root to carry its license (error); for
  training data, whether weights are an adaptation is unsettled (notice).
- G104 Llama, Gemma and RAIL terms pass their use restrictions and attribution duties down: a
  warning when the root does not carry them, a notice when it does.
- G105 a missing license (NOASSERTION) anywhere in the chain (warning).
- G106 an ancestor that could not be resolved from manifests (warning).
- G107 a cycle in the declared lineage (warning).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mlassets.core.findings import Finding, Severity
from mlassets.licenses.classify import LicenseClass, classify, split_top

DERIVATIONS = ("finetune", "merge", "adapter", "quantized")
NOASSERTION = "NOASSERTION"


@dataclass(frozen=True)
class Node:
    """One asset of a lineage graph, as its manifest describes it."""

    id: str
    kind: str
    license: str
    base_models: tuple[tuple[str, str | None], ...] = ()
    datasets: tuple[str, ...] = ()

    @classmethod
    def from_manifest(cls, manifest: dict[str, Any]) -> Node:
        return cls(
            manifest["id"],
            manifest.get("kind", "model"),
            (manifest.get("license") or {}).get("concluded", NOASSERTION),
            tuple((b["id"], b.get("relation")) for b in manifest.get("base_models", [])),
            tuple(manifest.get("datasets", [])),
        )


Resolve = Callable[[str], "Node | None"]


@dataclass(frozen=True)
class Edge:
    node: Node
    relation: str  # finetune, merge, adapter, quantized, or "training data"


@dataclass(frozen=True)
class LineageVerdict:
    root: str
    ancestors: tuple[str, ...]
    findings: tuple[Finding, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "ancestors": list(self.ancestors),
            "findings": [f.to_json() for f in self.findings],
            "verdict": _verdict(self.findings),
        }


def _verdict(findings: tuple[Finding, ...]) -> str:
    worst = max((f.severity.rank for f in findings), default=-1)
    return {2: "error", 1: "warning", 0: "notice"}.get(worst, "ok")


def check_lineage(
    root: Node, resolve: Resolve, use: str | None = None, max_depth: int = 16
) -> LineageVerdict:
    """Walk every ancestor of `root` and apply the lineage rules to each path."""
    findings: list[Finding] = []
    seen: list[str] = []
    root_class = classify(root.license)
    if root.license == NOASSERTION and (root.base_models or root.datasets):
        findings.append(
            _finding("G105", Severity.WARNING, f"{root.id} has no concluded license", [])
        )

    def walk(node: Node, path: list[Edge]) -> None:
        parents = [(b, r or "finetune") for b, r in node.base_models]
        parents += [(d, "training data") for d in node.datasets]
        for parent_id, relation in parents:
            where = _describe(root, path)
            pointer = _pointer(path[0].relation if path else relation)
            if parent_id in [root.id, *(e.node.id for e in path)]:
                message = f"cycle: {where} → {parent_id}"
                findings.append(Finding("G107", Severity.WARNING, message, pointer))
                continue
            parent = resolve(parent_id)
            if parent is None:
                message = f"{where} → {parent_id}: no manifest; fetch it or pass --fetch"
                findings.append(Finding("G106", Severity.WARNING, message, pointer))
                continue
            edge_path = [*path, Edge(parent, relation)]
            if parent.id not in seen:
                seen.append(parent.id)
            findings.extend(_rules(root, root_class, edge_path, use))
            if len(edge_path) < max_depth:
                walk(parent, edge_path)

    walk(root, [])
    return LineageVerdict(root.id, tuple(seen), tuple(dict.fromkeys(findings)))


def edge_findings(child: Node, parent: Node, relation: str) -> list[Finding]:
    """The rules on one edge, child → parent: what the catalog marks on its lineage edges."""
    return _rules(child, classify(child.license), [Edge(parent, relation)], None)


def _rules(
    root: Node, root_class: LicenseClass, path: list[Edge], use: str | None
) -> list[Finding]:
    ancestor = path[-1].node
    where = _describe(root, path)
    if ancestor.license == NOASSERTION:
        return [_finding("G105", Severity.WARNING, f"{where}: no license concluded", path)]
    klass = classify(ancestor.license)
    trained_on = path[-1].relation == "training data"
    derived = all(e.relation != "training data" for e in path[:-1]) and not trained_on
    findings: list[Finding] = []
    if klass.commercial_use is False:
        if root_class.commercial_use:
            message = (
                f"license laundering: {root.id} declares {root.license}, which allows commercial "
                f"use, but {where} bars it"
            )
            findings.append(_finding("G101", Severity.ERROR, message, path))
        elif use == "commercial":
            message = f"{where} bars commercial use, the intended use"
            findings.append(_finding("G101", Severity.ERROR, message, path))
        else:
            message = f"{where} bars commercial use of {root.id}"
            findings.append(_finding("G101", Severity.NOTICE, message, path))
    if klass.derivatives is False and not trained_on:
        relation = path[-1].relation
        severity = Severity.WARNING if relation == "quantized" else Severity.ERROR
        message = f"{where} allows no derivatives; {root.id} is a {relation} of it"
        findings.append(_finding("G102", severity, message, path))
    if klass.share_alike and not klass.use_restrictions:
        if derived and not _carries(root.license, ancestor.license):
            message = f"{where} is share-alike: {root.id} must carry {ancestor.license}"
            findings.append(_finding("G103", Severity.ERROR, message, path))
        elif trained_on:
            message = f"{where} is share-alike; whether trained weights must carry it is unsettled"
            findings.append(_finding("G103", Severity.NOTICE, message, path))
    if klass.use_restrictions:
        if root_class.use_restrictions:
            message = f"{where} passes its use restrictions and attribution duties to {root.id}"
            findings.append(_finding("G104", Severity.NOTICE, message, path))
        else:
            message = (
                f"{where} has use restrictions and attribution duties that {root.id} must pass "
                f"on, but it declares {root.license}"
            )
            findings.append(_finding("G104", Severity.WARNING, message, path))
    return findings


def _carries(expression: str, required: str) -> bool:
    """The root's license includes the ancestor's (as a whole, or as one of its AND parts)."""
    parts = {p.strip("() ") for p in split_top(expression, " AND ")}
    return expression == required or required in parts


def _describe(root: Node, path: list[Edge]) -> str:
    steps = [root.id] + [f"{e.node.id} ({e.relation}, {e.node.license})" for e in path]
    return " → ".join(steps)


def _finding(code: str, severity: Severity, message: str, path: list[Edge]) -> Finding:
    """A finding pointing at the root's key the path starts from (`base_model` or `datasets`)."""
    return Finding(code, severity, message, _pointer(path[0].relation) if path else "")


def _pointer(first_relation: str) -> str:
    return "/datasets" if first_relation == "training data" else "/base_models"
