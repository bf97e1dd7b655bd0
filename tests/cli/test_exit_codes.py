"""Issue 13: no traceback, and the right exit code with a one-line message, for input and
environments that used to end in "unexpected error" or in a misleading answer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.fakehub.proxy import Fault, RunningProxy
from tests.fakehub.server import RunningHub

CARD = "---\nlicense: mit\n---\n# A card\n"


def clean_error(stderr: str, code: int, expected: int) -> bool:
    lines = [line for line in stderr.splitlines() if line.strip()]
    return (
        code == expected
        and "Traceback" not in stderr
        and "unexpected error" not in stderr
        and bool(lines)
        and lines[-1].startswith("mlassets")
    )


# --- usage errors: exit 2 -----------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["hf:/acme/x", "hf:acme/x", "openml:61", "HF://acme/x"])
def test_a_mistyped_scheme_is_a_malformed_reference(run_cli, ref: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("fetch", ref)
    assert clean_error(result.stderr, result.code, 2), result.stderr
    assert "hf://ORG/NAME" in result.stderr  # the accepted forms are listed


@pytest.mark.parametrize(
    "option",
    [["--timeout", "nan"], ["--timeout", "inf"], ["--timeout", "0"], ["--timeout", "-1"]]
    + [["--retries", "-1"]],
)
def test_timeouts_and_retries_out_of_range_are_refused(run_cli, option: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("fetch", "hf://acme/tiny-model", *option)
    assert result.code == 2 and "Invalid value" in result.stderr, result.stderr


def test_project_commands_without_a_project_say_so(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (["verify"], ["outdated"], ["sync", "--file", "missing.yaml"]):
        result = run_cli(*args)
        assert clean_error(result.stderr, result.code, 2), (args, result.stderr)
        assert "problem(s)" not in result.stderr


# --- stdin and stdout ---------------------------------------------------------------------------


def test_normalize_with_empty_stdin_and_with_bytes_that_are_not_utf8(
    cli_env, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from tests.conftest import MLASSETS

    def normalize(data: bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [*MLASSETS, "licenses", "normalize", "-", "--json"],
            input=data,
            env=cli_env,
            cwd=tmp_path,
            capture_output=True,
        )

    empty = normalize(b"")
    assert empty.returncode == 0 and empty.stdout == b""
    assert b"no '-'" not in empty.stderr and b"held no license strings" in empty.stderr
    mixed = normalize(b"mit\n\xff\xfeGPL\n")
    assert mixed.returncode == 0
    documents = [json.loads(line) for line in mixed.stdout.decode("utf-8").splitlines()]
    assert [d["raw"] for d in documents] == ["mit", "\ufffd\ufffdGPL"]


def test_a_full_disk_on_stdout_is_an_operational_error(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from tests.conftest import MLASSETS

    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*MLASSETS, "licenses", "normalize", "mit"],
            stdout=full,
            stderr=subprocess.PIPE,
            env=cli_env,
            cwd=tmp_path,
            text=True,
        )
    assert clean_error(done.stderr, done.returncode, 3), done.stderr
    assert "No space left on device" in done.stderr


# --- files that are not what they should be -----------------------------------------------------


def test_schema_invalid_and_too_deep_manifests_are_errors_not_tracebacks(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "bad.json").write_text(
        json.dumps({"schema_version": 1, "id": "x", "license": {"concluded": 3}})
    )
    (tmp_path / "m" / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    for args in (
        ["license-check", "m/bad.json"],
        ["export", "m/bad.json"],
        ["license-check", "m/deep.json"],
        ["export", "m/deep.json"],
    ):
        result = run_cli(*args)
        assert clean_error(result.stderr, result.code, 3), (args, result.stderr)


def test_one_broken_manifest_does_not_fail_a_check_without_lineage(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text(CARD)
    (tmp_path / "manifests").mkdir()
    (tmp_path / "manifests" / "broken.json").write_text("{not json")
    result = run_cli("license-check", "a.md", "--no-lineage")
    assert result.code == 0, result.stderr
    with_lineage = run_cli("license-check", "a.md")  # the broken file might be an ancestor
    assert with_lineage.code == 0, with_lineage.stderr  # a.md declares none: nothing to look up


def test_verify_reports_a_non_utf8_manifest_as_a_finding(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mlassets.yaml").write_text("assets:\n  - ref: hf://acme/tiny-model\n")
    assert run_cli("sync").code == 0
    (manifest,) = (tmp_path / "manifests").glob("*.json")
    manifest.write_bytes(manifest.read_bytes().replace(b'"kind"', b'"k\xffnd"'))
    result = run_cli("verify")
    assert result.code == 1 and "V103" in result.stdout and "UTF-8" in result.stdout


def test_an_unwritable_hf_home_is_an_operational_error(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "not-a-dir").write_text("")
    result = run_cli(
        "fetch", "hf://acme/tiny-model", "-o", "m", env={"HF_HOME": str(tmp_path / "not-a-dir")}
    )
    assert clean_error(result.stderr, result.code, 3), result.stderr
    assert not (tmp_path / "m").exists()


# --- the network: what a failure must not become ------------------------------------------------


def test_a_card_download_that_fails_is_an_error_never_no_card(
    run_cli, fakehub: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mlassets.yaml").write_text("assets:\n  - ref: hf://acme/tiny-model\n")
    with RunningProxy(fakehub.url, [Fault(r"/resolve/", "status", 503)]) as proxy:
        env = {"HF_ENDPOINT": proxy.url}
        fetched = run_cli("fetch", "hf://acme/tiny-model", "-o", "m", "--retries", "0", env=env)
        synced = run_cli("sync", "--retries", "0", env=env)
        card_requests = sum("/resolve/" in r for r in proxy.proxy.log)
    assert clean_error(fetched.stderr, fetched.code, 3) and "HTTP 503" in fetched.stderr
    assert not (tmp_path / "m").exists()
    assert synced.code == 3 and not (tmp_path / "mlassets.lock").exists()
    # --retries 0: one try each, not the client's own five retries.
    assert card_requests == 2


def test_a_card_yaml_cannot_build_is_a_finding_and_the_others_go_on(
    run_cli, hub_copy: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # An impossible date once crashed the parser and with it the whole sync; it is a C104 finding
    # now, recorded in that asset's manifest, and every asset is synced.
    source = hub_copy.hub.data / "models" / "acme" / "tiny-model"
    bad = hub_copy.hub.data / "models" / "acme" / "bad-date"
    shutil.copytree(source, bad)
    (bad / "README.main.md").write_text("---\nlicense: mit\nreleased: 2024-02-30\n---\n# Bad\n")
    (tmp_path / "mlassets.yaml").write_text(
        "assets:\n  - ref: hf://acme/bad-date\n  - ref: hf://datasets/acme/tiny-ds\n"
    )
    env = {"HF_ENDPOINT": hub_copy.url}
    synced = run_cli("sync", "--json", env=env)
    assert synced.code == 0 and "Traceback" not in synced.stderr, synced.stderr
    statuses = {a["ref"]: a["status"] for a in json.loads(synced.stdout)["assets"]}
    assert statuses == {"hf://acme/bad-date": "fetched", "hf://datasets/acme/tiny-ds": "fetched"}
    manifest = json.loads((tmp_path / "manifests" / "models--acme--bad-date.json").read_text())
    assert [f["code"] for f in manifest["findings"]] == ["C104"]
    assert manifest["findings"][0]["line"] == 3


def test_outdated_reports_the_others_when_one_repository_is_gone(
    run_cli, hub_copy: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from mlassets.schemas import validator_for
    from tests.cli.test_sync_listing import move_main

    (tmp_path / "mlassets.yaml").write_text(
        "assets:\n  - ref: hf://acme/tiny-model\n  - ref: hf://acme/mit-base\n"
        "  - ref: hf://datasets/acme/tiny-ds\n"
    )
    env = {"HF_ENDPOINT": hub_copy.url}
    assert run_cli("sync", env=env).code == 0
    healthy = run_cli("outdated", "--json", env=env)
    assert healthy.code == 0 and json.loads(healthy.stdout)["errors"] == []
    shutil.rmtree(hub_copy.hub.data / "models" / "acme" / "tiny-model")
    shutil.rmtree(hub_copy.hub.data / "datasets" / "acme" / "tiny-ds")
    move_main(hub_copy.hub.data, "acme/mit-base", "d" * 40)
    result = run_cli("outdated", "--json", env=env)
    assert result.code == 3 and "Traceback" not in result.stderr, result.stderr
    assert "hf://acme/tiny-model: repository not found" in result.stderr
    report = json.loads(result.stdout)
    assert not list(validator_for("outdated-report").iter_errors(report))
    (moved,) = report["outdated"]
    assert moved["ref"] == "hf://acme/mit-base" and moved["upstream_revision"] == "d" * 40
    # One entry per repository that could not be checked, sorted, each message one line.
    assert [e["ref"] for e in report["errors"]] == [
        "hf://acme/tiny-model",
        "hf://datasets/acme/tiny-ds",
    ]
    for error in report["errors"]:
        assert "not found" in error["message"] and "\n" not in error["message"]
        assert error["message"] in result.stderr


def test_a_lock_entry_left_by_a_swallowed_download_is_found_and_repaired(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mlassets.yaml").write_text("assets:\n  - ref: hf://acme/tiny-model\n")
    assert run_cli("sync").code == 0
    # What an older mlassets locked when the card download failed: no card hash at all.
    (manifest,) = (tmp_path / "manifests").glob("*.json")
    sha = json.loads(manifest.read_text())["card_sha256"]
    for path in (manifest, tmp_path / "mlassets.lock"):
        path.write_text(path.read_text().replace(f'"{sha}"', "null"))
    verified = run_cli("verify")
    assert verified.code == 1 and "V105" in verified.stdout and "README.md" in verified.stdout
    repaired = run_cli("sync", "--json")
    assert repaired.code == 0, repaired.stderr
    assert json.loads(repaired.stdout)["assets"][0]["status"] == "fetched"
    assert json.loads((tmp_path / "mlassets.lock").read_text())["assets"][0]["card_sha256"]
    assert run_cli("verify").code == 0
