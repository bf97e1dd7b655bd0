"""Plain data from a composed YAML node graph, without recursion, and positions on demand.

The walk is an explicit depth-first stack in document order, so a document nested a thousand
levels deep (libyaml's own limit) builds like any other and the first bad value in the text is
the one reported. No position is computed while building: `Built.position` walks the nodes
along one path when a finding asks for it.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from collections.abc import Callable, Iterator
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from mlassets.core.findings import Position

Path = tuple[str | int, ...]
Marks = Callable[[Any], Position]

_TAG = "tag:yaml.org,2002:"
_STR_TAG = _TAG + "str"
_MERGE_TAG = _TAG + "merge"
_COLLECTION_TAGS = frozenset(_TAG + name for name in ("seq", "map", "omap", "pairs", "set"))
# Scalar constructors called directly: `construct_object` costs its bookkeeping on every value.
_SCALARS: dict[str, Callable[[Any, yaml.ScalarNode], Any]] = {
    _TAG + "null": SafeConstructor.construct_yaml_null,
    _TAG + "bool": SafeConstructor.construct_yaml_bool,
    _TAG + "int": SafeConstructor.construct_yaml_int,
    _TAG + "float": SafeConstructor.construct_yaml_float,
    _TAG + "timestamp": SafeConstructor.construct_yaml_timestamp,
    _TAG + "binary": SafeConstructor.construct_yaml_binary,
}
# A guard against "billion laughs" alias bombs: no card needs more values than this.
MAX_VALUES = 200_000


class YamlSyntaxError(ValueError):
    """The text is not valid YAML; `position` is where the parser gave up, and `opened` where the
    construct it was reading began (an unclosed `[` or quote), when the parser says so."""

    def __init__(self, message: str, position: Position, opened: Position | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.opened = opened


def key_of(node: yaml.Node) -> str:
    """A mapping key as text: what was written for a scalar (so `1:` is the key '1')."""
    return node.value if isinstance(node, yaml.ScalarNode) else str(node.value)


class Built:
    """The data of one document, its nodes, and the duplicate keys found while building."""

    def __init__(
        self, data: Any, root: yaml.Node | None, marks: Marks, duplicates: list[tuple[Path, Any]]
    ) -> None:
        self.data = data
        self.root = root
        self.marks = marks
        self.duplicates = [(path, marks(mark)) for path, mark in duplicates]
        self._entries: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    def position(self, path: Path, *, prefer_key: bool = False) -> Position | None:
        """Where `path` starts (its key's start with `prefer_key`), else its nearest ancestor."""
        node, key_node = self.root, None
        if node is None:
            return None
        for part in path:
            child = self._child(node, part)
            if child is None:
                break
            key_node, node = child
        if prefer_key and key_node is not None:
            return self.marks(key_node.start_mark)
        return self.marks(node.start_mark)

    def _child(self, node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
        if isinstance(node, yaml.SequenceNode):
            if isinstance(part, int) and 0 <= part < len(node.value):
                return None, node.value[part]
            return None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            return self.entries(node).get(part)
        return None

    def entries(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A mapping's effective entries, as the data has them: the last of duplicate keys wins,
        explicit keys beat merged (`<<`) ones, and the first merged source wins among those."""
        cached = self._entries.get(id(node))
        if cached is not None:
            return cached
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
            else:
                found[key_of(key_node)] = (key_node, value_node)
        for source in merged:
            if isinstance(source, yaml.MappingNode) and id(source) != id(node):
                for key, entry in self.entries(source).items():
                    found.setdefault(key, entry)
        self._entries[id(node)] = found
        return found

    def all_positions(self) -> tuple[dict[Path, Position], dict[Path, Position]]:
        """Every value's and every key's position (for callers that want the whole map)."""
        values: dict[Path, Position] = {}
        keys: dict[Path, Position] = {}
        for path, key_node, node in self._walk():
            values.setdefault(path, self.marks(node.start_mark))
            if key_node is not None:
                keys.setdefault(path, self.marks(key_node.start_mark))
        return values, keys

    def _walk(self) -> Iterator[tuple[Path, yaml.Node | None, yaml.Node]]:
        if self.root is None:
            return
        stack: list[tuple[Path, yaml.Node | None, yaml.Node]] = [((), None, self.root)]
        seen = 0
        while stack:
            path, key_node, node = stack.pop()
            seen += 1
            if seen > MAX_VALUES:  # aliases can make the paths outnumber the nodes
                return
            yield path, key_node, node
            if isinstance(node, yaml.SequenceNode):
                stack.extend(
                    ((*path, i), None, v) for i, v in reversed(list(enumerate(node.value)))
                )
            elif isinstance(node, yaml.MappingNode):
                entries = reversed(list(self.entries(node).items()))
                stack.extend(((*path, k), kn, vn) for k, (kn, vn) in entries)


def build(loader: yaml.SafeLoader, root: yaml.Node | None, marks: Marks) -> Built:
    """The plain data of `root`. Raises `YamlSyntaxError` for what PyYAML's `safe_load` would
    refuse: unknown tags, recursive aliases, values a tag cannot hold (`!!bool maybe`,
    `2024-02-30`), and documents that expand to more than MAX_VALUES values."""
    from mlassets.io.yamlwalk import DataBuilder

    if root is None:
        return Built(None, None, marks, [])
    builder = DataBuilder(loader, marks)
    return Built(builder.run(root), root, marks, builder.duplicates)


def plain_scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode, marks: Marks) -> Any:
    """A scalar as JSON-compatible data, or `YamlSyntaxError` where PyYAML would raise."""
    tag = node.tag
    if tag == _STR_TAG:
        return node.value
    constructor = _SCALARS.get(tag)
    try:
        value = constructor(loader, node) if constructor else loader.construct_object(node)
    except yaml.MarkedYAMLError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as exc:
        raise YamlSyntaxError(_unreadable(node, exc), marks(node.start_mark)) from exc
    if isinstance(value, float) and not math.isfinite(value):
        return node.value  # JSON has no NaN or infinity: keep what was written
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, set | tuple):
        return sorted(str(v) for v in value)
    return value


def _unreadable(node: yaml.ScalarNode, exc: Exception) -> str:
    kind = node.tag.removeprefix(_TAG)
    text = node.value if len(node.value) <= 40 else f"{node.value[:20]}...({len(node.value)} chars)"
    reason = str(exc).split(":")[0] if isinstance(exc, ValueError) else ""
    reason = reason[:1].lower() + reason[1:]
    if isinstance(exc, KeyError) and kind == "bool":
        reason = "not one of true, false, yes, no, on, off"
    detail = f" ({reason})" if reason else ""
    return f"{text!r} cannot be read as a YAML {kind}{detail}; PyYAML (the Hub's parser) fails too"
