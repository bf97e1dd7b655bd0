"""Frozen data shared by the core modules: findings and their source positions."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypedDict

from mlassets.core.shapes import Keywords


class Severity(enum.StrEnum):
    """How bad a finding is. `error` and `warning` fail a check by default; `notice` never does."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "notice": 0}[self.value]


class FindingJson(TypedDict):
    code: Annotated[str, Keywords(pattern="^[A-Z][0-9]{3}$")]
    severity: Annotated[str, Keywords(enum=[s.value for s in Severity])]
    message: str
    pointer: str
    line: Annotated[int, Keywords(minimum=1)] | None
    column: Annotated[int, Keywords(minimum=1)] | None


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a source file (columns count characters, not bytes)."""

    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    """One problem found in a card, a manifest or a license string.

    `code` is stable and documented in the README; `pointer` is the JSON Pointer of the value the
    finding is about (empty for the whole document); `position` is where that value starts in the
    file, when the file has positions.
    """

    code: str
    severity: Severity
    message: str
    pointer: str = ""
    position: Position | None = None

    def to_json(self) -> FindingJson:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "pointer": self.pointer,
            "line": self.position.line if self.position else None,
            "column": self.position.column if self.position else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        line, column = data["line"], data["column"]
        position = Position(line, column) if line is not None and column is not None else None
        return cls(
            data["code"], Severity(data["severity"]), data["message"], data["pointer"], position
        )


def json_pointer(path: tuple[str | int, ...]) -> str:
    """RFC 6901 pointer for a path of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
