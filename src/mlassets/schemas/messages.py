"""Violation messages in the words `jsonschema` used, so reports keep their wording.

jsonschema-rs writes JSON (`"x" is not of type "integer"`); mlassets reported Python reprs
(`'x' is not of type 'integer'`) before it moved to jsonschema-rs, and its users, tests and
README show those. Keywords without a template here keep jsonschema-rs's own message.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable, Mapping
from typing import Any

Template = Callable[[Any, Any, Mapping[str, Any]], str]


def _size(short: str, long: str, empty: int) -> Template:
    def template(instance: Any, limit: Any, _detail: Mapping[str, Any]) -> str:
        return f"{shown(instance)} {short if limit == empty else long}"

    return template


def _bound(words: str) -> Template:
    def template(instance: Any, limit: Any, _detail: Mapping[str, Any]) -> str:
        return f"{shown(instance)} is {words} {limit!r}"

    return template


def _type(instance: Any, expected: Any, _detail: Mapping[str, Any]) -> str:
    types = expected if isinstance(expected, list) else [expected]
    return f"{shown(instance)} is not of type {', '.join(repr(t) for t in types)}"


def _additional(_instance: Any, _value: Any, detail: Mapping[str, Any]) -> str:
    extras = list(detail.get("unexpected", []))
    verb = "was" if len(extras) == 1 else "were"
    return (
        f"Additional properties are not allowed ({', '.join(map(repr, extras))} {verb} unexpected)"
    )


_TEMPLATES: dict[str, Template] = {
    "type": _type,
    "enum": lambda i, options, _d: f"{shown(i)} is not one of {shown(options)}",
    "const": lambda _i, const, _d: f"{shown(const)} was expected",
    "required": lambda _i, _v, d: f"{d.get('property')!r} is a required property",
    "pattern": lambda i, pattern, _d: f"{shown(i)} does not match {pattern!r}",
    "minLength": _size("should be non-empty", "is too short", 1),
    "maxLength": _size("is expected to be empty", "is too long", 0),
    "minItems": _size("should be non-empty", "is too short", 1),
    "maxItems": _size("is expected to be empty", "is too long", 0),
    "minimum": _bound("less than the minimum of"),
    "maximum": _bound("greater than the maximum of"),
    "exclusiveMinimum": _bound("less than or equal to the minimum of"),
    "exclusiveMaximum": _bound("greater than or equal to the maximum of"),
    "multipleOf": lambda i, m, _d: f"{shown(i)} is not a multiple of {m}",
    "uniqueItems": lambda i, _v, _d: f"{shown(i)} has non-unique elements",
    "additionalProperties": _additional,
    "anyOf": lambda i, _v, _d: f"{shown(i)} is not valid under any of the given schemas",
    "not": lambda i, schema, _d: f"{shown(i)} should not be valid under {shown(schema)}",
}
_ONE_OF_NONE = "is not valid under any of the schemas listed in the 'oneOf' keyword"


def message_for(
    keyword: str,
    instance: Any,
    detail: Mapping[str, Any],
    schema: Mapping[str, Any] | None,
    fallback: str,
) -> str:
    """jsonschema's message for a failed `keyword`, else jsonschema-rs's (`fallback`)."""
    if keyword == "oneOf":  # one kind for "none matched" and "more than one matched"
        if fallback.endswith(_ONE_OF_NONE):
            return f"{shown(instance)} is not valid under any of the given schemas"
        return fallback
    template = _TEMPLATES.get(keyword)
    if template is None or (keyword == "additionalProperties" and "unexpected" not in detail):
        return fallback
    value = schema.get(keyword) if schema is not None else None
    if value is None and keyword != "required":
        value = next(iter(detail.values()), None)
    return template(instance, value, detail)


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxstring = 8, 20, 20, 200


def shown(value: Any) -> str:
    """`repr(value)`, shortened only for values that are too deep to print (repr recurses)."""
    try:
        return repr(value)
    except RecursionError:
        return _SHORT.repr(value)
