"""jsonschema-rs behind the schema findings: codes, pointers, messages, users' schema files."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlassets.core.errors import SchemaFileError
from mlassets.core.findings import Position
from mlassets.documents.card import parse_card
from mlassets.schemas import load_user_schema, validator_for
from mlassets.schemas.findings import schema_findings
from mlassets.validation.check import check_card
from tests.support.fresh_process import run_main


def findings(card: bytes, kind: str = "model") -> list[tuple[str, str, Position | None, str]]:
    _, found = check_card(parse_card(card), kind)
    return [(f.code, f.pointer, f.position, f.message) for f in found]


def test_any_of_reports_the_branch_the_value_was_meant_for() -> None:
    got = findings(b"---\nlanguage: [en, x1]\ntags: []\nbase_model: 3\n---\n")
    assert got == [
        (
            "S204",
            "/language/1",
            Position(2, 16),
            "language/1: 'x1' is not an ISO 639 language code (such as en, fra or pt-BR)",
        ),
        # tags: [] is valid: the Hub accepts it on real cards
        (
            "S201",
            "/base_model",
            Position(4, 13),
            "base_model: 3 is not a Hub repository id (ORG/NAME)",
        ),
    ]


def test_enum_values_get_did_you_mean_and_wrong_shapes_say_what_is_accepted() -> None:
    got = findings(b"---\npipeline_tag: text-clasification\nlicense: {a: 1}\n---\n")
    assert got[0][3] == (
        "pipeline_tag: 'text-clasification' is not an accepted value "
        "(did you mean 'text-classification'?)"
    )
    assert got[1][:3] == ("S202", "/license", Position(3, 10))
    assert got[1][3].startswith("license: a mapping is not accepted here; expected one of ")


def test_required_and_nested_types_keep_jsonschemas_wording() -> None:
    got = findings(b"---\nmodel-index:\n  - name: 1\n---\n")
    assert [(c, p, m) for c, p, _, m in got] == [
        ("S203", "/model-index/0", "model-index/0: 'results' is required"),
        ("S201", "/model-index/0/name", "model-index/0/name: 1 is not of type 'string'"),
    ]


def test_violations_carry_jsonschema_style_paths_and_messages() -> None:
    (violation,) = validator_for("lock").iter_errors({"lock_version": 1, "assets": "x"})
    assert violation.json_path == "$.assets"
    assert violation.message == "'x' is not of type 'array'"
    assert validator_for("lock").is_valid({"lock_version": 1, "assets": []})


def write(tmp_path: Path, text: str, name: str = "org.json") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"$ref": "#"}', "refers to itself at / without reading any value"),
        (
            '{"allOf": [{"$ref": "#/$defs/a"}], "$defs": {"a": {"anyOf": [{"$ref": "#"}]}}}',
            "refers to itself",
        ),
        ('{"$ref": "other.json"}', "schema reference cannot be resolved: Resource 'other.json'"),
        ('{"$ref": "https://example.com/s.json"}', "cannot be resolved"),
        ('{"$ref": "#/$defs/missing"}', "cannot be resolved"),
        ('{"type": "objekt"}', "not a valid JSON Schema at /type"),
        ('{"pattern": "["}', "not a valid JSON Schema at /pattern"),
    ],
)
def test_bad_user_schemas_are_one_line_schema_file_errors(
    tmp_path: Path, text: str, words: str
) -> None:
    with pytest.raises(SchemaFileError) as raised:
        load_user_schema(write(tmp_path, text))
    message = str(raised.value)
    assert words in message and "\n" not in message and message.startswith(str(tmp_path))


def test_a_schema_that_recurses_through_values_is_fine(tmp_path: Path) -> None:
    schema = load_user_schema(
        write(
            tmp_path,
            '{"type": "object", "properties": {"child": {"$ref": "#"}, "n": {"type": "integer"}}}',
        )
    )
    data = {"child": {"child": {"n": "x"}}}
    (finding,) = schema_findings(schema, data, None, code_base=300)
    assert (finding.code, finding.pointer) == ("S301", "/child/child/n")


def test_self_referencing_schema_file_exits_2_with_one_line(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    card = tmp_path / "c.md"
    card.write_text("---\nlicense: mit\n---\n")
    schema = write(tmp_path, '{"$ref": "#"}')
    result = run_cli("validate", "--schema", str(schema), str(card))
    assert result.code == 2
    assert "refers to itself" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2


@pytest.mark.parametrize("command", ["validate", "license-check"])
def test_the_hook_path_never_imports_jsonschema(tmp_path: Path, command: str) -> None:
    card = tmp_path / "c.md"
    card.write_text(
        "---\nlicense: mit\nlanguage: [en, x1]\npipeline_tag: text-clasification\n---\n"
    )
    watched = ("jsonschema", "referencing", "jsonschema_specifications", "attrs", "rich")
    run = run_main([command, str(card)], watched, cwd=tmp_path)
    # it ran: validate reports the card's findings, license-check allows its MIT
    assert run.loaded == [] and run.code == (1 if command == "validate" else 0), run.stderr
