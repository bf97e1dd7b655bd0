"""Shapes of the JSON documents mlassets writes, as annotations the type checker reads too.

A report's `to_json` returns a TypedDict; `scripts/build_schemas.py` turns that TypedDict into
the report's JSON Schema (with pydantic, a dev-only dependency). What a TypedDict cannot say
(a minimum, a pattern) rides along as `Keywords` in `Annotated[...]`: pydantic asks any metadata
object with a `__get_pydantic_json_schema__` method for its part, so nothing here imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal


class Keywords:
    """JSON Schema keywords added to a value's schema (`Keywords(minimum=0)`)."""

    def __init__(self, **keywords: Any) -> None:
        self.keywords = keywords

    def __repr__(self) -> str:
        return f"Keywords({self.keywords!r})"

    def __get_pydantic_json_schema__(
        self, core_schema: Any, handler: Callable[[Any], dict[str, Any]]
    ) -> dict[str, Any]:
        return {**handler(core_schema), **self.keywords}


SchemaVersion = Literal[1]
Count = Annotated[int, Keywords(minimum=0)]
Text = Annotated[str, Keywords(minLength=1)]  # a string that is never empty
Sha256 = Annotated[str, Keywords(pattern="^[0-9a-f]{64}$")]
