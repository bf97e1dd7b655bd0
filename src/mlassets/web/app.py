"""The web catalog as an ASGI app (Starlette): `create_app(target)`; `mlassets serve` runs it.

Every response carries a strict Content-Security-Policy: no script source at all (the pages use
none; a card's script could not run even if one slipped through the sanitiser), styles and
images from this server only, no framing, no form posts elsewhere. Errors become a status and
one line: 404 for an unknown asset, 400 for a malformed parameter, 503 when the catalog fails.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mlassets.catalog import AssetNotFoundError
from mlassets.core.errors import MlassetsError, UsageError
from mlassets.web import api, pages
from mlassets.web.pool import CatalogPool

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds HEADERS to every HTTP response (pure ASGI: no per-request task or buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def _folder(name: str) -> Path:
    return Path(str(resources.files("mlassets.web").joinpath(name)))


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"schema_version": 1, "error": message}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    context = {"status": status, "message": message}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


async def _on_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, AssetNotFoundError):
        return _error(request, 404, str(exc))
    if isinstance(exc, UsageError):
        return _error(request, 400, str(exc))
    return _error(request, 503, str(exc))  # the catalog cannot be read: a server-side failure


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error(request, 404, "no such page")


def create_app(target: Path | str, *, pool_size: int = 8) -> Starlette:
    """The web catalog over the catalog at `target` (a SQLite file or a postgresql:// URL)."""
    pool = CatalogPool(target, pool_size)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        pool.close()

    environment = Environment(
        loader=FileSystemLoader(_folder("templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    routes = [
        Route("/", pages.search_page),
        Route("/asset", pages.asset_page),
        Route("/audit", pages.audit_page),
        Route("/api/search", api.search),
        Route("/api/asset", api.asset),
        Route("/api/lineage", api.lineage),
        Route("/api/evaluations", api.evaluations),
        Route("/api/audit", api.audit),
        Route("/api/openapi.json", api.openapi),
        Mount("/static", StaticFiles(directory=_folder("static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={MlassetsError: _on_error, 404: _not_found},
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.templates = Jinja2Templates(env=environment)
    app.add_middleware(SecurityHeaders)
    return app
