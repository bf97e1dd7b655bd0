"""SPDX 3.0.1 JSON-LD with the AI and Dataset profiles, through spdx-python-model (the SPDX
project's bindings generated from the SPDX 3 SHACL model; they refuse a value of the wrong type
when it is set and a missing required property when the document is written).

Models are `ai_AIPackage` (task as `ai_domain`), datasets `dataset_DatasetPackage`; each has a
`hasConcludedLicense` relationship to its license expression (none for NOASSERTION); lineage is
`descendantOf` a base model and `trainedOn` a dataset. Identifiers and the creation time come from
the manifests, so the same manifests give the same document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Sequence
from typing import Any

from mlassets import __version__
from mlassets.formats.common import created_at, download_location, keyed

_BASE = "urn:mlassets:spdx3:"


def _urn(kind: str, text: str) -> str:
    return f"{_BASE}{kind}:{hashlib.sha256(text.encode()).hexdigest()[:24]}"


def dumps(manifests: Sequence[dict[str, Any]]) -> str:
    """The manifests as one SPDX 3.0.1 JSON-LD document."""
    from spdx_python_model import v3_0_1 as spdx

    ordered = keyed(manifests)
    created = dt.datetime.strptime(created_at(manifests), "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=dt.UTC
    )
    objects = spdx.SHACLObjectSet()
    info = spdx.CreationInfo(specVersion="3.0.1", created=created)
    tool = objects.add(spdx.Tool(_id=f"{_BASE}tool:mlassets-{__version__}", name="mlassets"))
    agent = objects.add(spdx.Organization(_id=f"{_BASE}agent:mlassets", name="mlassets"))
    for element in (tool, agent):
        element.creationInfo = info
    info.createdBy = [agent]
    info.createdUsing = [tool]
    packages: dict[str, Any] = {}
    elements: list[Any] = [tool, agent]

    def package(key: str, asset_id: str, kind: str, manifest: dict[str, Any] | None) -> Any:
        common: dict[str, Any] = {
            "_id": _urn("package", key),
            "name": asset_id,
            "creationInfo": info,
            "suppliedBy": agent,
        }
        location = download_location(asset_id)
        if location:
            common["software_downloadLocation"] = location
        if manifest and manifest.get("revision"):
            common["software_packageVersion"] = manifest["revision"]
        if manifest and manifest.get("description"):
            common["description"] = manifest["description"]
        made: Any
        if kind == "dataset":
            made = spdx.dataset_DatasetPackage(
                software_primaryPurpose=spdx.software_SoftwarePurpose.data,
                dataset_datasetType=[spdx.dataset_DatasetType.other],
                releaseTime=created,
                builtTime=created,
                **common,
            )
        else:
            made = spdx.ai_AIPackage(
                software_primaryPurpose=spdx.software_SoftwarePurpose.model,
                releaseTime=created,
                **common,
            )
            if manifest and manifest.get("task"):
                made.ai_domain = [manifest["task"]]
        objects.add(made)
        elements.append(made)
        return made

    def relate(source: Any, kind: Any, target: Any, key: str) -> None:
        relationship = objects.add(
            spdx.Relationship(
                _id=_urn("relationship", key),
                creationInfo=info,
                from_=source,
                to=[target],
                relationshipType=kind,
            )
        )
        elements.append(relationship)

    for key, manifest in ordered:
        packages[key] = package(key, manifest["id"], manifest.get("kind", "model"), manifest)
    for _, manifest in ordered:
        for parent in [b["id"] for b in manifest.get("base_models") or []] + list(
            manifest.get("datasets") or []
        ):
            if parent not in packages:
                kind = "dataset" if parent.startswith("hf://datasets/") else "model"
                packages[parent] = package(parent, parent, kind, None)
    for key, manifest in ordered:
        me = packages[key]
        concluded = (manifest.get("license") or {}).get("concluded")
        if concluded and concluded != "NOASSERTION":
            expression = objects.add(
                spdx.simplelicensing_LicenseExpression(
                    _id=_urn("license", key),
                    creationInfo=info,
                    simplelicensing_licenseExpression=concluded,
                )
            )
            elements.append(expression)
            relate(me, spdx.RelationshipType.hasConcludedLicense, expression, "l" + key)
        for base in manifest.get("base_models") or []:
            relate(me, spdx.RelationshipType.descendantOf, packages[base["id"]], key + base["id"])
        for data in manifest.get("datasets") or []:
            relate(me, spdx.RelationshipType.trainedOn, packages[data], key + "|" + data)
    roots = [packages[key] for key, _ in ordered]
    profiles = spdx.ProfileIdentifierType
    objects.add(
        spdx.SpdxDocument(
            _id=_urn("document", "|".join(m["id"] + str(m.get("revision")) for _, m in ordered)),
            creationInfo=info,
            rootElement=roots,
            element=elements,
            profileConformance=[
                profiles.core,
                profiles.software,
                profiles.ai,
                profiles.dataset,
                profiles.simpleLicensing,
            ],
        )
    )
    buffer = io.BytesIO()
    spdx.JSONLDSerializer().write(objects, buffer, indent=2)
    return buffer.getvalue().decode("utf-8") + "\n"
