"""The web catalog's fixtures: the example collection plus a hostile card, indexed; a served
catalog; a hostile card's markers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mlassets.catalog import index_manifests
from mlassets.core.refs import AssetRef
from mlassets.documents.card import read_card
from mlassets.manifests.build import from_card
from mlassets.manifests.store import write_manifest
from tests.support.serving import REPO, example_manifests

# Each payload sets `window.pwned` (or opens a dialog) if it ever runs in a browser.
HOSTILE_CARD = """---
license: mit
tags: ["<script>window.pwned='tag'</script>", "x\\" onmouseover=\\"window.pwned='attr'"]
pipeline_tag: text-classification
---
# Evil <script>window.pwned='title'</script> model

A <b onmouseover="window.pwned='b'">model</b> for <script>window.pwned='body'</script>reviews.
Click [here](javascript:window.pwned='md-link') or <a href="javascript:window.pwned='a'">there</a>.

<img src=x onerror="window.pwned='img'">
<div onclick="window.pwned='div'" style="background:url(javascript:alert(1))">raw html</div>
<iframe src="javascript:window.pwned='iframe'"></iframe>
<svg onload="window.pwned='svg'"><script>window.pwned='svg-script'</script></svg>
[data](data:text/html,<script>window.pwned='data'</script>)
<form action="javascript:window.pwned='form'"><button>go</button></form>
<style>body { display: none }</style>
"""
BOT = str(REPO / "examples" / "cards" / "models" / "acme-support-bot.md")


@pytest.fixture(scope="session")
def web_collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(manifest folder, hostile card id): the examples and a hostile local card, curated."""
    root = tmp_path_factory.mktemp("web")
    manifests = example_manifests(root / "m")
    card = root / "evil-model.md"
    card.write_text(HOSTILE_CARD)
    ref = AssetRef("local", None, str(card))
    write_manifest(from_card(read_card(card, str(card)), ref, "2026-01-01T00:00:00Z"), manifests)
    return manifests, str(card)


@pytest.fixture(scope="session")
def web_db(web_collection: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web-db") / "catalog.db"
    index_manifests([web_collection[0]], db)
    return db


@pytest.fixture(params=["sqlite", "postgresql"])
def web_target(
    request: pytest.FixtureRequest, web_db: Path, web_collection: tuple[Path, str]
) -> Iterator[str]:
    """The catalog the web tests serve: the SQLite file, then the same in PostgreSQL."""
    if request.param == "sqlite":
        yield str(web_db)
        return
    from mlassets.catalog import Catalog

    url: str = request.getfixturevalue("pg_url")
    with Catalog.open(url, create=True) as catalog:
        catalog.index([web_collection[0]])
    yield url
