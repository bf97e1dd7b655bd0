"""The parser and validator over every real card in ../shared/corpus (skipped where absent)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from mlassets.core.refs import parse_ref
from mlassets.documents.card import read_card
from mlassets.manifests.build import from_card
from mlassets.schemas import validator_for
from mlassets.validation.check import validate_paths
from tests.conftest import corpus_or_skip

# What each `selected-for` note in SOURCES.tsv promises, as finding codes (any one of them).
EXPECTED = {
    "no_front_matter": {"C101", "C111"},
    "fm_unterminated": {"C102"},
    "yaml_error": {"C104", "C103"},
    "empty_or_nondict_yaml": {"C103", "C105"},
    "crlf": {"C107", "C108"},
}


def selections() -> list[tuple[str, str]]:
    corpus = corpus_or_skip()
    with (corpus / "SOURCES.tsv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    picked = []
    for row in rows:
        note = row["notes"].split(";")[0].removeprefix("selected-for=")
        if note in EXPECTED:
            picked.append((row["local_name"], note))
    return picked


def test_every_selected_broken_card_is_found_with_a_correct_line() -> None:
    corpus = corpus_or_skip()
    picked = selections()
    assert len(picked) >= 50
    for name, note in picked:
        path = corpus / name
        card = read_card(path)
        codes = {f.code for f in card.findings}
        assert codes & EXPECTED[note], f"{name}: {note} not found in {codes}"
        lines = path.read_bytes().decode("utf-8", "replace").split("\n")
        for finding in card.findings:
            if finding.code == "C104" and "'\\t'" in finding.message:
                assert finding.position is not None
                line = lines[finding.position.line - 1]
                assert line[finding.position.column - 1] == "\t", f"{name}: {finding.position}"
            if finding.code == "C102":
                assert finding.position is not None
                assert lines[finding.position.line - 1].strip() == "---"


def test_the_bom_card_is_flagged() -> None:
    corpus = corpus_or_skip()
    boms = [p for p in corpus.rglob("*.md") if p.read_bytes().startswith(b"\xef\xbb\xbf")]
    assert boms
    for path in boms:
        card = read_card(path)
        assert "C106" in {f.code for f in card.findings}
        assert card.metadata, "the metadata after the BOM is still read"


def test_validator_runs_over_the_whole_corpus_without_crashing() -> None:
    corpus = corpus_or_skip()
    report = validate_paths([corpus], workers=1)
    kinds = Counter(r.kind for r in report.files)
    assert (
        kinds["openml"] == 35 and kinds["model-card"] + kinds["dataset-card"] == 308
    )  # with README.md
    codes = Counter(f.code for r in report.files for f in r.findings)
    assert codes["C101"] >= 20 and codes["C102"] == 10 and codes["C104"] == 10
    for file in report.files:
        text = Path(file.path).read_bytes().decode("utf-8", "replace")
        last_line = text.count("\n") + 1
        for finding in file.findings:
            if finding.position:
                assert 1 <= finding.position.line <= last_line, (file.path, finding)


def test_the_corpus_curates_into_schema_valid_manifests(tmp_path: Path) -> None:
    corpus = corpus_or_skip()
    validator = validator_for("manifest")
    for path in sorted(corpus.rglob("*.md")):
        card = read_card(path, path.name)
        data = from_card(card, parse_ref(path.name), "2026-01-01T00:00:00Z")
        assert not list(validator.iter_errors(data.to_json())), path.name
        assert data.license.concluded


@pytest.mark.parametrize("name", ["models/CompVis__stable-diffusion-v1-4.md"])
def test_a_famous_card_concludes_its_hub_license(name: str) -> None:
    card = read_card(corpus_or_skip() / name)
    data = from_card(card, parse_ref(name), "2026-01-01T00:00:00Z")
    assert data.license.concluded == "LicenseRef-scancode-stable-diffusion-2022-08-22"
