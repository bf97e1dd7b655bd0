"""The whole card's license: the metadata's conclusion, checked against what the body states.

`documents.body` finds the statements; `licenses.normalize_license` reads each one. Only readings
that name a known license count (SPDX ids, ScanCode and Hub `LicenseRef-`s, ported Creative
Commons licenses): a `LicenseRef-` made up from a URL or a phrase says too little to contradict
anything or to stand as a conclusion. When the card has a license section, its statements are the
card's word; "licensed under" sentences elsewhere count only when there is no such section
(elsewhere they usually describe a source or a base model).

- Contradiction (L113): a stated license whose family (the id without its version) or terms
  (category, commercial use, share-alike, derivatives, use restrictions) differ from the
  metadata's conclusion, when both are known.
- Conclusion from the body (L114): the metadata declares no license, none of its values names a
  license, or it does not parse; the body's statements (all of them: AND) are concluded instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from mlassets.core import rules
from mlassets.core.findings import Finding, Position
from mlassets.documents.body import Statement, license_statements
from mlassets.documents.card import Card

if TYPE_CHECKING:
    from mlassets.licenses import LicenseConclusion

# `mlassets.licenses` (reference data, name tables, fuzzy matching) is imported inside the
# functions that need it: most cards state no license in their body, and `validate` in the
# pre-commit hook must not pay for the license machinery on each of them.

# The one spelling is licenses.tree.NOASSERTION; it is repeated here so that reading a card
# without body statements does not import the license package (see above).
NOASSERTION = "NOASSERTION"
_KNOWN_REF = ("LicenseRef-scancode-", "LicenseRef-hf-", "LicenseRef-CC-")
_OPERATORS = re.compile(r"\s+(?:AND|OR|WITH)\s+|[()]")
_VERSION = re.compile(r"-\d.*$")
# A statement that sends the reader elsewhere names a license of some part, not of the card.
_MIXED = re.compile(
    r"\b(?:depending on|respective|refer to|each (?:subset|source|dataset|file)|various|"
    r"different licen|multiple licen|several licen)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StatedReading:
    """A body statement and the license expression it names."""

    expression: str
    line: int
    quote: str


def _ids(expression: str) -> list[str]:
    return [part for part in _OPERATORS.split(expression) if part and part.strip()]


def _known(expression: str) -> bool:
    ids = _ids(expression)
    return (
        bool(ids)
        and all(not i.startswith("LicenseRef-") or i.startswith(_KNOWN_REF) for i in ids)
        and NOASSERTION not in ids
    )


def stated_licenses(card: Card, kind: str) -> list[StatedReading]:
    """The known licenses the body states, one per expression, at its first statement."""
    statements = license_statements(card.body, card.body_line)
    if not statements:
        return []
    sections = [s for s in statements if s.section is not None]
    readings: dict[str, StatedReading] = {}
    for statement in sections or statements:
        for reading in _read(statement, kind):
            readings.setdefault(reading.expression, reading)
    return list(readings.values())


# Sentences and clauses of a statement, for a paragraph one of which names a source's license
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Za-z])|(?<=;)\s+")


def _read(statement: Statement, kind: str) -> list[StatedReading]:
    from mlassets.licenses.guards import copied_contents_license, names_a_sources_license

    if _MIXED.search(statement.text):
        return []
    whole = f"{statement.lead} {statement.text}" if statement.lead else statement.text
    if not (statement.lead and names_a_sources_license(whole)):
        read = _reading(statement.text, statement.text, statement.line)
        # the common case decided by the (cached) reading; the sentences are looked at only
        # where the whole was refused for naming a source's license
        if read or not names_a_sources_license(statement.text):
            return read
    # "Our annotations are released under Apache 2.0. The prompts are taken from No Robots,
    # which is licensed under CC BY-NC 4.0.": the first sentence is the card's word; the second
    # names the license of the prompts the dataset holds (of a model's base: lineage's, not ours)
    found: list[StatedReading] = []
    for sentence in _SENTENCE_END.split(whole):
        copied = copied_contents_license(sentence) if kind == "dataset" else None
        if copied:
            # "Non-commercial use only (CC BY-NC 4.0), as the images are a subset of LAION,
            # which is licensed under CC BY 4.0": the words before the source are the card's
            found += _reading(copied.tail, sentence, statement.line)
            found += _reading(copied.before, sentence, statement.line) if copied.before else []
        elif not names_a_sources_license(sentence):
            found += _reading(sentence, sentence, statement.line)
    return found


def _reading(text: str, quote: str, line: int) -> list[StatedReading]:
    """The known license `text` names, stated at `line` by `quote`."""
    from mlassets.licenses import normalize_license
    from mlassets.licenses.results import PART_UNREAD

    read = normalize_license(text)
    if read.basis == PART_UNREAD:
        # "The weights must comply with the Model License": a part under terms no license
        # mlassets knows names; license-check holds the asset to it as to a license unknown
        return [StatedReading(NOASSERTION, line, quote[:120])]
    if not _known(read.spdx):
        return []
    return [StatedReading(read.spdx, line, quote[:120])]


def _family(expression: str) -> frozenset[str]:
    return frozenset(_VERSION.sub("", i.removesuffix("+")) for i in _ids(expression))


def _terms(expression: str) -> tuple[Any, ...] | None:
    from mlassets.licenses import classify

    c = classify(expression)
    if c.category == "unknown":
        return None
    return (c.category, c.commercial_use, c.share_alike, c.derivatives, c.use_restrictions)


def _differs(stated: str, concluded: str) -> bool:
    stated_terms, concluded_terms = _terms(stated), _terms(concluded)
    if stated_terms is None or concluded_terms is None:
        return False  # a license whose terms nobody knows contradicts nothing
    if stated_terms != concluded_terms:
        return True
    # Families only between SPDX-listed ids: a LicenseRef (public domain, a ported CC licence)
    # has no family to compare, and its terms already matched.
    listed = not any(i.startswith("LicenseRef-") for i in _ids(f"{stated} AND {concluded}"))
    return listed and _family(stated) != _family(concluded)


def metadata_license(card: Card) -> LicenseConclusion:
    """The metadata's conclusion (`license_details` naming `license: other` included)."""
    from mlassets.licenses import conclude_card_license

    return conclude_card_license(card.metadata, card.located, card.body)


def _names_nothing(conclusion: LicenseConclusion) -> bool:
    from mlassets.licenses import normalize_license

    if conclusion.concluded != NOASSERTION:
        return False
    values = [v for v in conclusion.declared if v.strip().lower() != "other"]
    return not any(normalize_license(v).spdx != NOASSERTION for v in values)


def conclude_whole_card(card: Card, kind: str) -> tuple[LicenseConclusion, list[StatedReading]]:
    """The card's license conclusion (from the body when the metadata names none) and what the
    body states."""
    conclusion = metadata_license(card)
    stated = stated_licenses(card, kind)
    named = [s for s in stated if s.expression != NOASSERTION]  # a part's terms unread name none
    if not named or not _names_nothing(conclusion):
        return conclusion, stated
    expression = " AND ".join(
        f"({s.expression})" if " OR " in s.expression else s.expression for s in named
    )
    first = named[0]
    if card.metadata is None:
        why = "the card has no metadata that parses"
    elif not conclusion.declared:
        why = "the metadata declares no license"
    else:
        why = "the metadata's license names no license"
    finding = rules.L114.at(
        f"{why}: concluded {expression} from the card's body, line {first.line}: {first.quote!r}",
        "/license",
        Position(first.line, 1),
    )
    return replace(
        conclusion, concluded=expression, findings=(*conclusion.findings, finding)
    ), stated


def contradiction_findings(card: Card, kind: str) -> list[Finding]:
    """L113 for each body statement whose license differs from the metadata's conclusion."""
    stated = stated_licenses(card, kind)
    if not stated:  # the common case, decided without concluding the metadata's license
        return []
    conclusion = metadata_license(card)
    if conclusion.concluded == NOASSERTION:
        return []
    located = card.located
    key = "license" if "license" in (card.metadata or {}) else "licenses"
    where = located.position((key,), prefer_key=True) if located else None
    at = f" (line {where.line})" if where else ""
    return [
        rules.L113.at(
            f"the body states {s.expression} at line {s.line} ({s.quote!r}), the metadata's "
            f"{key}{at} concludes {conclusion.concluded}: license-check holds the asset to both",
            "/license",
            Position(s.line, 1),
        )
        for s in stated
        if _differs(s.expression, conclusion.concluded)
    ]
