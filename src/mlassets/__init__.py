"""mlassets: curate, validate, license-check and catalog machine-learning assets.

The Python API mirrors the CLI; every function returns typed, frozen data and never prints or
exits. Errors are subclasses of `MlassetsError`, each carrying the path or reference it concerns.

- `parse_ref("hf://acme/tiny-model@v1.0")` parses an asset reference.
- `parse_card(raw_bytes)` / `read_card(path)` split a card into metadata and body, with findings.
- `validate_paths([Path("cards")])` checks cards, manifests and OpenML descriptions offline.
- `fetch_manifest("hf://acme/tiny-model")` builds one `Manifest` in memory;
  `read_manifest(path)` / `write_manifest(manifest, out_dir)` load and store one.
- `curate(["hf://acme/tiny-model"], Path("out"))` fetches and writes manifests: a `CurateReport`.
- `normalize_license("Apache 2.0")` concludes an SPDX expression for one license string;
  `classify("CC-BY-NC-4.0")` says what the license allows.
- `license_check(["card.md"], Policy(use="commercial"), ManifestIndex(Path("manifests")))`
  checks licenses against a policy and along lineage; `check_lineage` does the lineage part.
- `Catalog.open(Path("mlassets.db"))` is the catalog, a context manager: `index`, `search`,
  `lineage_graph`, `recommend_datasets`, `audit` (`mlassets.catalog`); `select models` and
  `leaderboard` in `mlassets.catalog.select` and `mlassets.catalog.leaderboard`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mlassets.core.version import __version__ as __version__

# Public names and the modules that define them. They load on first use (PEP 562), so that
# `mlassets validate` and the pre-commit path import only what they need. The TYPE_CHECKING
# block below says the same to type checkers, so users see real types, not Any.
_EXPORTS = {
    "AssetRef": "mlassets.core.refs",
    "parse_ref": "mlassets.core.refs",
    "Card": "mlassets.documents.card",
    "Catalog": "mlassets.catalog",
    "parse_card": "mlassets.documents.card",
    "read_card": "mlassets.documents.card",
    "Curated": "mlassets.workflows.curate",
    "CurateReport": "mlassets.workflows.curate",
    "curate": "mlassets.workflows.curate",
    "fetch_manifest": "mlassets.workflows.curate",
    "Manifest": "mlassets.manifests.model",
    "read_manifest": "mlassets.manifests.store",
    "write_manifest": "mlassets.manifests.store",
    "MlassetsError": "mlassets.core.errors",
    "conclude_card_license": "mlassets.licenses",
    "normalize_license": "mlassets.licenses",
    "classify": "mlassets.licenses",
    "check_lineage": "mlassets.licenses",
    "Policy": "mlassets.licenses",
    "load_policy": "mlassets.licenses",
    "ManifestIndex": "mlassets.workflows.manifest_index",
    "LicenseCheckReport": "mlassets.workflows.license_check",
    "license_check": "mlassets.workflows.license_check",
    "Finding": "mlassets.core.findings",
    "Position": "mlassets.core.findings",
    "Severity": "mlassets.core.findings",
    "ValidationReport": "mlassets.validation.check",
    "validate_paths": "mlassets.validation.check",
}

if TYPE_CHECKING:
    from mlassets.catalog import Catalog
    from mlassets.core.errors import MlassetsError
    from mlassets.core.findings import Finding, Position, Severity
    from mlassets.core.refs import AssetRef, parse_ref
    from mlassets.documents.card import Card, parse_card, read_card
    from mlassets.licenses import (
        Policy,
        check_lineage,
        classify,
        conclude_card_license,
        load_policy,
        normalize_license,
    )
    from mlassets.manifests.model import Manifest
    from mlassets.manifests.store import read_manifest, write_manifest
    from mlassets.validation.check import ValidationReport, validate_paths
    from mlassets.workflows.curate import Curated, CurateReport, curate, fetch_manifest
    from mlassets.workflows.license_check import LicenseCheckReport, license_check
    from mlassets.workflows.manifest_index import ManifestIndex

__all__ = [
    "AssetRef",
    "Card",
    "Catalog",
    "CurateReport",
    "Curated",
    "Finding",
    "LicenseCheckReport",
    "Manifest",
    "ManifestIndex",
    "MlassetsError",
    "Policy",
    "Position",
    "Severity",
    "ValidationReport",
    "check_lineage",
    "classify",
    "conclude_card_license",
    "curate",
    "fetch_manifest",
    "license_check",
    "load_policy",
    "normalize_license",
    "parse_card",
    "parse_ref",
    "read_card",
    "read_manifest",
    "validate_paths",
    "write_manifest",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'mlassets' has no attribute {name!r}")
