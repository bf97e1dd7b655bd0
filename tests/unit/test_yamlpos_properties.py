"""Property-based tests of the YAML position builder (Hypothesis).

1. No input makes `load_located` or `parse_card` raise anything but mlassets' own errors.
2. Positions point at the value's text: for every scalar, the text at its reported position is
   where the scalar starts (its quote, or its plain text), on both the libyaml and the
   pure-Python (tab) path, for documents in block and flow style.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlassets.documents.card import parse_card
from mlassets.io.yamlpos import YamlSyntaxError, load_located
from mlassets.validation.check import check_card

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_ish = st.text(
    alphabet=st.sampled_from(list("ab1 :-[]{},#&*!|>'\"\t\n?%@`~\\") + ["\u2028", "\x85", "é"]),
    max_size=80,
)


@SETTINGS
@given(st.one_of(yaml_ish, st.text(max_size=80)))
def test_any_text_loads_or_is_a_yaml_syntax_error(text: str) -> None:
    try:
        located = load_located(text, line_offset=3)
    except YamlSyntaxError as exc:
        assert exc.position.line >= 1 and exc.position.column >= 1
        return
    for path in located.values:
        assert located.position(path) is not None


@SETTINGS
@given(st.binary(max_size=120), yaml_ish)
def test_any_card_parses_and_checks_without_raising(raw: bytes, text: str) -> None:
    for card_bytes in (raw, b"---\n" + text.encode("utf-8", "replace") + b"\n---\nbody\n"):
        card = parse_card(card_bytes)
        kind, findings = check_card(card)
        assert kind in ("model-card", "dataset-card")
        assert all(f.position is None or f.position.line >= 1 for f in findings)


words = st.text(alphabet=st.sampled_from(list("abcxyz019 _-.:#'\"é\U0001f600")), max_size=8)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), words)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(words.filter(bool), children, max_size=4),
    ),
    max_leaves=25,
)


def leaves(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Any]]:
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in leaves(v, (*path, k))]
    if isinstance(data, list):
        return [leaf for i, v in enumerate(data) for leaf in leaves(v, (*path, i))]
    return [(path, data)]


def text_at(text: str, line: int, column: int) -> str:
    return text.split("\n")[line - 1][column - 1 :]


def oracle_start(text: str, path: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column (1-based) where PyYAML's own recursive composer starts the node."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for part in path:
        if isinstance(part, int):
            node = node.value[part]
        else:
            node = [v for k, v in node.value if k.value == part][-1]
    return node.start_mark.line + 1, node.start_mark.column + 1


@SETTINGS
@given(documents, st.booleans(), st.booleans(), st.integers(0, 5))
def test_each_scalar_starts_where_its_position_points(
    data: Any, flow: bool, tab: bool, offset: int
) -> None:
    if not isinstance(data, dict):
        data = {"root": data}
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, width=40)
    if tab:  # a tab in a comment: valid YAML that sends the text down the slow path
        text = "#\ttabbed\n" + text
    located = load_located(text, line_offset=offset)
    assert located.data == data
    for path, value in leaves(data):
        position = located.position(path)
        assert position is not None
        found = text_at(text, position.line - offset, position.column)
        if found[:1] in ("'", '"'):  # a quoted scalar: where PyYAML itself says it starts
            assert (position.line - offset, position.column) == oracle_start(text, path)
            continue
        written = yaml.safe_dump(value, allow_unicode=True).removesuffix("\n...\n").strip()
        # A long plain scalar may be folded onto the next lines: its first word starts here.
        assert found.startswith(written.split()[0]), (path, found, written)
