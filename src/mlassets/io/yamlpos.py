"""YAML (and JSON) loading that keeps the source position of every key and value.

PyYAML's `safe_load` throws positions away, and so does the Hub's own card parser. We compose the
node graph (in C when libyaml is present) and build plain JSON-compatible data ourselves, recording
where each value and each mapping key starts, so that every finding can point at `line:column`.
Only the safe tag set is understood: nothing here can construct arbitrary Python objects.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import yaml

from mlassets.core.findings import Position

try:  # libyaml makes composing about 10x faster; the pure-Python loader is a correct fallback.
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path = tuple[str | int, ...]

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_COLLECTION_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("seq", "map", "omap", "pairs", "set")
)
# A guard against "billion laughs" alias bombs: no card needs more values than this.
MAX_VALUES = 200_000


class YamlSyntaxError(ValueError):
    """The text is not valid YAML; `position` is where the parser gave up."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass
class Located:
    """Plain data and where each part came from (`values`: value starts, `keys`: key starts)."""

    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, Position]] = field(default_factory=list)

    def position(self, path: Path, *, prefer_key: bool = False) -> Position | None:
        """The position of `path`, or of its nearest ancestor that has one."""
        while True:
            found = (self.keys.get(path) if prefer_key else None) or self.values.get(path)
            if found is not None or not path:
                return found
            path = path[:-1]


def load_located(text: str, line_offset: int = 0) -> Located:
    """Parse one YAML document. Lines in positions are shifted by `line_offset`."""
    # libyaml accepts tabs that PyYAML's pure-Python scanner (which huggingface_hub uses) rejects;
    # tabs are rare in cards, so they take the slow path and we agree with the Hub's client.
    loader = yaml.SafeLoader(text) if "\t" in text else _Loader(text)
    try:
        node = loader.get_single_node()
        builder = _Builder(loader, line_offset)
        data = builder.build(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = Position(mark.line + 1 + line_offset, mark.column + 1) if mark else None
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise YamlSyntaxError(problem or "invalid YAML", position or Position(1, 1)) from exc
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        raise YamlSyntaxError(str(exc).splitlines()[0], Position(1 + line_offset, 1)) from exc
    finally:
        loader.dispose()
    return Located(data, builder.values, builder.keys, builder.duplicates)


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, line_offset: int) -> None:
        self.loader = loader
        self.offset = line_offset
        self.values: dict[Path, Position] = {}
        self.keys: dict[Path, Position] = {}
        self.duplicates: list[tuple[Path, Position]] = []
        self.active: set[int] = set()
        self.count = 0

    def _pos(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(mark.line + 1 + self.offset, mark.column + 1)

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlSyntaxError("document expands to too many values", self._pos(node))
        self.values.setdefault(path, self._pos(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if node.tag not in _COLLECTION_TAGS:  # as safe_load does: unknown tags are refused
            raise YamlSyntaxError(
                f"could not determine a constructor for the tag {node.tag!r}", self._pos(node)
            )
        if id(node) in self.active:
            raise YamlSyntaxError("recursive alias", self._pos(node))
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, path)
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: list[dict[str, Any]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                value = self.build(value_node, path)
                merged.extend(v for v in (value if isinstance(value, list) else [value]))
                continue
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child = (*path, key)
            if key in result:
                self.duplicates.append((child, self._pos(key_node)))
                # Later keys win, as in PyYAML and the Hub's parser; positions follow the winner.
                self.values.pop(child, None)
                for stale in [p for p in self.values if p[: len(child)] == child]:
                    del self.values[stale]
            self.keys[child] = self._pos(key_node)
            result[key] = self.build(value_node, child)
        for extra in merged:
            if isinstance(extra, dict):
                for key, value in extra.items():
                    result.setdefault(key, value)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR_TAG:
            return node.value
        value = self.loader.construct_object(node)
        if isinstance(value, float) and not math.isfinite(value):
            return node.value  # JSON has no NaN or infinity: keep what was written
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        if isinstance(value, bytes):
            return base64.b64encode(value).decode("ascii")
        if isinstance(value, set | tuple):
            return sorted(str(v) for v in value)
        return value
