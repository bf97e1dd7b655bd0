"""The web catalog in a real headless Chromium (the system's, driven by Playwright), served by
`mlassets serve` in a subprocess: search, open an asset, read its license and lineage, follow a
lineage edge; and a hostile card whose scripts must not run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.realparts import CHROMIUM_FLAGS, chromium_path, missing
from tests.support.serving import serving


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        missing("no Chromium here (apt-get install -y chromium, or set MLASSETS_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(web_db: Path) -> Iterator[str]:
    with serving(str(web_db)) as (url, _):
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def test_search_open_an_asset_and_follow_its_lineage(page: Any, site: str) -> None:
    page.goto(site + "/")
    page.fill("input[name=q]", "support bot")
    page.click("button[type=submit]")
    page.wait_for_url("**/?q=support+bot")
    page.click("a.hit-id:has-text('ACME support bot')")
    page.wait_for_url("**/asset?id=*")
    assert page.inner_text("h1.asset-title") == "ACME support bot"
    assert page.inner_text("#concluded-license") == "Apache-2.0"
    graph = page.locator("svg.lineage")
    assert graph.is_visible()
    assert graph.locator("g.edge.violation").count() == 2
    rules = page.locator("table.edges tr.violation td:last-child").all_inner_texts()
    assert sorted(rules) == ["G101:error", "G104:error"]
    # Follow the edge to the base model, through the graph's node link.
    page.locator("svg.lineage a.node", has_text="meta-llama/Llama-2-7b-hf").click()
    page.wait_for_url("**/asset?id=hf%3A%2F%2Fmeta-llama%2FLlama-2-7b-hf")
    assert page.inner_text("#concluded-license") == "LicenseRef-scancode-llama-2-license-2023"
    # Down the other way: the bot is among what came from it; follow that edge back.
    page.locator("table.edges a.edge-child", has_text="acme-support-bot.md").first.click()
    page.wait_for_url("**/asset?id=*acme-support-bot.md")
    assert page.inner_text("h1.asset-title") == "ACME support bot"


def test_a_facet_narrows_the_search(page: Any, site: str) -> None:
    page.goto(site + "/?q=support")
    before = page.locator("li.hit").count()
    page.click("section.facet[data-facet=kind] a:has-text('dataset')")
    page.wait_for_url("**kind=dataset")
    assert before == 3 and page.locator("li.hit").count() == 1


def test_no_script_from_a_hostile_card_runs(
    page: Any, site: str, web_collection: tuple[Path, str]
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # The control: on a page without our headers, this check does see a handler that ran.
    page.set_content("<img src=x onerror=\"window.pwned='control'\">")
    page.wait_for_function("window.pwned === 'control'")
    page.goto(site + "/?q=evil")
    page.click("a.hit-id")
    page.wait_for_url("**/asset?id=*evil-model.md")
    assert "Evil <script>" in page.inner_text("h1.asset-title")  # shown as text
    card = page.locator("article.card-body")
    assert "raw html" in card.inner_text()
    for element in card.locator("*").all():  # hover and click whatever the card made
        if element.is_visible():
            element.hover()
            element.click(no_wait_after=True, force=True)
    page.goto(site + "/asset?id=" + web_collection[1].replace("/", "%2F"))
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('iframe, object, embed').length") == 0
    assert dialogs == []
