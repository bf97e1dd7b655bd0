"""`select models --probe`: scikit-learn models the test builds, served as skops files by the
loopback fake hub, cross-validated on a sample; a pickle-only repository is refused."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.fakehub.server import RunningHub

np = pytest.importorskip("numpy")
pytest.importorskip("sklearn")
sio = pytest.importorskip("skops.io")

from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402


def add_repo(hub: RunningHub, name: str, sha: str, files: dict[str, bytes]) -> None:
    root = hub.hub.data / "models" / "acme" / name
    root.mkdir(parents=True)
    readme = b"---\nlicense: mit\nlibrary_name: sklearn\n---\n\n# " + name.encode() + b"\n"
    for filename, data in {"README.md": readme, **files}.items():
        (root / filename).write_bytes(data)
    spec = {
        "branches": {"main": sha},
        "commits": {
            sha: {
                "lastModified": "2026-06-01T00:00:00Z",
                "files": {f: f for f in ["README.md", *files]},
            }
        },
        "info": {"library_name": "sklearn", "tags": ["license:mit", "sklearn"]},
    }
    (root / "repo.json").write_text(json.dumps(spec))


def skops_bytes(estimator: object, tmp: Path) -> bytes:
    path = tmp / "model.skops"
    sio.dump(estimator, path)
    return path.read_bytes()


@pytest.fixture
def probe_hub(hub_copy: RunningHub, tmp_path: Path) -> RunningHub:
    add_repo(
        hub_copy,
        "sk-logreg",
        "a" * 40,
        {"model.skops": skops_bytes(LogisticRegression(), tmp_path)},
    )
    stump = DecisionTreeClassifier(max_depth=1, random_state=0)
    add_repo(hub_copy, "sk-stump", "b" * 40, {"model.skops": skops_bytes(stump, tmp_path)})
    add_repo(hub_copy, "sk-pickle", "c" * 40, {"model.pkl": b"\x80\x04not really a pickle."})
    return hub_copy


def write_inputs(tmp_path: Path) -> None:
    # On the datasets the catalog knows, the stump looks best: the prediction puts it first.
    rows = ["dataset,model,metric,value"]
    for dataset, stump, logreg, pickle in (("ds-a", 0.9, 0.8, 0.85), ("ds-b", 0.88, 0.79, 0.84)):
        rows += [
            f"{dataset},hf://acme/sk-stump,accuracy,{stump}",
            f"{dataset},hf://acme/sk-logreg,accuracy,{logreg}",
            f"{dataset},hf://acme/sk-pickle,accuracy,{pickle}",
            f"{dataset},hf://acme/mit-base,accuracy,0.5",
        ]
    (tmp_path / "r.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "f.csv").write_text("dataset,rows\nds-a,100\nds-b,120\nmine,110\n")
    # A diagonal boundary: a linear model separates it, a one-split stump cannot.
    rng = np.random.default_rng(0)
    points = rng.normal(size=(200, 2))
    labels = (points[:, 0] + points[:, 1] > 0).astype(int)
    with (tmp_path / "sample.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["x1", "x2", "label"])
        writer.writerows(
            [f"{a:.5f}", f"{b:.5f}", int(y)] for (a, b), y in zip(points, labels, strict=True)
        )


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_probe_reranks_by_measured_scores_and_stores_them(
    run_cli, probe_hub: RunningHub, tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:  # type: ignore[no-untyped-def]
    env = {"HF_ENDPOINT": probe_hub.url}
    if backend == "postgresql":  # the same, with the catalog in a PostgreSQL database
        env["MLASSETS_DB"] = request.getfixturevalue("pg_url")
    refs = [
        "hf://acme/sk-logreg",
        "hf://acme/sk-stump",
        "hf://acme/sk-pickle",
        "hf://acme/mit-base",
    ]
    assert run_cli("fetch", *refs, "--out", "m", env=env).code == 0
    assert run_cli("index", "m", env=env).code == 0
    write_inputs(tmp_path)
    assert run_cli("results", "import", "r.csv", env=env).code == 0
    assert run_cli("datasets", "features", "import", "f.csv", env=env).code == 0
    plain = json.loads(run_cli("select", "models", "--for", "mine", "--json", env=env).stdout)
    assert plain["candidates"][0]["model"] == "hf://acme/sk-stump"

    args = [
        "select",
        "models",
        "--for",
        "mine",
        "--probe",
        "3",
        "--sample",
        "sample.csv",
        "--target",
        "label",
        "--json",
    ]
    before = probe_hub.hub.count("GET", f"/resolve/{'a' * 40}/model.skops")
    result = run_cli(*args, env=env)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    # Downloaded at the commit the manifest pinned.
    assert probe_hub.hub.count("GET", f"/resolve/{'a' * 40}/model.skops") == before + 1
    probes = {p["model"]: p for p in data["probes"]}
    assert set(probes) == {"hf://acme/sk-stump", "hf://acme/sk-pickle", "hf://acme/sk-logreg"}
    assert "no .skops file" in probes["hf://acme/sk-pickle"]["error"]
    assert "probe hf://acme/sk-pickle" in result.stderr
    logreg, stump = probes["hf://acme/sk-logreg"], probes["hf://acme/sk-stump"]
    assert logreg["folds"] == stump["folds"] == 5
    assert logreg["score"] > 0.9 > stump["score"]
    first, second = data["candidates"][:2]
    assert (first["model"], first["evidence"], first["measured"]) == (
        "hf://acme/sk-logreg",
        "probed",
        logreg["score"],
    )
    assert first["predicted"] < second["predicted"]  # predicted beside measured: the probe won
    assert second["model"] == "hf://acme/sk-stump"
    board = json.loads(run_cli("leaderboard", "mine", "--json", env=env).stdout)
    assert [(e["model"], e["source"]) for e in board["entries"]] == [
        ("hf://acme/sk-logreg", "probe"),
        ("hf://acme/sk-stump", "probe"),
    ]
    assert board["entries"][0]["revision"] == "a" * 40
    assert (tmp_path / "mlassets.db").exists() == (backend == "sqlite")


def test_probe_budget_and_usage(run_cli, probe_hub: RunningHub, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {"HF_ENDPOINT": probe_hub.url}
    assert (
        run_cli("fetch", "hf://acme/sk-logreg", "hf://acme/sk-stump", "--out", "m", env=env).code
        == 0
    )
    assert run_cli("index", "m", env=env).code == 0
    write_inputs(tmp_path)
    assert run_cli("results", "import", "r.csv", env=env).code == 0
    assert run_cli("datasets", "features", "import", "f.csv", env=env).code == 0
    spent = run_cli(
        "select",
        "models",
        "--for",
        "mine",
        "--probe",
        "2",
        "--sample",
        "sample.csv",
        "--target",
        "label",
        "--budget",
        "0",
        "--json",
        env=env,
    )
    assert spent.code == 0, spent.stderr
    assert {p["error"] for p in json.loads(spent.stdout)["probes"]} == {
        "not run: the budget was spent"
    }
    missing = run_cli("select", "models", "--for", "ds-a", "--probe", "2", env=env)
    assert missing.code == 2 and "--probe needs --sample FILE and --target COLUMN" in missing.stderr
    wrong = run_cli(
        "select",
        "models",
        "--for",
        "ds-a",
        "--probe",
        "1",
        "--sample",
        "sample.csv",
        "--target",
        "nope",
        env=env,
    )
    assert wrong.code == 2 and "no column 'nope'" in wrong.stderr


def flow_xml(flow_id: int, estimator: object) -> str:
    import xmltodict
    from openml.extensions.sklearn import SklearnExtension

    document = SklearnExtension().model_to_flow(estimator)._to_dict()
    flow = document["oml:flow"]
    extra = {
        "oml:id": str(flow_id),
        "oml:uploader": "1",
        "oml:version": "1",
        "oml:upload_date": "2025-01-01T00:00:00",
    }
    document["oml:flow"] = {"@xmlns:oml": flow.pop("@xmlns:oml"), **extra, **flow}
    return str(xmltodict.unparse(document))


def test_openml_flows_are_rebuilt_and_probed(run_cli, hub_copy: RunningHub, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("openml")
    folder = hub_copy.hub.data / "openml"
    (folder / "flow-10.xml").write_text(flow_xml(10, DecisionTreeClassifier(max_depth=1)))
    (folder / "flow-11.xml").write_text(flow_xml(11, LogisticRegression()))
    env = {"HF_ENDPOINT": hub_copy.url, "MLASSETS_OPENML_SERVER": f"{hub_copy.url}/api/v1/xml"}
    assert run_cli("results", "fetch-openml", env=env).code == 0  # flows 10, 11, 12 on 61 and 40
    write_inputs(tmp_path)
    args = [
        "select",
        "models",
        "--for",
        "mine",
        "--probe",
        "3",
        "--sample",
        "sample.csv",
        "--target",
        "label",
        "--json",
    ]
    assert run_cli("datasets", "features", "import", "f.csv", env=env).code == 0
    result = run_cli(*args, env=env)
    assert result.code == 0, result.stderr
    probes = {p["model"]: p for p in json.loads(result.stdout)["probes"]}
    assert set(probes) == {"openml://flow/10", "openml://flow/11", "openml://flow/12"}
    assert probes["openml://flow/11"]["score"] > 0.9 > probes["openml://flow/10"]["score"]
    assert (
        probes["openml://flow/12"]["score"] is None and "181" in probes["openml://flow/12"]["error"]
    )
    assert hub_copy.hub.count("GET", "/api/v1/xml/flow/11") == 1
