"""Metadata detection as huggingface_hub does it, checked against huggingface_hub itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from huggingface_hub import repocard

from mlassets.core.findings import Position
from mlassets.documents.card import parse_card
from mlassets.documents.frontmatter import HUB_YAML_BLOCK, find_block
from tests.conftest import corpus_or_skip

EDGE_CASES = {
    "closing with trailing spaces": b"---\nlicense: mit\n---   \n# body\n",
    "closing with a tab": b"---\nlicense: mit\n---\t\n# body\n",
    "closing at end of file": b"---\nlicense: mit\n---",
    "opening with a trailing space": b"--- \nlicense: mit\n---\n# body\n",
    "opening with a trailing tab": b"---\t\nlicense: mit\n---\n",
    "CR-only line endings": b"---\rlicense: mit\r---\r# body\r",
    "CR-only, closing at end of file": b"---\rlicense: mit\r---",
    "CRLF": b"---\r\nlicense: mit\r\n---\r\n# body\r\n",
    "BOM": b"\xef\xbb\xbf---\nlicense: mit\n---\n",
    "blank lines before the opening": b"\n\n---\nlicense: mit\n---\n",
    "spaces before the opening": b"   ---\nlicense: mit\n---\n",
    "never closed": b"---\nlicense: mit\n# title\n",
    "closing with text after it": b"---\nlicense: mit\n--- x\n---\n",
    "four dashes do not close": b"---\nlicense: mit\n----\ntags: [a]\n---\n",
    "empty block, then metadata": b"---\n---\nlicense: mit\n---\n",
    "only an empty block": b"---\n---\n",
    "empty block with a blank line": b"---\n\n---\n",
    "no metadata": b"# just a title\n",
    "indented closing does not close": b"---\nlicense: mit\n ---\n",
}


def hub_reading(path: Path) -> tuple[str | None, Any]:
    """What `RepoCard.load` reads: the YAML block's text (None: no block) and its data."""
    with path.open(newline="", encoding="utf-8-sig") as handle:  # exactly as RepoCard.load
        content = handle.read()
    match = repocard.REGEX_YAML_BLOCK.search(content)
    if match is None:
        return None, None
    try:  # RepoCard.content's own call; CardData.to_dict() would then drop keys set to null
        data = yaml.safe_load(match.group(2))
    except yaml.YAMLError:  # the Hub's client raises; mlassets gives a finding instead
        data = None
    return match.group(2), data if isinstance(data, dict) else None


def ours(raw: bytes) -> tuple[str | None, Any]:
    card = parse_card(raw)
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff")
    block = find_block(text)
    return (block.yaml if block else None), card.metadata


def disagreements(path: Path) -> list[str]:
    hub_yaml, hub_data = hub_reading(path)
    our_yaml, our_data = ours(path.read_bytes())
    problems = []
    if hub_yaml != our_yaml:
        problems.append(f"{path.name}: block {our_yaml!r:.60} != hub {hub_yaml!r:.60}")
    hub_keys = sorted(hub_data or {})
    our_keys = sorted(our_data or {})
    if hub_keys != our_keys:
        problems.append(f"{path.name}: keys {our_keys} != hub {hub_keys}")
    return problems


def test_the_regex_is_huggingface_hubs_own() -> None:
    assert HUB_YAML_BLOCK.pattern == repocard.REGEX_YAML_BLOCK.pattern


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_agree_with_huggingface_hub(name: str, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(EDGE_CASES[name])
    assert disagreements(path) == []


def test_every_corpus_card_agrees_with_huggingface_hub() -> None:
    corpus = corpus_or_skip()
    cards = sorted(corpus.glob("*/*.md"))
    assert len(cards) > 300
    assert [p for path in cards for p in disagreements(path)] == []


@pytest.mark.parametrize(
    ("raw", "code", "position"),
    [
        (b"--- \nlicense: mit\n---\n", "C112", Position(1, 1)),
        (b"---\rlicense: mit\r---\r# body\r", "C113", Position(1, 1)),
        (b"---\nlicense: mit\n# title\n", "C102", Position(1, 1)),
        (b"\n  ---\nlicense: mit\n---\n", "C111", Position(2, 1)),
    ],
)
def test_why_the_hub_reads_no_metadata_or_reads_it_oddly(
    raw: bytes, code: str, position: Position
) -> None:
    assert [(f.code, f.position) for f in parse_card(raw).findings] == [(code, position)]


def test_a_closing_fence_with_trailing_blanks_is_a_close_not_c102() -> None:
    card = parse_card(b"---\nlicense: mit\n--- \t\n# Title\nText\n")
    assert card.metadata == {"license": "mit"}
    assert card.findings == ()
    assert (card.body, card.body_line) == ("# Title\nText\n", 4)


def test_bom_finding_says_what_huggingface_hub_does() -> None:
    card = parse_card(b"\xef\xbb\xbf---\nlicense: mit\n---\n")
    assert card.metadata == {"license": "mit"}
    (bom,) = card.findings
    assert bom.code == "C106"
    assert "utf-8-sig" in bom.message and "find the metadata" in bom.message


@pytest.mark.parametrize(
    ("raw", "opens", "fails"),
    [
        (b"---\nlicense: mit\ntags: [a,\n  b\nfoo: 1\n---\n", Position(3, 7), "line 5, column 4"),
        (b"---\nlicense: 'mit\nfoo: 1\n---\n", Position(2, 10), "line 3, column 7"),
        (b"---\nx: 1\nwidget: {text: a\n\ny: 2\n---\n", Position(3, 9), "line 5"),
    ],
)
def test_an_unclosed_construct_points_at_its_opening(
    raw: bytes, opens: Position, fails: str
) -> None:
    (finding,) = parse_card(raw).findings
    assert (finding.code, finding.position) == ("C104", opens)
    assert "never closed" in finding.message and fails in finding.message


def test_other_yaml_errors_keep_the_failing_position() -> None:
    (finding,) = parse_card(b"---\nlicense: mit\ntags:\n  - a\n - b\n---\n").findings
    assert (finding.code, finding.position) == ("C104", Position(5, 2))


@pytest.mark.parametrize(
    ("raw", "license_"),
    [(b"---\nlicense: mit\n---  \n# x\n", "mit"), (b"--- \nlicense: mit\n---\n# x\n", None)],
)
def test_repocard_load_itself_reads_what_we_read(
    raw: bytes, license_: str | None, tmp_path: Path
) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(raw)
    assert getattr(repocard.RepoCard.load(path).data, "license", None) == license_
    assert (parse_card(raw).metadata or {}).get("license") == license_
