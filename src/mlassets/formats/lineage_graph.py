"""A lineage graph as text: an indented tree, Graphviz DOT, or a Mermaid flowchart.

Edges point from a derivative to what it came from (its base model or training data). An edge on
which a lineage rule fires is marked with the rule's code (red in DOT and Mermaid); a node that
has no manifest in the catalog is marked as such (dashed).
"""

from __future__ import annotations

import json

from mlassets.catalog.graph import GraphEdge, GraphNode, LineageGraph


def _label(node: GraphNode) -> str:
    license_text = node.license or ("no manifest" if node.dangling else "NOASSERTION")
    return f"{node.id} [{license_text}]"


def _mark(edge: GraphEdge) -> str:
    return f"  !! {edge.violation}" if edge.violation else ""


def tree(graph: LineageGraph) -> str:
    lines = [_label(graph.node(graph.root))]
    parents: dict[str, list[GraphEdge]] = {}
    children: dict[str, list[GraphEdge]] = {}
    for edge in graph.edges:
        parents.setdefault(edge.child, []).append(edge)
        children.setdefault(edge.parent, []).append(edge)

    def branch(asset_id: str, direction: str, prefix: str, seen: tuple[str, ...]) -> None:
        edges = parents.get(asset_id, []) if direction == "up" else children.get(asset_id, [])
        for i, edge in enumerate(edges):
            last = i == len(edges) - 1
            other = edge.parent if direction == "up" else edge.child
            arrow = "↑" if direction == "up" else "↓"
            cycle = "  (cycle)" if other in seen else ""
            lines.append(
                f"{prefix}{'└── ' if last else '├── '}{arrow} {edge.relation}: "
                f"{_label(graph.node(other))}{_mark(edge)}{cycle}"
            )
            if not cycle:
                branch(other, direction, prefix + ("    " if last else "│   "), (*seen, other))

    branch(graph.root, "up", "", (graph.root,))
    branch(graph.root, "down", "", (graph.root,))
    lines.extend("cycle: " + " → ".join(cycle) for cycle in graph.cycles)
    if graph.truncated:
        lines.append("(truncated: too many nodes; use --depth)")
    return "\n".join(lines)


def dot(graph: LineageGraph) -> str:
    lines = ["digraph lineage {", "  rankdir=BT;", '  node [shape=box, fontname="Helvetica"];']
    for node in graph.nodes:
        style = ", style=dashed" if node.dangling else ""
        bold = ", penwidth=2" if node.id == graph.root else ""
        lines.append(f"  {json.dumps(node.id)} [label={json.dumps(_label(node))}{style}{bold}];")
    for edge in graph.edges:
        label = edge.relation + (f" {edge.violation}" if edge.violation else "")
        color = ", color=red, fontcolor=red" if edge.violation else ""
        lines.append(
            f"  {json.dumps(edge.child)} -> {json.dumps(edge.parent)} "
            f"[label={json.dumps(label)}{color}];"
        )
    lines.append("}")
    return "\n".join(lines)


def mermaid(graph: LineageGraph) -> str:
    names = {node.id: f"n{i}" for i, node in enumerate(graph.nodes)}
    lines = ["flowchart BT"]
    for node in graph.nodes:
        text = _label(node).replace('"', "#quot;")
        lines.append(f'  {names[node.id]}["{text}"]')
        if node.dangling:
            lines.append(f"  style {names[node.id]} stroke-dasharray: 5 5")
    red = []
    for index, edge in enumerate(graph.edges):
        label = edge.relation + (f" {edge.violation}" if edge.violation else "")
        lines.append(f'  {names[edge.child]} -->|"{label}"| {names[edge.parent]}')
        if edge.violation:
            red.append(str(index))
    if red:
        lines.append(f"  linkStyle {','.join(red)} stroke:red,color:red")
    return "\n".join(lines)
