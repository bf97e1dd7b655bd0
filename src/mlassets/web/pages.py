"""The HTML pages: search with facets, an asset (or dataset), the audit.

Each handler reads the catalog through the pool (on a worker thread) and renders a Jinja2
template with autoescaping on; the only markup not escaped is card Markdown after render.py
sanitised it, and the lineage SVG, whose texts svg.py escapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from mlassets.catalog import AssetRecord, Catalog, Evaluation, LineageGraph
from mlassets.catalog.query import FILTERS
from mlassets.core.errors import MlassetsError
from mlassets.core.findings import Finding
from mlassets.licenses.classify import LicenseClass, classify
from mlassets.manifests.model import FileEntry
from mlassets.manifests.store import load_manifest
from mlassets.web.render import local_card, markdown_html
from mlassets.web.svg import asset_href, lineage_svg

SEARCH_LIMIT = 50
LINEAGE_DEPTH = 4


def filters_of(request: Request) -> dict[str, str]:
    return {k: request.query_params[k] for k in FILTERS if request.query_params.get(k)}


def _link(query: str, filters: dict[str, str], **change: str | None) -> str:
    params = {"q": query, **filters, **change}
    return "/?" + urlencode({k: v for k, v in params.items() if v})


def _render(request: Request, template: str, context: dict[str, Any]) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)


async def search_page(request: Request) -> Response:
    app = request.app.state
    query = request.query_params.get("q", "")
    filters = filters_of(request)

    def read(catalog: Catalog) -> tuple[Any, Any]:
        return catalog.search(query, filters, SEARCH_LIMIT), catalog.facets(query, filters)

    result, facets = await app.pool.run(read)
    facet_links = {
        facet: [
            (value, count, _link(query, filters, **{facet: None if filters.get(facet) else value}))
            for value, count in values
        ]
        for facet, values in facets.items()
    }
    context = {
        "query": query,
        "filters": filters,
        "result": result,
        "facets": facet_links,
        "href": asset_href,
        "clear": {f: _link(query, filters, **{f: None}) for f in filters},
    }
    return _render(request, "search.html", context)


@dataclass(frozen=True)
class ManifestDetails:
    """What only the manifest file holds (files, findings), when it is readable here."""

    files: tuple[FileEntry, ...]
    license_findings: tuple[Finding, ...]
    findings: tuple[Finding, ...]
    declared: tuple[str, ...]


def manifest_details(record: AssetRecord) -> ManifestDetails | None:
    if not record.manifest_path:
        return None
    try:
        manifest = load_manifest(Path(record.manifest_path))
    except (MlassetsError, OSError):
        return None  # indexed elsewhere (a shared PostgreSQL catalog), or moved since
    if manifest.id != record.id:
        return None
    block = manifest.license
    return ManifestDetails(manifest.files, block.findings, manifest.findings, block.declared)


@dataclass(frozen=True)
class AssetView:
    record: AssetRecord
    graph: LineageGraph
    evaluations: tuple[Evaluation, ...]
    license_class: LicenseClass
    details: ManifestDetails | None
    card_html: str
    card_from_file: bool


def asset_view(catalog: Catalog, ref: str) -> AssetView:
    record = catalog.asset(ref)
    graph = catalog.lineage_graph(record.id, up=True, down=True, depth=LINEAGE_DEPTH)
    evaluations = catalog.evaluated_on(record.id) if record.kind == "dataset" else ()
    body = local_card(record.id, record.card_sha256)
    text = body if body is not None else (record.description or "")
    return AssetView(
        record,
        graph,
        evaluations,
        classify(record.license or "NOASSERTION"),
        manifest_details(record),
        markdown_html(text),
        body is not None,
    )


async def asset_page(request: Request) -> Response:
    app = request.app.state
    ref = request.query_params.get("id", "")
    view: AssetView = await app.pool.run(lambda catalog: asset_view(catalog, ref))
    context = {"view": view, "svg": lineage_svg(view.graph), "href": asset_href}
    return _render(request, "asset.html", context)


async def audit_page(request: Request) -> Response:
    app = request.app.state
    audit = await app.pool.run(lambda catalog: catalog.audit(top=25))
    return _render(request, "audit.html", {"audit": audit, "search": _link})
