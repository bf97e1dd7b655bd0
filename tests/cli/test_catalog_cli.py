"""`index`, `search`, `lineage`, `recommend` and `audit` end to end, on examples/ and the corpus."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from mlassets.core.refs import AssetRef
from mlassets.documents.card import read_card
from mlassets.io.discovery import collect, is_card_file
from mlassets.manifests.build import from_card
from mlassets.manifests.store import write_manifest
from mlassets.schemas import validator_for
from tests.conftest import REPO, corpus_or_skip


def curated(cards: Path, out: Path) -> int:
    """Manifests for a directory of cards, as `mlassets fetch DIR --out OUT` writes them (built
    here through the core, so that these tests do not depend on the fetch command)."""
    count = 0
    for path, name in collect([cards], is_card_file):
        ref = AssetRef("local", None, name)
        write_manifest(from_card(read_card(path, name), ref, "2026-01-01T00:00:00Z"), out)
        count += 1
    return count


def valid(schema: str, text: str) -> dict:  # type: ignore[type-arg]
    document = json.loads(text)
    errors = [e.message for e in validator_for(schema).iter_errors(document)]
    assert errors == [], errors
    return document  # type: ignore[no-any-return]


def examples_catalog(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "m").mkdir()
    assert curated(REPO / "examples" / "cards", tmp_path / "m") == 11
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
    assert run_cli("index", "no-such-dir").code == 2
    # A file that is not a catalog is an operational error (3), named on one line.
    (tmp_path / "junk.db").write_text("not sqlite" * 200)
    for args in (("search", "x"), ("lineage", "hf://nobody/nothing"), ("audit",)):
        junk = run_cli(*args, "--db", "junk.db")
        assert junk.code == 3
        assert junk.stderr.startswith(
            "mlassets: error: junk.db: not a catalog (file is not a database)"
        )
        assert len(junk.stderr.strip().splitlines()) == 1
    assert run_cli("index", str(REPO / "examples" / "manifests"), "--db", "junk.db").code == 3


def test_an_unknown_reference_is_a_usage_error(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("index", str(REPO / "examples" / "manifests")).code == 0
    for args in (
        ("lineage", "hf://nobody/nothing"),
        ("recommend", "datasets", "--for", "hf://nobody/nothing"),
    ):
        result = run_cli(*args)
        assert (result.code, result.stderr) == (
            2,
            "mlassets: error: hf://nobody/nothing: not in the catalog mlassets.db\n",
        )
    board = run_cli("leaderboard", "hf://nobody/nothing")
    assert (board.code, board.stderr) == (
        2,
        "mlassets: error: hf://nobody/nothing: not in the catalog\n",
    )


def test_a_locked_catalog_says_locked(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("index", str(REPO / "examples" / "manifests")).code == 0
    holder = sqlite3.connect(tmp_path / "mlassets.db")  # another process in the middle of a write
    try:
        holder.execute("BEGIN EXCLUSIVE")
        locked = run_cli("search", "llama")
    finally:
        holder.close()
    assert locked.code == 3
    assert locked.stderr.startswith(
        "mlassets: error: mlassets.db: the catalog is locked (database is locked)"
    )
    assert run_cli("search", "llama").code == 0


def test_corpus_manifests_index_and_answer(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = corpus_or_skip()
    (tmp_path / "corpus-manifests").mkdir()
    assert curated(corpus, tmp_path / "corpus-manifests") > 300
    result = run_cli("index", "corpus-manifests", "--json")
    assert result.code == 0, result.stderr
    added = json.loads(result.stdout)["added"]
    assert added > 300
    squad = json.loads(run_cli("search", "squad question answering", "--json").stdout)
    assert squad["hits"] and "squad" in squad["hits"][0]["id"].lower()
    audit = json.loads(run_cli("audit", "--json").stdout)
    assert audit["assets"] == added and 0 < audit["shares"]["with_license"] < 1


def test_audit_of_a_directory_names_the_files_it_skipped(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(REPO / "examples" / "manifests", tmp_path / "m")
    (tmp_path / "m" / "broken.json").write_text("{not json")
    result = run_cli("audit", "m", "--json")
    assert result.code == 0
    assert valid("catalog-audit", result.stdout)["assets"] == 4
    assert result.stderr.startswith("mlassets: skipped m/broken.json:1:1: not a JSON manifest")
    assert not (tmp_path / "mlassets.db").exists()  # the scratch catalog is not left behind here
