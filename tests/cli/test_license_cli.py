"""`licenses normalize` and `license-check` end to end: real clients, loopback hub, --fetch."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

from mlassets.schemas import validator_for
from tests.conftest import MLASSETS


def card(path: Path, *lines: str) -> Path:
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\n# A model\n", encoding="utf-8")
    return path


def test_normalize_strings_and_stdin(run_cli, cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("licenses", "normalize", "Apache License, Version 2.0", "GNU GPL")
    assert result.code == 0
    assert result.stdout.splitlines() == [
        "Apache-2.0\tspdx\tApache License, Version 2.0",
        "NOASSERTION\tnoassertion\tGNU GPL",
    ]
    assert "GNU GPL: L103" in result.stderr
    lines = "mit\n\nLicense :: OSI Approved :: MIT License\nother-acme-terms\n"
    done = subprocess.run(
        [*MLASSETS, "licenses", "normalize", "-", "--json"],
        input=lines,
        capture_output=True,
        text=True,
        env=cli_env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    documents = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(documents) == 4  # one object per input line, the blank one included
    validator = validator_for("license-normalize")
    for document in documents:
        assert not list(validator.iter_errors(document))
    assert [d["spdx"] for d in documents] == ["MIT", "NOASSERTION", "MIT", "LicenseRef-acme-terms"]
    assert [d["status"] for d in documents] == ["spdx", "noassertion", "spdx", "licenseref"]


def test_normalize_needs_strings(run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("licenses", "normalize").code == 2


def test_laundering_over_llama_and_nc_data_fails_commercial_use(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    card(
        tmp_path / "chat.md",
        "license: apache-2.0",
        "base_model: meta-llama/Llama-2-7b-hf",
        "datasets:",
        "  - acme/support-chats-nc",
    )
    result = run_cli(
        "license-check", "chat.md", "--use", "commercial", "--fetch", "--manifests", "m"
    )
    assert result.code == 1, result.stderr
    assert "chat.md: NOT ALLOWED: Apache-2.0 (permissive)" in result.stderr
    # path:line:col points at the key the chain starts from: `datasets` (line 4), `base_model` (3)
    assert "chat.md:4:1: G101 license laundering" in result.stdout
    assert "hf://datasets/acme/support-chats-nc (training data, CC-BY-NC-4.0)" in result.stdout
    assert "chat.md:3:1: G104 " in result.stdout  # Llama terms not passed down
    fetched = sorted(p.name for p in (tmp_path / "m").iterdir())
    assert fetched == [
        "datasets--acme--support-chats-nc.json",
        "models--meta-llama--Llama-2-7b-hf.json",
    ]

    offline = run_cli("license-check", "chat.md", "--manifests", "m", "--format", "json")
    report = json.loads(offline.stdout)  # the manifests fetched above are reused, no --fetch
    assert not list(validator_for("license-check-report").iter_errors(report))
    assert offline.code == 1  # laundering is an error whatever the intended use
    lineage = report["assets"][0]["lineage"]
    assert lineage["verdict"] == "error"
    assert lineage["ancestors"] == [
        "hf://meta-llama/Llama-2-7b-hf",
        "hf://datasets/acme/support-chats-nc",
    ]


def test_clean_chain_of_depth_two_passes(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    card(tmp_path / "clean.md", "license: apache-2.0", "base_model: acme/apache-mid")
    result = run_cli(
        "license-check", "clean.md", "--use", "commercial", "--fetch", "--manifests", "m"
    )
    assert result.code == 0, result.stdout + result.stderr
    assert result.stdout == ""  # no findings
    assert "clean.md: allowed: Apache-2.0 (permissive)" in result.stderr
    assert len(list((tmp_path / "m").iterdir())) == 2  # apache-mid, and its base mit-base


def test_merge_of_several_bases_finds_no_derivatives_three_levels_down(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    card(
        tmp_path / "merged.md",
        "license: mit",
        "base_model:",
        "  - acme/apache-mid",
        "  - acme/nd-base",
        "  - acme/sa-base",
        "base_model_relation: merge",
    )
    result = run_cli(
        "license-check", "merged.md", "--fetch", "--manifests", "m", "--format", "json"
    )
    assert result.code == 1
    findings = result.stdout and json.loads(result.stdout)["assets"][0]["lineage"]["findings"]
    assert sorted((f["code"], f["severity"]) for f in findings) == [
        ("G102", "error"),
        ("G103", "error"),
    ]
    ancestors = json.loads(result.stdout)["assets"][0]["lineage"]["ancestors"]
    assert "hf://acme/mit-base" in ancestors  # merged → apache-mid → mit-base


def test_without_fetch_unresolved_ancestors_are_warnings(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    card(tmp_path / "a.md", "license: mit", "base_model: acme/mit-base")
    result = run_cli("license-check", "a.md", "--manifests", "nowhere")
    assert result.code == 0
    assert result.stdout.startswith("a.md:3:1: G106 a.md → hf://acme/mit-base: no manifest")


def test_reference_is_fetched_and_policy_file_applies(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "policy.toml").write_text('[policy]\nallow-categories = ["permissive"]\n')
    result = run_cli(
        "license-check", "hf://acme/rail-base", "--policy", "policy.toml", "--manifests", "m"
    )
    assert result.code == 1
    assert (
        "json:1:1: P104 hf://acme/rail-base: LicenseRef-scancode-stable-diffusion-2022-08-22 is responsible-ai, not in allow-categories (policy.toml)"
        in result.stdout
    )
    assert "json:1:1: P109 " in result.stdout  # a manifest has no positions: line 1


def test_noassertion_fails_the_default_policy_and_bad_policy_exits_2(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    card(tmp_path / "none.md", "license: unknown")
    result = run_cli("license-check", "none.md", "--no-lineage")
    assert result.code == 1 and result.stdout.startswith("none.md:2:1: P101 ")
    (tmp_path / "bad.toml").write_text("[policy]\nuse = 'sometimes'\n")
    bad = run_cli("license-check", "none.md", "--policy", "bad.toml")
    assert bad.code == 2
    assert bad.stderr.strip().splitlines() == [
        "mlassets: error: bad.toml:2:1: use: 'sometimes' is not one of commercial, research"
    ]


def test_write_manifests_records_the_lineage_verdict(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("fetch", "hf://acme/apache-mid", "hf://acme/mit-base", "--out", "m").code == 0
    target = tmp_path / "m" / "models--acme--apache-mid.json"
    result = run_cli("license-check", str(target), "--manifests", "m", "--write-manifests")
    assert result.code == 0, result.stderr
    lineage = json.loads(target.read_text())["license"]["lineage"]
    assert lineage == {"ancestors": ["hf://acme/mit-base"], "findings": [], "verdict": "ok"}
    assert run_cli("validate", str(target)).code == 0


def test_a_reader_that_stops_early_ends_the_run_quietly(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with subprocess.Popen(
        [*MLASSETS, "licenses", "normalize", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env,
        cwd=tmp_path,
    ) as process:
        assert process.stdin and process.stdout and process.stderr
        writer = threading.Thread(target=lambda: _feed(process.stdin, b"mit\n" * 200_000))
        writer.start()
        assert process.stdout.readline() == b"MIT\tspdx\tmit\n"
        process.stdout.close()  # like `| head -1`
        assert process.wait(timeout=60) == 141
        writer.join()
        assert process.stderr.read() == b""


def _feed(pipe, data: bytes) -> None:  # type: ignore[no-untyped-def]
    with pipe:
        pipe.write(data)


def test_a_pinned_reference_is_checked_at_its_revision(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("fetch", "hf://acme/tiny-model", "--out", "m").code == 0
    (tmp_path / "m" / "notes.json").write_text('{"not": "a manifest"}')  # skipped, not an error
    result = run_cli(
        "license-check",
        "hf://acme/tiny-model@v1.0",
        "--manifests",
        "m",
        "--no-lineage",
        "--format",
        "json",
    )
    assert result.code == 0, result.stderr
    (checked,) = json.loads(result.stdout)["assets"]
    assert checked["path"].endswith("models--acme--tiny-model@v1.0.json")
    pinned = json.loads((tmp_path / checked["path"]).read_text())
    assert pinned["revision"] == "2" * 40


def test_license_check_fix_mends_cards_then_checks(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    card = tmp_path / "card.md"
    card.write_bytes(b"---\n# keep\nlicence: 'Apache License, Version 2.0'\n---\n# Body\n")
    result = run_cli("license-check", "card.md", "--fix", "--no-lineage")
    assert result.code == 1  # a file changed
    assert card.read_bytes() == b"---\n# keep\nlicense: 'apache-2.0'\n---\n# Body\n"
    assert "fixed card.md:3: S210 renamed the key 'licence' to 'license'" in result.stderr
    assert "card.md: allowed: Apache-2.0 (permissive)" in result.stderr  # checked after the fix
    again = run_cli("license-check", "card.md", "--fix", "--no-lineage")
    assert again.code == 0 and again.stderr.count("fixed") == 0


def test_lineage_resolves_from_the_manifests_given_as_targets(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fetched = run_cli("fetch", "hf://acme/apache-mid", "hf://acme/mit-base", "--out", "out")
    assert fetched.code == 0, fetched.stderr
    assert not (tmp_path / "manifests").exists()  # the default --manifests holds nothing
    result = run_cli("license-check", "out", "--use", "commercial", "--format", "json")
    assert result.code == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    mid = next(a for a in report["assets"] if a["asset"] == "hf://acme/apache-mid")
    assert mid["lineage"]["ancestors"] == ["hf://acme/mit-base"]
    assert [f["code"] for f in mid["lineage"]["findings"]] == []  # no G106: the base is a target


def test_an_ancestor_that_cannot_be_fetched_is_an_operational_error(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    card(tmp_path / "tune.md", "license: apache-2.0", "base_model: acme/down-model")
    result = run_cli(
        "license-check",
        "tune.md",
        "--fetch",
        "--manifests",
        "m",
        "--retries",
        "1",
        "--use",
        "commercial",
    )
    assert result.code == 3, result.stdout + result.stderr
    assert "hf://acme/down-model" in result.stderr
    assert "allowed" not in result.stderr.replace("NOT ALLOWED", "")


def test_an_unreadable_card_is_an_error_but_the_others_get_their_verdicts(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import os

    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "a.md").write_text("---\nlicense: mit\n---\n# A\n")
    (cards / "b.md").write_text("---\nlicense: cc-by-nc-4.0\n---\n# B\n")
    (cards / "c.md").symlink_to("c.md")  # a loop: unreadable even by root
    (cards / "d.json").write_text('{"schema_version": 1}')  # no manifest: unreadable too
    text = run_cli("license-check", "cards", "--use", "commercial")
    assert text.code == 3 and "Traceback" not in text.stderr, text.stderr
    assert "cards/a.md: allowed: MIT" in text.stderr
    assert "cards/b.md: NOT ALLOWED: CC-BY-NC-4.0" in text.stderr
    assert "mlassets: error: cards/c.md: cannot read" in text.stderr
    assert "mlassets: error: cards/d.json" in text.stderr
    as_json = run_cli("license-check", "cards", "--format", "json")
    assert as_json.code == 3
    report = json.loads(as_json.stdout)
    assert not list(validator_for("license-check-report").iter_errors(report))
    assert [a["path"] for a in report["assets"]] == ["cards/a.md", "cards/b.md"]
    assert os.path.islink(cards / "c.md")  # nothing was replaced


OPENML_XML = """<oml:data_set_description xmlns:oml="http://openml.org/openml">
  <oml:id>4242</oml:id>
  <oml:name>survey-nc</oml:name>
  <oml:version>3</oml:version>
  <oml:licence>CC BY-NC 4.0</oml:licence>
</oml:data_set_description>
"""


def test_a_directory_is_read_as_validate_reads_it(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A model repository holds JSON that is no manifest (`config.json`): it is not read, as
    `validate` does not read it; OpenML descriptions, XML or the server's JSON, are checked by
    their `licence` with its position; one that does not parse is named with its line, and the
    others are still checked."""
    repo = tmp_path / "repo"
    repo.mkdir()
    card(repo / "README.md", "license: mit")
    (repo / "config.json").write_text('{"architectures": ["BertModel"], "vocab_size": 30522}\n')
    (repo / "survey.xml").write_text(OPENML_XML)
    description = {"data_set_description": {"id": "7", "name": "tiny", "licence": "CC0"}}
    (repo / "tiny.json").write_text(json.dumps(description, indent=2) + "\n")

    checked = run_cli("license-check", "repo", "--use", "commercial", "--format", "json")
    assert checked.code == 1, checked.stderr  # the NC description, and nothing unreadable
    assert "config.json" not in checked.stdout + checked.stderr
    assets = {a["path"]: a for a in json.loads(checked.stdout)["assets"]}
    assert sorted(assets) == ["repo/README.md", "repo/survey.xml", "repo/tiny.json"]
    assert assets["repo/survey.xml"]["concluded"] == "CC-BY-NC-4.0"
    assert assets["repo/tiny.json"]["concluded"] == "CC0-1.0"
    text = run_cli("license-check", "repo", "--use", "commercial")
    assert "repo/survey.xml:5:3: P105" in text.stdout, text.stdout

    (repo / "broken.xml").write_text("<oml:data_set_description>\n  <oml:licence>MIT</oml")
    broken = run_cli("license-check", "repo")
    assert broken.code == 3
    assert "repo/broken.xml:2:" in broken.stderr and "XML does not parse" in broken.stderr
    assert "repo/tiny.json: allowed: CC0-1.0" in broken.stderr, broken.stderr  # the summary


def test_an_openml_json_indented_past_200_bytes_is_still_a_description(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The walk takes a JSON file whose first 512 bytes name `data_set_description`; the reader
    must take it as a description too, not refuse it as no manifest."""
    padded = "{" + " " * 300 + '"data_set_description": {"id": "9", "licence": "CC0"}}\n'
    (tmp_path / "d.json").write_text(padded)
    checked = run_cli("license-check", ".")
    assert checked.code == 0, checked.stderr
    assert "d.json: allowed: CC0-1.0" in checked.stderr
    validated = run_cli("validate", ".")  # checked as a description: the fields it lacks
    assert "S203 metadata: 'name' is required" in validated.stdout, validated.stdout


def test_a_research_license_by_its_slug_fails_commercial_use(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # `license_name: <model>-research`: the Hub's slug of a research license whose terms
    # mlassets does not hold; under --use commercial it was allowed with a P106 warning
    research = card(
        tmp_path / "README.md",
        "license: other",
        "license_name: acme-research",
        "license_link: LICENSE",
    )
    result = run_cli("license-check", str(research), "--use", "commercial")
    assert result.code == 1
    assert "P105" in result.stdout and "LicenseRef-acme-research" in result.stdout
    assert "its name says research or non-commercial use" in result.stdout
    assert run_cli("license-check", str(research), "--use", "research").code == 0


def test_a_card_whose_metadata_does_not_parse_says_so_not_no_license(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # "no license declared" for a card whose YAML is broken sends its author looking for a
    # missing key; the reason is the parse error, with its position
    broken = card(tmp_path / "README.md", "license: [mit", "tags: [a]")
    result = run_cli("license-check", str(broken))
    assert result.code == 1
    assert "P101" in result.stdout and "the metadata was not read (C104 at 2:" in result.stdout
    assert "no license declared" not in result.stdout
