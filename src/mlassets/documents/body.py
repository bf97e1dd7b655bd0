"""License statements in a card's Markdown body, with the card line each one starts on.

Three forms count, because they are how card authors actually state a license in prose:

- a section whose heading names the license ("License", "Licence", "Licensing Information",
  "License and copyright", "Terms of use"): its first paragraphs, up to the next heading;
- a sentence anywhere else that says the asset is "licensed under ...", "released under the ...
  license", "distributed / made available / published under ...";
- a line that gives the license as a field: "License: MIT", "**License:** CC BY 4.0".

This module only finds the text; what license it names is `licenses`' business (the two layers do
not import each other). Code blocks are skipped: a BibTeX entry or a code sample states nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the same line count as documents.frontmatter
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LICENSE_HEADING = re.compile(
    r"^\W*(?:licen[cs](?:e|es|ing)(?:\s+(?:information|info|details|terms))?"
    r"|(?:copyright|terms)\s+(?:and|&)\s+licen[cs](?:e|ing)"
    r"|licen[cs]e\s+(?:and|&)\s+(?:copyright|terms(?:\s+of\s+use)?)|terms\s+of\s+use)\W*$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(
    r"\b(?:licen[cs]ed|released|distributed|made\s+available|available|published|shared)"
    r"\s+under\s+(?P<rest>.{3,200})",
    re.IGNORECASE,
)
# A sentence whose subject is something else states that thing's license, not the card's:
# "Outputs you generate must be distributed under CC0", "the base model is licensed under ...".
_OTHER_SUBJECT = re.compile(
    # "Derivatives must be distributed under ...", not "This model is a derivative of Gemma and
    # is distributed under ...": there the model is the subject
    r"\b(?:outputs?|generat\w*|(?<!\ba )derivatives?|base model|original|pre-?trained|upstream|"
    r"third[- ]party|sources?|code)\b",
    re.IGNORECASE,
)
# A line that gives the license as a field: "License: MIT", "**License:** CC BY 4.0"
# "License", not "license": a lowercase `license: mit` is a YAML key, as in a metadata block
# the Hub does not find (the whole text is then the body), and states nothing the Hub reads.
_LICENSE_FIELD = re.compile(
    r"^\W{0,4}(?:Licen[cs]e|LICEN[CS]E)[*_`]{0,3}\s*:[*_`\s]*(?P<rest>\S.{1,200})"
)
_FIELD_MARK = re.compile(r"(?:Licen[cs]e|LICEN[CS]E)[*_`]{0,3}\s*:")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_FENCE_STARTS = frozenset("`~")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_EMPHASIS = re.compile(r"[*_`]{1,3}")
_SECTION_PARAGRAPHS = 2  # the statement is near the heading; later text is usually about citing
_MAX_CHARS = 600


@dataclass(frozen=True)
class Statement:
    """Text that may state the card's license. `section` is the heading's text, for sections;
    `lead`, for a sentence, the words before "licensed under ..." on its line, which say whose
    license it is ("a fine-tuned version of X, which is licensed under ...": X's)."""

    text: str
    line: int
    section: str | None = None
    lead: str = field(default="", compare=False)


def plain(markdown: str) -> str:
    """Markdown emphasis and links flattened (a link keeps its URL, which often names the
    license best: creativecommons.org/licenses/by-nc/4.0)."""
    text = _LINK.sub(
        lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(2) else m.group(1), markdown
    )
    return " ".join(_EMPHASIS.sub("", text).split())


def license_statements(body: str, first_line: int = 1) -> list[Statement]:
    """Every license section and license sentence of `body`, which starts on card line
    `first_line`, in the order they appear."""
    text = body if "\r" not in body else _LINE_BREAK.sub("\n", body)  # the same lines
    lines = text.split("\n")
    statements: list[Statement] = []
    heading: str | None = None  # the license heading we are under, if any
    section: list[tuple[int, str]] = []
    in_code = False
    last = -1  # the last line looked at
    # The hook reads every card's body, and most lines are prose that can state nothing: only
    # fences, headings and lines saying "under" are looked at one by one (found by scans in C
    # over the whole text); the lines between them matter only inside a license section.
    for index in _lines_to_read(text):
        if heading is not None and not in_code:
            section += [(first_line + n, lines[n]) for n in range(last + 1, index)]
        last = index
        line = lines[index]
        first = line.lstrip()[:1]
        if first in _FENCE_STARTS and _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        lowered = line.lower()
        licen = first == "#" and ("licen" in (bare := _bare(lowered)) or "terms of use" in bare)
        if first == "#" and heading is None and not licen and "under" not in lowered:
            continue  # heading or not, it opens no license section and states nothing
        match = _HEADING.match(line) if first == "#" else None
        if match:
            statements += _section(heading, section)
            title = plain(match.group(2)) if licen else ""
            heading = title if _LICENSE_HEADING.match(title) else None
            section = []
            continue
        if heading is not None:
            section.append((first_line + index, line))
        elif given := _LICENSE_FIELD.match(line):
            statements.append(Statement(plain(given["rest"])[:_MAX_CHARS], first_line + index))
        elif (
            "under" in lowered
            and (sentence := _SENTENCE.search(line))
            and not _OTHER_SUBJECT.search(line[: sentence.start()])
        ):
            text = plain(sentence.group(0))[:_MAX_CHARS]
            lead = plain(line[: sentence.start()])[-_MAX_CHARS:]
            statements.append(Statement(text, first_line + index, lead=lead))
    if heading is not None and not in_code:
        section += [(first_line + n, lines[n]) for n in range(last + 1, len(lines))]
    statements += _section(heading, section)
    return sorted(statements, key=lambda s: s.line)


_STRUCTURE = re.compile(r"\n[^\S\n]*[#`~]")  # a line that may be a fence or a heading


def _lines_to_read(text: str) -> list[int]:
    """The indexes of the lines that may open or close a fence, be a heading, say "under" or
    give "License:", in order, each once. (Scans in C, one a form: one alternation would try
    every form at every character.)"""
    offsets = [m.start() for m in _STRUCTURE.finditer("\n" + text)]  # "\n": the first line too
    lowered = text.lower()
    if len(lowered) != len(text):  # lowering moved an offset (it nearly never does)
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    at = lowered.find("under")
    while at >= 0:
        offsets.append(at)
        at = lowered.find("under", at + 5)
    offsets += _field_offsets(text)
    found: list[int] = []
    line, previous = 0, 0
    for offset in sorted(offsets):
        line += text.count("\n", previous, offset)
        previous = offset
        if not found or found[-1] != line:
            found.append(line)
    return found


def _field_offsets(text: str) -> list[int]:
    """Where a line opens with "License:" (a case-sensitive search in C, then each hit's line
    start looked at: a case-blind or line-anchored regex cost more than the rest of the scan)."""
    found = []
    for mark in _FIELD_MARK.finditer(text):
        at = mark.start()
        opening = text[text.rfind("\n", 0, at) + 1 : at]
        if len(opening) <= 4 and not any(c.isalnum() for c in opening):
            found.append(at)
    return found


def _bare(lowered: str) -> str:
    """A lowered line without emphasis marks: every license heading says "licen" then."""
    return lowered.replace("*", "").replace("_", "").replace("`", "")


def _section(heading: str | None, lines: list[tuple[int, str]]) -> list[Statement]:
    """The first paragraphs under a license heading, each with the line it starts on."""
    if heading is None:
        return []
    paragraphs: list[tuple[int, list[str]]] = []
    for number, line in lines:
        if not line.strip():
            paragraphs.append((number + 1, []))  # a blank line ends a paragraph
        elif paragraphs and paragraphs[-1][1]:
            paragraphs[-1][1].append(line)
        else:
            paragraphs.append((number, [line]))
    texts = [(start, plain(" ".join(text))) for start, text in paragraphs if text]
    return [
        Statement(text[:_MAX_CHARS], start, heading)
        for start, text in texts[:_SECTION_PARAGRAPHS]
        if text
    ]
