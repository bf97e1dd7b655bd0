"""The located YAML tree: robustness (issue 13) and positions that point at the value's text."""

from __future__ import annotations

import pytest
import yaml

from mlassets.core.findings import Position
from mlassets.documents.card import parse_card
from mlassets.io.yamlpos import Located, YamlSyntaxError, load_located
from mlassets.validation.check import check_card


def c104(raw: bytes) -> tuple[Position | None, str]:
    card = parse_card(raw)
    assert card.metadata is None
    (finding,) = [f for f in card.findings if f.code == "C104"]
    return finding.position, finding.message


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("released: 2024-02-30", 11, "timestamp (day is out of range for month)"),
        ("ok: !!bool maybe", 5, "bool (not one of true, false"),
        ("n: " + "1" * 5000, 4, "int (exceeds the limit (4300 digits)"),
        ("f: !!float abc", 4, "float (could not convert string to float)"),
        ("t: !!timestamp soon", 4, "timestamp"),
    ],
)
def test_values_a_tag_cannot_hold_are_positioned_c104(line: str, column: int, words: str) -> None:
    position, message = c104(f"---\nlicense: mit\n{line}\n---\n".encode())
    assert position == Position(3, column)
    assert words in message and "fails too" in message
    assert len(message) < 200  # a 5,000-digit value is not echoed whole


def deep_flow(depth: int, extra: str = "") -> bytes:
    return f"---\nlicense: mit\nx: {'[' * depth}1{']' * depth}\n{extra}---\n".encode()


@pytest.mark.parametrize("extra", ["", "y: 'a\tb'\n"], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("depth", [500, 999])
def test_deep_nesting_builds_without_recursion(depth: int, extra: str) -> None:
    card = parse_card(deep_flow(depth, extra))
    assert card.findings == ()
    assert card.metadata is not None
    value, levels = card.metadata["x"], 0
    while isinstance(value, list):
        value, levels = value[0], levels + 1
    assert (levels, value) == (depth, 1)
    assert card.position(("x",) + (0,) * (depth - 1)) == Position(3, 3 + depth)
    kind, findings = check_card(card, "model")
    assert [f.code for f in findings] == []


@pytest.mark.parametrize("extra", ["", "y: 'a\tb'\n"], ids=["libyaml", "pure-python"])
def test_both_paths_stop_at_libyamls_nesting_limit(extra: str) -> None:
    position, message = c104(deep_flow(1500, extra))
    assert "exceeded maximum nesting depth" in message
    assert position is not None and position.line == 3


def test_deep_block_nesting_with_a_tab_takes_the_iterative_composer() -> None:
    lines = "".join("  " * i + "a:\n" for i in range(700)) + "  " * 700 + "leaf\n"
    card = parse_card(f"---\nt: 'x\ty'\n{lines}---\n".encode())
    assert card.findings == ()
    assert card.position(("a",) * 700) == Position(703, 1401)


def test_values_deeper_than_the_validator_reports_are_cut_and_said() -> None:
    card = parse_card(b"---\ntags: " + b"[" * 400 + b"x" + b"]" * 400 + b"\nlicense: mitt\n---\n")
    _, findings = check_card(card, "model")
    codes = [(f.code, f.pointer) for f in findings]
    assert ("S205", "/tags") in codes
    assert ("S202", "/license") in codes  # the rest of the card is still checked
    assert any("nested more than 200 levels" in f.message for f in findings)


def test_positions_count_card_lines_not_yaml_line_breaks() -> None:
    # NEL, LS and PS break lines in YAML 1.1, not in an editor or in the card's line numbers.
    located = load_located('a: "x\u2028y\x85z"\nb: 1\n')
    assert located.position(("b",)) == Position(2, 4)
    assert located.position(("b",), prefer_key=True) == Position(2, 1)


def test_astral_characters_count_as_one_column() -> None:
    located = load_located("a: '\U0001f600\U0001f600' \nb: [\U0001f600, x]\n")
    assert located.position(("b", 1)) == Position(2, 8)


def test_merge_keys_explicit_keys_win_and_positions_follow_the_data() -> None:
    located = load_located("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n")
    assert located.data["c"] == {"y": 3, "x": 1}
    assert located.position(("c", "y")) == Position(4, 6)
    assert located.position(("c", "x")) == Position(1, 14)


def test_duplicate_keys_point_at_the_winner() -> None:
    located = load_located("a: 1\nb: 2\na: [x, y]\n")
    assert located.data == {"a": ["x", "y"], "b": 2}
    assert located.duplicate_keys == [(("a",), Position(3, 1))]
    assert located.position(("a", 1)) == Position(3, 8)


def test_whole_maps_agree_with_lookups() -> None:
    text = "a:\n  - b: 1\n    c: [2, 3]\nd: x\nd: [y]\n"
    located = load_located(text, line_offset=10)
    assert located.values[("a", 0, "c", 1)] == Position(13, 12)
    assert located.keys[("d",)] == Position(15, 1)
    lazy = load_located(text, line_offset=10)  # answers from the nodes, never built the maps
    for path, where in located.values.items():
        assert lazy.position(path) == where
    for path, where in located.keys.items():
        assert lazy.position(path, prefer_key=True) == where


def test_eager_located_still_works_for_other_sources() -> None:
    located = Located({"a": 1}, {(): Position(1, 1), ("a",): Position(2, 3)}, {})
    assert located.position(("a", "missing")) == Position(2, 3)


def test_recursive_aliases_and_unknown_tags_are_syntax_errors() -> None:
    for text in ("a: &x [*x]", "a: !!python/object:os.system x", "a: &x {<<: *x}"):
        with pytest.raises(YamlSyntaxError):
            load_located(text)


def test_the_tab_path_agrees_with_pyyaml() -> None:
    text = "a: 'x\ty'\nb: &n [1, {c: ~}]\nd: *n\ne: !!set {p, q}\n"
    assert load_located(text).data == {
        "a": "x\ty",
        "b": [1, {"c": None}],
        "d": [1, {"c": None}],
        "e": {"p": None, "q": None},
    }
    with pytest.raises(YamlSyntaxError):  # libyaml would accept this tab; PyYAML does not
        load_located("a:\tb\n")
    assert yaml.safe_load(text)["b"] == [1, {"c": None}]
