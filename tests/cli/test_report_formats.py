"""`--format sarif|github|json|text` for validate and license-check (issue 4, part 3)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from mlassets.schemas import validator_for
from tests.support.sarif_schema import sarif_schema

BAD = "---\nlicence: Apache 2.0\nlanguage: English\n---\n\n# Bad card\n"


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    schema = sarif_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def test_validate_sarif_is_valid_sarif_2_1_0(run_cli, tmp_path: Path, sarif_validator) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "README.md").write_text(BAD)
    result = run_cli("validate", "cards", "--format", "sarif")
    assert result.code == 1
    log = json.loads(result.stdout)
    assert list(sarif_validator.iter_errors(log)) == []
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["S204", "S210"] and all(
        r["help"]["text"] for r in run["tool"]["driver"]["rules"]
    )
    locations = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in run["results"]
    ]
    assert locations == [
        ("S210", "warning", "cards/README.md", 2, 1),
        ("S204", "error", "cards/README.md", 3, 11),
    ]
    assert all(
        run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"]
    )


def test_license_check_sarif_is_valid_and_points_at_keys(
    run_cli, tmp_path: Path, sarif_validator
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "card.md").write_text("---\nlicense: cc-by-nc-4.0\n---\n# m\n")
    result = run_cli("license-check", "card.md", "--use", "commercial", "--format", "sarif")
    assert result.code == 1
    log = json.loads(result.stdout)
    assert list(sarif_validator.iter_errors(log)) == []
    (only,) = log["runs"][0]["results"]
    assert (only["ruleId"], only["level"]) == ("P105", "error")
    assert only["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 1}


def test_github_annotations_escape_and_locate(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a, b.md").write_text(BAD)
    result = run_cli("validate", "a, b.md", "--format", "github")
    assert result.code == 1
    assert result.stdout.splitlines() == [
        "::warning file=a%2C b.md,line=2,col=1,title=mlassets S210::unknown key 'licence': did you mean 'license'?",
        "::error file=a%2C b.md,line=3,col=11,title=mlassets S204::language: 'English' is not an ISO 639 language code (such as en, fra or pt-BR)",
    ]


def test_license_check_json_and_text(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "card.md").write_text("---\nlicense: mit\n---\n# m\n")
    text = run_cli("license-check", "card.md")
    assert (text.code, text.stdout) == (0, "")
    report = json.loads(run_cli("license-check", "card.md", "--format", "json").stdout)
    assert not list(validator_for("license-check-report").iter_errors(report))
    assert report["summary"]["allowed"] == 1
