"""The iterative depth-first walk that turns YAML nodes into plain data (see `yamlbuild`)."""

from __future__ import annotations

from typing import Any

import yaml

from mlassets.io.yamlbuild import (
    _COLLECTION_TAGS,
    _MERGE_TAG,
    _STR_TAG,
    MAX_VALUES,
    Marks,
    Path,
    YamlSyntaxError,
    key_of,
    plain_scalar,
)


class _Frame:
    """A collection being filled: its node, the container, the next child, the merge sources."""

    __slots__ = ("node", "container", "index", "path", "merged")

    def __init__(self, node: yaml.Node, container: Any, path: Path) -> None:
        self.node = node
        self.container = container
        self.index = 0
        self.path = path
        self.merged: list[list[Any]] = []


class DataBuilder:
    """Builds data in document order with an explicit stack; records duplicate keys."""

    def __init__(self, loader: yaml.SafeLoader, marks: Marks) -> None:
        self.loader = loader
        self.marks = marks
        self.duplicates: list[tuple[Path, Any]] = []
        self.count = 0
        self.active: set[int] = set()  # collections being filled: an alias to one is a cycle
        self.stack: list[_Frame] = []

    def run(self, root: yaml.Node) -> Any:
        holder: list[Any] = [None]
        self._place(root, holder, 0, ())
        stack = self.stack
        while stack:
            frame = stack[-1]
            depth = len(stack)
            fill = self._fill_list if isinstance(frame.container, list) else self._fill_dict
            fill(frame)  # returns when done or when it opened a child collection
            if len(stack) == depth:
                stack.pop()
                self._finish(frame)
        return holder[0]

    def _fill_list(self, frame: _Frame) -> None:
        children, result, depth = frame.node.value, frame.container, len(self.stack)
        while frame.index < len(children):
            i = frame.index
            frame.index += 1
            result.append(None)
            self._place(children[i], result, i, (*frame.path, i))
            if len(self.stack) > depth:
                return

    def _fill_dict(self, frame: _Frame) -> None:
        children, depth = frame.node.value, len(self.stack)
        while frame.index < len(children):
            key_node, value_node = children[frame.index]
            frame.index += 1
            self._pair(frame, key_node, value_node)
            if len(self.stack) > depth:
                return

    def _pair(self, frame: _Frame, key_node: yaml.Node, value_node: yaml.Node) -> None:
        result = frame.container
        if key_node.tag == _MERGE_TAG:
            source: list[Any] = [None]
            frame.merged.append(source)
            self._place(value_node, source, 0, frame.path)
            return
        key = key_of(key_node)
        if key in result:
            # Later keys win, as in PyYAML and the Hub's parser; positions follow the winner.
            self.duplicates.append(((*frame.path, key), key_node.start_mark))
        result[key] = None
        self._place(value_node, result, key, (*frame.path, key))

    def _place(self, node: yaml.Node, container: Any, slot: Any, path: Path) -> None:
        """Put `node`'s value into `container[slot]`: a scalar now, a collection once filled."""
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlSyntaxError(
                "document expands to too many values", self.marks(node.start_mark)
            )
        if isinstance(node, yaml.ScalarNode):
            tag = node.tag
            container[slot] = (
                node.value if tag == _STR_TAG else plain_scalar(self.loader, node, self.marks)
            )
            return
        if node.tag not in _COLLECTION_TAGS:  # as safe_load does: unknown tags are refused
            raise YamlSyntaxError(
                f"could not determine a constructor for the tag {node.tag!r}",
                self.marks(node.start_mark),
            )
        if id(node) in self.active:
            raise YamlSyntaxError("recursive alias", self.marks(node.start_mark))
        self.active.add(id(node))
        value: Any = [] if isinstance(node, yaml.SequenceNode) else {}
        container[slot] = value
        self.stack.append(_Frame(node, value, path))

    def _finish(self, frame: _Frame) -> None:
        self.active.discard(id(frame.node))
        result = frame.container
        for (extra,) in frame.merged:
            for source in extra if isinstance(extra, list) else [extra]:
                if isinstance(source, dict):
                    for key, value in source.items():
                        result.setdefault(key, value)
