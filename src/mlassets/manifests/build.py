"""Build the manifest of an asset: from a card on disk, or from what a remote source returned.

Identical input gives an identical manifest. The only field that varies between runs is
`fetched_at`, which the caller passes in (see `mlassets.core.clock`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlassets.core.errors import AssetBuildError, MlassetsError
from mlassets.core.findings import Finding
from mlassets.core.refs import AssetRef, is_repo_id
from mlassets.documents.card import Card, parse_card
from mlassets.licenses import conclude_card_license, conclude_text
from mlassets.licenses.conclude import LicenseConclusion
from mlassets.manifests.model import (
    AssetKind,
    BaseModelLink,
    EvalResult,
    FileEntry,
    LicenseBlock,
    Manifest,
    Relation,
    SourceName,
)
from mlassets.manifests.stated import StatedLicense
from mlassets.validation.body_license import conclude_whole_card
from mlassets.validation.kinds import infer_kind

if TYPE_CHECKING:
    from mlassets.sources.base import FetchedAsset

_DESCRIPTION_LIMIT = 1000


def guarded(subject: str, build: Callable[[], Manifest]) -> Manifest:
    """`build()`, with any crash turned into that one asset's `AssetBuildError`.

    Cards come from anyone. When one still trips a parser (a bug, to be reported and fixed),
    the asset it describes fails with a one-line error, and a sync or fetch of many assets goes
    on with the others instead of ending in a traceback. MLASSETS_DEBUG=1 shows the cause.
    """
    try:
        return build()
    except MlassetsError:
        raise
    except Exception as exc:  # deliberately broad: see above
        raise AssetBuildError(
            f"{subject}: could not build a manifest ({type(exc).__name__}: "
            f"{str(exc)[:200] or 'no detail'}); please report it",
            subject,
        ) from exc


def from_fetched(asset: FetchedAsset, fetched_at: str) -> Manifest:
    """The manifest for an asset a remote source returned."""
    if asset.description is not None:
        return _from_openml(asset, fetched_at)
    card = parse_card(asset.card, f"{asset.ref.id}/README.md") if asset.card is not None else None
    kind = asset.ref.kind or infer_kind(card.metadata if card else None, asset.ref.name)
    manifest = _from_card(asset.ref.id, kind, SourceName.HUGGINGFACE, card, fetched_at)
    metadata = card.metadata if card and card.metadata else {}
    return replace(
        manifest,
        revision=asset.revision,
        task=manifest.task or asset.pipeline_tag,
        library=metadata.get("library_name") or asset.library_name,
        gated=asset.gated,
        last_modified=asset.last_modified,
        tags=tuple(sorted(set(manifest.tags) | set(asset.tags))),
        files=tuple(
            FileEntry(f.path, f.size, f.sha256) for f in sorted(asset.files, key=lambda f: f.path)
        ),
        title=manifest.title if manifest.title is not None else asset.ref.name,
    )


def from_card(
    card: Card, ref: AssetRef, fetched_at: str, kind: str | None = None, *, complete: bool = True
) -> Manifest:
    """The manifest for a local card file. `complete=False` leaves out the card's findings (the
    schema check) and its digest: `license-check` reads only the license and lineage, and never
    writes a card's manifest; on one card in a hook, loading the validator and OpenSSL's hashes
    was a quarter of its start."""
    kind = kind or infer_kind(card.metadata, card.path)
    manifest = _from_card(ref.id, kind, SourceName.LOCAL, card, fetched_at, complete=complete)
    if manifest.title is None:
        manifest = replace(manifest, title=Path(card.path).stem)
    return manifest


def license_block(conclusion: LicenseConclusion) -> LicenseBlock:
    return LicenseBlock.of(conclusion.declared, conclusion.concluded, conclusion.findings)


def _from_card(
    ident: str,
    kind: str,
    source: SourceName,
    card: Card | None,
    fetched_at: str,
    *,
    complete: bool = True,
) -> Manifest:
    if card is None:
        block = license_block(conclude_card_license(None))
        return Manifest(ident, AssetKind(kind), source, fetched_at, block)
    metadata: dict[str, Any] = card.metadata or {}
    task = metadata.get("pipeline_tag")
    categories = metadata.get("task_categories")
    if task is None and isinstance(categories, list) and categories:
        task = categories[0]
    return Manifest(
        id=ident,
        kind=AssetKind(kind),
        source=source,
        fetched_at=fetched_at,
        card_sha256=card.sha256 if complete else None,
        title=_text(metadata.get("pretty_name")) or _first_heading(card.body),
        description=_first_paragraph(card.body),
        license=_card_license(card, kind),
        task=_text(task),
        languages=_languages(metadata),
        datasets=tuple(_dataset_ref(d) for d in _string_list(metadata.get("datasets"))),
        base_models=_base_models(metadata),
        metrics=_metrics(metadata.get("model-index")),
        tags=tuple(sorted(set(_string_list(metadata.get("tags"))))),
        library=_text(metadata.get("library_name")),
        findings=_card_findings(card, kind) if complete else (),
    )


def _card_findings(card: Card, kind: str) -> tuple[Finding, ...]:
    from mlassets.validation.check import check_card  # the schemas: only when findings are kept

    return tuple(check_card(card, kind)[1])


def _card_license(card: Card, kind: str) -> LicenseBlock:
    """Hook (cards-12): the conclusion reads the whole card, and the block keeps what the body
    states, so that license-check can hold the asset to it."""
    conclusion, stated = conclude_whole_card(card, kind)
    body = tuple(StatedLicense(s.expression, s.line) for s in stated)
    return LicenseBlock.of(conclusion.declared, conclusion.concluded, conclusion.findings, body)


def _from_openml(asset: FetchedAsset, fetched_at: str) -> Manifest:
    fields = asset.description or {}
    return _openml_manifest(asset.ref.id, SourceName.OPENML, fields, asset.revision, fetched_at)


def from_openml_file(
    fields: dict[str, Any], ref: AssetRef, fetched_at: str, *, complete: bool = True
) -> Manifest:
    """The manifest for an OpenML description on disk (its normalised fields), named by the
    local file as a card's is; `complete=False` as for `from_card`."""
    version = fields.get("version")
    revision = str(version) if isinstance(version, int) else None
    return _openml_manifest(ref.id, SourceName.LOCAL, fields, revision, fetched_at, complete)


def _openml_manifest(
    ident: str,
    source: SourceName,
    fields: dict[str, Any],
    revision: str | None,
    fetched_at: str,
    complete: bool = True,
) -> Manifest:
    digest = findings = None
    if complete:
        import hashlib

        from mlassets.documents import openml_description
        from mlassets.schemas import validator_for
        from mlassets.schemas.findings import schema_findings

        digest = hashlib.sha256(openml_description.dumps_for_hash(fields)).hexdigest()
        findings = schema_findings(validator_for("openml-description"), fields, None)
    return Manifest(
        id=ident,
        kind=AssetKind.DATASET,
        source=source,
        fetched_at=fetched_at,
        revision=revision,
        card_sha256=digest,
        title=_text(fields.get("name")),
        description=_clip(_text(fields.get("description"))),
        license=license_block(conclude_text(fields.get("licence"))),
        languages=tuple(_string_list(fields.get("language"))),
        tags=tuple(sorted(set(_string_list(fields.get("tag"))))),
        last_modified=_text(fields.get("upload_date")),
        findings=tuple(findings or ()),
    )


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _string_list(value: Any) -> list[str]:
    if value is None or isinstance(value, dict):
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v) for v in items if v is not None and not isinstance(v, dict | list)]


def _languages(metadata: dict[str, Any]) -> tuple[str, ...]:
    """`language`, else the legacy `languages` of 2020-21 dataset cards (cards-12), whose
    per-config mapping gives the union of the configs' languages."""
    if "language" in metadata:
        return tuple(_string_list(metadata["language"]))
    legacy = metadata.get("languages")
    if isinstance(legacy, dict):
        legacy = [v for value in legacy.values() for v in _string_list(value)]
    return tuple(dict.fromkeys(_string_list(legacy)))


def _dataset_ref(name: str) -> str:
    return f"hf://datasets/{name}" if is_repo_id(name) else name


def _base_models(metadata: dict[str, Any]) -> tuple[BaseModelLink, ...]:
    declared = metadata.get("base_model_relation")
    relation = Relation(declared) if declared in tuple(Relation) else None
    return tuple(
        BaseModelLink(f"hf://{b}" if is_repo_id(b) else b, relation)
        for b in _string_list(metadata.get("base_model"))
    )


def _metrics(model_index: Any) -> tuple[EvalResult, ...]:
    rows: list[EvalResult] = []
    if not isinstance(model_index, list):
        return tuple(rows)
    for entry in model_index:
        if not isinstance(entry, dict):
            continue
        for result in entry.get("results") or []:
            if not isinstance(result, dict):
                continue
            task = _mapping(result.get("task"))
            data = _mapping(result.get("dataset"))
            for metric in result.get("metrics") or []:
                if not isinstance(metric, dict) or _text(metric.get("type")) is None:
                    continue
                value = metric.get("value")
                rows.append(
                    EvalResult(
                        model=_text(entry.get("name")),
                        task=_text(task.get("type")),
                        dataset=_text(data.get("type")),
                        dataset_config=_text(data.get("config")),
                        split=_text(data.get("split")),
                        type=str(_text(metric.get("type"))),
                        name=_text(metric.get("name")),
                        value=value
                        if isinstance(value, int | float | str | bool) or value is None
                        else str(value),
                    )
                )
    return tuple(rows)


_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _first_heading(body: str) -> str | None:
    match = _HEADING.search(body)
    return match.group(1).strip() if match else None


def _first_paragraph(body: str) -> str | None:
    """The first block of prose: not a heading, badge, HTML, table, code fence or list."""
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        text = block.strip()
        if not text or text[0] in "#<![|`>-*" or text.startswith(("```", "---")):
            continue
        return _clip(" ".join(text.split()))
    return None


def _clip(text: str | None) -> str | None:
    if text is None or len(text) <= _DESCRIPTION_LIMIT:
        return text
    return text[: _DESCRIPTION_LIMIT - 1].rstrip() + "…"
