"""`--fix`: mend what can be mended safely in a card's front matter, and nothing else.

The repairs:
- `licence:` becomes `license:` (when there is no `license:` already);
- a license written in a form the Hub does not accept becomes the Hub id (`Apache 2.0` →
  `apache-2.0`, the deprecated `GPL-3.0` → `gpl-3.0`); one that is on the SPDX list but has no
  Hub id becomes `other` with `license_name` and `license_link`;
- `license: other` with a known `license_name` and no `license_link` gets the link.

Edits are splices into the original text at the positions the YAML parser reports, so comments,
quoting, key order, indentation, line endings and the body stay byte for byte as they were. A
value that mlassets cannot conclude is left alone. If the mended text would not parse to the same
keys, nothing is changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from mlassets.documents.card import metadata_lines, parse_card
from mlassets.io.atomic import write_bytes_atomic
from mlassets.io.files import read_bytes
from mlassets.licenses.hub_ids import HUB_FAMILIES, HUB_TO_SPDX
from mlassets.licenses.normalize import normalize_license

_SPDX_TO_HUB = {spdx: hub for hub, spdx in HUB_TO_SPDX.items()}
_HUB_VALUES = frozenset(HUB_TO_SPDX) | frozenset(HUB_FAMILIES) | {"unknown", "other"}


@dataclass(frozen=True)
class Repair:
    line: int  # 1-based, in the file
    code: str  # the finding the repair answers
    message: str


@dataclass(frozen=True)
class FixResult:
    path: str
    repairs: tuple[Repair, ...]
    fixed: bytes | None  # None: nothing to change

    @property
    def changed(self) -> bool:
        return self.fixed is not None


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def fix_card_bytes(raw: bytes, path: str = "<card>") -> FixResult:
    """The mended bytes of one card (or None), with what was mended."""
    unchanged = FixResult(path, (), None)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return unchanged
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom) :].split("\n")
    block = metadata_lines(lines)
    if block is None:
        return unchanged
    start, end = block
    source = "\n".join(lines[start:end])
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return unchanged
    if not isinstance(root, yaml.MappingNode):
        return unchanged
    planner = _Planner(source, root, first_line=start + 1)
    planner.plan()
    if not planner.edits:
        return unchanged
    mended = source
    for edit in sorted(planner.edits, key=lambda e: (e.start, e.end), reverse=True):
        mended = mended[: edit.start] + edit.text + mended[edit.end :]
    new_text = bom + "\n".join([*lines[:start], *mended.split("\n"), *lines[end:]])
    fixed = new_text.encode("utf-8")
    if not _same_shape(raw, fixed, planner):
        return unchanged
    return FixResult(path, tuple(planner.repairs), fixed)


def _same_shape(before: bytes, after: bytes, planner: _Planner) -> bool:
    """The mended card parses, with the same keys but for the ones the repairs renamed or added."""
    old, new = parse_card(before).metadata, parse_card(after).metadata
    if old is None or new is None:
        return False
    expected = (set(old) - planner.removed_keys) | planner.added_keys
    return set(new) == expected


class _Planner:
    def __init__(self, source: str, root: yaml.MappingNode, first_line: int) -> None:
        self.source = source
        self.first_line = first_line
        self.nodes = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
        self.edits: list[_Edit] = []
        self.repairs: list[Repair] = []
        self.removed_keys: set[str] = set()
        self.added_keys: set[str] = set()

    def _line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def plan(self) -> None:
        key = "license"
        if "licence" in self.nodes and "license" not in self.nodes:
            key_node, _ = self.nodes["licence"]
            self._replace(key_node, "license")
            self.repairs.append(
                Repair(self._line(key_node), "S210", "renamed the key 'licence' to 'license'")
            )
            self.removed_keys.add("licence")
            self.added_keys.add("license")
            key = "licence"
        if key not in self.nodes:
            return
        key_node, value = self.nodes[key]
        if isinstance(value, yaml.ScalarNode):
            self._license_value(key_node, value, alone=True)
        elif isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.ScalarNode):
                    self._license_value(key_node, item, alone=False)
        self._missing_link()

    def _license_value(self, key_node: yaml.Node, node: yaml.ScalarNode, *, alone: bool) -> None:
        written = node.value.strip()
        if not written or written in _HUB_VALUES:
            return
        result = normalize_license(written)
        hub = _SPDX_TO_HUB.get(result.spdx)
        if hub:
            self._replace(node, hub)
            why = "a deprecated id" if any(f.code == "L105" for f in result.findings) else ""
            self.repairs.append(
                Repair(
                    self._line(node),
                    "L105" if why else "S202",
                    f"license {written!r} is {why or 'not a Hub id'}: wrote the Hub id {hub!r}",
                )
            )
            return
        link = _link_for(result.spdx)
        if alone and link and "license_name" not in self.nodes and "license_link" not in self.nodes:
            name = _name_for(result.spdx)
            self._replace(node, "other")
            self._insert_after(key_node, node, [f"license_name: {name}", f"license_link: {link}"])
            self.added_keys |= {"license_name", "license_link"}
            self.repairs.append(
                Repair(
                    self._line(node),
                    "S202",
                    f"license {written!r} ({result.spdx}) has no Hub id: wrote 'other' with "
                    "license_name and license_link",
                )
            )

    def _missing_link(self) -> None:
        license_node = self.nodes.get("license", self.nodes.get("licence", (None, None)))[1]
        if not isinstance(license_node, yaml.ScalarNode) or license_node.value != "other":
            return
        if "license_name" not in self.nodes or "license_link" in self.nodes:
            return
        key_node, name_node = self.nodes["license_name"]
        if not isinstance(name_node, yaml.ScalarNode):
            return
        link = _link_for(normalize_license(name_node.value).spdx)
        if link:
            self._insert_after(key_node, name_node, [f"license_link: {link}"])
            self.added_keys.add("license_link")
            self.repairs.append(Repair(self._line(key_node), "S203", f"added license_link: {link}"))

    def _replace(self, node: yaml.Node, value: str) -> None:
        start, end = node.start_mark.index, node.end_mark.index
        quote = self.source[start] if self.source[start : start + 1] in {'"', "'"} else ""
        self.edits.append(_Edit(start, end, f"{quote}{value}{quote}"))

    def _insert_after(self, key_node: yaml.Node, value: yaml.Node, new_lines: list[str]) -> None:
        """New top-level entries on the lines after `value`, indented like `key_node`."""
        indent = " " * key_node.start_mark.column
        # A block value's end mark sits at the start of the next line: step back onto its own.
        last = value.end_mark.index - (1 if value.end_mark.column == 0 else 0)
        newline = self.source.find("\n", max(last, 0))
        line_end = newline if newline >= 0 else len(self.source)
        eol = "\r" if self.source[:line_end].endswith("\r") else ""  # keep CRLF files CRLF
        body = "".join(f"{indent}{line}{eol}\n" for line in new_lines)
        if newline < 0:  # the value ends on the block's last line
            self.edits.append(_Edit(line_end, line_end, "\n" + body[:-1]))
        else:
            self.edits.append(_Edit(newline + 1, newline + 1, body))


def _link_for(expression: str) -> str | None:
    """The canonical page of one license: spdx.org, or the ScanCode LicenseDB."""
    if " " in expression or expression == "NOASSERTION":
        return None
    if expression.startswith("LicenseRef-scancode-"):
        key = expression.removeprefix("LicenseRef-scancode-")
        return f"https://scancode-licensedb.aboutcode.org/{key}.html"
    if expression.startswith("LicenseRef-"):
        return None
    return f"https://spdx.org/licenses/{expression}.html"


def _name_for(expression: str) -> str:
    return expression.removeprefix("LicenseRef-scancode-").lower()


def fix_cards(paths: Sequence[Path]) -> list[FixResult]:
    """Mend every card file under `paths` in place (atomically); the results say what changed."""
    from mlassets.io.discovery import collect, is_card_file

    results = []
    for path, display in collect(paths, is_card_file):
        if not is_card_file(path):
            continue
        result = fix_card_bytes(read_bytes(path, display), display)
        if result.fixed is not None:
            write_bytes_atomic(path, result.fixed)
        results.append(result)
    return results
