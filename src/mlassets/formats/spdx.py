"""SPDX 2.3 documents through spdx-tools: one package per asset, lineage as relationships.

A fine-tune, adapter, merge or quantization is `DESCENDANT_OF` its base; a model is
`GENERATED_FROM` its training data. The concluded expression is the package's concluded license;
the declared values are kept in the license comment. Every `LicenseRef-` used is declared in the
document (spdx-tools' validator requires it), with the text mlassets knows: its name and where it
came from. The document is validated with spdx-tools before it is returned.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from typing import Any

from mlassets import __version__
from mlassets.formats.common import created_at, download_location, keyed

_NAMESPACE = uuid.UUID("9b0f3c1e-5d2a-4b7e-8c6d-1e2f3a4b5c6d")
_LICENSEREF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")


class SpdxExportError(Exception):
    """spdx-tools rejected the document: a bug in this exporter, reported with its messages."""


def _spdx_id(asset_id: str) -> str:
    return "SPDXRef-" + re.sub(r"[^A-Za-z0-9.-]+", "-", asset_id).strip("-")


def document(manifests: Sequence[dict[str, Any]]) -> Any:
    """An spdx_tools Document for the manifests (validated)."""
    from license_expression import get_spdx_licensing
    from spdx_tools.spdx.model import (
        Actor,
        ActorType,
        Checksum,
        ChecksumAlgorithm,
        CreationInfo,
        Document,
        ExtractedLicensingInfo,
        Package,
        Relationship,
        RelationshipType,
        SpdxNoAssertion,
    )
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    licensing = get_spdx_licensing()
    ordered = keyed(manifests)
    known = {key for key, _ in ordered}
    referenced = sorted(
        {b["id"] for _, m in ordered for b in m.get("base_models") or []}
        | {d for _, m in ordered for d in m.get("datasets") or []}
    )
    packages, relationships, refs = [], [], set()
    stubs = [(r, {"id": r, "kind": "reference"}) for r in referenced if r not in known]
    for key, manifest in ordered + stubs:
        block = manifest.get("license") or {}
        concluded = block.get("concluded")
        stub = manifest.get("kind") == "reference"
        license_expression = (
            licensing.parse(concluded)
            if concluded and concluded != "NOASSERTION"
            else SpdxNoAssertion()
        )
        refs.update(_LICENSEREF.findall(concluded or ""))
        checksums = (
            [Checksum(ChecksumAlgorithm.SHA256, manifest["card_sha256"])]
            if manifest.get("card_sha256")
            else []
        )
        declared = block.get("declared") or []
        packages.append(
            Package(
                spdx_id=_spdx_id(key),
                name=manifest["id"],
                download_location=download_location(manifest["id"]) or SpdxNoAssertion(),
                version=manifest.get("revision"),
                files_analyzed=False,
                checksums=checksums,
                license_concluded=license_expression
                if manifest.get("kind") != "reference"
                else None,
                license_declared=SpdxNoAssertion() if manifest.get("kind") != "reference" else None,
                license_comment=f"declared: {', '.join(declared)}" if declared else None,
                copyright_text=SpdxNoAssertion(),
                summary=(manifest.get("description") or None),
                comment="named as a base model or dataset; no manifest in this export"
                if stub
                else f"{manifest.get('kind', 'asset')} curated by mlassets",
            )
        )
    for key, manifest in ordered:
        child = _spdx_id(key)
        relationships += [
            Relationship(
                child, RelationshipType.DESCENDANT_OF, _spdx_id(b["id"]), comment=b.get("relation")
            )
            for b in manifest.get("base_models") or []
        ]
        relationships += [
            Relationship(child, RelationshipType.GENERATED_FROM, _spdx_id(d), comment="trained on")
            for d in manifest.get("datasets") or []
        ]
    relationships += [
        Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, p.spdx_id) for p in packages
    ]
    digest = "|".join(sorted(m["id"] + str(m.get("revision")) for _, m in ordered))
    created = dt.datetime.strptime(
        created_at(manifests), "%Y-%m-%dT%H:%M:%SZ"
    )  # the same input, the same bytes
    creation = CreationInfo(
        spdx_version="SPDX-2.3",
        spdx_id="SPDXRef-DOCUMENT",
        name="mlassets export",
        document_namespace=f"https://spdx.org/spdxdocs/mlassets-{uuid.uuid5(_NAMESPACE, digest)}",
        creators=[Actor(ActorType.TOOL, f"mlassets-{__version__}")],
        created=created,
        data_license="CC0-1.0",
    )
    extracted = [
        ExtractedLicensingInfo(
            license_id=ref,
            extracted_text=f"The license mlassets records as {ref}; its text is not bundled.",
            license_name=ref.removeprefix("LicenseRef-"),
        )
        for ref in sorted(refs)
    ]
    doc = Document(
        creation_info=creation,
        packages=packages,
        relationships=relationships,
        extracted_licensing_info=extracted,
    )
    messages = validate_full_spdx_document(doc)
    if messages:
        raise SpdxExportError("; ".join(m.validation_message for m in messages[:5]))
    return doc


def dumps(doc: Any) -> str:
    """The document as SPDX 2.3 JSON."""
    import json

    from spdx_tools.spdx.jsonschema.document_converter import DocumentConverter

    return json.dumps(DocumentConverter().convert(doc), indent=2, sort_keys=True) + "\n"
