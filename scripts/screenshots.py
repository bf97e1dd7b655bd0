"""Screenshots of the web catalog's main pages (search, asset, audit) into docs/.

The example cards and manifests are indexed into a scratch catalog, `mlassets serve` runs on it,
and the system's Chromium (Debian's `chromium` package, driven by Playwright; never
`playwright install`) opens each page headless.

    .venv/bin/python scripts/screenshots.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.realparts import CHROMIUM_FLAGS, chromium_path  # noqa: E402
from tests.support.serving import example_manifests, serving  # noqa: E402

BOT = str(REPO / "examples" / "cards" / "models" / "acme-support-bot.md")
PAGES = {
    "web-search.png": "/?q=support",
    "web-asset.png": "/asset?id=" + quote(BOT, safe=""),
    "web-audit.png": "/audit",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=chromium_path())
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args()
    if not args.chromium:
        sys.exit("no Chromium here: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    from mlassets.catalog import index_manifests

    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "catalog.db"
        index_manifests([example_manifests(Path(scratch) / "m")], db)
        with serving(str(db)) as (url, _), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in PAGES.items():
                page.goto(url + path)
                page.screenshot(path=str(args.out / name), full_page=True)
                print(args.out / name)
            browser.close()


if __name__ == "__main__":
    main()
