"""`index`, `search`, `lineage`, `audit`, `leaderboard` and `select models` with `--db postgresql://...` (or `MLASSETS_DB`), on a
real PostgreSQL server: the same answers as the SQLite catalog, and the password never shown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.test_catalog_cli import curated, valid
from tests.conftest import REPO
from tests.support.realparts import PASSWORD


def _manifests(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    folder.mkdir()
    curated(REPO / "examples" / "cards", folder)
    for path in (REPO / "examples" / "manifests").glob("*.json"):
        shutil.copy(path, folder)
    return folder


def test_the_examples_answer_alike_on_postgresql_and_sqlite(
    run_cli, tmp_path: Path, pg_url: str
) -> None:  # type: ignore[no-untyped-def]
    _manifests(tmp_path)
    assert run_cli("index", "m").code == 0
    indexed = run_cli("index", "m", "--db", pg_url)
    assert indexed.code == 0, indexed.stderr
    assert indexed.stdout.startswith(pg_url.replace(PASSWORD, "***") + ": 15 added, 0 updated")
    pg = {"MLASSETS_DB": pg_url}
    again = run_cli("index", "m", "--json", env=pg)
    assert valid("catalog-index", again.stdout)["unchanged"] == 15
    for query in (
        ["llama", "--kind", "model"],
        ["support chats"],
        ["--license-category", "non-commercial"],
    ):
        lite_run = run_cli("search", *query, "--json")
        assert lite_run.code == 0, lite_run.stderr
        lite = json.loads(lite_run.stdout)
        shared = valid("catalog-search", run_cli("search", *query, "--json", env=pg).stdout)
        assert shared["hits"][0]["id"] == lite["hits"][0]["id"]
        assert {h["id"] for h in shared["hits"]} == {h["id"] for h in lite["hits"]}
    bot = str(REPO / "examples" / "cards" / "models" / "acme-support-bot.md")
    tree = run_cli("lineage", bot, env=pg)
    assert tree.code == 0 and tree.stdout == run_cli("lineage", bot).stdout
    down = ["lineage", "hf://meta-llama/Llama-2-7b-hf", "--down", "--format", "json"]
    assert valid("catalog-lineage", run_cli(*down, env=pg).stdout) == json.loads(
        run_cli(*down).stdout
    )
    report = valid("catalog-audit", run_cli("audit", "--json", env=pg).stdout)
    assert report == json.loads(run_cli("audit", "--json").stdout)
    refused = run_cli("recommend", "datasets", "--for", "hf://acme/encoder-base", env=pg)
    assert refused.code == 3 and "not supported on PostgreSQL yet" in refused.stderr
    # The manifests' model-index rows are results on both (fetched at each index run).
    board = ["leaderboard", "hf://datasets/acme/product-reviews", "--json"]
    shared_board = valid("leaderboard", run_cli(*board, env=pg).stdout)
    lite_board = json.loads(run_cli(*board).stdout)
    assert shared_board["entries"], "the examples report results on product-reviews"
    unstamped = [{k: v for k, v in e.items() if k != "fetched_at"} for e in lite_board["entries"]]
    assert [
        {k: v for k, v in e.items() if k != "fetched_at"} for e in shared_board["entries"]
    ] == unstamped
    chosen = ["select", "models", "--for", "hf://datasets/acme/product-reviews", "--json"]
    shared_choice = valid("select-models", run_cli(*chosen, env=pg).stdout)
    assert shared_choice["candidates"] == json.loads(run_cli(*chosen).stdout)["candidates"]


def test_the_password_is_masked_in_every_message(run_cli, tmp_path: Path, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    _manifests(tmp_path)
    runs = [
        run_cli("index", "m", "--db", pg_url),
        run_cli("search", "x", "--db", pg_url.rsplit("/", 1)[0] + "/no_such_db"),
        run_cli("audit", "--db", pg_url.replace(PASSWORD, "wrong-" + PASSWORD)),
        run_cli("lineage", "hf://nobody/nothing", "--db", pg_url),
    ]
    assert [r.code for r in runs] == [0, 3, 3, 2]
    for run in runs:
        assert PASSWORD not in run.stdout + run.stderr
    assert runs[1].stderr.startswith("mlassets: error: postgresql://mlassets:***@127.0.0.1:")
    assert "no_such_db" in runs[1].stderr and "\n" not in runs[1].stderr.strip()
    assert "password authentication failed" in runs[2].stderr
    assert "not in the catalog postgresql://mlassets:***@" in runs[3].stderr


def test_credentials_from_pg_variables(run_cli, tmp_path: Path, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    _manifests(tmp_path)
    without = pg_url.replace(":" + PASSWORD, "")
    assert run_cli("index", "m", "--db", without, env={"PGPASSWORD": "nope"}).code == 3
    indexed = run_cli("index", "m", "--db", without, env={"PGPASSWORD": PASSWORD})
    assert indexed.code == 0 and indexed.stdout.startswith(without + ": 15 added")
    assert PASSWORD not in indexed.stdout + indexed.stderr
