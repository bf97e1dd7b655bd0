"""What normalising one raw license string concludes, and how a conclusion is made: the
expression printed from its tree (one spelling), its status, the findings that say why."""

from __future__ import annotations

from dataclasses import dataclass

from mlassets.core import rules
from mlassets.core.findings import Finding
from mlassets.core.rules import Rule
from mlassets.licenses.tree import NOASSERTION, coerce, render

LICENSEREF = "LicenseRef-"
# the bases of refusals other readers act on: `other_form` mints the Hub's other-<name> where a
# title named a publisher of several; the card's body holds the asset to a part's terms unread;
# `second_look` prefers either refusal, or a list item unread, to a title it minted
PUBLISHER_OF_SEVERAL = "a publisher of several licenses"
PART_UNREAD = "a part's terms unread"
ITEM_UNREAD = "a list item unread"  # as often prose after a comma ("..., as the base model")


@dataclass(frozen=True)
class LicenseResult:
    """`spdx` is the concluded expression or NOASSERTION; `status` is spdx, licenseref or
    noassertion; `findings` say why a value was refused or rewritten. `raw` is kept as given."""

    raw: str
    spdx: str
    status: str
    findings: tuple[Finding, ...]
    basis: str = ""  # how the conclusion was reached: "SPDX id", "free text", ...
    certain: bool = False  # an exact id, name or vocabulary entry; False: prose, URL, fuzzy

    def to_json(self) -> dict[str, object]:
        return {
            "raw": self.raw,
            "spdx": self.spdx,
            "status": self.status,
            "findings": [f.to_json() for f in self.findings],
            "basis": self.basis,
            "certain": self.certain,
        }


def status_of(expression: str) -> str:
    if expression == NOASSERTION:
        return "noassertion"
    return "licenseref" if LICENSEREF in expression else "spdx"


def result(
    raw: str, spdx: str, *findings: Finding, basis: str = "", certain: bool = False
) -> LicenseResult:
    canonical = render(coerce(spdx))  # every conclusion printed from its tree, one spelling
    return LicenseResult(raw, canonical, status_of(canonical), tuple(findings), basis, certain)


def refuse(
    raw: str, rule: Rule, message: str, basis: str = "refused", certain: bool = False
) -> LicenseResult:
    finding = rule.at(message)
    return result(raw, NOASSERTION, finding, basis=basis, certain=certain)


def recorded(raw: str, reference: str, why: str) -> LicenseResult:
    """A real license mlassets does not know, kept as a LicenseRef (L107)."""
    message = f"{why}; recorded as {reference}"
    return result(raw, reference, rules.L107.at(message), basis="title")
