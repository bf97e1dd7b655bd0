"""Normalise one raw license string to a concluded SPDX expression, without guessing.

Order of attempts: placeholders, Hub ids (by the project convention), Hub family ids (refused:
they name no version), the Hub's old `other-<name>` form, then SPDX ids and expressions in any
case through `license-expression` (which also knows the ScanCode LicenseDB keys).
Results are cached per distinct string.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mlassets.licenses.hub_ids import HUB_FAMILIES, HUB_TO_SPDX
from mlassets.models import Finding, Severity

NOASSERTION = "NOASSERTION"

_PLACEHOLDERS = frozenset(
    {
        "",
        "unknown",
        "unkown",
        "unknwon",
        "unknown-",
        "unk",
        "none",
        "n/a",
        "na",
        "[n/a]",
        "[]",
        "[more information needed]",
        "more information needed",
        "tbd",
        "todo",
        "custom",
        "other",
    }
)
# Old `other-<x>` values that describe terms rather than name a license.
_TERMS_NOT_LICENSES = re.compile(
    r"^(?:my-license|research-only|non-commercial.*|several-licenses|"
    r"unk|unknown|hybrid-oa|bronze-oa)$"
)
_DEPRECATED_IDS = frozenset(
    {
        "gpl-1.0",
        "gpl-2.0",
        "gpl-3.0",
        "lgpl-2.0",
        "lgpl-2.1",
        "lgpl-3.0",
        "agpl-1.0",
        "agpl-3.0",
        "gfdl-1.1",
        "gfdl-1.2",
        "gfdl-1.3",
    }
)
_LICENSEREF = "LicenseRef-"
# Short names in wide use that neither the Hub list nor license-expression knows. Issue-level
# normalisation of full names, URLs and prose builds on this table.
_SHORT_NAMES = {"cc0": "CC0-1.0", "cc-0": "CC0-1.0"}


@dataclass(frozen=True)
class LicenseResult:
    """`spdx` is the concluded expression or NOASSERTION; `status` is spdx, licenseref or
    noassertion; `findings` say why a value was refused or rewritten."""

    raw: str
    spdx: str
    status: str
    findings: tuple[Finding, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "raw": self.raw,
            "spdx": self.spdx,
            "status": self.status,
            "findings": [f.to_json() for f in self.findings],
        }


def status_of(expression: str) -> str:
    if expression == NOASSERTION:
        return "noassertion"
    return "licenseref" if _LICENSEREF in expression else "spdx"


def _result(raw: str, spdx: str, *findings: Finding) -> LicenseResult:
    return LicenseResult(raw, spdx, status_of(spdx), findings)


def _refuse(
    raw: str, code: str, message: str, severity: Severity = Severity.WARNING
) -> LicenseResult:
    return _result(raw, NOASSERTION, Finding(code, severity, message))


@functools.lru_cache(maxsize=65536)
def normalize_license(raw: str) -> LicenseResult:
    """Conclude an SPDX expression for one raw license string (NOASSERTION, with a finding,
    when it does not identify a license)."""
    text = raw.strip().strip("`\"'").strip()
    key = text.lower()
    if key in _PLACEHOLDERS:
        return _refuse(raw, "L101", f"{raw!r} is a placeholder, not a license")
    if key in HUB_TO_SPDX:
        if (
            key in _DEPRECATED_IDS and text != key
        ):  # written as the deprecated SPDX id, not the Hub id
            return _result(raw, HUB_TO_SPDX[key], _deprecated(text, HUB_TO_SPDX[key]))
        return _result(raw, HUB_TO_SPDX[key])
    if key in _SHORT_NAMES:
        return _result(raw, _SHORT_NAMES[key])
    if key in HUB_FAMILIES:
        return _refuse(raw, "L103", f"{raw!r} names {HUB_FAMILIES[key]}; no version is concluded")
    if key == "public":
        return _refuse(raw, "L102", "OpenML 'Public' says the dataset is public, not its license")
    if key.startswith("other-"):
        return _other_form(raw, text[len("other-") :])
    return _spdx_expression(raw, text)


def _other_form(raw: str, name: str) -> LicenseResult:
    if _TERMS_NOT_LICENSES.match(name.lower()):
        return _refuse(raw, "L102", f"{raw!r} describes terms but names no license")
    inner = normalize_license(name)
    if inner.status != "noassertion":
        return _result(raw, inner.spdx, *inner.findings)
    return _refuse(raw, "L102", f"{raw!r} names no license mlassets can identify")


def _spdx_expression(raw: str, text: str) -> LicenseResult:
    licensing = _licensing()
    try:
        info = licensing.validate(text)
    except Exception:  # license-expression raises on some malformed input instead of reporting it
        info = None
    if info is None or info.errors or not info.normalized_expression:
        return _refuse(
            raw, "L102", f"{raw!r} is not a license id or expression mlassets recognises"
        )
    expression = str(info.normalized_expression)
    if text.lower() in _DEPRECATED_IDS:
        return _result(raw, expression, _deprecated(text, expression))
    return _result(raw, expression)


def _deprecated(text: str, expression: str) -> Finding:
    return Finding("L105", Severity.INFO, f"deprecated SPDX id {text!r} concluded as {expression}")


@functools.cache
def _licensing():  # type: ignore[no-untyped-def]
    from license_expression import get_spdx_licensing  # loads a 2,600-key index: only when needed

    return get_spdx_licensing()
