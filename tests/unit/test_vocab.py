"""The vendored vocabularies: well-formed, current with their sources, and what schemas use."""

from __future__ import annotations

import datetime
import importlib.util
import itertools
import re
import string
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from mlassets.vocab import NAMES, language_codes, language_pattern, load_vocabulary

REPO = Path(__file__).resolve().parents[2]


def _refresh_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "refresh_vocab", REPO / "scripts/refresh_vocab.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", NAMES)
def test_every_vocabulary_says_where_and_when_it_came_from(name: str) -> None:
    vocab = load_vocabulary(name)
    assert vocab.source and vocab.version
    assert (
        datetime.date.fromisoformat(vocab.retrieved) <= datetime.datetime.now(datetime.UTC).date()
    )
    assert vocab.values and len(set(vocab.accepted)) == len(vocab.accepted)
    assert all(reason for _, reason in vocab.retained)


def test_language_codes_are_iso_639_1_and_639_3_only() -> None:
    codes = language_codes()
    assert {"en", "fr", "eng", "fra", "zho", "und"} <= codes
    assert (
        not {"xx", "jb", "qqq", "multilingual", "code"} & codes
    )  # not ISO 639 (qaa-qtz is private use)
    assert sum(len(c) == 2 for c in codes) == 184  # ISO 639-1 has 184 codes
    assert all(re.fullmatch(r"[a-z]{2,3}", c) for c in codes)


def test_the_language_pattern_accepts_exactly_the_codes_with_bcp47_subtags() -> None:
    pattern = re.compile(language_pattern())
    accepted = language_codes() | {"code"}  # and the Hub's retained special value
    for length in (1, 2, 3, 4):
        for letters in itertools.product(string.ascii_lowercase, repeat=length):
            word = "".join(letters)
            assert bool(pattern.search(word)) == (word in accepted), word
    assert all(pattern.search(tag) for tag in ("pt-BR", "zh-Hant", "en-US", "multilingual", "code"))
    assert not any(pattern.search(tag) for tag in ("xx-YY", "EN", "en-", "en-x", "multilingual-x"))


def test_languages_json_is_what_pycountry_ships() -> None:
    fresh = _refresh_script().languages()
    assert fresh["values"] == list(load_vocabulary("languages").values), (
        "pycountry's ISO 639 tables changed: run scripts/refresh_vocab.py"
    )


def _git_repo(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    env = ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    subprocess.run(["git", "-C", str(root), *env, "commit", "-qm", "x"], check=True)
    return root


def test_refresh_reads_the_hub_license_table_and_the_pipeline_keys(tmp_path: Path) -> None:
    script = _refresh_script()
    docs = _git_repo(
        tmp_path / "hub-docs",
        {
            script.LICENSES_MD: "| Fullname | id |\n| --- | --- |\n| Not this | `x` |\n"
            "<!-- region licenses -->\n| Fullname | License identifier |\n| --- | --- |\n"
            "| Apache license 2.0 | `apache-2.0` |\n"
            "| Do What The F\\*ck | `wtfpl` | <!-- info: x -->\n<!-- endregion -->\n",
        },
    )
    licenses = script.hub_licenses(docs)
    assert licenses["values"] == ["apache-2.0", "wtfpl"]
    assert licenses["labels"]["wtfpl"] == "Do What The F*ck"
    assert re.fullmatch(r"[0-9a-f]{40} \(\d{4}-\d\d-\d\d\)", licenses["version"])

    js = _git_repo(
        tmp_path / "huggingface.js",
        {
            script.TASKS_PACKAGE: '{"name": "@huggingface/tasks", "version": "9.9.9"}',
            script.PIPELINES_TS: "export const PIPELINE_DATA = {\n"
            '\t"text-classification": {\n\t\tname: "Text Classification",\n'
            '\t\tsubtasks: [\n\t\t\t{\n\t\t\t\ttype: "not-a-task",\n\t\t\t\tname: "No",\n'
            "\t\t\t},\n\t\t],\n\t},\n"
            '\ttranslation: {\n\t\tname: "Translation",\n\t},\n'
            "} satisfies Record<string, PipelineData>;\n",
        },
    )
    tasks = script.hub_tasks(js)
    assert tasks["values"] == ["text-classification", "translation"]
    assert tasks["version"].startswith("@huggingface/tasks 9.9.9, ")


def _marked(node: object, key: str) -> list[dict[str, object]]:
    """Every schema node that carries `key`, depth first."""
    if isinstance(node, list):
        return [found for item in node for found in _marked(item, key)]
    if not isinstance(node, dict):
        return []
    own = [node] if key in node else []
    return own + [found for value in node.values() for found in _marked(value, key)]


def test_schema_vocabularies_are_the_vocab_files() -> None:
    from mlassets.schemas import BUILTIN, load_schema

    used: dict[str, set[str]] = {}
    for name in BUILTIN:
        for node in _marked(load_schema(name), "x-mlassets-vocab"):
            vocab = str(node["x-mlassets-vocab"])
            used.setdefault(name, set()).add(vocab)
            if vocab == "languages":
                assert node["pattern"] == language_pattern(), name
            else:
                assert node["enum"] == list(load_vocabulary(vocab).accepted), (name, vocab)
    both = {"hub-licenses", "hub-tasks", "languages"}
    assert used == {"hub-model-card": both, "hub-dataset-card": both | {"hub-size-categories"}}


def test_schema_enums_taken_from_code_are_that_code() -> None:
    import importlib

    from mlassets.schemas import BUILTIN, load_schema

    seen = 0
    for name in BUILTIN:
        for node in _marked(load_schema(name), "x-mlassets-enum"):
            module, constant = str(node["x-mlassets-enum"]).split(":")
            assert node["enum"] == list(getattr(importlib.import_module(module), constant))
            seen += 1
    assert seen == 3  # the license category in manifest, license-normalize, license-check-report
