"""Inferred readings of a short value that is not an exact id or name: a name with an alias in
parentheses ("General Public License (GPL) version 3"), a name in another word order, or a name
with a typo. Each is a guess a curator should be able to see, so the normaliser marks the
conclusion inferred, not certain, and says which reading it used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mlassets.licenses import freetext, reference, typos
from mlassets.licenses.names import lookup_id, lookup_name

_ALIAS = re.compile(r"\s*\(([^()]*)\)\s*")
_SIGNS = re.compile(r"[<>=]")


@dataclass(frozen=True)
class Inference:
    expression: str
    why: str  # for the L111 finding: "read from <why>"
    basis: str


def infer(text: str) -> Inference | None:
    """The first reading that identifies one license, or None (the text is then free text)."""
    if "://" in text or _SIGNS.search(text) or freetext.is_prose(text.lower().split()):
        return None  # links, "GPL (>= 2)" and sentences are read as free text
    outer = _ALIAS.sub(" ", text).strip()
    aliases = [a for a in _ALIAS.findall(text) if a.strip()]
    if aliases and outer:
        named = _name_only(outer) or _reading(outer)
        # the alias may name the same license, or nothing mlassets knows; never another one
        if named and all(_name_only(a) in (named, None) for a in aliases):
            return Inference(named, "a name with an alias in parentheses", "name with an alias")
    unordered = reference.lookup_unordered(text)
    if unordered:
        why = "a license name in another word order"
        return Inference(unordered, why, "name in another word order")
    fuzzy = typos.lookup_fuzzy(text)
    if fuzzy:
        why = f"a close spelling of the name {fuzzy[1]!r}"
        return Inference(fuzzy[0], why, "name with a typo")
    return None


def _name_only(text: str) -> str | None:
    """The expression for text that is exactly an id or a name, in any word order."""
    match = lookup_id(text) or lookup_name(text)
    if match:
        return match.expression
    return reference.lookup_scancode_name(text) or reference.lookup_unordered(text)


def _reading(text: str) -> str | None:
    reading = freetext.read(text)
    return reading.expression if reading.expression and not reading.weak else None
