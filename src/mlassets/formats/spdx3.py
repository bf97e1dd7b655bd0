"""SPDX 3.0.1 JSON-LD with the AI and Dataset profiles, through spdx-python-model (the SPDX
project's bindings generated from the SPDX 3 SHACL model; they refuse a value of the wrong type
when it is set and a missing required property when the document is written: either is raised as
`ExportError`).

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

from mlassets.core.errors import ExportError
from mlassets.core.version import __version__
from mlassets.formats.common import (
    created_time,
    download_location,
    keyed,
    referenced_kind,
    unresolved,
)
from mlassets.manifests.model import AssetKind, Manifest

_BASE = "urn:mlassets:spdx3:"


def _urn(kind: str, text: str) -> str:
    return f"{_BASE}{kind}:{hashlib.sha256(text.encode()).hexdigest()[:24]}"


class _Document:
    """The object set being built, with the creation info, agent and creation time every element
    shares, and the elements in the order they were made (the document lists them so)."""

    def __init__(self, created: dt.datetime) -> None:
        from spdx_python_model import v3_0_1 as spdx

        self.spdx = spdx
        self.created = created
        self.objects = spdx.SHACLObjectSet()
        self.info = spdx.CreationInfo(specVersion="3.0.1", created=created)
        tool = spdx.Tool(_id=f"{_BASE}tool:mlassets-{__version__}", name="mlassets")
        self.agent = spdx.Organization(_id=f"{_BASE}agent:mlassets", name="mlassets")
        self.objects.add(tool)
        self.objects.add(self.agent)
        for element in (tool, self.agent):
            element.creationInfo = self.info
        self.info.createdBy = [self.agent]
        self.info.createdUsing = [tool]
        self.elements: list[Any] = [tool, self.agent]

    def add(self, element: Any) -> Any:
        self.objects.add(element)
        self.elements.append(element)
        return element

    def package(self, key: str, asset_id: str, kind: AssetKind, manifest: Manifest | None) -> Any:
        """The package of one asset; `manifest` is None for an asset known only by reference."""
        spdx = self.spdx
        common: dict[str, Any] = {
            "_id": _urn("package", key),
            "name": asset_id,
            "creationInfo": self.info,
            "suppliedBy": self.agent,
        }
        location = download_location(asset_id)
        if location:
            common["software_downloadLocation"] = location
        if manifest and manifest.revision:
            common["software_packageVersion"] = manifest.revision
        if manifest and manifest.description:
            common["description"] = manifest.description
        try:
            if kind is AssetKind.DATASET:
                return self.add(
                    spdx.dataset_DatasetPackage(
                        software_primaryPurpose=spdx.software_SoftwarePurpose.data,
                        dataset_datasetType=[spdx.dataset_DatasetType.other],
                        releaseTime=self.created,
                        builtTime=self.created,
                        **common,
                    )
                )
            made = spdx.ai_AIPackage(
                software_primaryPurpose=spdx.software_SoftwarePurpose.model,
                releaseTime=self.created,
                **common,
            )
            if manifest and manifest.task:
                made.ai_domain = [manifest.task]
        except (TypeError, ValueError) as exc:
            raise ExportError(f"{key}: spdx-python-model refused a value: {exc}", key) from exc
        return self.add(made)

    def relate(self, source: Any, kind: Any, target: Any, key: str) -> None:
        self.add(
            self.spdx.Relationship(
                _id=_urn("relationship", key),
                creationInfo=self.info,
                from_=source,
                to=[target],
                relationshipType=kind,
            )
        )

    def link(self, key: str, manifest: Manifest, packages: dict[str, Any]) -> None:
        """The asset's concluded license (none for NOASSERTION) and its lineage."""
        spdx = self.spdx
        me = packages[key]
        concluded = manifest.license.concluded
        if concluded and concluded != "NOASSERTION":
            expression = self.add(
                spdx.simplelicensing_LicenseExpression(
                    _id=_urn("license", key),
                    creationInfo=self.info,
                    simplelicensing_licenseExpression=concluded,
                )
            )
            self.relate(me, spdx.RelationshipType.hasConcludedLicense, expression, "l" + key)
        for base in manifest.base_models:
            self.relate(me, spdx.RelationshipType.descendantOf, packages[base.id], key + base.id)
        for data in manifest.datasets:
            self.relate(me, spdx.RelationshipType.trainedOn, packages[data], key + "|" + data)

    def close(self, ordered: Sequence[tuple[str, Manifest]], roots: list[Any]) -> None:
        """The SpdxDocument itself, listing every element made so far."""
        profiles = self.spdx.ProfileIdentifierType
        self.objects.add(
            self.spdx.SpdxDocument(
                _id=_urn("document", "|".join(m.id + str(m.revision) for _, m in ordered)),
                creationInfo=self.info,
                rootElement=roots,
                element=self.elements,
                profileConformance=[
                    profiles.core,
                    profiles.software,
                    profiles.ai,
                    profiles.dataset,
                    profiles.simpleLicensing,
                ],
            )
        )

    def write(self) -> str:
        buffer = io.BytesIO()
        try:
            self.spdx.JSONLDSerializer().write(self.objects, buffer, indent=2)
        except (TypeError, ValueError) as exc:  # a required property left unset: a bug here
            raise ExportError(
                f"export: spdx-python-model cannot write the document: {exc}"
            ) from exc
        return buffer.getvalue().decode("utf-8") + "\n"


def dumps(manifests: Sequence[Manifest]) -> str:
    """The manifests as one SPDX 3.0.1 JSON-LD document."""
    ordered = keyed(manifests)
    built = _Document(created_time(manifests).replace(tzinfo=dt.UTC))
    packages = {key: built.package(key, m.id, m.kind, m) for key, m in ordered}
    for ref in unresolved(ordered):
        packages[ref] = built.package(ref, ref, referenced_kind(ref), None)
    for key, manifest in ordered:
        built.link(key, manifest, packages)
    built.close(ordered, [packages[key] for key, _ in ordered])
    return built.write()
