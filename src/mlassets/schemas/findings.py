"""Schema violations as positioned findings: one finding per violated constraint."""

from __future__ import annotations

from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from mlassets.core.findings import Finding, Severity, json_pointer
from mlassets.core.suggest import close_matches
from mlassets.io.yamlpos import Located

# jsonschema keyword -> last two digits of the finding code (S2xx built-in, S3xx user schemas).
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


def schema_findings(
    validator: jsonschema.protocols.Validator,
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


def _leaves(error: ValidationError) -> list[ValidationError]:
    """For anyOf/oneOf, the errors of the branch the value was meant for.

    That is the branch whose own type matched (a list was given, so the list branch), which says
    far more than "is not valid under any of the given schemas".
    """
    if not error.context:
        return [error]
    branches: dict[object, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    typed = [subs for subs in branches.values() if not any(_wrong_shape(s) for s in subs)]
    if len(typed) == 1:
        return [leaf for sub in typed[0] for leaf in _leaves(sub)]
    return [best_match(error.context) or error]


def _wrong_shape(error: ValidationError) -> bool:
    """Did this branch fail on the value's shape itself (a list given where a string was meant)?"""
    if error.relative_path:
        return False
    if error.validator == "type":
        return True
    return error.validator in ("enum", "const") and isinstance(error.instance, list | dict)


def _finding(error: ValidationError, located: Located | None, code_base: int) -> Finding:
    path = tuple(error.absolute_path)
    code = f"S{code_base + _KEYWORD_CODES.get(str(error.validator), OTHER_CONSTRAINT)}"
    position = located.position(path) if located else None
    where = json_pointer(path)[1:] or "metadata"
    message = f"{where}: {_message(error)}"
    return Finding(code, Severity.ERROR, message, json_pointer(path), position)


def _message(error: ValidationError) -> str:
    custom = error.schema.get("x-mlassets-message") if isinstance(error.schema, dict) else None
    if custom and error.validator in ("pattern", "format", "minLength", "type"):
        return f"{error.instance!r} {custom}"
    if error.validator == "enum":
        options = [str(o) for o in error.validator_value]  # type: ignore[union-attr]
        if not isinstance(error.instance, str):
            shown = ", ".join(repr(o) for o in options[:4])
            more = ", ..." if len(options) > 4 else ""
            kind = type(error.instance).__name__.replace("dict", "mapping")
            return f"a {kind} is not accepted here; expected one of {shown}{more}"
        close = close_matches(error.instance.lower(), options, n=1, cutoff=0.8)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"{error.instance!r} is not an accepted value{hint}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    return error.message
