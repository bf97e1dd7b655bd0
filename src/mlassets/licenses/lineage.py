"""License compatibility along lineage: base models (fine-tunes, merges, adapters, quantizations)
and training data, to any depth.

Each ancestor is checked against the asset at the root, through the path that leads to it, by
the G1xx rules (their severities and meanings are in `mlassets.core.rules`, written once): what a
non-commercial, no-derivatives, share-alike or use-restricted ancestor asks of its derivatives,
and missing licenses, unresolved ancestors and cycles in the chain.

The walk has no depth limit and is linear in the graph: each manifest is resolved once, and each
ancestor checked once per kind of path reaching it (last relation, through training data or not,
which key of the root it starts from); findings describe the first such path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from mlassets.core import rules
from mlassets.core.findings import Finding, Severity
from mlassets.core.rules import Rule
from mlassets.licenses.classify import LicenseClass, classify
from mlassets.licenses.tree import NOASSERTION, carries, coerce

DERIVATIONS = ("finetune", "merge", "adapter", "quantized")


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
class Path:
    """A path from the root, as a linked list back to it: extending one is O(1), so the walk
    stays linear however deep the lineage goes."""

    edge: Edge
    parent: Path | None
    length: int
    head: tuple[Edge, ...]  # the first two edges, for descriptions of long paths
    derived: bool  # every edge is a derivation (no training data anywhere on the path)

    @classmethod
    def extend(cls, parent: Path | None, edge: Edge) -> Path:
        if parent is None:
            return cls(edge, None, 1, (edge,), edge.relation != "training data")
        head = parent.head if len(parent.head) >= 2 else (*parent.head, edge)
        derived = parent.derived and edge.relation != "training data"
        return cls(edge, parent, parent.length + 1, head, derived)

    def last(self, count: int) -> list[Edge]:
        edges: list[Edge] = []
        cell: Path | None = self
        while cell is not None and len(edges) < count:
            edges.append(cell.edge)
            cell = cell.parent
        return edges[::-1]


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


def _parents(node: Node) -> Iterator[tuple[str, str]]:
    for base, relation in node.base_models:
        yield base, relation or "finetune"
    for dataset in node.datasets:
        yield dataset, "training data"


def check_lineage(root: Node, resolve: Resolve, use: str | None = None) -> LineageVerdict:
    """Walk every ancestor of `root`, to any depth, and apply the lineage rules to each."""
    findings: list[Finding] = []
    if root.license == NOASSERTION and (root.base_models or root.datasets):
        findings.append(
            _finding(rules.G105, Severity.WARNING, f"{root.id} has no concluded license", None)
        )
    walk = _Walk(root, resolve, use)
    walk.run()
    findings += walk.findings
    return LineageVerdict(root.id, tuple(walk.ancestors), tuple(dict.fromkeys(findings)))


class _Walk:
    """An iterative depth-first walk (no recursion limit) with memoised manifests and states."""

    def __init__(self, root: Node, resolve: Resolve, use: str | None) -> None:
        self.root = root
        self.root_class = classify(root.license)
        self.resolve = resolve
        self.use = use
        self.nodes: dict[str, Node | None] = {}
        self.states: set[tuple[str, str, bool, bool]] = set()
        self.ancestors: dict[str, None] = {}
        self.findings: list[Finding] = []

    def node(self, identifier: str) -> Node | None:
        if identifier not in self.nodes:
            self.nodes[identifier] = self.resolve(identifier)
        return self.nodes[identifier]

    def run(self) -> None:
        stack: list[tuple[Node, Path | None, Iterator[tuple[str, str]]]] = [
            (self.root, None, _parents(self.root))
        ]
        on_path = Counter([self.root.id])
        while stack:
            node, path, parents = stack[-1]
            step = next(parents, None)
            if step is None:
                stack.pop()
                on_path[node.id] -= 1
                continue
            parent_id, relation = step
            if on_path[parent_id]:
                self._report(
                    path, relation, rules.G107, f"cycle: {self._where(path)} → {parent_id}"
                )
                continue
            parent = self.node(parent_id)
            if parent is None:
                message = (
                    f"{self._where(path)} → {parent_id}: no manifest; fetch it or pass --fetch"
                )
                self._report(path, relation, rules.G106, message)
                continue
            extended = Path.extend(path, Edge(parent, relation))
            state = (
                parent.id,
                relation,
                extended.derived,
                extended.head[0].relation == "training data",
            )
            if state in self.states:
                continue  # reached before by a path the rules cannot tell from this one
            self.states.add(state)
            self.ancestors.setdefault(parent.id)
            self.findings += _rules(self.root, self.root_class, extended, self.use)
            stack.append((parent, extended, _parents(parent)))
            on_path[parent.id] += 1

    def _where(self, path: Path | None) -> str:
        return _describe(self.root, path)

    def _report(self, path: Path | None, relation: str, rule: Rule, message: str) -> None:
        first = path.head[0].relation if path else relation
        self.findings.append(rule.at(message, _pointer(first)))


def edge_findings(child: Node, parent: Node, relation: str) -> list[Finding]:
    """The rules on one edge, child → parent: what the catalog marks on its lineage edges."""
    return _rules(child, classify(child.license), Path.extend(None, Edge(parent, relation)), None)


def _rules(root: Node, root_class: LicenseClass, path: Path, use: str | None) -> list[Finding]:
    ancestor = path.edge.node
    where = _describe(root, path)
    if ancestor.license == NOASSERTION:
        return [_finding(rules.G105, Severity.WARNING, f"{where}: no license concluded", path)]
    klass = classify(ancestor.license)
    trained_on = path.edge.relation == "training data"
    findings = _commercial(root, root_class, klass, where, path, use)
    if klass.derivatives is False and not trained_on:
        relation = path.edge.relation
        severity = Severity.WARNING if relation == "quantized" else Severity.ERROR
        message = f"{where} allows no derivatives; {root.id} is a {relation} of it"
        findings.append(_finding(rules.G102, severity, message, path))
    carried = carries(coerce(root.license), coerce(ancestor.license))
    if klass.share_alike and not klass.use_restrictions:
        if path.derived and not carried:
            message = f"{where} is share-alike: {root.id} must carry {ancestor.license}"
            findings.append(_finding(rules.G103, Severity.ERROR, message, path))
        elif trained_on:
            message = f"{where} is share-alike; whether trained weights must carry it is unsettled"
            findings.append(_finding(rules.G103, Severity.NOTICE, message, path))
    if klass.use_restrictions:
        findings.append(_restrictions(root, root_class, where, path, carried))
    return findings


def _commercial(
    root: Node,
    root_class: LicenseClass,
    klass: LicenseClass,
    where: str,
    path: Path,
    use: str | None,
) -> list[Finding]:
    if klass.commercial_use is not False:
        return []
    if root_class.commercial_use:
        message = (
            f"license laundering: {root.id} declares {root.license}, which allows commercial "
            f"use, but {where} bars it"
        )
        return [_finding(rules.G101, Severity.ERROR, message, path)]
    if use == "commercial":
        return [
            _finding(
                rules.G101, Severity.ERROR, f"{where} bars commercial use, the intended use", path
            )
        ]
    return [
        _finding(rules.G101, Severity.NOTICE, f"{where} bars commercial use of {root.id}", path)
    ]


def _restrictions(
    root: Node, root_class: LicenseClass, where: str, path: Path, carried: bool
) -> Finding:
    """G104: use restrictions (Llama, Gemma, RAIL) bind every derivative."""
    if carried:
        message = f"{where} passes its use restrictions and attribution duties to {root.id}"
        return _finding(rules.G104, Severity.NOTICE, message, path)
    duty = f"{where} has use restrictions and attribution duties that {root.id} must pass on"
    if not path.derived or root.license == NOASSERTION:
        return _finding(
            rules.G104, Severity.WARNING, f"{duty}, but it declares {root.license}", path
        )
    if root_class.use_restrictions:
        message = (
            f"{duty}; it declares {root.license}, another license with use restrictions: check "
            "that it carries them"
        )
        return _finding(rules.G104, Severity.WARNING, message, path)
    message = f"{duty}, but it declares {root.license}, which does not carry them"
    return _finding(rules.G104, Severity.ERROR, message, path)


_SHOWN = 6  # edges a description names in full; longer paths elide their middle


def _describe(root: Node, path: Path | None) -> str:
    if path is None:
        return root.id
    if path.length <= _SHOWN:
        edges = path.last(path.length)
        skipped = 0
    else:
        edges = [*path.head, *path.last(_SHOWN - len(path.head))]
        skipped = path.length - _SHOWN
    steps = [root.id] + [f"{e.node.id} ({e.relation}, {e.node.license})" for e in edges]
    if skipped:
        steps.insert(len(path.head) + 1, f"… {skipped} more …")
    return " → ".join(steps)


def _finding(rule: Rule, severity: Severity, message: str, path: Path | None) -> Finding:
    """A finding pointing at the root's key the path starts from (`base_model` or `datasets`)."""
    pointer = _pointer(path.head[0].relation) if path else ""
    return rule.at(message, pointer, severity=severity)


def _pointer(first_relation: str) -> str:
    return "/datasets" if first_relation == "training data" else "/base_models"
