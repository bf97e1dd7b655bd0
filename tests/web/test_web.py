"""The web catalog in process (Starlette's TestClient over the real app and a real catalog, on
SQLite and on PostgreSQL): pages, facets, the JSON API, errors, and hostile card text."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from mlassets.web.app import CSP, create_app
from tests.web.conftest import BOT


@pytest.fixture
def client(web_target: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_target)) as test_client:
        yield test_client


class Markup(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> Markup:
    markup = Markup()
    markup.feed(html)
    return markup


def text_of(html: str) -> str:
    """The page's text, its whitespace collapsed."""
    return " ".join(" ".join(parsed(html).text).split()).replace(" ,", ",")


def executable(html: str) -> list[str]:
    """Whatever in the page a browser could run: script-like tags, event handler attributes,
    and `javascript:`/`data:` URLs in any attribute."""
    found = []
    for tag, attrs in parsed(html).tags:
        ours = (tag == "meta" and set(attrs) <= {"charset", "name", "content"}) or (
            tag == "form" and attrs.get("action") == "/"  # the page's own search box
        )
        if (
            tag in ("script", "iframe", "object", "embed", "form", "style", "base", "meta")
            and not ours
        ):
            found.append(tag)
        for name, value in attrs.items():
            if name.startswith("on") or name in ("style", "srcdoc"):
                found.append(f"{tag} {name}")
            if (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{tag} {name}={value}")
    return found


def asset_url(asset_id: str) -> str:
    return "/asset?id=" + quote(asset_id, safe="")


def test_search_shows_hits_and_counts_per_facet_value(client: TestClient) -> None:
    page = client.get("/", params={"q": "support"})
    assert page.status_code == 200
    markup = parsed(page.text)
    links = [a.get("href") for tag, a in markup.tags if tag == "a"]
    assert asset_url(BOT) in links
    assert asset_url("hf://datasets/acme/support-chats-nc") in links
    text = text_of(page.text)
    assert "3 result(s) for support, all words" in text
    assert "model 2" in text and "dataset 1" in text  # kind facet with its counts
    narrowed = client.get("/", params={"q": "support", "kind": "dataset"}).text
    assert "1 result(s) for" in narrowed and "kind: dataset ✕" in narrowed


def test_the_asset_page_shows_license_lineage_rules_and_card(client: TestClient) -> None:
    page = client.get(asset_url(BOT))
    assert page.status_code == 200
    text = text_of(page.text)
    assert "ACME support bot" in text and "Apache-2.0 permissive (spdx)" in text
    assert "commercial use allowed" in text
    # The lineage, as SVG and as a table, with the rules that fire on each edge.
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="lineage"' in page.text
    assert "trained_on G101:error" in page.text and "finetune G104:error" in page.text
    assert asset_url("hf://meta-llama/Llama-2-7b-hf") in page.text
    # A local card whose hash matches is read from its file; its Markdown is rendered.
    assert "The card file, as indexed" in text
    assert "<code>mlassets license-check</code>" in page.text


def test_a_dataset_page_lists_the_models_evaluated_on_it(client: TestClient) -> None:
    page = client.get(asset_url("hf://datasets/acme/product-reviews"))
    assert page.status_code == 200 and "Models evaluated on this dataset" in page.text
    rows = client.get("/api/evaluations", params={"id": "hf://datasets/acme/product-reviews"})
    models = {e["model"] for e in rows.json()["evaluations"]}
    assert models and all(asset_url(m) in page.text for m in models)


def test_the_audit_page_shows_shares_and_licenses(client: TestClient) -> None:
    page = client.get("/audit")
    text = text_of(page.text)
    audit = client.get("/api/audit").json()
    assert f"{audit['assets']} asset(s)" in text
    assert f"with card {audit['counts']['with_card']}" in text
    assert "CC-BY-NC-4.0 non-commercial 1" in text


def test_the_api_is_read_only_json_with_an_openapi_document(client: TestClient) -> None:
    search = client.get("/api/search", params={"q": "llama", "kind": "model", "facets": "1"}).json()
    assert (
        search["schema_version"] == 1 and search["hits"][0]["id"] == "hf://meta-llama/Llama-2-7b-hf"
    )
    assert {"value": "model", "assets": len(search["hits"])} in search["facets"]["kind"]
    assert "facets" not in client.get("/api/search", params={"q": "llama"}).json()
    lineage = client.get("/api/lineage", params={"id": BOT}).json()
    assert {e["violation"] for e in lineage["edges"]} == {"G101:error", "G104:error"}
    assert client.get("/api/asset", params={"id": BOT}).json()["license"] == "Apache-2.0"
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.") and "/api/search" in document["paths"]
    assert client.post("/api/search").status_code == 405
    assert client.delete("/api/asset", params={"id": BOT}).status_code == 405


def test_errors_are_statuses_with_one_line(client: TestClient) -> None:
    missing = client.get("/api/asset", params={"id": "hf://nobody/nothing"})
    assert missing.status_code == 404 and "not in the catalog" in missing.json()["error"]
    assert client.get(asset_url("hf://nobody/nothing")).status_code == 404
    bad = client.get("/api/search", params={"limit": "lots"})
    assert bad.status_code == 400 and "limit" in bad.json()["error"]
    assert client.get("/api/search", params={"colour": "red"}).status_code == 200  # not a facet
    assert client.get("/no/such/page").status_code == 404


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/", asset_url(BOT), "/audit", "/api/audit", "/static/style.css", "/nowhere"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src" not in CSP and "default-src 'none'" in CSP


def test_hostile_card_text_is_served_inert(
    client: TestClient, web_collection: tuple[Path, str]
) -> None:
    _, evil = web_collection
    search = client.get("/", params={"q": "evil"})
    assert asset_url(evil) in search.text
    page = client.get(asset_url(evil))
    assert page.status_code == 200
    for html in (search.text, page.text, client.get("/", params={"q": "reviews"}).text):
        assert executable(html) == []
        assert "<script" not in html.lower()
    # The card's text is shown, as text: the markup is escaped or dropped, never run.
    assert "Evil &lt;script&gt;window.pwned=&#39;title&#39;&lt;/script&gt; model" in page.text
    assert "The card file, as indexed" in page.text
    assert ">here</a>" not in page.text  # the javascript: link lost its href ...
    assert "here" in page.text  # ... and kept its text
