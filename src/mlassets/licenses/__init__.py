"""License intelligence: normalisation of raw strings to SPDX expressions, classification,
policies and compatibility along lineage."""

from mlassets.licenses.classify import LicenseClass, classify
from mlassets.licenses.conclude import LicenseConclusion, conclude_card_license, conclude_text
from mlassets.licenses.lineage import LineageVerdict, Node, check_lineage
from mlassets.licenses.normalize import LicenseResult, normalize_license
from mlassets.licenses.policy import Policy, PolicyVerdict, evaluate, load_policy

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
