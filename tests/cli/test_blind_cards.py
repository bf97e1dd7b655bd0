"""Cards written and labelled blind (tests/data/blind-cards-*, EXPECT-NOTES.txt), before mlassets
was ever run on them: `validate`'s errors, the concluded license and the commercial-use verdict
must be what their writer expected, except where a documented decision differs (DECIDED)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"

# Where mlassets deliberately differs from the frozen expectation, and why (docs/benchmarks.md).
DECIDED: dict[tuple[str, str, str], str] = {
    # BCP-47 region subtags in `language` are accepted: 2020-21 dataset cards wrote them, and a
    # false error in a hook costs more than a missed one (the Hub's own message asks for
    # language_bcp47 instead)
    ("blind-cards-1", "bertimbau-pt-sentiment", "expect_errors"): "no",
    # `license` and legacy `licenses` disagree: the card is held to both (L106), as part 3 asks
    # of every license a card states; its writer agreed after the run
    ("blind-cards-2", "ds-license-vs-licenses", "concluded_license"): "CC-BY-4.0 AND CC-BY-SA-4.0",
    # a list with a part that cannot be concluded (a family id) concludes NOASSERTION whole
    ("blind-cards-2", "ds-ccbysa-gfdl-list", "concluded_license"): "NOASSERTION",
    # ... as does one with a value that is no Hub id (the verdict, deny, is the writer's)
    ("blind-cards-3", "community-license-list-bad-entry", "concluded_license"): "NOASSERTION",
    ("blind-cards-3", "ds-license-list-bad-entry", "concluded_license"): "NOASSERTION",
}


def _expected(cards: Path) -> dict[str, dict[str, str]]:
    lines = (cards / "EXPECT.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        for (where, card, column), value in DECIDED.items():
            if (where, card) == (cards.name, row["card"]):
                row[column] = value
        rows[row["card"]] = row
    return rows


@pytest.mark.parametrize(
    ("name", "count"),
    [("blind-cards-1", 45), ("blind-cards-2", 56), ("blind-cards-3", 57), ("blind-cards-4", 58)],
)
def test_blind_cards_get_the_errors_licenses_and_verdicts_their_writer_expected(
    run_cli, tmp_path: Path, name: str, count: int
) -> None:  # type: ignore[no-untyped-def]
    cards = tmp_path / "cards"
    shutil.copytree(DATA / name, cards, ignore=shutil.ignore_patterns("*.tsv", "*.txt"))
    expected = _expected(DATA / name)
    assert len(expected) == len(list(cards.glob("*.md"))) == count

    validated = json.loads(run_cli("validate", "cards", "--format", "json").stdout)
    errors = {
        Path(f["path"]).stem: any(x["severity"] == "error" for x in f["findings"])
        for f in validated["files"]
    }
    checked = run_cli("license-check", "cards", "--use", "commercial", "--format", "json")
    verdicts = {Path(a["path"]).stem: a for a in json.loads(checked.stdout)["assets"]}

    wrong = []
    for card, row in expected.items():
        if errors[card] != (row["expect_errors"] == "yes"):
            wrong.append(f"{card}: errors {errors[card]}")
        concluded = row["concluded_license"].split(" (stated")[0].strip()
        if verdicts[card]["concluded"] != concluded:
            wrong.append(f"{card}: concluded {verdicts[card]['concluded']}, not {concluded}")
        if verdicts[card]["allowed"] != (row["commercial_use"] == "allow"):
            wrong.append(f"{card}: allowed {verdicts[card]['allowed']}")
    assert wrong == [], "\n".join(wrong)
