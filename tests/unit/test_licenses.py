from __future__ import annotations

import pytest

from mlassets.documents.card import parse_card
from mlassets.licenses import conclude_card_license, conclude_text, normalize_license
from mlassets.licenses.hub_ids import HUB_FAMILIES, HUB_TO_SPDX
from mlassets.schemas import load_schema


def test_every_hub_id_in_the_schema_has_a_conclusion_rule() -> None:
    ids = set(load_schema("hub-model-card")["$defs"]["hub_license_id"]["enum"])
    assert ids == set(HUB_TO_SPDX) | set(HUB_FAMILIES) | {"unknown", "other"}
    assert len(ids) == 83


@pytest.mark.parametrize(
    ("raw", "spdx", "status"),
    [
        ("apache-2.0", "Apache-2.0", "spdx"),
        ("gpl-3.0", "GPL-3.0-only", "spdx"),
        ("GPL-3.0", "GPL-3.0-only", "spdx"),
        ("MIT OR Apache-2.0", "MIT OR Apache-2.0", "spdx"),
        ("apache-2.0 and mit", "Apache-2.0 AND MIT", "spdx"),
        ("llama2", "LicenseRef-scancode-llama-2-license-2023", "licenseref"),
        ("llama3", "LicenseRef-hf-llama3", "licenseref"),
        ("openmdw-1.0", "OpenMDW-1.0", "spdx"),
        ("other-C-UDA", "C-UDA-1.0", "spdx"),
        ("CC0", "CC0-1.0", "spdx"),
        ("bsd", "NOASSERTION", "noassertion"),
        ("gpl", "NOASSERTION", "noassertion"),
        ("unknown", "NOASSERTION", "noassertion"),
        ("10K<n<100K", "NOASSERTION", "noassertion"),
        ("Public", "NOASSERTION", "noassertion"),
    ],
)
def test_normalize(raw: str, spdx: str, status: str) -> None:
    result = normalize_license(raw)
    assert (result.spdx, result.status, result.raw) == (spdx, status, raw)
    assert bool(result.findings) == (status == "noassertion" or raw == "GPL-3.0")


def test_family_ids_say_why_no_version_was_concluded() -> None:
    (finding,) = normalize_license("gpl").findings
    assert finding.code == "L103" and "which version" in finding.message


def conclude(text: str):  # type: ignore[no-untyped-def]
    card = parse_card(text.encode())
    return conclude_card_license(card.metadata, card.located)


def test_a_list_means_all_apply_and_declared_values_are_kept() -> None:
    result = conclude("---\nlicense:\n  - mit\n  - cc-by-4.0\n---\n")
    assert result.concluded == "MIT AND CC-BY-4.0"
    assert result.declared == ("mit", "cc-by-4.0")


def test_other_takes_the_license_name() -> None:
    result = conclude("---\nlicense: other\nlicense_name: llama3\nlicense_link: LICENSE\n---\n")
    assert result.concluded == "LicenseRef-hf-llama3"
    unnamed = conclude("---\nlicense: other\nlicense_name: acme-terms\n---\n")
    assert unnamed.concluded == "LicenseRef-acme-terms"
    assert [(f.code, f.position.line if f.position else None) for f in unnamed.findings] == [
        ("L104", 3)
    ]
    bare = conclude("---\nlicense: other\n---\n")
    assert bare.concluded == "NOASSERTION" and bare.findings[0].code == "L104"


def test_a_license_name_no_licenseref_can_spell_concludes_nothing() -> None:
    # a LicenseRef keeps Latin letters and digits: "LicenseRef-4.0" would name nothing, and
    # was allowed under --use commercial for a non-commercial title
    for name in ["知识共享署名-非商业 4.0", "百川模型社区许可协议"]:
        result = conclude(f"---\nlicense: other\nlicense_name: {name}\nlicense_link: x\n---\n")
        assert result.concluded == "NOASSERTION", name
        assert [f.code for f in result.findings] == ["L102"], name
    kept = conclude("---\nlicense: other\nlicense_name: glm-4\nlicense_link: x\n---\n")
    assert kept.concluded == "LicenseRef-glm-4"


def test_other_takes_the_license_link_when_the_name_is_unknown() -> None:
    # the convention: `other` takes the license from license_name / license_link when they
    # identify one; a name mlassets does not know no longer hides a link it does
    card = (
        "---\nlicense: other\nlicense_name: qwen\n"
        "license_link: https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE\n---\n"
    )
    assert conclude(card).concluded == "LicenseRef-scancode-qwen-2024"
    unknown_link = "---\nlicense: other\nlicense_name: acme\nlicense_link: LICENSE\n---\n"
    assert conclude(unknown_link).concluded == "LicenseRef-acme"


def test_a_scancode_license_newer_than_license_expressions_index_has_its_category() -> None:
    from mlassets.licenses import classify

    # qwen-2024 is in the vendored LicenseDB (ScanCode 32.5), not in license-expression's index
    result = classify("LicenseRef-scancode-qwen-2024")
    assert result.category == "proprietary" and "Proprietary Free" in result.source


def test_legacy_licenses_key_is_read_including_per_config_mappings() -> None:
    assert conclude("---\nlicenses:\n  - cc-by-sa-4.0\n---\n").concluded == "CC-BY-SA-4.0"
    per_config = conclude("---\nlicenses:\n  a: [mit]\n  b: [mit]\n---\n")
    assert per_config.concluded == "MIT"


def test_disagreeing_current_and_legacy_keys_are_flagged() -> None:
    result = conclude("---\nlicense: mit\nlicenses:\n  - apache-2.0\n---\n")
    assert result.concluded == "MIT AND Apache-2.0"
    assert [f.code for f in result.findings] == ["L106"]


def test_one_unknown_part_makes_the_whole_conclusion_noassertion() -> None:
    assert conclude("---\nlicense: [mit, bsd]\n---\n").concluded == "NOASSERTION"


def test_no_license_anywhere() -> None:
    assert conclude("# nothing\n").findings[0].code == "L101"
    assert conclude_text(None).concluded == "NOASSERTION"
    assert conclude_text("CC0").concluded == "CC0-1.0"


def test_a_list_is_and_unless_the_card_says_the_licenses_are_alternatives() -> None:
    text = "---\nlicense:\n  - mit\n  - apache-2.0\n---\n# Model\n"
    card = parse_card(text.encode())
    assert conclude_card_license(card.metadata, card.located, card.body).concluded == (
        "MIT AND Apache-2.0"
    )
    dual = parse_card((text + "\nThis model is dual-licensed; use it under either.\n").encode())
    found = conclude_card_license(dual.metadata, dual.located, dual.body)
    assert found.concluded == "MIT OR Apache-2.0"
    assert [(f.code, f.position.line if f.position else None) for f in found.findings] == [
        ("L112", 3)  # the list under `license:`
    ]
