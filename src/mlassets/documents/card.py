"""Split a card (Markdown with YAML front matter) into metadata and body, keeping positions.

The block is found the way the Hub finds it, so that we agree with it on which lines are metadata:
the card opens with `---` (after optional whitespace), and the block ends at the next `---` line
(see `documents.frontmatter`, which uses huggingface_hub's own regex). When that next line comes
straight away (an empty block), the Hub keeps looking for a later `---` and reads what lies
between as the metadata; we do the same and say so in a finding.

Every problem becomes a `Finding` with a line and column; nothing here raises on bad content.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from mlassets.core import rules
from mlassets.core.findings import Finding, Position
from mlassets.documents.frontmatter import block_findings, find_block, yaml_error
from mlassets.io.files import read_bytes
from mlassets.io.yamlpos import Located, YamlSyntaxError, load_located

_BOM = "\ufeff"


@dataclass(frozen=True)
class Card:
    """A parsed card. `metadata` is None when the card has no usable front matter."""

    path: str
    metadata: dict[str, Any] | None
    body: str
    raw: bytes = field(repr=False)
    findings: tuple[Finding, ...] = ()
    located: Located | None = field(default=None, repr=False, compare=False)
    body_line: int = 1  # the card line `body` starts on (cards-12: body license statements)

    @functools.cached_property
    def sha256(self) -> str:
        """sha256 of the card's bytes, computed when asked: validating never needs it."""
        import hashlib  # with OpenSSL, 3 ms of the hook's cold start

        return hashlib.sha256(self.raw).hexdigest()

    def position(self, path: tuple[str | int, ...], *, prefer_key: bool = False) -> Position | None:
        return self.located.position(path, prefer_key=prefer_key) if self.located else None


def read_card(path: FsPath, display: str | None = None) -> Card:
    """Read and parse a card file. Raises `UnreadableFileError` only when the file can't be read."""
    return parse_card(read_bytes(path, display), display or str(path))


def parse_card(raw: bytes, path: str = "<card>") -> Card:
    """Parse card bytes. Never raises on bad content: problems come back as findings."""
    findings: list[Finding] = []
    text = _decode(raw, findings)
    if text.startswith(_BOM):
        text = text[1:]
        findings.append(
            rules.C106.at(
                "file starts with a UTF-8 byte-order mark: huggingface_hub's RepoCard.load and "
                "metadata_load read cards as utf-8-sig, which drops it, and find the metadata; "
                "RepoCard(text) given the text with the mark, and most front-matter tools, do not",
                position=Position(1, 1),
            )
        )
    _check_line_endings(text, findings)

    # Hook (cards-12): the block is found by documents.frontmatter, with the Hub's own regex.
    block = find_block(text)
    findings += block_findings(text, block)
    metadata: dict[str, Any] | None = None
    located: Located | None = None
    body = text
    body_line = 1
    if block is not None:
        body, body_line = block.body, block.body_line
        located = _parse_yaml(block.yaml, block.yaml_line - 1, findings)
        if located is not None:
            metadata = located.data
    return Card(path, metadata, body, raw, tuple(findings), located, body_line)


def _decode(raw: bytes, findings: list[Finding]) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        findings.append(
            rules.C109.at(
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); cards must be UTF-8",
                position=Position(line, column),
            )
        )
        return raw.decode("utf-8", "replace")


def _check_line_endings(text: str, findings: list[Finding]) -> None:
    crlf = text.count("\r\n")
    if not crlf:
        return
    lf_only = text.count("\n") - crlf
    if lf_only:
        first_lf = next(i for i, line in enumerate(text.split("\n")) if not line.endswith("\r"))
        findings.append(
            rules.C108.at(
                f"mixed line endings: {crlf} CRLF and {lf_only} LF",
                position=Position(first_lf + 1, 1),
            )
        )
    else:
        findings.append(rules.C107.at("CRLF line endings", position=Position(1, 1)))


def metadata_lines(lines: list[str]) -> tuple[int, int] | None:
    """The metadata block as the Hub finds it: lines[start:end], or None."""
    block = find_block("\n".join(lines))
    return None if block is None else (block.yaml_line - 1, block.close_line - 1)


def _parse_yaml(text: str, offset: int, findings: list[Finding]) -> Located | None:
    try:
        located = load_located(text, line_offset=offset)
    except YamlSyntaxError as exc:
        findings.append(yaml_error(exc))  # hook (cards-12): unclosed constructs, see frontmatter
        return None
    for path, position in located.duplicate_keys:
        findings.append(
            rules.C110.at(
                f"duplicate key {path[-1]!r}: the last one wins here, the Hub rejects the card",
                pointer="/" + "/".join(str(p) for p in path),
                position=position,
            )
        )
    data = located.data
    if data is None or data == {}:
        findings.append(rules.C103.at("empty metadata block", position=Position(offset, 1)))
        return None
    if not isinstance(data, dict):
        findings.append(
            rules.C105.at(
                f"metadata must be a mapping of keys to values, not a {_kind(data)}",
                position=located.values.get((), Position(offset + 1, 1)),
            )
        )
        return None
    return located


def _kind(value: object) -> str:
    names: dict[type, str] = {list: "list", str: "string"}
    return names.get(type(value), type(value).__name__)
