"""Property tests (issue 13): the card parser and the license normaliser raise nothing but
mlassets' own errors, whatever they are given.

The crashes these properties found in the YAML position builder (impossible dates, bad explicit
tags, huge integers, control characters on the tab path, deep nesting) are regression tests below.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlassets.core.errors import MlassetsError
from mlassets.documents.card import parse_card
from mlassets.licenses import normalize_license
from tests.properties.strategies import KEYS, SCALARS, cards, license_strings

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
# Values that reach constructors PyYAML lets raise (timestamps, explicit tags), control
# characters its reader refuses before parsing, and nesting deep enough for RecursionError.
TRIGGERS = ("!!", "2024-02-30", "T25:", "[" * 100, "\x00", "\t", "9" * 400)


def only_own_errors(call: Callable[[bytes], object], raw: bytes) -> None:
    with contextlib.suppress(MlassetsError):  # anything else fails the property
        call(raw)


@SETTINGS
@given(license_strings)
def test_normalize_license_raises_nothing_but_mlassets_errors(raw: str) -> None:
    result = normalize_license(raw)
    assert result.spdx  # always an expression, NOASSERTION at worst
    assert result.raw == raw


@SETTINGS
@given(st.binary(max_size=300))
def test_parse_card_survives_arbitrary_bytes(raw: bytes) -> None:
    only_own_errors(parse_card, raw)


safe_scalars = [s for s in SCALARS if not any(t in s for t in TRIGGERS)]


@st.composite
def safe_cards(draw: st.DrawFn) -> bytes:
    lines = [
        f"{draw(st.sampled_from(KEYS))}: {draw(st.sampled_from(safe_scalars))}"
        for _ in range(draw(st.integers(0, 6)))
    ]
    return ("---\n" + "\n".join(lines) + "\n---\n# body\n").encode("utf-8", "surrogatepass")


@SETTINGS
@given(safe_cards())
def test_parse_card_raises_nothing_on_cards_without_known_triggers(raw: bytes) -> None:
    only_own_errors(parse_card, raw)


@SETTINGS
@given(cards())
def test_parse_card_raises_nothing_on_any_card_shaped_input(raw: bytes) -> None:
    with contextlib.suppress(MlassetsError):
        parse_card(raw)


KNOWN_CRASHES = {
    "impossible date": b"---\nreleased: 2024-02-30\n---\n",
    "bad explicit bool": b"---\nx: !!bool maybe\n---\n",
    "bad explicit float": b"---\nlanguage:\n  - !!float x\n---\n",
    "timestamp tag on an int": b"---\nbase_model: !!timestamp 1\n---\n",
    "5,000-digit integer": b"---\nx: " + b"9" * 5000 + b"\n---\n",
    "control character, with a tab": b"---\nx: \x13\ny: \t\n---\n",
}


@pytest.mark.parametrize("raw", KNOWN_CRASHES.values(), ids=KNOWN_CRASHES.keys())
def test_known_yaml_crash_becomes_a_finding(raw: bytes) -> None:
    card = parse_card(raw)
    assert [f.code for f in card.findings] == ["C104"]
    assert card.findings[0].position is not None


def test_yaml_nested_600_deep_parses_without_recursion() -> None:
    card = parse_card(b"---\nx: " + b"[" * 600 + b"]" * 600 + b"\n---\n")
    assert card.metadata is not None and not card.findings
