from __future__ import annotations

import pytest

from mlassets.core.findings import Position
from mlassets.documents.card import parse_card


def codes(raw: bytes) -> list[tuple[str, Position | None]]:
    return [(f.code, f.position) for f in parse_card(raw).findings]


def test_clean_card_keeps_positions_of_keys_and_values() -> None:
    card = parse_card(b"---\nlicense: mit\ntags:\n  - a\n  - b\n---\n# Title\n")
    assert card.metadata == {"license": "mit", "tags": ["a", "b"]}
    assert card.findings == ()
    assert card.position(("license",)) == Position(2, 10)
    assert card.position(("license",), prefer_key=True) == Position(2, 1)
    assert card.position(("tags", 1)) == Position(5, 5)
    assert card.body == "# Title\n"


def test_bom_and_crlf_are_findings_and_positions_stay_right() -> None:
    card = parse_card(b"\xef\xbb\xbf---\r\nlicense: mit\r\nlanguage: en\r\n---\r\nbody\r\n")
    assert [f.code for f in card.findings] == ["C106", "C107"]
    assert card.metadata == {"license": "mit", "language": "en"}
    assert card.position(("language",)) == Position(3, 11)


def test_mixed_line_endings_point_at_the_first_lf_line() -> None:
    assert ("C108", Position(2, 1)) in codes(b"---\r\nlicense: mit\n---\r\n")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"# no metadata\n", [("C101", None)]),
        (b"---\nlicense: mit\n# never closed\n", [("C102", Position(1, 1))]),
        (b"---\n---\n# body\n", [("C103", Position(1, 1))]),
        (b"---\n{}\n---\n", [("C103", Position(1, 1))]),
        (b"---\n- a\n- b\n---\n", [("C105", Position(2, 1))]),
        (b"---\nlicense: mit\ntags:\n  - a\n - b\n---\n", [("C104", Position(5, 2))]),
        (b"---\nlicense:\tmit\n---\n", [("C104", Position(2, 9))]),
        (b"---\nlicense: mit\nlicense: apache-2.0\n---\n", [("C110", Position(3, 1))]),
        (b"---\nlicense: \xff\n---\n", [("C109", Position(2, 10))]),
    ],
)
def test_broken_cards_become_positioned_findings(
    raw: bytes, expected: list[tuple[str, Position | None]]
) -> None:
    assert codes(raw) == expected


def test_empty_block_followed_by_metadata_is_read_as_the_hub_reads_it() -> None:
    card = parse_card(b"---\n---\nlicense: mit\n---\n# body\n")
    assert card.metadata == {"license": "mit"}
    assert [f.code for f in card.findings] == ["C103"]
    assert card.position(("license",)) == Position(3, 10)


def test_unsafe_tags_are_refused_not_constructed() -> None:
    card = parse_card(b"---\nx: !!python/object/apply:os.system ['true']\n---\n")
    assert card.metadata is None
    assert [f.code for f in card.findings] == ["C104"]


def test_alias_bombs_are_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    card = parse_card(("---\n" + "\n".join(lines) + "\n---\n").encode())
    assert card.metadata is None
    assert "too many values" in card.findings[0].message


def test_norway_problem_keeps_the_yaml_1_1_reading_and_the_schema_flags_it() -> None:
    from mlassets.validation.check import check_card

    card = parse_card(b"---\nlanguage:\n  - en\n  - no\n---\n")
    _, findings = check_card(card, "model")
    assert card.metadata == {"language": ["en", False]}
    assert [(f.code, f.position) for f in findings] == [("S201", Position(4, 5))]
