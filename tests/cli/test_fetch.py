"""`mlassets fetch` end to end: the real clients against the loopback fake hub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlassets.validation.check import check_manifest_text
from tests.fakehub.server import RunningHub

MAIN_SHA = "1" * 40
V1_SHA = "2" * 40


def manifest(out: Path, name: str) -> dict:  # type: ignore[type-arg]
    path = out / name
    assert not check_manifest_text(path.read_text()), "manifest breaks its own schema"
    return json.loads(path.read_text())


def test_hub_model_is_pinned_to_the_servers_commit(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("fetch", "hf://acme/tiny-model", "--out", "out")
    assert result.code == 0, result.stderr
    data = manifest(tmp_path / "out", "models--acme--tiny-model.json")
    assert data["revision"] == MAIN_SHA
    license_block = data["license"]
    assert (license_block["declared"], license_block["concluded"]) == (["apache-2.0"], "Apache-2.0")
    assert license_block["findings"] == [] and license_block["lineage"] is None
    assert license_block["classification"]["category"] == "permissive"
    assert data["task"] == "text-classification" and data["library"] == "transformers"
    assert data["languages"] == ["en", "fr"]
    assert data["base_models"] == [{"id": "hf://acme/base-encoder", "relation": "finetune"}]
    assert data["files"][1] == {
        "path": "model.safetensors",
        "size": 4096,
        "sha256": "a3f5c0e4c2b1d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3",
    }
    assert data["last_modified"] == "2026-05-01T12:34:56Z"
    assert data["fetched_at"] == "2026-01-01T00:00:00Z"
    assert data["metrics"][0]["value"] == 0.91
    assert "hf://acme/tiny-model" in result.stdout


def test_a_pinned_revision_reads_the_card_at_that_commit(
    run_cli, tmp_path: Path, fakehub: RunningHub
) -> None:  # type: ignore[no-untyped-def]
    before = fakehub.hub.count("GET", f"/resolve/{V1_SHA}/README.md")
    result = run_cli("fetch", "hf://acme/tiny-model@v1.0", "--out", "out")
    assert result.code == 0, result.stderr
    data = manifest(tmp_path / "out", "models--acme--tiny-model@v1.0.json")
    assert data["revision"] == V1_SHA
    assert data["license"]["concluded"] == "CC-BY-NC-4.0"
    # The card is downloaded at the resolved commit sha, not at the branch name.
    assert fakehub.hub.count("GET", f"/resolve/{V1_SHA}/README.md") == before + 1


def test_dataset_and_cardless_model(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "fetch", "hf://datasets/acme/tiny-ds", "hf://acme/no-card", "--out", "out", "--json"
    )
    assert result.code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert [m["id"] for m in summary["manifests"]] == [
        "hf://acme/no-card",
        "hf://datasets/acme/tiny-ds",
    ]
    ds = manifest(tmp_path / "out", "datasets--acme--tiny-ds.json")
    assert (ds["kind"], ds["title"], ds["task"], ds["license"]["concluded"]) == (
        "dataset",
        "Tiny DS",
        "text-classification",
        "CC-BY-SA-4.0",
    )
    bare = manifest(tmp_path / "out", "models--acme--no-card.json")
    assert bare["card_sha256"] is None and bare["license"]["concluded"] == "NOASSERTION"


def test_output_is_byte_identical_across_runs(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("fetch", "hf://acme/tiny-model", "openml://61", "--out", "a").code == 0
    assert run_cli("fetch", "hf://acme/tiny-model", "openml://61", "--out", "b").code == 0
    for name in ("models--acme--tiny-model.json", "openml--61.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_openml_description(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("fetch", "openml://61", "openml://40", "--out", "out")
    assert result.code == 0, result.stderr
    iris = manifest(tmp_path / "out", "openml--61.json")
    assert (iris["revision"], iris["title"], iris["source"]) == ("1", "iris", "openml")
    assert (iris["license"]["declared"], iris["license"]["concluded"]) == (["CC0"], "CC0-1.0")
    assert iris["license"]["findings"] == []
    assert iris["license"]["classification"]["category"] == "public-domain"
    assert iris["tags"] == ["study_1", "uci"]
    public = manifest(tmp_path / "out", "openml--40.json")
    assert public["license"]["concluded"] == "NOASSERTION"
    assert public["license"]["findings"][0]["code"] == "L102"
    assert "uncompressed" not in result.stderr  # the server gzips, so openml stays quiet


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("hf://acme/nope", "hf://acme/nope: repository not found"),
        ("hf://acme/tiny-model@nope", "hf://acme/tiny-model@nope: revision 'nope' not found"),
        ("hf://acme/gated-model", "hf://acme/gated-model: gated repository; set HF_TOKEN"),
        ("hf://acme/down-model", "hf://acme/down-model: the Hub answered HTTP 503 after 2 tries"),
        ("hf://acme/slow-model", "hf://acme/slow-model: the Hub did not answer within 1 s"),
        ("openml://999", "openml://999: no such dataset"),
        ("openml://62", "openml://62: the dataset is private"),
        ("openml://503", "openml://503: OpenML failed after 2 tries (HTTP 503)"),
        ("openml://77", "openml://77: OpenML did not answer within 1 s"),
    ],
)
def test_failures_are_one_line_errors_with_exit_3(
    run_cli, tmp_path: Path, ref: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("fetch", ref, "--out", "out", "--timeout", "1", "--retries", "1")
    assert result.code == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("mlassets: error:")]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_429_is_retried_honouring_retry_after(run_cli, tmp_path: Path, fakehub: RunningHub) -> None:  # type: ignore[no-untyped-def]
    before = fakehub.hub.count("GET", "/api/models/acme/flaky-model")
    result = run_cli("fetch", "hf://acme/flaky-model", "--out", "out", "--retries", "3")
    assert result.code == 0, result.stderr
    assert (
        fakehub.hub.count("GET", "/api/models/acme/flaky-model") == before + 3
    )  # two 429s, then 200


def test_network_down_is_exit_3(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "fetch", "hf://acme/tiny-model", "--retries", "0", env={"HF_ENDPOINT": "http://127.0.0.1:9"}
    )
    assert result.code == 3
    assert "hf://acme/tiny-model: cannot reach the Hub" in result.stderr


def test_token_is_sent_but_never_printed(run_cli, fakehub: RunningHub) -> None:  # type: ignore[no-untyped-def]
    secret = "hf_" + "s3cr3t" * 5
    result = run_cli(
        "fetch",
        "hf://acme/gated-model",
        "--out",
        "out",
        env={"HF_TOKEN": secret, "MLASSETS_DEBUG": "1"},
    )
    assert result.code == 3
    assert secret not in result.stdout + result.stderr
    assert ("/api/models/acme/gated-model", secret) in fakehub.hub.tokens


def test_one_failed_reference_does_not_stop_the_others(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("fetch", "hf://acme/nope", "hf://acme/tiny-model", "--out", "out")
    assert result.code == 3
    assert "hf://acme/nope: repository not found" in result.stderr
    assert manifest(tmp_path / "out", "models--acme--tiny-model.json")["revision"] == MAIN_SHA


def test_local_directory_given_with_dot_dot(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cards" / ".hidden").mkdir(parents=True)
    (tmp_path / "cards" / "m.md").write_text("---\nlicense: mit\n---\n")
    (tmp_path / "cards" / ".hidden" / "skip.md").write_text("---\nlicense: mit\n---\n")
    (tmp_path / "work").mkdir()
    result = run_cli("fetch", "../cards", "--out", "out", "--json", cwd=tmp_path / "work")
    assert result.code == 0, result.stderr
    assert [m["id"] for m in json.loads(result.stdout)["manifests"]] == ["../cards/m.md"]


def test_malformed_reference_is_a_usage_error_before_any_request(
    run_cli, fakehub: RunningHub
) -> None:  # type: ignore[no-untyped-def]
    before = len(fakehub.hub.requests)
    result = run_cli("fetch", "hf://acme/tiny-model", "hf://../../etc/passwd", "--out", "out")
    assert result.code == 2
    assert "malformed reference 'hf://../../etc/passwd'" in result.stderr
    assert "openml://ID" in result.stderr
    assert len(fakehub.hub.requests) == before


def test_local_cards_are_curated_without_network(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cards = tmp_path / "cards" / "datasets"
    cards.mkdir(parents=True)
    (cards / "d.md").write_text("---\nlicense: odbl\n---\n# D\n")
    result = run_cli("fetch", "cards", "--out", "out", env={"HF_ENDPOINT": "http://127.0.0.1:9"})
    assert result.code == 0, result.stderr
    data = manifest(tmp_path / "out", "local--cards--datasets--d.json")
    assert (data["id"], data["kind"], data["source"], data["license"]["concluded"]) == (
        "cards/datasets/d.md",
        "dataset",
        "local",
        "ODbL-1.0",
    )


def test_openml_without_the_extra_says_how_to_install(tmp_path: Path, cli_env: dict) -> None:  # type: ignore[type-arg]
    import subprocess
    import sys

    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "openml.py").write_text("raise ImportError('openml is not installed')\n")
    env = {**cli_env, "PYTHONPATH": str(blocker)}
    done = subprocess.run(
        [sys.executable, "-m", "mlassets", "fetch", "openml://61", "--out", str(tmp_path / "o")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3
    assert "pip install 'mlassets[openml]'" in done.stderr


def test_diff_of_two_revisions_calls_out_the_license(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from mlassets.schemas import validator_for

    result = run_cli("diff", "hf://acme/tiny-model@v1.0", "hf://acme/tiny-model")
    assert result.code == 1, result.stderr
    assert result.stdout.startswith("!! license changed: CC-BY-NC-4.0 → Apache-2.0\nLicense:\n")
    assert "Lineage:\n  + /base_models/hf:~1~1acme~1base-encoder:" in result.stdout
    assert "Metrics:\n  + /metrics/acme~1tiny-ds|test|accuracy:" in result.stdout
    report = json.loads(
        run_cli("diff", "hf://acme/tiny-model@v1.0", "hf://acme/tiny-model", "--json").stdout
    )
    assert not list(validator_for("manifest-diff").iter_errors(report))
    assert report["license_changed"] is True
    assert run_cli("fetch", "hf://acme/tiny-model", "--out", "m").code == 0
    same = run_cli("diff", "m/models--acme--tiny-model.json", "hf://acme/tiny-model")
    assert (same.code, same.stdout) == (0, "")
