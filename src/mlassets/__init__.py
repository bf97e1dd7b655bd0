"""mlassets: curate, validate, license-check and catalog machine-learning assets.

The Python API mirrors the CLI; every function returns data and never prints or exits:

- `parse_ref("hf://acme/tiny-model@v1.0")` parses an asset reference.
- `parse_card(raw_bytes)` / `read_card(path)` split a card into metadata and body, with findings.
- `validate_paths([Path("cards")])` checks cards, manifests and OpenML descriptions offline.
- `curate(["hf://acme/tiny-model"], Path("out"))` fetches and writes curated manifests.
- `normalize_license("Apache 2.0")` concludes an SPDX expression for one license string;
  `classify("CC-BY-NC-4.0")` says what the license allows.
- `license_check(["card.md"], Policy(use="commercial"), ManifestIndex(Path("manifests")))`
  checks licenses against a policy and along lineage; `check_lineage` does the lineage part.
- `index_manifests([Path("manifests")], Path("mlassets.db"))` builds the catalog;
  `with Catalog.open(Path("mlassets.db")) as catalog:` searches it, walks lineage, recommends
  and audits.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public names and the modules that define them. They load on first use (PEP 562), so that
# `mlassets validate` and the pre-commit path import only what they need.
_EXPORTS = {
    "AssetRef": "mlassets.core.refs",
    "parse_ref": "mlassets.core.refs",
    "Card": "mlassets.documents.card",
    "parse_card": "mlassets.documents.card",
    "read_card": "mlassets.documents.card",
    "Curated": "mlassets.workflows.curate",
    "curate": "mlassets.workflows.curate",
    "MlassetsError": "mlassets.core.errors",
    "conclude_card_license": "mlassets.licenses",
    "normalize_license": "mlassets.licenses",
    "classify": "mlassets.licenses",
    "check_lineage": "mlassets.licenses",
    "Policy": "mlassets.licenses",
    "load_policy": "mlassets.licenses",
    "ManifestIndex": "mlassets.workflows.license_check",
    "Catalog": "mlassets.catalog",
    "index_manifests": "mlassets.catalog",
    "open_catalog": "mlassets.catalog",
    "license_check": "mlassets.workflows.license_check",
    "Finding": "mlassets.core.findings",
    "Position": "mlassets.core.findings",
    "Severity": "mlassets.core.findings",
    "ValidationReport": "mlassets.validation.check",
    "validate_paths": "mlassets.validation.check",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'mlassets' has no attribute {name!r}")
