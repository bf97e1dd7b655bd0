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


def test_cards_the_hub_accepted_get_no_false_errors_for_legacy_values() -> None:
    from mlassets.validation.legacy import OLD_SIZE_CATEGORIES, OLD_TASK_CATEGORIES

    report = validate_paths([corpus_or_skip()], workers=1)
    old = [*OLD_TASK_CATEGORIES, *OLD_SIZE_CATEGORIES]
    for file in report.files:
        if "/models/" in file.path:
            assert file.kind == "model-card", file.path
        for f in file.findings:
            where = (file.path, f.code, f.message)
            assert not (f.code == "S203" and "license_" in f.message), where
            assert not (f.code.startswith("S20") and f.pointer.startswith("/configs/")), where
            assert not (f.code == "S202" and any(repr(o) in f.message for o in old)), where
    codes = Counter(f.code for r in report.files for f in r.findings)
    assert codes["S212"] >= 100 and codes["L104"] == 5


def test_body_statements_over_the_corpus() -> None:
    from mlassets.validation.body_license import conclude_whole_card, contradiction_findings
    from mlassets.validation.check import infer_kind

    contradicted, from_body = set(), set()
    for path in sorted(corpus_or_skip().glob("*/*.md")):
        card = read_card(path)
        kind = infer_kind(card.metadata, str(path))
        if contradiction_findings(card, kind):
            contradicted.add(path.name.split("__")[1])
        conclusion, _ = conclude_whole_card(card, kind)
        if any(f.code == "L114" for f in conclusion.findings):
            from_body.add(path.name.split("__")[1])
    # Each one read by hand: the body's license section says another license (NC in lama and
    # vivos, MIT for a CC-BY-NC model), or the metadata says none and the body says one plainly.
    assert contradicted == {
        "blbooks",
        "conceptnet5",
        "consumer-finance-complaints",
        "lama",
        "polemo2",
        "vivos",
        "MultiIndicQuestionGenerationSS.md",
    }
    assert {"asset", "ethos", "indonlu", "turkish_movie_sentiment", "lenu_ES.md"} <= from_body
    # "License: CC0: Public Domain" lines in their bodies (they have no metadata at all)
    assert {"gpt2-fairytales.md", "gpt2-lovecraft.md"} <= from_body
    assert "MoeDiffusion.md" not in from_body  # its CC0 sentence is about generated images
    assert len(from_body) == 14
