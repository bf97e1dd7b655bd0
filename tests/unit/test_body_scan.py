"""The body scan looks only at the lines that can matter (fences, headings, lines saying
"under" or giving "License:"); this checks it against the plain definition, every line read in turn, on real bodies
with license headings, fences, sentences and line endings inserted at random."""

from __future__ import annotations

import random
import re

import pytest

from mlassets.documents import body
from mlassets.documents.body import Statement, license_statements
from mlassets.documents.card import parse_card
from tests.conftest import CORPUS


def every_line(text: str, first_line: int = 1) -> list[tuple[str, int, str | None]]:
    """The definition: each line in turn, fences toggle code, a license heading opens a
    section up to the next heading, elsewhere a line may hold a license sentence."""
    statements: list[Statement] = []
    heading: str | None = None
    section: list[tuple[int, str]] = []
    in_code = False
    for index, line in enumerate(re.split(r"\r\n|\r|\n", text)):
        if body._FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        match = body._HEADING.match(line)
        if match:
            statements += body._section(heading, section)
            title = body.plain(match.group(2))
            heading = title if body._LICENSE_HEADING.match(title) else None
            section = []
        elif heading is not None:
            section.append((first_line + index, line))
        elif given := body._LICENSE_FIELD.match(line):
            text_ = body.plain(given["rest"])[: body._MAX_CHARS]
            statements.append(Statement(text_, first_line + index))
        elif (sentence := body._SENTENCE.search(line)) and not body._OTHER_SUBJECT.search(
            line[: sentence.start()]
        ):
            text_ = body.plain(sentence.group(0))[: body._MAX_CHARS]
            statements.append(Statement(text_, first_line + index))
    statements += body._section(heading, section)
    return [(s.text, s.line, s.section) for s in sorted(statements, key=lambda s: s.line)]


INSERTS = [
    "## License",
    "# Licensing Information",
    "## Li*cen*se",
    "   # License",
    "    # License",
    "```",
    "~~~",
    " ```python",
    "Licensed under the MIT license.",
    "released UnDeR CC-BY-4.0",
    "The base model is licensed under Llama 2.",
    "## Other",
    "#hashtag under apache-2.0",
    "**License**",
    "# **Licence and copyright**",
    "",
    "İstanbul dataset, shared under CC0",
    "License: MIT",
    "license: mit",
    "**LICENSE:** CC BY-NC 4.0",
    "## Terms of Use",
]


def shuffled_bodies(bodies: list[str], rounds: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for text in bodies:
        lines = text.split("\n")
        for _ in range(rounds):
            copy = list(lines)
            for _ in range(rng.randint(1, 8)):
                copy.insert(rng.randint(0, len(copy)), rng.choice(INSERTS))
            out.append(rng.choice(["\n", "\n", "\r\n", "\r"]).join(copy))
    return out


def statements(text: str, first_line: int = 1) -> list[tuple[str, int, str | None]]:
    return [(s.text, s.line, s.section) for s in license_statements(text, first_line)]


def test_the_scan_agrees_with_reading_every_line_on_synthetic_bodies() -> None:
    seeds = ["# Model\n\nText.\n", "```\n## License\nMIT\n```\nReleased under Apache-2.0.\n"]
    for text in shuffled_bodies(seeds, 400, 1):
        assert statements(text, 7) == every_line(text, 7), text


def test_the_scan_agrees_with_reading_every_line_on_the_corpus() -> None:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not present (a fresh clone)")
    cards = sorted(CORPUS.rglob("*.md"))[::3]
    bodies = [parse_card(p.read_bytes(), str(p)).body for p in cards]
    found = 0
    for text in bodies + shuffled_bodies(bodies, 5, 2):
        expected = every_line(text, 3)
        assert statements(text, 3) == expected
        found += bool(expected)
    assert found > 100  # the comparison saw many bodies that do state a license
