"""Regenerate the vendored vocabularies in src/mlassets/vocab/ from their sources.

    python scripts/refresh_vocab.py --hub-docs PATH --huggingface-js PATH

- hub-licenses.json: the license table of `docs/hub/repositories-licenses.md` in a
  huggingface/hub-docs repository (a checkout or a bare mirror: files are read with `git show`).
- hub-tasks.json: the keys of PIPELINE_DATA in `packages/tasks/src/pipelines.ts` of a
  huggingface/huggingface.js repository (the source of the npm package @huggingface/tasks).
- languages.json: ISO 639-1 and 639-3 codes from the `pycountry` package (dev extra), which
  ships Debian's iso-codes tables; only the codes are vendored, so the runtime needs no package.
- hub-size-categories.json: kept by hand. The Hub publishes no machine-readable list (hub-docs
  `datasetcard.md` gives only examples); this script leaves it as it is.

A source left out is skipped. `retained` entries (values mlassets keeps accepting although the
source dropped them) are carried over from the current file: they are mlassets' decision, not
the source's. `retrieved` changes only when the values or the version do, so a refresh that
finds nothing new changes no file. `--check` exits 1 when a file would change.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
from pathlib import Path
from typing import Any

VOCAB = Path(__file__).resolve().parents[1] / "src" / "mlassets" / "vocab"
LICENSES_MD = "docs/hub/repositories-licenses.md"
PIPELINES_TS = "packages/tasks/src/pipelines.ts"
TASKS_PACKAGE = "packages/tasks/package.json"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def _revision(repo: Path, path: str) -> str:
    """The last commit that changed `path`, with its date: what the vendored list is as of."""
    return _git(repo, "log", "-1", "--format=%H (%cs)", "HEAD", "--", path).strip()


def hub_licenses(repo: Path) -> dict[str, Any]:
    text = _git(repo, "show", f"HEAD:{LICENSES_MD}")
    region = text.split("<!-- region licenses -->", 1)[1].split("<!-- endregion -->", 1)[0]
    rows = re.findall(r"^\|\s*(.+?)\s*\|\s*`([^`]+)`\s*\|", region, flags=re.MULTILINE)
    return {
        "description": "License ids a Hub card may declare in `license:`.",
        "source": f"huggingface/hub-docs {LICENSES_MD}",
        "version": _revision(repo, LICENSES_MD),
        "values": [license_id for _, license_id in rows],
        "labels": {license_id: name.replace("\\*", "*") for name, license_id in rows},
    }


def hub_tasks(repo: Path) -> dict[str, Any]:
    text = _git(repo, "show", f"HEAD:{PIPELINES_TS}")
    body = text.split("export const PIPELINE_DATA = {", 1)[1].split("} satisfies", 1)[0]
    # Top-level keys sit one tab in: `\t"text-classification": {` or `\ttranslation: {`.
    entries = re.findall(r'^\t"?([a-z0-9-]+)"?: \{\n\t\tname: "([^"]+)"', body, re.MULTILINE)
    package = json.loads(_git(repo, "show", f"HEAD:{TASKS_PACKAGE}"))
    return {
        "description": "Hub task ids: a model card's `pipeline_tag`, a dataset card's "
        "`task_categories`.",
        "source": f"huggingface/huggingface.js {PIPELINES_TS} (npm @huggingface/tasks)",
        "version": f"@huggingface/tasks {package['version']}, {_revision(repo, PIPELINES_TS)}",
        "values": [task for task, _ in entries],
        "labels": dict(entries),
    }


def languages() -> dict[str, Any]:
    import importlib.metadata

    import pycountry

    two = {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    three = {lang.alpha_3 for lang in pycountry.languages}
    # Real cards also use ISO 639-2/B codes (`ger`) and ISO 639-5 collective codes (`ber`, `zle`):
    # both are ISO 639, and the Hub accepts them, so rejecting them would be a false error.
    three |= {lang.bibliographic for lang in pycountry.languages if hasattr(lang, "bibliographic")}
    three |= {family.alpha_3 for family in pycountry.language_families}
    return {
        "description": (
            "ISO 639 language codes: 639-1 (two letters); 639-2/B, 639-3, 639-5 (three)."
        ),
        "source": "ISO 639-3 and 639-5 tables of Debian iso-codes, as shipped by PyPI pycountry",
        "version": f"pycountry {importlib.metadata.version('pycountry')}",
        "values": sorted(two) + sorted(three),
    }


def _merged(name: str, fresh: dict[str, Any], today: str) -> dict[str, Any]:
    path = VOCAB / f"{name}.json"
    old: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    same = all(old.get(k) == fresh[k] for k in ("source", "version", "values"))
    new = {
        "name": name,
        **fresh,
        "retrieved": old["retrieved"] if same and "retrieved" in old else today,
    }
    if old.get("retained"):
        new["retained"] = old["retained"]
    return new


def render(data: dict[str, Any]) -> str:
    # One value per line keeps a refresh's diff to the values that changed.
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub-docs", type=Path, help="a huggingface/hub-docs repository")
    parser.add_argument("--huggingface-js", type=Path, help="a huggingface/huggingface.js repo")
    parser.add_argument("--no-languages", action="store_true", help="leave languages.json")
    parser.add_argument("--check", action="store_true", help="exit 1 if a file would change")
    args = parser.parse_args(argv)
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    fresh: dict[str, dict[str, Any]] = {}
    if args.hub_docs:
        fresh["hub-licenses"] = hub_licenses(args.hub_docs)
    if args.huggingface_js:
        fresh["hub-tasks"] = hub_tasks(args.huggingface_js)
    if not args.no_languages:
        fresh["languages"] = languages()
    stale = []
    for name, data in fresh.items():
        path = VOCAB / f"{name}.json"
        text = render(_merged(name, data, today))
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    print(("stale: " if args.check else "written: ") + (", ".join(stale) or "none"))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
