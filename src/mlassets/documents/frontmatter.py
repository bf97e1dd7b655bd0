"""Find a card's metadata block exactly as huggingface_hub finds it, and say why when it does not.

huggingface_hub 2.4 (`repocard.REGEX_YAML_BLOCK`, copied below) reads a card with
`open(newline="", encoding="utf-8-sig")` in `RepoCard.load`: the byte-order mark is dropped and
line endings are kept as written. The block opens at the very start, after optional whitespace,
with `---` directly followed by a line break, and closes at the first later line that is `---`
followed by nothing but spaces or tabs and then LF, CRLF or the end of the file (a lone CR does
not close it). Agreeing with that regex, character for character, is the point of this module:
a card that mlassets reads differently from the Hub's client gets the wrong findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mlassets.core import rules
from mlassets.core.findings import Finding, Position
from mlassets.io.yamlpos import YamlSyntaxError

# huggingface_hub/repocard.py, version 2.4.0, verbatim.
HUB_YAML_BLOCK = re.compile(
    r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as PyYAML counts lines: a CRLF is one break
_OPENING = re.compile(r"^\s*---(?:\r\n|\r|\n)")
_OPENING_WITH_BLANKS = re.compile(r"^\s*---[ \t]+(?:\r\n|\r|\n|$)")
_FENCE = re.compile(r"---[ \t]*(?:\r\n|\n|$)")


@dataclass(frozen=True)
class Block:
    """The metadata block: `yaml` is what the Hub hands to `yaml.safe_load`.

    Lines are 1-based. `yaml_line` is the line the YAML text starts on; `body` is everything after
    the closing fence, as the Hub's `RepoCard.text`, and starts on `body_line`."""

    yaml: str
    open_line: int
    yaml_line: int
    close_line: int
    body: str
    body_line: int


def line_of(text: str, offset: int) -> int:
    """The 1-based line of character `offset`, counting CRLF, CR and LF as one break each."""
    if "\r" not in text:  # the common case, counted in C
        return text.count("\n", 0, offset) + 1
    return len(_LINE_BREAK.findall(text, 0, offset)) + 1


def find_block(text: str) -> Block | None:
    """The metadata block of `text` (a decoded card without its BOM), or None as for the Hub."""
    match = HUB_YAML_BLOCK.search(text)
    if match is None:
        return None
    return Block(
        yaml=match.group(2),
        open_line=line_of(text, text.index("---")),
        yaml_line=line_of(text, match.start(2)),
        close_line=line_of(text, match.start(3)) + 1,  # group 3 starts with the line break
        body=text[match.end() :],
        body_line=line_of(text, match.end()),
    )


def block_findings(text: str, block: Block | None) -> list[Finding]:
    """Why the Hub reads no metadata (or reads it from an odd place), as findings."""
    if block is None:
        return _missing(text)
    findings: list[Finding] = []
    opening = text[: text.index("---")]
    if opening:  # whitespace or blank lines before the opening fence: the regex's `\s*`
        findings.append(
            rules.C111.at(
                f"metadata block starts at line {block.open_line}, not at the very start of the "
                "file; the Hub finds it, most other front-matter tools do not",
                position=Position(block.open_line, 1),
            )
        )
    if _FENCE.match(block.yaml):  # `---` twice: the Hub reads up to the *next* fence
        findings.append(
            rules.C103.at(
                f"empty metadata block at lines {block.open_line}-{block.open_line + 1}; the Hub "
                f"reads lines {block.open_line + 1}-{block.close_line} as the metadata instead",
                position=Position(block.open_line, 1),
            )
        )
    return findings


def _missing(text: str) -> list[Finding]:
    blanks = _OPENING_WITH_BLANKS.match(text)
    if blanks:
        line = line_of(text, text.index("---"))
        return [
            rules.C112.at(
                f"the opening '---' at line {line} has spaces or a tab after it; the Hub then "
                "reads no metadata at all (it needs '---' directly followed by the line break)",
                position=Position(line, 1),
            )
        ]
    if not _OPENING.match(text):
        return [rules.C101.at("no YAML metadata block (front matter)")]
    line = line_of(text, text.index("---"))
    if "\n" not in text and HUB_YAML_BLOCK.search(text.replace("\r", "\n")):
        return [
            rules.C113.at(
                "CR-only line endings: huggingface_hub's RepoCard.load keeps them and finds no "
                "closing '---' (it needs LF, CRLF or the end of the file after it), so it reads "
                "no metadata; metadata_load, which translates line endings, reads it",
                position=Position(line, 1),
            )
        ]
    if _FENCE.match(text, _OPENING.match(text).end()):  # type: ignore[union-attr]
        return [rules.C103.at("empty metadata block", position=Position(line, 1))]
    return [
        rules.C102.at(
            f"metadata block opened at line {line} is never closed with '---'; "
            "the Hub ignores all of it",
            position=Position(line, 1),
        )
    ]


# PyYAML errors inside a construct that runs to the end of the block: the opening is the line
# to fix, and where the parser finally gave up (often the last line) goes into the message.
_UNCLOSED = ("quoted scalar", "flow sequence", "flow mapping", "flow collection")


def yaml_error(exc: YamlSyntaxError) -> Finding:
    """C104 for a YAML error; an unclosed `[`, `{` or quote points at the line that opens it."""
    context = getattr(exc.__cause__, "context", None) or ""
    kind = next((k for k in _UNCLOSED if k in context), None)
    start = exc.opened  # in the card's own lines, as every position is
    if start is not None and kind is not None and start.line < exc.position.line:
        problem = exc.message.removeprefix(context).strip()
        return rules.C104.at(
            f"YAML does not parse: the {kind} that opens here is never closed ({problem}, "
            f"at line {exc.position.line}, column {exc.position.column})",
            position=start,
        )
    return rules.C104.at(f"YAML does not parse: {exc.message}", position=exc.position)
