"""`mlassets validate` through the CLI, and the import budget of its hot path."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mlassets.schemas import validator_for
from tests.support.fresh_process import run_main


def test_text_output_and_exit_codes(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "good.md").write_text("---\nlicense: mit\n---\n")
    (tmp_path / "bad.md").write_text("---\nlicense: MIT\n---\n")
    clean = run_cli("validate", "good.md")
    assert (clean.code, clean.stdout) == (0, "")
    assert "1 file(s) checked: 0 error" in clean.stderr
    dirty = run_cli("validate", ".")
    assert dirty.code == 1
    assert (
        dirty.stdout
        == "bad.md:2:10: S202 license: 'MIT' is not an accepted value (did you mean 'mit'?)\n"
    )


def test_info_findings_do_not_fail_by_default(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "crlf.md").write_bytes(b"---\r\nlicense: mit\r\n---\r\n")
    assert run_cli("validate", "crlf.md").code == 0
    assert run_cli("validate", "crlf.md", "--fail-on", "notice").code == 1


def test_json_output_is_a_versioned_contract(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "b.md").write_text("---\nlicense: MIT\n---\n")
    (tmp_path / "a.md").write_text("no metadata\n")
    result = run_cli("validate", ".", "--format", "json")
    report = json.loads(result.stdout)
    assert not list(validator_for("validate-report").iter_errors(report))
    assert [f["path"] for f in report["files"]] == ["a.md", "b.md"]
    assert report["summary"] == {"files": 2, "error": 1, "warning": 1, "notice": 0, "unreadable": 0}
    assert report["unreadable"] == []
    assert report["files"][1]["findings"][0] == {
        "code": "S202",
        "severity": "error",
        "pointer": "/license",
        "line": 2,
        "column": 10,
        "message": "license: 'MIT' is not an accepted value (did you mean 'mit'?)",
    }


def test_usage_and_operational_errors(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = run_cli("validate", "nope.md")
    assert missing.code == 3 and "nope.md: no such file or directory" in missing.stderr
    (tmp_path / "s.json").write_text("{not json")
    (tmp_path / "c.md").write_text("---\nlicense: mit\n---\n")
    bad_schema = run_cli("validate", "c.md", "--schema", "s.json")
    assert bad_schema.code == 2 and "s.json:1:2" in bad_schema.stderr
    assert run_cli("validate", "c.md", "--format", "xml").code == 2


def test_manifests_and_openml_descriptions_are_validated(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "m.json").write_text('{\n  "schema_version": 1,\n  "kind": "robot"\n}\n')
    (tmp_path / "d.xml").write_text(
        '<oml:data_set_description xmlns:oml="http://openml.org/openml">\n'
        "  <oml:id>x</oml:id>\n  <oml:name>n</oml:name>\n</oml:data_set_description>\n"
    )
    result = run_cli("validate", "m.json", "d.xml")
    assert result.code == 1
    assert "m.json:3:11: S202 kind: 'robot' is not an accepted value" in result.stdout
    assert "d.xml:2:3: S201 id: 'x' is not of type 'integer'" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--format", "sarif"],
        ["validate", "--fix"],
        ["license-check", "--policy-free"],
    ],
)
def test_the_hook_path_does_not_import_network_clients(tmp_path: Path, args: list[str]) -> None:
    # rfc3987_syntax: jsonschema imports it when installed (jsonschema[format-nongpl]), at 0.6 s.
    card = tmp_path / "c.md"
    card.write_text("---\nlicense: mit\n---\n")
    argv = [a for a in args if a != "--policy-free"] + [str(card)]
    # The other commands' modules: the CLI builds only the command it runs.
    others = ("mlassets.cli.catalog", "mlassets.cli.sync", "mlassets.cli.export")
    heavy = ("huggingface_hub", "openml", "httpx", "requests", "rich", "license_expression")
    heavy += ("typer", "click", "typer._click")  # the hook's commands parse with argparse
    run = run_main(argv, (*heavy, *others, "rfc3987_syntax"), cwd=tmp_path)
    assert run.loaded == [] and run.code in (0, 1), run.stderr


def test_license_check_on_a_card_does_not_load_the_schema_validator(tmp_path: Path) -> None:
    # license-check reads a card's license and lineage, never its schema findings: the compiled
    # validator (jsonschema_rs and what it imports) stays unloaded, and the verdict is the same.
    card = tmp_path / "c.md"
    card.write_text("---\nlicense: cc-by-nc-4.0\nbase_model: a/b\n---\n# C\n")
    unused = ("jsonschema_rs", "mlassets.schemas", "mlassets.sources", "_hashlib", "tomllib")
    argv = ["license-check", "--use", "commercial", str(card)]
    run = run_main(argv, (*unused, "mlassets.licenses"), cwd=tmp_path)
    assert run.code == 1, run.stdout + run.stderr
    # what it did load is seen (the probe works); nothing of `unused` is
    assert run.loaded and all(m.startswith("mlassets.licenses") for m in run.loaded), run.loaded
    assert "CC-BY-NC-4.0" in run.stdout


def test_python_dash_m_and_version(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--version")
    assert result.code == 0 and result.stdout.strip() == "0.1.0"


def test_an_unreadable_card_is_an_error_but_the_others_are_still_reported(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import os

    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "a.md").write_text("---\nlicence: mit\n---\n# A\n")
    os.mkfifo(cards / "b.md")  # not a regular file: the bounded reader refuses it
    text = run_cli("validate", "cards")
    assert text.code == 3
    assert "cards/a.md:2:1: S210" in text.stdout
    assert "mlassets: error: cards/b.md" in text.stderr
    as_json = run_cli("validate", "cards", "--format", "json")
    assert as_json.code == 3
    report = json.loads(as_json.stdout)
    assert not list(validator_for("validate-report").iter_errors(report))
    assert [f["path"] for f in report["files"]] == ["cards/a.md"]
    assert len(report["unreadable"]) == report["summary"]["unreadable"] == 1
    assert report["unreadable"][0].startswith("cards/b.md: ")


def test_a_manifest_nested_too_deep_is_a_finding_not_a_crash(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "deep.json").write_text(
        '{"schema_version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    result = run_cli("validate", "deep.json")
    assert result.code == 1 and "Traceback" not in result.stderr
    assert "deep.json:1:1: J101 JSON nested more than 64 levels deep" in result.stdout


def test_validate_leaves_the_license_machinery_alone_when_the_body_states_no_license(
    tmp_path: Path,
) -> None:
    # Body license reading needs mlassets.licenses (reference data, fuzzy matching): a card whose
    # body states no license must not pay for it in the hook.
    plain, stating = tmp_path / "plain.md", tmp_path / "stating.md"
    plain.write_text("---\nlicense: mit\n---\n# A model\n\nIt classifies text.\n")
    stating.write_text("---\nlicense: mit\n---\n# A model\n\n## License\n\nApache-2.0\n")
    watched = ("mlassets.licenses", "rapidfuzz")
    loaded = [run_main(["validate", str(card)], watched).loaded for card in (plain, stating)]
    # and rapidfuzz (typo correction) only for a license written with a typo
    assert loaded[0] == [] and "mlassets.licenses" in loaded[1] and "rapidfuzz" not in loaded[1]


def test_a_missing_file_whose_name_is_not_utf8_is_named_with_its_byte_escaped(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("validate", os.fsdecode(b"bad\xffname.md"))
    assert result.code == 3
    assert "bad\\xffname.md: no such file or directory" in result.stderr
    assert "\\udcff" not in result.stderr
