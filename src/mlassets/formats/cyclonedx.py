"""CycloneDX 1.6 JSON: an ML-BOM of the manifests given.

Models are `machine-learning-model` components with a `modelCard` (task, training datasets,
reported metrics) and a `pedigree` listing their base models; datasets are `data` components.
Licenses are the concluded SPDX expressions (NOASSERTION gives no license entry). Every asset
that a lineage reference names but that is not among the manifests still appears, as a component
without details, so that dependencies resolve. The serial number is derived from the content, so
the same manifests give the same BOM; its timestamp is the newest manifest's fetch time.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from mlassets.core.version import __version__
from mlassets.formats.common import created_at, keyed, parents, referenced_kind, unresolved
from mlassets.manifests.model import AssetKind, Manifest

SPEC_VERSION = "1.6"
_NAMESPACE = uuid.UUID("6d1c9b3a-2f5e-4c3e-9f0a-7a1b2c3d4e5f")  # mlassets' own, for uuid5


def _purl(asset_id: str, revision: str | None) -> str | None:
    if not asset_id.startswith("hf://") or asset_id.startswith("hf://datasets/"):
        return None  # the purl spec has a huggingface type for models only
    suffix = f"@{revision}" if revision else ""
    return f"pkg:huggingface/{asset_id.removeprefix('hf://')}{suffix}"


def _licenses(expression: str) -> list[dict[str, Any]]:
    if not expression or expression == "NOASSERTION":
        return []
    return [{"expression": expression}]


def _component(key: str, manifest: Manifest) -> dict[str, Any]:
    component: dict[str, Any] = {
        "type": "machine-learning-model" if manifest.kind is AssetKind.MODEL else "data",
        "bom-ref": key,
        "name": manifest.id.removeprefix("hf://").removeprefix("datasets/"),
    }
    if manifest.revision:
        component["version"] = manifest.revision
    if manifest.description:
        component["description"] = manifest.description
    licenses = _licenses(manifest.license.concluded)
    if licenses:
        component["licenses"] = licenses
    purl = _purl(manifest.id, manifest.revision)
    if purl:
        component["purl"] = purl
    if manifest.card_sha256:
        component["hashes"] = [{"alg": "SHA-256", "content": manifest.card_sha256}]
    if manifest.tags:
        component["tags"] = sorted(set(manifest.tags))
    if manifest.kind is AssetKind.MODEL:
        component.update(_model_details(key, manifest))
    else:
        component["data"] = [_dataset(component["name"], manifest.description)]
    return component


def _dataset(name: str, description: str | None) -> dict[str, Any]:
    return {
        "type": "dataset",
        "name": name,
        **({"description": description} if description else {}),
    }


def _model_details(key: str, manifest: Manifest) -> dict[str, Any]:
    """A model component's `modelCard` and `pedigree`, each only when there is something in it."""
    details: dict[str, Any] = {}
    card = _model_card(manifest)
    if card:
        details["modelCard"] = card
    # bom-refs are unique across a BOM, and two models may share a base: scope it by model.
    ancestors = [
        {"type": "machine-learning-model", "bom-ref": f"{key}#ancestor:{b.id}", "name": b.id}
        for b in manifest.base_models
    ]
    if ancestors:
        details["pedigree"] = {"ancestors": ancestors}
    return details


def _model_card(manifest: Manifest) -> dict[str, Any]:
    """CycloneDX's modelCard, from what the manifest knows (cyclonedx-python-lib has no model for
    it yet, so it is written here and checked against the 1.6 schema in tests)."""
    parameters: dict[str, Any] = {}
    if manifest.task:
        parameters["task"] = manifest.task
    if manifest.datasets:
        parameters["datasets"] = [{"ref": d} for d in manifest.datasets]
    card: dict[str, Any] = {}
    if parameters:
        card["modelParameters"] = parameters
    metrics = [
        {
            "type": str(m.type),
            "value": str(m.value),
            **({"slice": str(m.dataset)} if m.dataset else {}),
        }
        for m in manifest.metrics
        if m.value is not None
    ]
    if metrics:
        card["quantitativeAnalysis"] = {"performanceMetrics": metrics}
    return card


def _stub(asset_id: str) -> dict[str, Any]:
    """The component of an asset a lineage reference names and no manifest describes."""
    if referenced_kind(asset_id) is AssetKind.DATASET:
        return {
            "type": "data",
            "bom-ref": asset_id,
            "name": asset_id,
            "data": [_dataset(asset_id, None)],
        }
    return {"type": "machine-learning-model", "bom-ref": asset_id, "name": asset_id}


def bom(manifests: Sequence[Manifest]) -> dict[str, Any]:
    """The ML-BOM of `manifests`, deterministic for the same input."""
    ordered = keyed(manifests)
    missing = sorted(unresolved(ordered))
    components = [_component(key, m) for key, m in ordered] + [_stub(r) for r in missing]
    dependencies = [{"ref": key, "dependsOn": sorted(set(parents(m)))} for key, m in ordered]
    dependencies += [{"ref": r, "dependsOn": []} for r in missing]
    digest = json.dumps([components, dependencies], sort_keys=True)
    return {
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": f"urn:uuid:{uuid.uuid5(_NAMESPACE, digest)}",
        "version": 1,
        "metadata": {
            "timestamp": created_at(manifests),
            "tools": {
                "components": [{"type": "application", "name": "mlassets", "version": __version__}]
            },
        },
        "components": components,
        "dependencies": dependencies,
    }


def dumps(manifests: Sequence[Manifest]) -> str:
    """The ML-BOM as JSON text: sorted keys, two-space indent, final newline."""
    return json.dumps(bom(manifests), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
