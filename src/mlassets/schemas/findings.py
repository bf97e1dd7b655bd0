"""Schema violations as positioned findings: one finding per violated constraint."""

from __future__ import annotations

from typing import Any

from mlassets.core.findings import Finding, json_pointer
from mlassets.core.rules import RULES
from mlassets.io.yamlpos import Located
from mlassets.schemas.compiled import CompiledSchema, Violation

# JSON Schema keyword -> last two digits of the finding code (S2xx built-in, S3xx user schemas).
_KEYWORD_CODES = {
    "type": 1,
    "enum": 2,
    "const": 2,
    "required": 3,
    "pattern": 4,
    "format": 4,
    "minLength": 4,
}
OTHER_CONSTRAINT = 5
_WEAK = frozenset(("anyOf", "oneOf"))  # as jsonschema's best_match: other errors say more


def schema_findings(
    validator: CompiledSchema,
    data: Any,
    located: Located | None,
    *,
    code_base: int = 200,
) -> list[Finding]:
    """One finding per schema violation, positioned where the offending value starts."""
    return [
        _finding(leaf, located, code_base)
        for error in validator.iter_errors(data)
        for leaf in _leaves(error)
    ]


def _leaves(error: Violation) -> list[Violation]:
    """For anyOf/oneOf, the errors of the branch the value was meant for.

    That is the branch whose own type matched (a list was given, so the list branch), which says
    far more than "is not valid under any of the given schemas".
    """
    if not error.branches or not any(error.branches):
        return [error]
    typed = [
        branch
        for branch in error.branches
        if branch and not any(_wrong_shape(s, error.path) for s in branch)
    ]
    if len(typed) == 1:
        return [leaf for sub in typed[0] for leaf in _leaves(sub)]
    return [_best_match(error)]


def _wrong_shape(error: Violation, at: tuple[str | int, ...]) -> bool:
    """Did this branch fail on the value's shape itself (a list given where a string was meant)?"""
    if error.path != at:
        return False
    if error.keyword == "type":
        return True
    return error.keyword in ("enum", "const") and isinstance(error.instance, list | dict)


def _relevance(error: Violation) -> tuple[Any, ...]:
    """jsonschema's `relevance` key (larger is "more relevant"): shallower, later path, not
    anyOf/oneOf, not of the instance's type. Paths share their parent's prefix, so comparing
    absolute paths orders them as jsonschema's relative ones."""
    return (-len(error.path), error.path, error.keyword not in _WEAK, not _matches_type(error))


def _best_match(error: Violation) -> Violation:
    """jsonschema's `best_match(error.context)`, quirks included so findings stay the same: the
    most relevant suberror first, then the least relevant one at each level below, stopping at
    a tie."""
    best = max((e for branch in error.branches for e in branch), key=_relevance, default=error)
    while best.branches:
        smallest = sorted((e for branch in best.branches for e in branch), key=_relevance)[:2]
        if not smallest or (
            len(smallest) == 2 and _relevance(smallest[0]) == _relevance(smallest[1])
        ):
            return best
        best = smallest[0]
    return best


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "object": (dict,),
    "array": (list,),
    "boolean": (bool,),
    "null": (type(None),),
    "number": (int, float),
    "integer": (int,),
}


def _matches_type(error: Violation) -> bool:
    expected = error.schema.get("type") if error.schema is not None else None
    if expected is None:
        return False
    names = [expected] if isinstance(expected, str) else list(expected)
    return any(_is_type(error.instance, name) for name in names)


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return name == "boolean"
    if name == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _JSON_TYPES.get(name, ()))


def _finding(error: Violation, located: Located | None, code_base: int) -> Finding:
    path = error.path
    rule = RULES[f"S{code_base + _KEYWORD_CODES.get(error.keyword, OTHER_CONSTRAINT)}"]
    position = located.position(path) if located else None
    where = json_pointer(path)[1:] or "metadata"
    return rule.at(f"{where}: {_message(error)}", json_pointer(path), position)


def _message(error: Violation) -> str:
    custom = error.schema.get("x-mlassets-message") if error.schema is not None else None
    if custom and error.keyword in ("pattern", "format", "minLength", "type"):
        return f"{error.instance!r} {custom}"
    if error.keyword == "enum":
        return _enum_message(error)
    if error.keyword == "required":
        return error.message.replace("is a required property", "is required")
    return error.message


SUGGESTION_CUTOFF = 0.85  # the same as for near-miss keys (validation/near_miss.py)


def _fold(value: str) -> str:
    return "-".join(value.lower().replace("_", " ").replace("-", " ").split())


def _enum_message(error: Violation) -> str:
    options = [str(o) for o in (error.schema or {}).get("enum") or error.detail.get("options", [])]
    if not isinstance(error.instance, str):
        shown = ", ".join(repr(o) for o in options[:4])
        more = ", ..." if len(options) > 4 else ""
        kind = type(error.instance).__name__.replace("dict", "mapping")
        return f"a {kind} is not accepted here; expected one of {shown}{more}"
    from mlassets.core.suggest import close_matches  # only when a value is wrong

    # Compared blind to case and to how words are separated (`10k<n<100k` means `10K<n<100K`,
    # `CC BY-SA 4.0` means `cc-by-sa-4.0`), and only within a typo's distance: at 0.8,
    # `conditional-text-generation` drew `unconditional-image-generation`.
    by_folded = {_fold(option): option for option in options}
    close = close_matches(_fold(error.instance), list(by_folded), n=1, cutoff=SUGGESTION_CUTOFF)
    hint = f" (did you mean {by_folded[close[0]]!r}?)" if close else ""
    return f"{error.instance!r} is not an accepted value{hint}"
