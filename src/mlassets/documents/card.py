"""Split a card (Markdown with YAML front matter) into metadata and body, keeping positions.

The block is found the way the Hub finds it, so that we agree with it on which lines are metadata:
the first non-blank line is `---`, and the block ends at the next line that is exactly `---`. When
that next line comes straight away (an empty block), the Hub keeps looking for a later `---` and
reads what lies between as the metadata; we do the same and say so in a finding.

Every problem becomes a `Finding` with a line and column; nothing here raises on bad content.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from mlassets.core.findings import Finding, Position, Severity
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
            Finding(
                "C106",
                Severity.WARNING,
                "file starts with a UTF-8 byte-order mark; huggingface_hub's card parser "
                "will not see the metadata",
                position=Position(1, 1),
            )
        )
    _check_line_endings(text, findings)

    lines = text.split("\n")
    block = _find_block(lines, findings)
    metadata: dict[str, Any] | None = None
    located: Located | None = None
    body = text
    if block is not None:
        start, end = block  # metadata is lines[start:end]; lines[end] is the closing `---`
        body = "\n".join(lines[end + 1 :])
        located = _parse_yaml(lines, start, end, findings)
        if located is not None:
            metadata = located.data
    return Card(path, metadata, body, raw, tuple(findings), located)


def _decode(raw: bytes, findings: list[Finding]) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        findings.append(
            Finding(
                "C109",
                Severity.ERROR,
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
            Finding(
                "C108",
                Severity.WARNING,
                f"mixed line endings: {crlf} CRLF and {lf_only} LF",
                position=Position(first_lf + 1, 1),
            )
        )
    else:
        findings.append(
            Finding("C107", Severity.NOTICE, "CRLF line endings", position=Position(1, 1))
        )


def metadata_lines(lines: list[str]) -> tuple[int, int] | None:
    """The metadata block as the Hub finds it: lines[start:end], or None."""
    return _find_block(lines, [])


def _is_fence(line: str) -> bool:
    return line.rstrip("\r") == "---"


def _find_block(lines: list[str], findings: list[Finding]) -> tuple[int, int] | None:
    opening = next((i for i, line in enumerate(lines) if line.strip()), None)
    if opening is None or lines[opening].strip() != "---":
        findings.append(Finding("C101", Severity.WARNING, "no YAML metadata block (front matter)"))
        return None
    if opening > 0 or lines[0] != lines[0].lstrip():
        findings.append(
            Finding(
                "C111",
                Severity.WARNING,
                f"metadata block starts at line {opening + 1}, not at the very start of the file; "
                "the Hub finds it, most other front-matter tools do not",
                position=Position(opening + 1, 1),
            )
        )
    closing = next((i for i in range(opening + 1, len(lines)) if _is_fence(lines[i])), None)
    if closing is None:
        findings.append(
            Finding(
                "C102",
                Severity.ERROR,
                f"metadata block opened at line {opening + 1} is never closed with '---'; "
                "the Hub ignores all of it",
                position=Position(opening + 1, 1),
            )
        )
        return None
    if closing == opening + 1:
        later = next((i for i in range(closing + 1, len(lines)) if _is_fence(lines[i])), None)
        where = Position(opening + 1, 1)
        if later is None:
            findings.append(
                Finding("C103", Severity.WARNING, "empty metadata block", position=where)
            )
            return None
        findings.append(
            Finding(
                "C103",
                Severity.WARNING,
                f"empty metadata block at lines {opening + 1}-{closing + 1}; the Hub reads "
                f"lines {closing + 1}-{later + 1} as the metadata instead",
                position=where,
            )
        )
        return closing, later
    return opening + 1, closing


def _parse_yaml(lines: list[str], start: int, end: int, findings: list[Finding]) -> Located | None:
    try:
        located = load_located("\n".join(lines[start:end]), line_offset=start)
    except YamlSyntaxError as exc:
        findings.append(
            Finding(
                "C104", Severity.ERROR, f"YAML does not parse: {exc.message}", position=exc.position
            )
        )
        return None
    for path, position in located.duplicate_keys:
        findings.append(
            Finding(
                "C110",
                Severity.WARNING,
                f"duplicate key {path[-1]!r}: the last one wins here, the Hub rejects the card",
                pointer="/" + "/".join(str(p) for p in path),
                position=position,
            )
        )
    data = located.data
    if data is None or data == {}:
        findings.append(
            Finding("C103", Severity.WARNING, "empty metadata block", position=Position(start, 1))
        )
        return None
    if not isinstance(data, dict):
        findings.append(
            Finding(
                "C105",
                Severity.ERROR,
                f"metadata must be a mapping of keys to values, not a {_kind(data)}",
                position=located.values.get((), Position(start + 1, 1)),
            )
        )
        return None
    return located


def _kind(value: object) -> str:
    names: dict[type, str] = {list: "list", str: "string"}
    return names.get(type(value), type(value).__name__)
