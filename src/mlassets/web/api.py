"""The read-only JSON API under /api/, and its OpenAPI document (/api/openapi.json).

Every answer is the `to_json()` of a catalog result type: the same documents the CLI prints with
`--json` (`schema_version` 1). Only GET exists; anything else is 405.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mlassets.catalog import Catalog
from mlassets.catalog.query import FILTERS
from mlassets.core.errors import UsageError
from mlassets.core.version import __version__
from mlassets.web.pages import filters_of


def _int(request: Request, name: str, default: int, top: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= top:
        raise UsageError(f"{name} must be a whole number from 1 to {top}")
    return int(raw)


def _flag(request: Request, name: str, default: bool) -> bool:
    raw = request.query_params.get(name)
    return default if raw is None else raw.lower() in ("1", "true", "yes")


async def search(request: Request) -> Response:
    query = request.query_params.get("q", "")
    filters = filters_of(request)
    limit = _int(request, "limit", 20, 1000)
    with_facets = _flag(request, "facets", False)  # counting is the costly part: on request

    def read(catalog: Catalog) -> dict[str, Any]:
        result = catalog.search(query, filters, limit).to_json()
        if not with_facets:
            return result
        facets = catalog.facets(query, filters)
        result["facets"] = {
            facet: [{"value": v, "assets": n} for v, n in values]
            for facet, values in facets.items()
        }
        return result

    return JSONResponse(await request.app.state.pool.run(read))


async def asset(request: Request) -> Response:
    ref = request.query_params.get("id", "")
    record = await request.app.state.pool.run(lambda catalog: catalog.asset(ref))
    return JSONResponse(record.to_json())


async def lineage(request: Request) -> Response:
    ref = request.query_params.get("id", "")
    up, down = _flag(request, "up", True), _flag(request, "down", False)
    depth = _int(request, "depth", 5, 100)
    graph = await request.app.state.pool.run(
        lambda catalog: catalog.lineage_graph(ref, up=up, down=down, depth=depth)
    )
    return JSONResponse(graph.to_json())


async def evaluations(request: Request) -> Response:
    ref = request.query_params.get("id", "")
    found = await request.app.state.pool.run(lambda catalog: catalog.evaluated_on(ref))
    rows = [{"model": e.model, "metric": e.metric, "value": e.value} for e in found]
    return JSONResponse({"schema_version": 1, "dataset": ref, "evaluations": rows})


async def audit(request: Request) -> Response:
    result = await request.app.state.pool.run(lambda catalog: catalog.audit())
    return JSONResponse(result.to_json())


def _parameter(name: str, description: str, kind: str = "string", required: bool = False) -> Any:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": {"type": kind},
    }


def _operation(summary: str, parameters: list[Any]) -> Any:
    return {
        "get": {
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": {"description": "a JSON document with schema_version 1"},
                "400": {"description": "a malformed parameter"},
                "404": {"description": "the id names no asset in the catalog"},
            },
        }
    }


def openapi_document() -> dict[str, Any]:
    asset_id = _parameter("id", "an asset id, e.g. hf://acme/model", required=True)
    facets = [_parameter(f, f"facet filter: {f}") for f in FILTERS]
    paths = {
        "/api/search": _operation(
            "Ranked full-text search with facet filters, and counts per facet value",
            [
                _parameter("q", "words (no syntax)"),
                *facets,
                _parameter("limit", "1-1000", "integer"),
                _parameter("facets", "also count the hits per facet value", "boolean"),
            ],
        ),
        "/api/asset": _operation("One asset as the catalog holds it", [asset_id]),
        "/api/lineage": _operation(
            "The lineage graph, with the license rules that fire on each edge",
            [
                asset_id,
                _parameter("up", "ancestors (default true)", "boolean"),
                _parameter("down", "descendants (default false)", "boolean"),
                _parameter("depth", "1-100 (default 5)", "integer"),
            ],
        ),
        "/api/evaluations": _operation("The models evaluated on a dataset", [asset_id]),
        "/api/audit": _operation("Documentation and license shares of the collection", []),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "mlassets catalog", "version": __version__},
        "paths": paths,
    }


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document())
