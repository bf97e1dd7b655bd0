"""Vendored vocabularies: the closed lists of values the Hub and ISO 639 define.

Each list is one JSON file beside this module, written by `scripts/refresh_vocab.py` from its
source and recording where and when it came from (`source`, `version`, `retrieved`). Everything
else (the card schemas, the license tables) reads the lists from here, so a refresh is one
file's change. `values` is the upstream list; `retained` maps values mlassets still accepts
although the source has dropped them (or never listed them) to the reason why.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NAMES = ("hub-licenses", "hub-tasks", "hub-size-categories", "languages")


@dataclass(frozen=True)
class Vocabulary:
    """One vendored list. `accepted` is what validation accepts: upstream values, then retained."""

    name: str
    source: str
    version: str
    retrieved: str
    values: tuple[str, ...]
    retained: tuple[tuple[str, str], ...] = ()
    labels: tuple[tuple[str, str], ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return self.values + tuple(value for value, _ in self.retained)


def vocab_dir() -> Path:
    return Path(__file__).resolve().parent


@functools.cache
def load_vocabulary(name: str) -> Vocabulary:
    """The vendored vocabulary called `name` (see NAMES), parsed once per process."""
    if name not in NAMES:
        raise KeyError(name)
    data: dict[str, Any] = json.loads((vocab_dir() / f"{name}.json").read_text(encoding="utf-8"))
    return Vocabulary(
        name=name,
        source=data["source"],
        version=data["version"],
        retrieved=data["retrieved"],
        values=tuple(data["values"]),
        retained=tuple(data.get("retained", {}).items()),
        labels=tuple(data.get("labels", {}).items()),
    )


def hub_license_ids() -> tuple[str, ...]:
    """The license ids a Hub card may declare, in the Hub documentation's order."""
    return load_vocabulary("hub-licenses").accepted


@functools.cache
def language_codes() -> frozenset[str]:
    """ISO 639 codes: 639-1 (two letters) and 639-2/B, 639-3 and 639-5 (three letters)."""
    return frozenset(load_vocabulary("languages").values)


def language_pattern(codes: tuple[str, ...] | None = None) -> str:
    """The `pattern` the card schemas give a language tag, built from the vendored codes.

    An ISO 639 code, optionally followed by BCP 47 subtags (pt-BR, zh-Hant), or a retained value.
    The codes are folded into a prefix tree (`e(?:n[gm]?|...)`) so the thousands of ISO 639-3
    codes make a pattern of a few kilobytes that any regex engine matches without backtracking.
    """
    vocabulary = load_vocabulary("languages")
    tree = _prefix_tree(set(codes if codes is not None else vocabulary.values))
    extra = "".join(f"|{re_escape(value)}" for value, _ in vocabulary.retained)
    return f"^(?:{tree}(?:-[A-Za-z0-9]{{2,8}})*{extra})$"


def re_escape(value: str) -> str:
    # Only letters, digits and '-' occur in the vocabulary; anything else is escaped.
    return "".join(c if c.isalnum() or c == "-" else "\\" + c for c in value)


def _prefix_tree(words: set[str]) -> str:
    optional = "" in words
    heads = sorted({w[0] for w in words if w})
    if not heads:
        return ""
    branches = [h + _prefix_tree({w[1:] for w in words if w[:1] == h}) for h in heads]
    single = len(branches) == 1 and len(branches[0]) == 1
    if len(branches) > 1 and all(len(b) == 1 for b in branches):
        body, atom = f"[{_ranges(heads)}]", True
    elif len(branches) == 1:
        body, atom = branches[0], single
    else:
        body, atom = f"(?:{'|'.join(branches)})", True
    if optional:
        return f"{body}?" if atom else f"(?:{body})?"
    return body


def _ranges(chars: list[str]) -> str:
    """`abcdz` -> `a-dz`: a character class in its shortest form."""
    out: list[str] = []
    start = prev = chars[0]
    for c in [*chars[1:], ""]:
        if c and ord(c) == ord(prev) + 1:
            prev = c
            continue
        span = ord(prev) - ord(start)
        out.append(start if span == 0 else f"{start}{prev}" if span == 1 else f"{start}-{prev}")
        start = prev = c
    return "".join(out)
