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

from mlassets import __version__
from mlassets.formats.common import created_at, keyed

SPEC_VERSION = "1.6"
_NAMESPACE = uuid.UUID("6d1c9b3a-2f5e-4c3e-9f0a-7a1b2c3d4e5f")  # mlassets' own, for uuid5


def _purl(asset_id: str, revision: str | None) -> str | None:
    if not asset_id.startswith("hf://") or asset_id.startswith("hf://datasets/"):
        return None  # the purl spec has a huggingface type for models only
    suffix = f"@{revision}" if revision else ""
    return f"pkg:huggingface/{asset_id.removeprefix('hf://')}{suffix}"


def _licenses(expression: str | None) -> list[dict[str, Any]]:
    if not expression or expression == "NOASSERTION":
        return []
    return [{"expression": expression}]


def _component(key: str, manifest: dict[str, Any]) -> dict[str, Any]:
    asset_id = manifest["id"]
    kind = manifest.get("kind", "model")
    component: dict[str, Any] = {
        "type": "machine-learning-model" if kind == "model" else "data",
        "bom-ref": key,
        "name": asset_id.removeprefix("hf://").removeprefix("datasets/"),
    }
    if manifest.get("revision"):
        component["version"] = manifest["revision"]
    if manifest.get("description"):
        component["description"] = manifest["description"]
    licenses = _licenses((manifest.get("license") or {}).get("concluded"))
    if licenses:
        component["licenses"] = licenses
    purl = _purl(asset_id, manifest.get("revision"))
    if purl:
        component["purl"] = purl
    if manifest.get("card_sha256"):
        component["hashes"] = [{"alg": "SHA-256", "content": manifest["card_sha256"]}]
    if manifest.get("tags"):
        component["tags"] = sorted(set(manifest["tags"]))
    if kind == "model":
        card = _model_card(manifest)
        if card:
            component["modelCard"] = card
        # bom-refs are unique across a BOM, and two models may share a base: scope it by model.
        ancestors = [
            {
                "type": "machine-learning-model",
                "bom-ref": f"{key}#ancestor:{b['id']}",
                "name": b["id"],
            }
            for b in manifest.get("base_models") or []
        ]
        if ancestors:
            component["pedigree"] = {"ancestors": ancestors}
    else:
        component["data"] = [
            {
                "type": "dataset",
                "name": component["name"],
                **({"description": manifest["description"]} if manifest.get("description") else {}),
            }
        ]
    return component


def _model_card(manifest: dict[str, Any]) -> dict[str, Any]:
    """CycloneDX's modelCard, from what the manifest knows (cyclonedx-python-lib has no model for
    it yet, so it is written here and checked against the 1.6 schema in tests)."""
    parameters: dict[str, Any] = {}
    if manifest.get("task"):
        parameters["task"] = manifest["task"]
    if manifest.get("datasets"):
        parameters["datasets"] = [{"ref": d} for d in manifest["datasets"]]
    card: dict[str, Any] = {}
    if parameters:
        card["modelParameters"] = parameters
    metrics = [
        {
            "type": str(m["type"]),
            "value": str(m.get("value")),
            **({"slice": str(m["dataset"])} if m.get("dataset") else {}),
        }
        for m in manifest.get("metrics") or []
        if m.get("value") is not None
    ]
    if metrics:
        card["quantitativeAnalysis"] = {"performanceMetrics": metrics}
    return card


def bom(manifests: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The ML-BOM of `manifests`, deterministic for the same input."""
    ordered = keyed(manifests)
    known = {key for key, _ in ordered}
    components = [_component(key, m) for key, m in ordered]
    named: set[str] = set()
    dependencies = []
    for key, manifest in ordered:
        parents = [b["id"] for b in manifest.get("base_models") or []]
        parents += list(manifest.get("datasets") or [])
        named.update(parents)
        dependencies.append({"ref": key, "dependsOn": sorted(set(parents))})
    for missing in sorted(named - known):
        kind = "data" if missing.startswith("hf://datasets/") else "machine-learning-model"
        stub: dict[str, Any] = {"type": kind, "bom-ref": missing, "name": missing}
        if kind == "data":
            stub["data"] = [{"type": "dataset", "name": missing}]
        components.append(stub)
        dependencies.append({"ref": missing, "dependsOn": []})
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
