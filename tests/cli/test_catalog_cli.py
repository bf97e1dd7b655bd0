"""`index`, `search`, `lineage`, `recommend` and `audit` end to end, on examples/ and the corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mlassets.schemas import validator_for
from tests.conftest import REPO, corpus_or_skip


def valid(schema: str, text: str) -> dict:  # type: ignore[type-arg]
    document = json.loads(text)
    errors = [e.message for e in validator_for(schema).iter_errors(document)]
    assert errors == [], errors
    return document  # type: ignore[no-any-return]


def examples_catalog(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("fetch", str(REPO / "examples" / "cards"), "--out", "m").code == 0
    for path in (REPO / "examples" / "manifests").glob("*.json"):
        shutil.copy(path, tmp_path / "m")
    result = run_cli("index", "m")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("mlassets.db: 15 added, 0 updated, 0 unchanged")


def test_examples_search_lineage_recommend_audit(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    examples_catalog(run_cli, tmp_path)
    again = run_cli("index", "m", "--json")
    assert valid("catalog-index", again.stdout)["unchanged"] == 15

    llama = valid("catalog-search", run_cli("search", "llama", "--kind", "model", "--json").stdout)
    assert llama["hits"][0]["id"] == "hf://meta-llama/Llama-2-7b-hf"
    nc = json.loads(run_cli("search", "--license-category", "non-commercial", "--json").stdout)
    assert {h["license"] for h in nc["hits"]} == {"CC-BY-NC-4.0", "CC-BY-NC-SA-4.0"}
    table = run_cli("search", "support chats")
    assert (
        table.code == 0
        and table.stdout.splitlines()[1].split("\t")[1] == "hf://datasets/acme/support-chats-nc"
    )
    odd = run_cli("search", 'c++ "AND (')
    assert odd.code == 0 and "Traceback" not in odd.stderr

    bot = str(REPO / "examples" / "cards" / "models" / "acme-support-bot.md")
    tree = run_cli("lineage", bot)
    assert tree.code == 0
    assert (
        "trained_on: hf://datasets/acme/support-chats-nc [CC-BY-NC-4.0]  !! G101:error"
        in tree.stdout
    )
    down = run_cli("lineage", "hf://meta-llama/Llama-2-7b-hf", "--down", "--format", "json")
    children = {e["child"] for e in valid("catalog-lineage", down.stdout)["edges"]}
    assert children == {bot, str(REPO / "examples" / "cards" / "models" / "acme-chat-adapter.md")}
    assert run_cli("lineage", bot, "--format", "mermaid").stdout.startswith("flowchart BT")
    assert run_cli("lineage", bot, "--format", "dot").stdout.startswith("digraph lineage {")

    product = str(REPO / "examples" / "cards" / "datasets" / "acme-product-reviews.md")
    data = json.loads(
        run_cli("recommend", "datasets", "--for", bot, "--use", "commercial", "--json").stdout
    )
    assert data["ranked"][0]["id"] == product
    assert [r["id"] for r in data["rejected"]] == [
        str(REPO / "examples" / "cards" / "datasets" / "acme-legacy-card.md")
    ]
    gone = run_cli("recommend", "models", "--for", "hf://datasets/acme/product-reviews")
    assert gone.code == 2  # replaced by `select models`

    report = valid("catalog-audit", run_cli("audit", "--json").stdout)
    assert report["assets"] == 15 and report["counts"]["with_lineage_conflicts"] == 1
    assert run_cli("audit", "m").stdout == run_cli("audit").stdout  # a directory, or the catalog


def test_catalog_errors_are_one_line(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = run_cli("search", "x", "--db", "nowhere.db")
    assert missing.code == 2
    assert (
        missing.stderr.strip()
        == "mlassets: error: nowhere.db: no catalog here; build one with `mlassets index DIR`"
    )
    (tmp_path / "junk.db").write_text("not sqlite" * 200)
    assert run_cli("search", "x", "--db", "junk.db").code == 2
    assert run_cli("index", "no-such-dir").code == 2
    assert run_cli("lineage", "hf://nobody/nothing", "--db", "junk.db").code == 2


def test_corpus_manifests_index_and_answer(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = corpus_or_skip()
    assert run_cli("fetch", str(corpus), "--out", "corpus-manifests").code in (0, 1)
    result = run_cli("index", "corpus-manifests", "--json")
    assert result.code == 0, result.stderr
    added = json.loads(result.stdout)["added"]
    assert added > 300
    squad = json.loads(run_cli("search", "squad question answering", "--json").stdout)
    assert squad["hits"] and "squad" in squad["hits"][0]["id"].lower()
    audit = json.loads(run_cli("audit", "--json").stdout)
    assert audit["assets"] == added and 0 < audit["shares"]["with_license"] < 1
