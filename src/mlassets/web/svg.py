"""A lineage graph as an SVG drawn on the server: no script, nothing fetched, works offline.

Layers by distance from the asset: what it came from above (base models, training data), what
came from it below. Each node links to its asset page; an edge on which a lineage rule fires is
red and labelled with the rule (`G101:error`). Every text is escaped: ids come from cards.
"""

from __future__ import annotations

from collections import deque
from html import escape
from urllib.parse import quote

from mlassets.catalog import LineageGraph

NODE_W, NODE_H, GAP_X, GAP_Y = 240, 44, 30, 70
_LABEL = 30  # characters of an id shown in a node (the whole id is its tooltip)


def asset_href(asset_id: str) -> str:
    return "/asset?id=" + quote(asset_id, safe="")


def _layers(graph: LineageGraph) -> dict[str, int]:
    """Each node's layer: negative above the root (ancestors), positive below (descendants)."""
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    for edge in graph.edges:
        up.setdefault(edge.child, []).append(edge.parent)
        down.setdefault(edge.parent, []).append(edge.child)
    layer = {graph.root: 0}
    for links, step in ((up, -1), (down, 1)):
        todo = deque([graph.root])
        while todo:
            node = todo.popleft()
            for other in links.get(node, []):
                if other not in layer:
                    layer[other] = layer[node] + step
                    todo.append(other)
    return layer


def _short(text: str) -> str:
    return text if len(text) <= _LABEL else "…" + text[-(_LABEL - 1) :]


def lineage_svg(graph: LineageGraph) -> str:
    layer = _layers(graph)
    rows: dict[int, list[str]] = {}
    for node in graph.nodes:
        rows.setdefault(layer.get(node.id, 0), []).append(node.id)
    top = min(rows)
    widest = max(len(r) for r in rows.values())
    width = widest * (NODE_W + GAP_X) + GAP_X
    height = len(rows) * (NODE_H + GAP_Y) + GAP_Y
    where: dict[str, tuple[float, float]] = {}
    for number, ids in rows.items():
        offset = (width - len(ids) * (NODE_W + GAP_X) + GAP_X) / 2
        for i, asset_id in enumerate(sorted(ids)):
            x = offset + i * (NODE_W + GAP_X)
            where[asset_id] = (x, GAP_Y + (number - top) * (NODE_H + GAP_Y))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lineage" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="lineage graph">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    parts += [_edge(e.child, e.parent, e.relation, e.violation, where) for e in graph.edges]
    parts += [_node(n.id, n.license, n.dangling, n.id == graph.root, where) for n in graph.nodes]
    parts.append("</svg>")
    return "\n".join(parts)


def _edge(
    child: str, parent: str, relation: str, violation: str, where: dict[str, tuple[float, float]]
) -> str:
    (cx, cy), (px, py) = where[child], where[parent]
    x1, y1 = cx + NODE_W / 2, cy + (0 if py < cy else NODE_H)
    x2, y2 = px + NODE_W / 2, py + (NODE_H if py < cy else 0)
    colour = "#c0392b" if violation else "#555"
    label = escape(f"{relation} {violation}".strip())
    return (
        f'<g class="edge{" violation" if violation else ""}">'
        f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="{colour}" '
        f'stroke-width="{2 if violation else 1.2}" marker-end="url(#arrow)"/>'
        # Near the far end, where edges from one node have fanned out: labels do not overlap.
        f'<text x="{x1 + (x2 - x1) * 0.7:.0f}" y="{y1 + (y2 - y1) * 0.7:.0f}" fill="{colour}" '
        f'font-size="12" text-anchor="middle" dy="-4" paint-order="stroke" stroke="#fff" '
        f'stroke-width="3">{label}</text></g>'
    )


def _node(
    asset_id: str,
    license_id: str | None,
    dangling: bool,
    root: bool,
    where: dict[str, tuple[float, float]],
) -> str:
    x, y = where[asset_id]
    fill = "#fdf2d0" if root else ("#f4f4f4" if dangling else "#e8f0fb")
    dash = ' stroke-dasharray="4 3"' if dangling else ""
    second = "no manifest" if dangling else (license_id or "NOASSERTION")
    return (
        f'<a href="{escape(asset_href(asset_id))}" class="node">'
        f"<title>{escape(asset_id)}</title>"
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="{fill}" '
        f'stroke="#345"{dash}/>'
        f'<text x="{x + 8:.0f}" y="{y + 18:.0f}" font-size="13">{escape(_short(asset_id))}</text>'
        f'<text x="{x + 8:.0f}" y="{y + 35:.0f}" font-size="11" fill="#555">'
        f"{escape(second)}</text></a>"
    )
