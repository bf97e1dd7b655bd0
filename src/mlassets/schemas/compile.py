"""Compile schema documents with jsonschema-rs, offline, and vet users' schema files.

Validators are compiled without format assertions (as `jsonschema` validated before: `format` is
an annotation unless a format checker is asked for) and with retrieval switched off, so that a
`$ref` to a URL fails at once as a `SchemaFileError` instead of touching the network.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import jsonschema_rs

from mlassets.core.errors import SchemaFileError
from mlassets.core.findings import json_pointer
from mlassets.schemas.compiled import CompiledSchema

# Keywords that apply a subschema to the same instance: a cycle through only these (and $ref)
# never reads a value, so a validator following it would never finish (`{"$ref": "#"}`).
_IN_PLACE = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas")


def compile_schema(schema: Mapping[str, Any]) -> CompiledSchema:
    """A validator for a schema document known to be valid (the built-in ones)."""
    return CompiledSchema(schema, _validator(schema))


def compile_user_schema(schema: Mapping[str, Any], where: str) -> CompiledSchema:
    """A validator for a user's schema, or `SchemaFileError` saying in one line what is wrong."""
    try:
        validator = _validator(schema)
    except jsonschema_rs.ValidationError as exc:
        first = exc.message.splitlines()[0] if exc.message else "invalid schema"
        if exc.kind.name == "$ref":
            message = f"{where}: schema reference cannot be resolved: {first}"
            raise SchemaFileError(message, where) from None
        pointer = json_pointer(tuple(exc.instance_path)) or "/"
        message = f"{where}: not a valid JSON Schema at {pointer}: {first}"
        raise SchemaFileError(message, where) from None
    except (ValueError, jsonschema_rs.ReferencingError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SchemaFileError(f"{where}: schema cannot be compiled: {first}", where) from exc
    loop = _reference_loop(schema)
    if loop is not None:
        raise SchemaFileError(
            f"{where}: schema refers to itself at {loop or '/'} without reading any value, "
            "so no document could ever be checked against it",
            where,
        )
    return CompiledSchema(schema, validator)


def _validator(schema: Mapping[str, Any]) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(dict(schema), validate_formats=False, offline=True)


def _reference_loop(schema: Mapping[str, Any]) -> str | None:
    """The pointer of a subschema that reaches itself through `$ref`s and in-place applicators
    alone, or None. Only references within the document ('#...') can loop: others were
    rejected at compile time, since nothing is retrieved."""
    graph: dict[str, list[str]] = {}
    for pointer, node in _subschemas(schema):
        edges = graph.setdefault(pointer, [])
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#") and not ref.startswith("#/") and ref != "#":
            continue  # an anchor ('#name'): resolved by the validator, not followed here
        if isinstance(ref, str) and ref.startswith("#"):
            edges.append(ref[1:])
        for keyword in _IN_PLACE:
            value = node.get(keyword)
            if isinstance(value, dict):
                edges.append(f"{pointer}/{keyword}")
            elif isinstance(value, list):
                edges.extend(f"{pointer}/{keyword}/{i}" for i in range(len(value)))
    return _first_cycle(graph)


def _subschemas(schema: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every object in the document with its JSON pointer (iteratively: schemas may be deep)."""
    stack: list[tuple[str, Any]] = [("", schema)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, Mapping):
            yield pointer, node
            for key, value in node.items():
                escaped = str(key).replace("~", "~0").replace("/", "~1")
                stack.append((f"{pointer}/{escaped}", value))
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", value) for i, value in enumerate(node))


def _first_cycle(graph: dict[str, list[str]]) -> str | None:
    """A node on a cycle of `graph`, by an iterative depth-first search, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in graph:
        if start in state:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        state[start] = 1
        while stack:
            node, edges = stack[-1]
            nxt = next(edges, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return nxt
            elif nxt not in state and nxt in graph:
                state[nxt] = 1
                stack.append((nxt, iter(graph[nxt])))
    return None
