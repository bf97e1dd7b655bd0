"""License normalisation: raw license strings and card fields to concluded SPDX expressions."""

from mlassets.licenses.conclude import LicenseConclusion, conclude_card_license, conclude_text
from mlassets.licenses.normalize import LicenseResult, normalize_license

__all__ = [
    "LicenseConclusion",
    "LicenseResult",
    "conclude_card_license",
    "conclude_text",
    "normalize_license",
]
