"""Compiled JSON Schemas (jsonschema-rs) and their violations as plain, typed data.

jsonschema-rs validates in Rust, about 50x faster than the pure-Python `jsonschema`, and imports in
a fraction of its time, which the pre-commit hook pays on every commit. Its errors are turned
into `Violation`s here, with the messages `jsonschema` wrote (so reports and tests keep their
wording), the subschema that failed (for `x-mlassets-message`) and, for anyOf/oneOf, the errors
of each branch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from mlassets.schemas.messages import message_for

# jsonschema-rs converts each error's instance back to Python with a depth limit of 255; an
# error about a value nested deeper than that would fail the whole call. Values below this depth
# are cut off before errors are collected (see `_pruned`), and reported once.
MAX_DEPTH = 200
DEPTH_KEYWORD = "x-mlassets-depth"
_PLAIN_NAME = re.compile("^[a-zA-Z][a-zA-Z0-9_]*$")

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Violation:
    """One failed constraint: `keyword` failed at instance `path` (absolute)."""

    keyword: str
    path: Path
    instance: Any
    schema: Mapping[str, Any] | None  # the subschema that holds the keyword
    detail: Mapping[str, Any]
    branches: tuple[tuple[Violation, ...], ...] = ()  # anyOf/oneOf: each branch's violations
    message: str = ""

    @property
    def json_path(self) -> str:
        """The instance path as `jsonschema` writes it (`$.a[0]['b c']`)."""
        out = "$"
        for elem in self.path:
            if isinstance(elem, int):
                out += f"[{elem}]"
            elif _PLAIN_NAME.match(elem):
                out += "." + elem
            else:
                out += "['" + elem.replace("\\", "\\\\").replace("'", r"\'") + "']"
        return out


class CompiledSchema:
    """A schema document and its compiled validator."""

    def __init__(self, schema: Mapping[str, Any], validator: jsonschema_rs.Validator) -> None:
        self.schema = schema
        self._validator = validator

    def is_valid(self, data: Any) -> bool:
        return self._validator.is_valid(data)

    def iter_errors(self, data: Any) -> Iterator[Violation]:
        """Every violation, in the validator's order; nothing at all for valid data."""
        if self._validator.is_valid(data):  # the common case: no error objects are built
            return iter(())
        try:
            errors = self._validator.iter_errors(data)
            cut: list[Path] = []
        except ValueError:  # "Recursion limit reached": an instance nested too deep
            pruned, cut = _pruned(data)
            errors = self._validator.iter_errors(pruned)
        found = [self._convert(e) for e in errors]
        if cut:
            found = [v for v in found if not any(v.path[: len(p)] == p for p in cut)]
            found.append(_too_deep(cut[0]))
        return iter(found)

    def _convert(self, error: jsonschema_rs.ValidationError) -> Violation:
        kind = error.kind
        keyword = kind.name
        branches: tuple[tuple[Violation, ...], ...] = ()
        # jsonschema gives no branches for "valid under more than one": neither do we.
        if keyword in ("anyOf", "oneOf") and type(kind).__name__ != "OneOfMultipleValid":
            context = getattr(kind, "context", [])
            branches = tuple(tuple(self._convert(e) for e in branch) for branch in context)
            detail: Mapping[str, Any] = {}
        elif keyword == "oneOf":
            detail = {}
        else:
            detail = kind.as_dict()
        schema = self._subschema(error)
        instance = error.instance
        text = message_for(keyword, instance, detail, schema, error.message)
        return Violation(
            keyword, tuple(error.instance_path), instance, schema, detail, branches, text
        )

    def _subschema(self, error: jsonschema_rs.ValidationError) -> Mapping[str, Any] | None:
        """The schema object that holds the failed keyword, looked up in this document."""
        node: Any = self.schema
        for part in error.schema_path[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node if isinstance(node, Mapping) else None


def _pruned(data: Any) -> tuple[Any, list[Path]]:
    """A copy of `data` with every container deeper than MAX_DEPTH replaced by None, and the
    paths cut. Iterative: the data may be nested far deeper than Python's recursion limit."""
    cut: list[Path] = []
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, str | int, Path]] = [(data, root, 0, ())]
    while stack:
        value, parent, slot, path = stack.pop()
        if not isinstance(value, dict | list):
            parent[slot] = value
        elif len(path) >= MAX_DEPTH:
            parent[slot] = None
            cut.append(path)
        elif isinstance(value, dict):
            copy: dict[str, Any] = {}
            parent[slot] = copy
            for key, item in value.items():
                copy[key] = None
                stack.append((item, copy, key, (*path, key)))
        else:
            items: list[Any] = [None] * len(value)
            parent[slot] = items
            stack.extend((item, items, i, (*path, i)) for i, item in enumerate(value))
    cut.sort(key=len)
    return root[0], cut


def _too_deep(path: Path) -> Violation:
    text = f"is nested more than {MAX_DEPTH} levels deep; the values below are not checked"
    return Violation(DEPTH_KEYWORD, path[:1], None, None, {}, (), text)
