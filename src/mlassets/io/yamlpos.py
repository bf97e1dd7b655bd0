"""YAML (and JSON) loading that keeps the source position of every key and value.

PyYAML's `safe_load` throws positions away, and so does the Hub's own card parser. We compose the
node graph (in C when libyaml is present), build plain JSON-compatible data from it without
recursion (`yamlbuild`), and keep the nodes: a position is looked up only when something asks
for it, which for a clean card is never. Only the safe tag set is understood: nothing here can
construct arbitrary Python objects.
"""

from __future__ import annotations

import bisect
from typing import Any

import yaml

from mlassets.core.findings import Position
from mlassets.io.yamlbuild import MAX_VALUES, Built, YamlSyntaxError, build
from mlassets.io.yamlcompose import compose_single

__all__ = ["MAX_VALUES", "Located", "YamlSyntaxError", "load_located"]

_SCALAR_TAG = "tag:yaml.org,2002:str"
_SEQUENCE_TAG = "tag:yaml.org,2002:seq"
_MAPPING_TAG = "tag:yaml.org,2002:map"
# SafeLoader's implicit resolvers by first character (its wildcard list folded into each).
_RESOLVERS: dict[str, list[tuple[str, Any]]] = {
    first: [*found, *yaml.SafeLoader.yaml_implicit_resolvers.get(None, [])]
    for first, found in yaml.SafeLoader.yaml_implicit_resolvers.items()
    if first is not None
}


class _FastResolve:
    """`Resolver.resolve` for loaders without path resolvers (the safe ones): the same tags,
    without its generic lookups. Both composers call it once per node; it was a third of the
    time spent on a card."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in _RESOLVERS.get(value[:1] if value else "", ()):
                    if pattern.match(value):
                        return tag
            return _SCALAR_TAG
        return _SEQUENCE_TAG if kind is yaml.SequenceNode else _MAPPING_TAG


class _PyLoader(_FastResolve, yaml.SafeLoader):
    pass


try:  # libyaml makes composing about 10x faster; the pure-Python loader is a correct fallback.

    class _CLoader(_FastResolve, yaml.CSafeLoader):
        pass

    _Loader: type[yaml.SafeLoader] = _CLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = _PyLoader

Path = tuple[str | int, ...]


class Located:
    """Plain data and where each part came from.

    `position(path)` answers from the composed nodes. `values` (value starts) and `keys` (key
    starts) are whole maps, built on first use for callers that want them all; other sources of
    positions (the OpenML XML reader) pass them in directly.
    """

    def __init__(
        self,
        data: Any,
        values: dict[Path, Position] | None = None,
        keys: dict[Path, Position] | None = None,
        duplicate_keys: list[tuple[Path, Position]] | None = None,
        *,
        built: Built | None = None,
    ) -> None:
        self.data = data
        self.duplicate_keys = duplicate_keys if duplicate_keys is not None else []
        self._values = values
        self._keys = keys
        self._built = built

    @property
    def values(self) -> dict[Path, Position]:
        if self._values is None:
            self._values, self._keys = self._materialize()
        return self._values

    @property
    def keys(self) -> dict[Path, Position]:
        if self._keys is None:
            self._values, self._keys = self._materialize()
        return self._keys

    def position(self, path: Path, *, prefer_key: bool = False) -> Position | None:
        """The position of `path`, or of its nearest ancestor that has one."""
        if self._built is not None and self._values is None:
            return self._built.position(path, prefer_key=prefer_key)
        while True:
            found = (self.keys.get(path) if prefer_key else None) or self.values.get(path)
            if found is not None or not path:
                return found
            path = path[:-1]

    def _materialize(self) -> tuple[dict[Path, Position], dict[Path, Position]]:
        if self._built is None:
            return {}, {}
        return self._built.all_positions()


class _Marks:
    """Turns a mark's character index into a 1-based line and column of the card.

    Indexes, not the marks' own line numbers: YAML also breaks lines at NEL, LS, PS and a lone
    CR, which editors and `str.split("\\n")` (how cards are split into lines) do not.
    """

    def __init__(self, text: str, line_offset: int) -> None:
        self.text = text
        self.offset = line_offset
        self._starts: list[int] | None = None  # built on the first lookup: most cards make none

    def __call__(self, mark: Any) -> Position:
        if self._starts is None:
            self._starts = _line_starts(self.text)
        line = bisect.bisect_right(self._starts, mark.index) - 1
        return Position(line + 1 + self.offset, mark.index - self._starts[line] + 1)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    found = text.find("\n")
    while found != -1:
        starts.append(found + 1)
        found = text.find("\n", found + 1)
    return starts


def load_located(text: str, line_offset: int = 0) -> Located:
    """Parse one YAML document. Lines in positions are shifted by `line_offset`."""
    # libyaml accepts tabs that PyYAML's pure-Python scanner (which huggingface_hub uses) rejects;
    # tabs are rare in cards, so they take the slow path and we agree with the Hub's client.
    slow = "\t" in text
    marks = _Marks(text, line_offset)
    loader: yaml.SafeLoader | None = None
    try:
        loader = _PyLoader(text) if slow else _Loader(text)  # the reader checks characters now
        node = compose_single(loader) if slow else loader.get_single_node()
        built = build(loader, node, marks)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        position = marks(mark) if mark else Position(1, 1)
        opened = marks(exc.context_mark) if exc.context_mark else None
        raise YamlSyntaxError(problem or "invalid YAML", position, opened) from exc
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        raise YamlSyntaxError(str(exc).splitlines()[0], Position(1 + line_offset, 1)) from exc
    finally:
        if loader is not None:
            loader.dispose()
    return Located(built.data, duplicate_keys=built.duplicates, built=built)
