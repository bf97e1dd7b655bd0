"""SPDX 2.3 documents through spdx-tools: one package per asset, lineage as relationships.

A fine-tune, adapter, merge or quantization is `DESCENDANT_OF` its base; a model is
`GENERATED_FROM` its training data. The concluded expression is the package's concluded license;
the declared values are kept in the license comment. Every `LicenseRef-` used is declared in the
document (spdx-tools' validator requires it), with the text mlassets knows: its name and where it
came from. The document is validated with spdx-tools before it is returned; whatever spdx-tools
or license-expression refuses is raised as `ExportError`.

spdx-tools ships no type information, so its objects are `Any` here.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any

from mlassets.core.errors import ExportError
from mlassets.core.version import __version__
from mlassets.formats.common import created_time, download_location, keyed, unresolved
from mlassets.manifests.model import Manifest

_NAMESPACE = uuid.UUID("9b0f3c1e-5d2a-4b7e-8c6d-1e2f3a4b5c6d")
_LICENSEREF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")


def _spdx_id(asset_id: str) -> str:
    return "SPDXRef-" + re.sub(r"[^A-Za-z0-9.-]+", "-", asset_id).strip("-")


def document(manifests: Sequence[Manifest]) -> Any:
    """An spdx_tools Document for the manifests (validated)."""
    from spdx_tools.spdx.model import Document

    ordered = keyed(manifests)
    packages = [_package(key, manifest) for key, manifest in ordered]
    packages += [_referenced_package(ref) for ref in sorted(unresolved(ordered))]
    doc = Document(
        creation_info=_creation_info(manifests, ordered),
        packages=packages,
        relationships=_relationships(ordered, packages),
        extracted_licensing_info=_extracted_licenses(ordered),
    )
    _validate(doc, [key for key, _ in ordered])
    return doc


def _concluded(key: str, expression: str) -> Any:
    from license_expression import ExpressionError, get_spdx_licensing
    from spdx_tools.spdx.model import SpdxNoAssertion

    if not expression or expression == "NOASSERTION":
        return SpdxNoAssertion()
    try:
        return get_spdx_licensing().parse(expression)
    except ExpressionError as exc:
        message = f"{key}: license-expression cannot parse {expression!r}: {exc}"
        raise ExportError(message, key) from exc


def _package(key: str, manifest: Manifest) -> Any:
    from spdx_tools.spdx.model import Checksum, ChecksumAlgorithm, Package, SpdxNoAssertion

    checksums = (
        [Checksum(ChecksumAlgorithm.SHA256, manifest.card_sha256)] if manifest.card_sha256 else []
    )
    declared = manifest.license.declared
    try:
        return Package(
            spdx_id=_spdx_id(key),
            name=manifest.id,
            download_location=download_location(manifest.id) or SpdxNoAssertion(),
            version=manifest.revision,
            files_analyzed=False,
            checksums=checksums,
            license_concluded=_concluded(key, manifest.license.concluded),
            license_declared=SpdxNoAssertion(),
            license_comment=f"declared: {', '.join(declared)}" if declared else None,
            copyright_text=SpdxNoAssertion(),
            summary=manifest.description or None,
            comment=f"{manifest.kind.value} curated by mlassets",
        )
    except TypeError as exc:  # spdx-tools checks every field's type as it is set
        raise ExportError(f"{key}: spdx-tools refused a package field: {exc}", key) from exc


def _referenced_package(asset_id: str) -> Any:
    """The package of an asset that a lineage reference names and no manifest describes."""
    from spdx_tools.spdx.model import Package, SpdxNoAssertion

    return Package(
        spdx_id=_spdx_id(asset_id),
        name=asset_id,
        download_location=download_location(asset_id) or SpdxNoAssertion(),
        files_analyzed=False,
        copyright_text=SpdxNoAssertion(),
        comment="named as a base model or dataset; no manifest in this export",
    )


def _relationships(ordered: Sequence[tuple[str, Manifest]], packages: Sequence[Any]) -> list[Any]:
    """Lineage links, asset by asset, then the document describing every package."""
    from spdx_tools.spdx.model import Relationship, RelationshipType

    relationships = []
    for key, manifest in ordered:
        child = _spdx_id(key)
        relationships += [
            Relationship(
                child,
                RelationshipType.DESCENDANT_OF,
                _spdx_id(b.id),
                comment=b.relation.value if b.relation else None,
            )
            for b in manifest.base_models
        ]
        relationships += [
            Relationship(child, RelationshipType.GENERATED_FROM, _spdx_id(d), comment="trained on")
            for d in manifest.datasets
        ]
    relationships += [
        Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, p.spdx_id) for p in packages
    ]
    return relationships


def _creation_info(manifests: Sequence[Manifest], ordered: Sequence[tuple[str, Manifest]]) -> Any:
    """Namespace and creation time follow from the manifests: the same input, the same bytes."""
    from spdx_tools.spdx.model import Actor, ActorType, CreationInfo

    digest = "|".join(sorted(m.id + str(m.revision) for _, m in ordered))
    return CreationInfo(
        spdx_version="SPDX-2.3",
        spdx_id="SPDXRef-DOCUMENT",
        name="mlassets export",
        document_namespace=f"https://spdx.org/spdxdocs/mlassets-{uuid.uuid5(_NAMESPACE, digest)}",
        creators=[Actor(ActorType.TOOL, f"mlassets-{__version__}")],
        created=created_time(manifests),
        data_license="CC0-1.0",
    )


def _extracted_licenses(ordered: Sequence[tuple[str, Manifest]]) -> list[Any]:
    """A declaration of every `LicenseRef-` the concluded expressions use."""
    from spdx_tools.spdx.model import ExtractedLicensingInfo

    refs = {ref for _, m in ordered for ref in _LICENSEREF.findall(m.license.concluded)}
    return [
        ExtractedLicensingInfo(
            license_id=ref,
            extracted_text=f"The license mlassets records as {ref}; its text is not bundled.",
            license_name=ref.removeprefix("LicenseRef-"),
        )
        for ref in sorted(refs)
    ]


def _validate(doc: Any, keys: Sequence[str]) -> None:
    """`ExportError` with spdx-tools' first messages, naming the first asset they concern."""
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    messages = validate_full_spdx_document(doc)
    if not messages:
        return
    by_id = {_spdx_id(key): key for key in keys}
    # A message about a package's field (its license expression) names the package as parent.
    named = (i for m in messages for i in (m.context.spdx_id, m.context.parent_id) if i in by_id)
    subject = next((by_id[i] for i in named), None)
    text = "; ".join(m.validation_message for m in messages[:5])
    raise ExportError(
        f"{subject or 'export'}: spdx-tools rejects the SPDX 2.3 document: {text}", subject
    )


def dumps(doc: Any) -> str:
    """The document as SPDX 2.3 JSON."""
    import json

    from spdx_tools.spdx.jsonschema.document_converter import DocumentConverter

    return json.dumps(DocumentConverter().convert(doc), indent=2, sort_keys=True) + "\n"
