"""PyYAML's composer, without recursion, for the pure-Python loader.

`yaml.SafeLoader` composes recursively and fails with `RecursionError` on a document nested
about 500 levels deep; libyaml's composer is C and stops at 1,000 levels with a YAML error.
Cards that hold a tab take the pure-Python path (see `yamlpos`), so this composer takes the
same events and builds the same nodes as PyYAML's, iteratively, and stops where libyaml stops.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError

# libyaml's limit ("exceeded maximum nesting depth"): both paths then agree on what is too deep.
MAX_NESTING = 1000


def compose_single(loader: Any) -> yaml.Node | None:
    """`loader.get_single_node()`, iteratively (`loader`: a pure-Python `yaml.SafeLoader`, typed
    loosely because PyYAML's stubs leave its event methods untyped)."""
    loader.get_event()  # STREAM-START
    document = None
    if not loader.check_event(yaml.StreamEndEvent):
        loader.get_event()  # DOCUMENT-START
        document = _compose_node(loader, {})
        loader.get_event()  # DOCUMENT-END
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        first = document.start_mark if document is not None else None
        raise ComposerError(
            "expected a single document in the stream",
            first,
            "but found another document",
            event.start_mark,
        )
    loader.get_event()  # STREAM-END
    return document


def _compose_node(loader: Any, anchors: dict[str, yaml.Node]) -> yaml.Node:
    # Each open collection, with the key it still waits a value for (mappings only).
    open_: list[list[Any]] = []
    while True:
        node, opened = _next_node(loader, anchors, len(open_))
        if node is None:  # the end of the innermost open collection
            done: yaml.Node = open_.pop()[0]
            done.end_mark = loader.get_event().end_mark
            if not open_:
                return done
            continue
        if open_:
            _attach(open_[-1], node)
        if opened:
            open_.append([node, None])
        elif not open_:
            return node


def _attach(frame: list[Any], node: yaml.Node) -> None:
    parent = frame[0]
    if isinstance(parent, yaml.SequenceNode):
        parent.value.append(node)
    elif frame[1] is None:
        frame[1] = node  # a key: its value comes next
    else:
        parent.value.append((frame[1], node))
        frame[1] = None


def _next_node(
    loader: Any, anchors: dict[str, yaml.Node], depth: int
) -> tuple[yaml.Node | None, bool]:
    """The next node and whether it opens a collection still to be filled, or (None, False) at
    a collection's end event (left for the caller to take)."""
    if loader.check_event(yaml.SequenceEndEvent, yaml.MappingEndEvent):
        return None, False
    if loader.check_event(yaml.AliasEvent):
        event = loader.get_event()
        if event.anchor not in anchors:
            raise ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        return anchors[event.anchor], False
    event = loader.peek_event()
    anchor = event.anchor
    if anchor is not None and anchor in anchors:
        raise ComposerError(
            f"found duplicate anchor {anchor!r}; first occurrence",
            anchors[anchor].start_mark,
            "second occurrence",
            event.start_mark,
        )
    event = loader.get_event()
    node = _new_node(loader, event, depth)
    if anchor is not None:
        anchors[anchor] = node
    return node, isinstance(node, yaml.CollectionNode)


def _new_node(loader: Any, event: Any, depth: int) -> yaml.Node:
    tag = event.tag
    if isinstance(event, yaml.ScalarEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        start: Any = event.start_mark
        end: Any = event.end_mark
        return yaml.ScalarNode(tag, event.value, start, end, event.style)
    if depth >= MAX_NESTING:
        raise ComposerError(
            "while composing a collection", None, "exceeded maximum nesting depth", event.start_mark
        )
    kind: type[yaml.CollectionNode] = (
        yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
    )
    if tag is None or tag == "!":
        tag = loader.resolve(kind, None, event.implicit)
    return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
