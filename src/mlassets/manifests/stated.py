"""Licenses a card states outside its metadata: the manifest's optional `license.stated`.

A card's body can state a license ("This dataset is licensed under CC BY-NC 4.0") that its YAML
does not, or that contradicts it. `license-check` must see every license a card states, so the
manifest carries them as data, not only inside finding messages. The field is written only when
a card states something, so manifests of cards that do not stay byte-identical.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StatedLicense:
    """One license the card states in its body: the SPDX expression and the card line."""

    expression: str
    line: int
    source: str = "body"

    def to_json(self) -> dict[str, Any]:
        return {"expression": self.expression, "line": self.line, "source": self.source}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StatedLicense:
        return cls(data["expression"], data["line"], data["source"])
