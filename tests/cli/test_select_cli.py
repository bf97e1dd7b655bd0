"""`results`, `datasets features`, `leaderboard` and `select models` end to end: manifests and
OpenML evaluations through the real clients against the loopback fake hub, CSV imports."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from mlassets.schemas import load_schema

TINY_DS = "hf://datasets/acme/tiny-ds"


def valid(name: str, text: str) -> dict:  # type: ignore[type-arg]
    document = json.loads(text)
    jsonschema.validate(document, load_schema(name))
    return document  # type: ignore[no-any-return]


def write(path: Path, text: str) -> Path:
    path.write_text(text.strip() + "\n")
    return path


RESULTS = f"""
dataset,model,metric,value,split
{TINY_DS},hf://acme/flaky-model,accuracy,0.95,test
{TINY_DS},hf://acme/mit-base,accuracy,0.88,test
other-ds,hf://acme/flaky-model,accuracy,0.9,
other-ds,hf://acme/mit-base,accuracy,0.7,
other-ds,hf://acme/tiny-model,accuracy,0.8,
other-ds,org/unknown-model,accuracy,0.6,
far-ds,org/unknown-model,accuracy,0.99,
far-ds,hf://acme/mit-base,accuracy,0.5,
"""
FEATURES = f"""
dataset,rows,classes
{TINY_DS},1000,2
other-ds,1100,2
far-ds,90000,40
cold-ds,1050,2
"""


def test_results_from_manifests_csv_and_openml(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    models = ("hf://acme/tiny-model", "hf://acme/flaky-model", "hf://acme/mit-base")
    assert run_cli("fetch", *models, "--out", "m").code == 0
    assert run_cli("index", "m").code == 0  # tiny-model's model-index: accuracy 0.91 on tiny-ds
    imported = run_cli("results", "import", str(write(tmp_path / "r.csv", RESULTS)), "--json")
    assert imported.code == 0, imported.stderr
    report = json.loads(imported.stdout)
    assert (report["rows"], report["new_assets"], report["metrics"]) == (8, 3, ["accuracy"])

    board = valid("leaderboard", run_cli("leaderboard", TINY_DS, "--json").stdout)
    assert [(e["model"], e["value"], e["source"]) for e in board["entries"]] == [
        ("hf://acme/flaky-model", 0.95, "csv"),
        ("hf://acme/tiny-model", 0.91, "model-index"),
        ("hf://acme/mit-base", 0.88, "csv"),
    ]
    tiny = board["entries"][1]
    assert tiny["revision"] == "1" * 40 and tiny["license_category"] == "permissive"
    commercial = valid(
        "leaderboard", run_cli("leaderboard", TINY_DS, "--use", "commercial", "--json").stdout
    )
    assert [e["model"] for e in commercial["barred"]] == ["hf://acme/flaky-model"]
    assert [e["rank"] for e in commercial["entries"]] == [1, 2]
    text = run_cli("leaderboard", TINY_DS, "--use", "commercial")
    assert text.stdout.splitlines()[1].split("\t")[1] == "hf://acme/tiny-model"
    assert "barred for commercial use: hf://acme/flaky-model" in text.stdout

    fetched = run_cli("results", "fetch-openml", "--json")
    assert fetched.code == 0, fetched.stderr
    assert json.loads(fetched.stdout)["rows"] == 5  # two runs of flow 11 on task 59: the best
    iris = valid("leaderboard", run_cli("leaderboard", "openml://61", "--json").stdout)
    assert [(e["model"], e["value"], e["revision"]) for e in iris["entries"]] == [
        ("openml://flow/11", 0.96, "run/1002"),
        ("openml://flow/12", 0.94, "run/1004"),
        ("openml://flow/10", 0.93, "run/1001"),
    ]
    assert {e["source"] for e in iris["entries"]} == {"openml"}


def test_unknown_metric_directions(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "r.csv", "dataset,model,metric,value\nd,a,bespoke,3\nd,b,bespoke,1\n")
    refused = run_cli("results", "import", str(path))
    assert refused.code == 2
    assert refused.stderr.strip() == (
        "mlassets: error: bespoke: unknown metric direction; say --higher-is-better or --lower-is-better"
    )
    assert run_cli("results", "import", str(path), "--lower-is-better").code == 0
    board = json.loads(run_cli("leaderboard", "d", "--json").stdout)
    assert [e["model"] for e in board["entries"]] == ["b", "a"] and not board["higher_is_better"]
    bad = write(tmp_path / "bad.csv", "dataset,model,metric,value\nd,a,accuracy,high\n")
    wrong = run_cli("results", "import", str(bad))
    assert wrong.code == 2 and "bad.csv:2: not a number: 'high'" in wrong.stderr


def test_select_measured_predicted_and_cold_start(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("results", "import", str(write(tmp_path / "r.csv", RESULTS))).code == 0
    assert (
        run_cli("datasets", "features", "import", str(write(tmp_path / "f.csv", FEATURES))).code
        == 0
    )
    warm = valid("select-models", run_cli("select", "models", "--for", "other-ds", "--json").stdout)
    assert [c["evidence"] for c in warm["candidates"]] == ["measured"] * 4
    assert [c["model"] for c in warm["candidates"]][0] == "hf://acme/flaky-model"
    partial = valid("select-models", run_cli("select", "models", "--for", TINY_DS, "--json").stdout)
    by_model = {c["model"]: c for c in partial["candidates"]}
    assert by_model["hf://acme/flaky-model"]["evidence"] == "measured"
    assert by_model["hf://acme/tiny-model"]["evidence"] == "predicted"
    assert partial["method"] in ("ItemKnn", "Factorisation")

    cold = valid(
        "select-models",
        run_cli("select", "models", "--for", "cold-ds", "--k", "3", "--json").stdout,
    )
    assert cold["method"] == "NearestDatasets"
    assert [c["rank"] for c in cold["candidates"]] == [1, 2, 3]
    assert {c["evidence"] for c in cold["candidates"]} == {"predicted"}
    assert all(0 < c["confidence"] < 1 for c in cold["candidates"])
    predicted = [c["predicted"] for c in cold["candidates"]]
    assert predicted == sorted(predicted, reverse=True)
    # cold-ds resembles tiny-ds and other-ds, where flaky-model leads; far-ds favours another.
    assert cold["candidates"][0]["model"] == "hf://acme/flaky-model"
    text = run_cli("select", "models", "--for", "cold-ds", "--k", "2")
    assert text.code == 0 and text.stdout.splitlines()[0].startswith("rank\tmodel\tpredicted")
    missing = run_cli("select", "models", "--for", "nowhere")
    assert missing.code == 2 and missing.stderr.count("\n") == 1


def test_features_from_openml_qualities_and_cards(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fetched = run_cli("datasets", "features", "fetch-openml", "61", "--json")
    assert fetched.code == 0, fetched.stderr
    report = json.loads(fetched.stdout)
    assert report["rows"] == 4  # AutoCorrelation is null on the server: left out
    assert "NumberOfClasses" in report["metrics"]
    missing = run_cli("datasets", "features", "fetch-openml", "999999")
    assert missing.code == 3 and "openml://999999" in missing.stderr
    assert run_cli("fetch", TINY_DS, "hf://datasets/acme/product-reviews", "--out", "m").code == 0
    assert run_cli("index", "m").code == 0
    derived = json.loads(run_cli("datasets", "features", "derive", "--json").stdout)
    assert derived["rows"] == 32 and derived["metrics"][:2] == ["card:0", "card:1"]


def test_hub_eval_results_at_the_pinned_revision(run_cli, hub_copy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = hub_copy.hub.data / "models" / "acme" / "mit-base"
    spec = json.loads((root / "repo.json").read_text())
    old = spec["branches"]["main"]
    new = "e" * 40
    (root / "gpqa.yaml").write_text(
        "- dataset:\n    id: Idavidrein/gpqa\n    task_id: gpqa_diamond\n  value: 63.3\n  date: '2026-02-03'\n"
        "  source:\n    url: https://example.org\n    name: Model Card\n- not an entry\n"
    )
    files = {**spec["commits"][old]["files"], ".eval_results/gpqa.yaml": "gpqa.yaml"}
    spec["commits"][new] = {"lastModified": "2026-07-01T00:00:00Z", "files": files}
    spec["branches"] = {"main": new, "v0": old}
    (root / "repo.json").write_text(json.dumps(spec))
    env = {"HF_ENDPOINT": hub_copy.url}
    before = run_cli("results", "fetch-hub", "hf://acme/mit-base@v0", "--json", env=env)
    assert before.code == 0, before.stderr
    assert json.loads(before.stdout)["rows"] == 0  # the file did not exist at v0
    done = run_cli("results", "fetch-hub", "hf://acme/mit-base", "--json", env=env)
    assert json.loads(done.stdout)["rows"] == 1
    board = valid(
        "leaderboard",
        run_cli("leaderboard", "hf://datasets/Idavidrein/gpqa", "--json", env=env).stdout,
    )
    (entry,) = board["entries"]
    assert (entry["model"], entry["value"], entry["source"], entry["revision"]) == (
        "hf://acme/mit-base",
        63.3,
        "eval-results",
        new,
    )
    assert board["metric"] == "score"
    assert hub_copy.hub.count("GET", f"/resolve/{new}/.eval_results/gpqa.yaml") == 1


def test_the_hook_path_imports_nothing_of_selection(tmp_path: Path) -> None:
    from tests.support.fresh_process import run_main

    card = tmp_path / "c.md"
    card.write_text("---\nlicense: mit\n---\n")
    heavy = ("sklearn", "skops", "numpy", "scipy", "mlassets.selection", "mlassets.cli.select")
    run = run_main(["validate", str(card)], heavy)
    assert run.loaded == [] and run.code == 0, run.stderr
