"""Conclude one license expression for an asset from everything its metadata declares.

A card may declare `license` (a Hub id or a list), the legacy `licenses` (a list, or a mapping
per config in old dataset cards), and `license_name` / `license_link` for `license: other`.
Every declared value is kept, as written, beside the conclusion. A list means all licenses apply
(AND). Anything that cannot be concluded makes the whole conclusion NOASSERTION, with a finding.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from mlassets.core import rules
from mlassets.core.findings import Finding, Position
from mlassets.io.yamlpos import Located
from mlassets.licenses.classify import classify
from mlassets.licenses.mentions import idstring
from mlassets.licenses.normalize import normalize_license
from mlassets.licenses.tree import NOASSERTION, all_of, any_of, coerce, render


@dataclass(frozen=True)
class LicenseConclusion:
    declared: tuple[str, ...]
    concluded: str
    findings: tuple[Finding, ...]
    # Every part came from an exact id, name or vocabulary entry (see LicenseResult.certain);
    # kept out of to_json() until the manifest schema (outside licenses/) has room for it.
    certain: bool = False

    def to_json(self) -> dict[str, Any]:
        """The manifest's `license` block; `lineage` stays null until license-check fills it."""
        return {
            "declared": list(self.declared),
            "concluded": self.concluded,
            "findings": [f.to_json() for f in self.findings],
            "classification": classify(self.concluded).to_json(),
            "lineage": None,
        }


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def declared_strings(metadata: dict[str, Any]) -> list[str]:
    """Every license string a card's metadata declares, in `license` and legacy `licenses`."""
    return _strings(metadata.get("license")) + _strings(metadata.get("licenses"))


def _at(finding: Finding, pointer: str, position: Position | None) -> Finding:
    return dataclasses.replace(finding, pointer=pointer, position=position)


def conclude_card_license(
    metadata: dict[str, Any] | None, located: Located | None = None, body: str = ""
) -> LicenseConclusion:
    """The license conclusion for a card's metadata (None: a card without metadata).

    A list of licenses means all apply (AND), unless the card's text says they are alternatives
    ("dual-licensed", "at your option"): then any one applies (OR)."""
    metadata = metadata or {}

    def where(key: str) -> Position | None:
        return located.position((key,)) if located else None

    current = _strings(metadata.get("license"))
    legacy = _strings(metadata.get("licenses"))
    declared = current + legacy
    findings: list[Finding] = []
    if not declared:
        findings.append(rules.L101.at("no license declared"))
        return LicenseConclusion((), NOASSERTION, tuple(findings))
    if current and legacy and {s.lower() for s in current} != {s.lower() for s in legacy}:
        findings.append(
            rules.L106.at(
                f"'license' {current} and legacy 'licenses' {legacy} disagree; using both",
                "/licenses",
                where("licenses"),
            )
        )
    key = "license" if current else "licenses"
    parts, certain = _parts(metadata, declared, key, where, findings, body)
    extra_keys = {k: metadata[k] for k in ("license_name", "license_link") if k in metadata}
    declared += [str(v) for v in extra_keys.values()]
    unique = list(dict.fromkeys(parts))
    if len(unique) > 1 and NOASSERTION not in unique and _ALTERNATIVES.search(body):
        findings.append(
            rules.L112.at(
                "the card says its licenses are alternatives: concluded with OR",
                f"/{key}",
                where(key),
            )
        )
        expression = render(any_of(*(coerce(p) for p in unique)))
        certain = False  # read from the card's prose
    else:
        expression = _all_of(parts)
    return LicenseConclusion(tuple(declared), expression, tuple(findings), certain)


def _parts(
    metadata: dict[str, Any],
    declared: list[str],
    key: str,
    where: Any,
    findings: list[Finding],
    body: str = "",
) -> tuple[list[str], bool]:
    """The expression of each distinct declared value (findings appended), and whether every
    one is certain. A deprecated GPL-family id (`gpl-3.0`) is the `-only` form unless the card
    says "or (at your option) any later version": then it is `-or-later`."""
    parts: list[str] = []
    certain = True
    for raw in dict.fromkeys(declared):
        if raw.strip().lower() == "other":
            expression, extra = _other(metadata, where)
            certain = certain and normalize_license(str(metadata.get("license_name", ""))).certain
        else:
            result = normalize_license(raw)
            expression = result.spdx
            certain = certain and result.certain
            extra = [_at(f, f"/{key}", where(key)) for f in result.findings]
            # the value did not say "only" itself: its -only is the convention's default
            later = _later(body, expression) if expression.endswith("-only") else None
            if later and "only" not in raw.lower():
                expression = expression.removesuffix("-only") + "-or-later"
                certain = False  # read from the card's prose
                message = f"{raw!r} concluded as {expression}: the card says {later[0]!r}"
                extra.append(rules.L105.at(message, f"/{key}", where(key)))
        findings += extra
        parts.append(expression)
    return parts, certain


def _later(body: str, expression: str) -> re.Match[str] | None:
    """Where the card says "version N (of the License), or (at your option) any later version"
    of the license's own version N. Not the words alone: a card that quotes the GFDL's text
    has them ("... of this License "or any later version" applies to it")."""
    version = re.search(r"-(\d+(?:\.\d+)?)-only$", expression)
    if version is None or "later" not in body.lower():  # compiled only for cards saying it
        return None
    major, minor = version[1].partition(".")[::2]
    number = f"{major}(?:\\.0)?" if minor in ("", "0") else f"{major}\\.{minor}"  # "3" is 3.0
    return re.search(
        rf"\b(?:version\s+|v){number}(?:\s+of\s+the\s+licen[cs]e)?,?\s+or\s+"
        r"(?:\(at\s+your\s+option\)\s+)?any\s+later\s+version\b",
        body,
        re.I,
    )


_ALTERNATIVES = re.compile(
    r"\bdual[- ]licen[cs]ed\b|\bat (?:your|the user's) (?:option|choice)\b|"
    r"\beither (?:of )?(?:the )?(?:following )?licen[cs]es?\b",
    re.I,
)


def _other(metadata: dict[str, Any], where: Any) -> tuple[str, list[Finding]]:
    name = str(metadata.get("license_name") or "").strip()
    link = str(metadata.get("license_link") or "").strip()
    # Old dataset cards give `license: other` its license in words under `license_details`:
    # that is its name and its text at once, so it needs no link.
    details = str(metadata.get("license_details") or "").strip()
    if not name and details:
        name, link = details, details
    if not name:
        return NOASSERTION, [
            rules.L104.at(
                "license is 'other' but no license_name says which license",
                "/license",
                where("license"),
            )
        ]
    known = normalize_license(name)
    if known.status != "noassertion" and not any(f.code == "L107" for f in known.findings):
        return known.spdx, []  # a license mlassets knows, by its name
    if family := next((f for f in known.findings if f.code == "L103"), None):
        # "Unicode License", "Llama 3.x Community License": a family named without its member
        # is no license of its own to record, as for `other-<name>` (other_form)
        return NOASSERTION, [rules.L103.at(family.message, "/license_name", where("license_name"))]
    linked = normalize_license(link) if link and link != name else None
    if (
        linked
        and linked.status != "noassertion"
        and not any(f.code == "L107" for f in linked.findings)
    ):
        return linked.spdx, []  # or by its link: `license_link` to Qwen2.5-72B's LICENSE
    findings = []
    if not link:
        findings.append(
            rules.L104.at(
                f"license_name {name!r} has no license_link to its text",
                "/license_name",
                where("license_name"),
            )
        )
    reference = idstring(name)
    spelled = sum(c.isascii() and c.isalnum() for c in name)
    if spelled < len("".join(name.split())) / 2:
        # "知识共享署名-非商业 4.0": an idstring keeps Latin letters and digits only, and
        # "LicenseRef-4.0" would name nothing; the name unread concludes nothing
        message = (
            f"license_name {name!r} names no license mlassets can read or spell as a LicenseRef"
        )
        return NOASSERTION, [rules.L102.at(message, "/license_name", where("license_name"))]
    return "LicenseRef-" + reference, findings


def _all_of(parts: list[str]) -> str:
    unique = list(dict.fromkeys(parts))
    if not unique or NOASSERTION in unique:
        return NOASSERTION
    return render(all_of(*(coerce(p) for p in unique)))


def conclude_text(raw: str | None) -> LicenseConclusion:
    """The conclusion for a single free-text license field, such as OpenML's `licence`."""
    if raw is None or not raw.strip():
        return LicenseConclusion((), NOASSERTION, (rules.L101.at("no license declared"),))
    result = normalize_license(raw)
    pointer_findings = tuple(_at(f, "/licence", None) for f in result.findings)
    return LicenseConclusion((raw,), result.spdx, pointer_findings, result.certain)
