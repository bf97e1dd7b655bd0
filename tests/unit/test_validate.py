from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mlassets.core.errors import SchemaFileError
from mlassets.core.findings import Position, Severity
from mlassets.documents.card import parse_card
from mlassets.validation.check import check_card, check_manifest_text, validate_paths
from mlassets.validation.kinds import infer_kind


def findings(text: str, kind: str = "model") -> list[tuple[str, Position | None, str]]:
    _, found = check_card(parse_card(text.encode()), kind)
    return [(f.code, f.position, f.message) for f in found]


def test_a_clean_model_card_has_no_findings() -> None:
    card = "---\nlicense: apache-2.0\nlanguage: [en, pt-BR]\npipeline_tag: fill-mask\nbase_model: a/b\n---\n"
    assert findings(card) == []


def test_hub_license_form_with_suggestion_at_the_value() -> None:
    assert findings("---\nlicense: MIT\n---\n") == [
        ("S202", Position(2, 10), "license: 'MIT' is not an accepted value (did you mean 'mit'?)")
    ]


def test_a_list_of_licenses_reports_the_bad_item() -> None:
    assert findings("---\nlicense:\n  - mit\n  - Apache 2.0\n---\n")[0][:2] == (
        "S202",
        Position(4, 5),
    )


def test_other_without_name_and_link_is_one_l104_warning_at_the_license_key() -> None:
    # Was two S203 errors at line 2: the Hub accepts the card, so it is not a schema error.
    assert findings("---\ntags: [x]\nlicense: other\n---\n") == [
        (
            "L104",
            Position(3, 1),
            "license is 'other' without license_name or license_link: nobody can tell which "
            "license applies (add them; in a dataset card, license_details also names it)",
        )
    ]


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("licence", "license"),
        ("base-model", "base_model"),
        ("pipeline-tag", "pipeline_tag"),
        ("licenses", "license"),
    ],
)
def test_near_misses_get_did_you_mean_at_the_key(key: str, suggestion: str) -> None:
    (code, position, message), *_ = findings(f"---\n{key}: x\n---\n")
    assert (code, position) == ("S210", Position(2, 1))
    assert message == f"unknown key {key!r}: did you mean {suggestion!r}?"


def test_unknown_keys_are_allowed() -> None:
    assert findings("---\nlicense: mit\nmy_team_field: 3\n---\n") == []


def test_legacy_licenses_on_a_dataset_card_is_a_legacy_warning() -> None:
    assert findings("---\nlicenses:\n  - mit\n---\n", "dataset")[0][0] == "S211"


def test_model_index_structure_and_base_model_relation() -> None:
    card = (
        "---\nbase_model: [a/b, c/d]\nbase_model_relation: merged\nmodel-index:\n  - name: m\n"
        "    results:\n      - task: {type: fill-mask}\n        dataset: {name: x}\n        metrics:\n"
        "          - type: acc\n---\n"
    )
    assert [(c, p) for c, p, _ in findings(card)] == [
        ("S202", Position(3, 22)),
        ("S203", Position(8, 18)),
        ("S203", Position(10, 13)),
    ]


def test_dataset_card_fields() -> None:
    card = "---\nsize_categories: [10K<n<100K]\ntask_categories: [translation]\nconfigs:\n  - data_files: x\n---\n"
    assert [(c, m) for c, _, m in findings(card, "dataset")] == [
        ("S203", "configs/0: 'config_name' is required")
    ]


@pytest.mark.parametrize("kind", ["model", "dataset"])
def test_languages_are_iso_639_codes_with_optional_subtags(kind: str) -> None:
    ok = "---\nlanguage: [en, fra, pt-BR, zh-Hant, yue, multilingual, code]\n---\n"
    assert findings(ok, kind) == []
    bad = "---\nlanguage: [en, xx, jb]\n---\n"  # xx and jb have the right shape, but no ISO code
    assert findings(bad, kind) == [
        (
            "S204",
            Position(2, 16),
            "language/1: 'xx' is not an ISO 639 language code (such as en, fra or pt-BR)",
        ),
        (
            "S204",
            Position(2, 20),
            "language/2: 'jb' is not an ISO 639 language code (such as en, fra or pt-BR)",
        ),
    ]


def test_tasks_are_the_hub_pipeline_tags_and_the_retained_ones() -> None:
    for task in ("video-to-video", "text2text-generation", "text-generation"):
        assert findings(f"---\npipeline_tag: {task}\n---\n") == [], task
    assert [c for c, _, _ in findings("---\npipeline_tag: text-generator\n---\n")] == ["S202"]
    assert findings("---\ntask_categories: [video-to-video]\n---\n", "dataset") == []


def test_kind_is_inferred_from_keys_then_from_the_path() -> None:
    assert infer_kind({"task_categories": []}, "x.md") == "dataset"
    assert infer_kind({"pipeline_tag": "x"}, "datasets/x.md") == "model"
    assert infer_kind({"license": "mit"}, "repo/datasets/x.md") == "dataset"
    assert infer_kind(None, "x.md") == "model"


def test_user_schema_is_layered_on_top(tmp_path: Path) -> None:
    schema = tmp_path / "org.yaml"
    schema.write_text(
        "type: object\nrequired: [license]\nproperties:\n  tags:\n    contains: {const: reviewed}\n"
    )
    card = tmp_path / "card.md"
    card.write_text("---\nlicence: mit\ntags: [a]\n---\n")
    report = validate_paths([card], user_schemas=[schema])
    assert [(f.code, f.position) for f in report.files[0].findings] == [
        ("S210", Position(2, 1)),
        ("S303", Position(2, 1)),
        ("S305", Position(3, 7)),
    ]


def test_a_broken_user_schema_is_a_usage_error_naming_the_file(tmp_path: Path) -> None:
    schema = tmp_path / "org.json"
    schema.write_text('{"type": "objekt"}')
    with pytest.raises(SchemaFileError, match="org.json"):
        validate_paths([tmp_path], user_schemas=[schema])


def test_manifest_json_errors_have_positions() -> None:
    assert [(f.code, f.position) for f in check_manifest_text('{\n  "id": 1,\n')] == [
        ("J101", Position(3, 1))
    ]
    bad = json.dumps({"schema_version": 1, "id": 5}, indent=2)
    found = check_manifest_text(bad)
    assert ("S201", Position(3, 9)) in [(f.code, f.position) for f in found]


def test_parallel_and_serial_runs_agree(tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"c{i}.md").write_text(f"---\nlicense: {'mit' if i % 2 else 'MIT'}\n---\n")
    os.mkfifo(tmp_path / "c30.md")  # unreadable: its reason comes back from whichever process
    serial = validate_paths([tmp_path], workers=1)
    from mlassets.validation import check as module

    threshold = module.PARALLEL_THRESHOLD
    module.PARALLEL_THRESHOLD = 1
    try:  # this process and 1 or 2 forked workers share the chunks
        parallel = [validate_paths([tmp_path], workers=n) for n in (2, 3)]
    finally:
        module.PARALLEL_THRESHOLD = threshold
    assert parallel == [serial, serial]
    assert serial.count(Severity.ERROR) == 15 and len(serial.files) == 30
    assert len(serial.unreadable) == 1 and "c30.md" in serial.unreadable[0]


@pytest.mark.parametrize("kind", ["model", "dataset"])
def test_a_key_without_a_value_and_an_empty_list_are_valid(kind: str) -> None:
    # huggingface_hub's card data reads `tags:` (null) as absent, and `tags: []` as no tags
    card = "---\nlicense: mit\ntags:\nbase_model:\ndatasets: []\nmetrics: []\nlanguage: []\n---\n"
    assert findings(card, kind) == []
    # a value of the wrong type is still an error
    assert [code for code, _, _ in findings("---\ntags: 3\n---\n", kind)] == ["S201"]
