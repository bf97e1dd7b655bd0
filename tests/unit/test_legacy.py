"""No false errors on real cards: the 2020–21 taxonomy, `license: other`, card kinds."""

from __future__ import annotations

import pytest

from mlassets.core.findings import Position, Severity
from mlassets.core.refs import AssetRef
from mlassets.core.suggest import close_matches
from mlassets.documents.card import parse_card
from mlassets.manifests.build import from_card
from mlassets.schemas import validator_for
from mlassets.schemas.findings import schema_findings
from mlassets.validation.check import check_card
from mlassets.validation.kinds import infer_kind


def found(text: str, kind: str = "dataset") -> list[tuple[str, Position | None, str]]:
    _, findings = check_card(parse_card(text.encode()), kind)
    return [(f.code, f.position, f.message) for f in findings]


def test_old_task_categories_are_one_legacy_warning_per_key_naming_todays_task() -> None:
    card = (
        "---\ntask_categories:\n- conditional-text-generation\n- sequence-modeling\n"
        "- conditional-text-generation\n- translation\n---\n"
    )
    ((code, position, message),) = found(card)
    assert (code, position) == ("S212", Position(2, 1))
    assert "'conditional-text-generation' is now text2text-generation" in message
    assert "'sequence-modeling' is now text-generation or fill-mask" in message
    assert rules_severity("S212") is Severity.WARNING


def rules_severity(code: str) -> Severity:
    from mlassets.core.rules import RULES

    return RULES[code].severity


def test_a_typo_beside_an_old_value_keeps_its_schema_error() -> None:
    card = "---\ntask_categories: [structure-prediction, text_classification]\n---\n"
    assert [(c, p) for c, p, _ in found(card)] == [
        ("S212", Position(2, 1)),
        ("S202", Position(2, 41)),
    ]


def test_old_size_categories_and_configs_as_names() -> None:
    card = "---\nsize_categories: [unknown]\nconfigs:\n- de\n- en\n- fr\n---\n"
    results = found(card)
    assert [(c, p) for c, p, _ in results] == [("S212", Position(2, 1)), ("S212", Position(3, 1))]
    assert "list of mappings, each with 'config_name'" in results[1][2]


def test_per_config_mappings_are_one_finding_per_key_not_one_per_config() -> None:
    card = (
        "---\nsize_categories:\n  a: [1K<n<10K]\n  b: [n<1K]\ntask_categories:\n"
        "  a: [text-classification]\n  b: [structure-prediction]\nlanguages:\n  a: [en]\n  b: [de]\n---\n"
    )
    codes = [(c, p) for c, p, _ in found(card)]
    assert codes == [
        ("S212", Position(2, 1)),
        ("S212", Position(5, 1)),
        ("S212", Position(8, 1)),
        ("S213", Position(8, 1)),
    ]


def test_old_other_licenses_name_the_license_other_form() -> None:
    ((code, _, message),) = found("---\nlicense: [other-non-commercial]\n---\n")
    assert code == "S212" and "'license: other' with 'license_name'" in message


def test_tags_may_be_empty_and_size_may_be_other() -> None:
    assert found("---\ntags: []\nsize_categories: other\n---\n") == []
    assert found("---\ntags: []\nlicense: mit\n---\n", "model") == []


def test_license_details_satisfies_license_other_in_a_dataset_card() -> None:
    card = (
        "---\nlicense: other\nlicense_details: Creative Commons Attribution 2.5 South Africa\n---\n"
    )
    assert found(card) == []
    assert [c for c, _, _ in found(card, "model")] == ["L104"]


def test_other_with_a_name_but_no_link_is_still_one_l104() -> None:
    ((code, position, message),) = found("---\nlicense: other\nlicense_name: acme\n---\n", "model")
    assert (code, position) == ("L104", Position(2, 1))
    assert "without license_link" in message


@pytest.mark.parametrize(
    ("metadata", "path"),
    [
        ({"licenses": ["cc-by-nc-4.0"], "datasets": ["squad"]}, "corpus/models/x.md"),
        ({"task_categories": ["translation"], "pipeline_tag": "translation"}, "x.md"),
        ({"size_categories": ["n<1K"]}, "hub/models/org/README.md"),
        ({"pipeline_tag": "fill-mask"}, "datasets/x.md"),
    ],
)
def test_a_model_card_is_never_a_dataset(metadata: dict[str, object], path: str) -> None:
    assert infer_kind(metadata, path) == "model"


def test_dataset_keys_or_a_datasets_folder_still_make_a_dataset() -> None:
    assert infer_kind({"task_categories": []}, "x.md") == "dataset"
    assert infer_kind({"license": "mit"}, "corpus/datasets/x.md") == "dataset"


def test_legacy_languages_fill_the_manifests_languages() -> None:
    card = parse_card(b"---\nlanguages:\n  a: [en, de]\n  b: [en, fr]\n---\n", "datasets/x.md")
    manifest = from_card(card, AssetRef("local", None, "datasets/x.md"), "2026-01-01T00:00:00Z")
    assert manifest.languages == ("en", "de", "fr")
    flat = parse_card(b"---\nlanguages: [sw]\n---\n", "datasets/y.md")
    assert from_card(flat, AssetRef("local", None, "y"), "2026-01-01T00:00:00Z").languages == (
        "sw",
    )


# Two wrong suggestions seen on real cards: an unrelated task, and a bucket in another case.
def test_no_suggestion_between_unrelated_tasks() -> None:
    (finding,) = schema_findings(
        validator_for("hub-model-card"), {"pipeline_tag": "conditional-text-generation"}, None
    )
    assert "did you mean" not in finding.message, finding.message


def test_a_size_category_in_lower_case_suggests_its_own_bucket() -> None:
    (finding,) = schema_findings(
        validator_for("hub-dataset-card"), {"size_categories": ["10k<n<100k"]}, None
    )
    assert "did you mean '10K<n<100K'" in finding.message, finding.message


def test_close_matches_itself_is_only_as_good_as_its_cutoff() -> None:
    tasks = ["unconditional-image-generation", "text2text-generation"]
    assert close_matches("conditional-text-generation", tasks, n=1, cutoff=0.8) == [
        "unconditional-image-generation"
    ]
    assert close_matches("conditional-text-generation", tasks, n=1, cutoff=0.9) == []
