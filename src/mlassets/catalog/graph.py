"""`lineage`: walk the catalog's edges up (base models, training data) and down (derivatives).

Each node carries its concluded license; each edge its relation and the lineage rules that fire
on it. Declared cycles are found and reported, and never followed twice. A walk stops at
`depth`, and after MAX_NODES nodes (reported as truncated).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from mlassets.catalog.errors import AssetNotFoundError
from mlassets.catalog.query import find_asset

MAX_NODES = 2000


@dataclass(frozen=True)
class GraphNode:
    id: str
    kind: str | None
    license: str | None
    dangling: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class GraphEdge:
    child: str
    parent: str
    relation: str
    violation: str  # "CODE:severity ..." or ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LineageGraph:
    root: str
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    cycles: tuple[tuple[str, ...], ...]
    truncated: bool

    def node(self, asset_id: str) -> GraphNode:
        return next(n for n in self.nodes if n.id == asset_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "root": self.root,
            "nodes": [n.to_json() for n in self.nodes],
            "edges": [e.to_json() for e in self.edges],
            "cycles": [list(c) for c in self.cycles],
            "truncated": self.truncated,
        }


NodeRow = tuple[str, str | None, str | None, bool]  # id, kind, license, dangling
EdgeRow = tuple[int, int, str, str]  # child key, parent key, relation, violation
NodeOf = Callable[[int], NodeRow]
EdgesOf = Callable[[int, str], list[EdgeRow]]  # (key, "up" | "down") -> edges


def lineage_graph(
    db: sqlite3.Connection, ref: str, *, up: bool = True, down: bool = False, depth: int = 5
) -> LineageGraph:
    root = find_asset(db, ref)
    if root is None:
        raise AssetNotFoundError(ref)

    def node_of(rowid: int) -> NodeRow:
        row = db.execute(
            "SELECT id, kind, license, dangling FROM assets WHERE rowid = ?", (rowid,)
        ).fetchone()
        return row[0], row[1], row[2], bool(row[3])

    def edges_of(rowid: int, direction: str) -> list[EdgeRow]:
        column = "child" if direction == "up" else "parent"
        query = f"SELECT child, parent, relation, violation FROM edges WHERE {column} = ?"
        return [(r[0], r[1], r[2], r[3]) for r in db.execute(query, (rowid,)).fetchall()]

    return walk(root["rowid"], node_of, edges_of, up=up, down=down, depth=depth)


def walk(
    root: int, node_of: NodeOf, edges_of: EdgesOf, *, up: bool, down: bool, depth: int
) -> LineageGraph:
    """The graph around the asset whose key is `root`, read through the backend's callables
    (any backend: keys are its row keys, `node_of` and `edges_of` its queries)."""
    walker = _Walker(node_of, edges_of)
    walker.add_node(root)
    if up:
        walker.walk(root, "up", depth, [root])
    if down:
        walker.walk(root, "down", depth, [root])
    return LineageGraph(
        walker.nodes[root].id,
        tuple(walker.nodes.values()),
        tuple(walker.edges.values()),
        tuple(walker.cycles),
        walker.truncated,
    )


class _Walker:
    def __init__(self, node_of: NodeOf, edges_of: EdgesOf) -> None:
        self.node_of = node_of
        self.edges_of = edges_of
        self.nodes: dict[int, GraphNode] = {}
        self.edges: dict[tuple[int, int, str], GraphEdge] = {}
        self.cycles: list[tuple[str, ...]] = []
        self.expanded: set[tuple[int, str]] = set()
        self.truncated = False

    def add_node(self, key: int) -> None:
        if key not in self.nodes:
            self.nodes[key] = GraphNode(*self.node_of(key))

    def walk(self, rowid: int, direction: str, depth: int, path: list[int]) -> None:
        if depth <= 0 or (rowid, direction) in self.expanded:
            return
        self.expanded.add((rowid, direction))
        for child, parent, relation, violation in self.edges_of(rowid, direction):
            if len(self.nodes) >= MAX_NODES:
                self.truncated = True
                return
            other = parent if direction == "up" else child
            self.add_node(other)
            self.edges[(child, parent, relation)] = GraphEdge(
                self.nodes[child].id, self.nodes[parent].id, relation, violation
            )
            if other in path:
                cycle = path[path.index(other) :] + [other]
                self.cycles.append(tuple(self.nodes[r].id for r in cycle))
                continue
            self.walk(other, direction, depth - 1, [*path, other])
