"""`lineage`: walk the catalog's edges up (base models, training data) and down (derivatives).

Each node carries its concluded license; each edge its relation and the lineage rules that fire
on it. Declared cycles are found and reported, and never followed twice. A walk stops at
`depth`, and after MAX_NODES nodes (reported as truncated).
"""

from __future__ import annotations

import sqlite3
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


def lineage_graph(
    db: sqlite3.Connection, ref: str, *, up: bool = True, down: bool = False, depth: int = 5
) -> LineageGraph:
    root = find_asset(db, ref)
    if root is None:
        raise AssetNotFoundError(ref)
    walker = _Walker(db)
    walker.add_node(root["rowid"])
    if up:
        walker.walk(root["rowid"], "up", depth, [root["rowid"]])
    if down:
        walker.walk(root["rowid"], "down", depth, [root["rowid"]])
    return LineageGraph(
        root["id"],
        tuple(walker.nodes.values()),
        tuple(walker.edges.values()),
        tuple(walker.cycles),
        walker.truncated,
    )


class _Walker:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.nodes: dict[int, GraphNode] = {}
        self.edges: dict[tuple[int, int, str], GraphEdge] = {}
        self.cycles: list[tuple[str, ...]] = []
        self.expanded: set[tuple[int, str]] = set()
        self.truncated = False

    def add_node(self, rowid: int) -> None:
        if rowid not in self.nodes:
            row = self.db.execute(
                "SELECT id, kind, license, dangling FROM assets WHERE rowid = ?", (rowid,)
            ).fetchone()
            self.nodes[rowid] = GraphNode(row[0], row[1], row[2], bool(row[3]))

    def walk(self, rowid: int, direction: str, depth: int, path: list[int]) -> None:
        if depth <= 0 or (rowid, direction) in self.expanded:
            return
        self.expanded.add((rowid, direction))
        if direction == "up":
            query = "SELECT child, parent, relation, violation FROM edges WHERE child = ?"
        else:
            query = "SELECT child, parent, relation, violation FROM edges WHERE parent = ?"
        for child, parent, relation, violation in self.db.execute(query, (rowid,)).fetchall():
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
