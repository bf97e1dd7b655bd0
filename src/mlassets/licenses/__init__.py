"""License intelligence: normalisation of raw strings to SPDX expressions, classification,
policies and compatibility along lineage.

The names below are imported on first use: `validate` reading a license stated in a card's body
needs normalisation and classification, not policies or lineage.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# `classify` names a module and its function: imported now, so that the function, not the module
# the import system would bind to the package's attribute, is what the name means.
from mlassets.licenses.classify import LicenseClass, classify

_EXPORTS = {
    "LicenseConclusion": "conclude",
    "conclude_card_license": "conclude",
    "conclude_text": "conclude",
    "LineageVerdict": "lineage",
    "Node": "lineage",
    "check_lineage": "lineage",
    "LicenseResult": "results",
    "normalize_license": "normalize",
    "Policy": "policy",
    "PolicyVerdict": "policy",
    "evaluate": "policy",
    "load_policy": "policy",
}

if TYPE_CHECKING:
    from mlassets.licenses.conclude import LicenseConclusion, conclude_card_license, conclude_text
    from mlassets.licenses.lineage import LineageVerdict, Node, check_lineage
    from mlassets.licenses.normalize import normalize_license
    from mlassets.licenses.policy import Policy, PolicyVerdict, evaluate, load_policy
    from mlassets.licenses.results import LicenseResult

__all__ = [
    "LicenseClass",
    "LicenseConclusion",
    "LicenseResult",
    "LineageVerdict",
    "Node",
    "Policy",
    "PolicyVerdict",
    "check_lineage",
    "classify",
    "conclude_card_license",
    "conclude_text",
    "evaluate",
    "load_policy",
    "normalize_license",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'mlassets.licenses' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"mlassets.licenses.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
