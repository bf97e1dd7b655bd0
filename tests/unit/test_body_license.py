"""The whole card's license: statements in the body, contradictions, conclusions, license-check."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from mlassets.core.findings import Position
from mlassets.core.refs import AssetRef
from mlassets.documents.body import license_statements
from mlassets.documents.card import parse_card
from mlassets.licenses.policy import Policy
from mlassets.manifests.build import from_card
from mlassets.manifests.model import Manifest
from mlassets.manifests.store import write_manifest_at
from mlassets.schemas import validator_for
from mlassets.validation.check import check_card
from mlassets.workflows.license_check import license_check
from mlassets.workflows.manifest_index import ManifestIndex

NC_BODY = textwrap.dedent(
    """\
    ---
    license: apache-2.0
    pipeline_tag: text-classification
    ---
    # Review classifier

    Fine-tuned on product reviews.

    ## License

    This model is licensed under CC BY-NC 4.0 (https://creativecommons.org/licenses/by-nc/4.0/).
    """
)


def manifest_of(text: str, path: str = "models/x.md") -> Manifest:
    card = parse_card(text.encode(), path)
    return from_card(card, AssetRef("local", None, path), "2026-01-01T00:00:00Z")


def test_statements_are_found_in_license_sections_and_sentences_with_their_lines() -> None:
    body = textwrap.dedent(
        """\
        # Title
        The weights are released under the MIT license.
        ```
        licensed under GPL-3.0 (inside code: not a statement)
        ```
        ### Licensing Information

        **CC BY-SA 4.0**

        ## Citation
        Outputs you generate must be distributed under CC0 1.0.
        """
    )
    found = [(s.line, s.section, s.text) for s in license_statements(body, first_line=5)]
    assert found == [
        (6, None, "released under the MIT license."),
        (12, "Licensing Information", "CC BY-SA 4.0"),
    ]


def test_a_body_that_contradicts_the_metadata_is_one_warning_naming_both_lines() -> None:
    _, findings = check_card(parse_card(NC_BODY.encode(), "models/x.md"))
    ((code, position, message),) = [(f.code, f.position, f.message) for f in findings]
    assert (code, position) == ("L113", Position(11, 1))
    assert "CC-BY-NC-4.0 at line 11" in message
    assert "license (line 2) concludes Apache-2.0" in message


def test_the_same_license_in_other_words_or_another_version_is_no_contradiction() -> None:
    for yaml_id, stated in [
        ("cc-by-sa-4.0", "Licensed under Creative Commons Attribution-ShareAlike 4.0."),
        ("cc-by-nd-2.0", "CC BY-ND 2.0 KR (https://creativecommons.org/licenses/by-nd/2.0/kr/)"),
        ("agpl-3.0", "GNU AGPLv3+"),
        ("cc-by-4.0", "This dataset is licensed under CC BY 3.0."),
    ]:
        card = f"---\nlicense: {yaml_id}\n---\n## License\n\n{stated}\n"
        _, findings = check_card(parse_card(card.encode(), "models/x.md"))
        assert [f for f in findings if f.code == "L113"] == [], yaml_id
        assert manifest_of(card).license.stated != (), yaml_id  # read, and carried


def test_a_sentence_about_the_base_models_or_the_datas_license_states_nothing_of_the_card() -> None:
    # As a license value with that sentence would be read: the license is X's, not the card's,
    # so it neither contradicts the metadata nor bars the card's use (lineage's business).
    for sentence in [
        "This model is a fine-tuned version of org/base, which is licensed under CC BY-NC 4.0.",
        "It was trained on data licensed under CC BY-NC 4.0.",
    ]:
        card = f"---\nlicense: mit\n---\n# M\n\n{sentence}\n"
        _, findings = check_card(parse_card(card.encode(), "models/x.md"))
        assert [f.code for f in findings if f.code == "L113"] == [], sentence
        assert manifest_of(card).license.stated == (), sentence
    own = "---\nlicense: mit\n---\n# M\n\nThis model is released under CC BY-NC 4.0.\n"
    _, findings = check_card(parse_card(own.encode(), "models/x.md"))
    assert [f.code for f in findings] == ["L113"]  # the card's own sentence still counts


def test_content_a_dataset_copies_from_a_source_is_under_the_sources_license() -> None:
    # The prompts are in the dataset as No Robots published them, so its terms hold for them;
    # the paragraph's other sentence is the card's own word and still counts.
    paragraph = (
        "Our annotations and the dataset as a whole are released under Apache 2.0. The prompts "
        "are taken from Example Prompts, which is licensed under CC BY-NC 4.0."
    )
    card = f"---\nlicense: apache-2.0\n---\n# D\n\n## Licensing Information\n\n{paragraph}\n"
    _, findings = check_card(parse_card(card.encode(), "datasets/d.md"), kind="dataset")
    ((message,),) = [(f.message,) for f in findings if f.code == "L113"]
    assert "CC-BY-NC-4.0 at line 8 ('The prompts are taken from" in message
    stated = manifest_of(card, "datasets/d.md").license.stated
    assert [s.expression for s in stated] == ["Apache-2.0", "CC-BY-NC-4.0"]


def test_a_copied_sources_license_never_replaces_the_cards_own_in_the_same_sentence() -> None:
    # the hostile review: the card's own CC BY-NC 4.0 was dropped for the source's MIT
    for paragraph, expected in [
        (
            "This dataset is released under CC BY-NC 4.0; the prompts are taken from Example "
            "Prompts, which is licensed under MIT.",
            ["CC-BY-NC-4.0", "MIT"],
        ),
        (
            "Non-commercial use only (CC BY-NC 4.0), as the images are a subset of Example "
            "Images, which is licensed under CC BY 4.0.",
            ["CC-BY-4.0", "CC-BY-NC-4.0"],
        ),
    ]:
        card = f"---\npretty_name: d\n---\n# D\n\n## License\n\n{paragraph}\n"
        stated = manifest_of(card, "datasets/d.md").license.stated
        assert sorted(s.expression for s in stated) == expected, paragraph


def test_a_models_base_named_in_a_paragraph_leaves_the_paragraphs_own_license() -> None:
    # Of a model, "fine-tuned from X, which is licensed under ..." is X's license (lineage's
    # question), and "a subset of" does not make a model hold its source's content either.
    for sentence in [
        "It is fine-tuned from org/base, which is licensed under CC BY-NC 4.0.",
        "It was trained on a subset of Example Corpus, which is licensed under CC BY-NC 4.0.",
    ]:
        card = f"---\nlicense: mit\n---\n# M\n\n## License\n\nReleased under MIT. {sentence}\n"
        _, findings = check_card(parse_card(card.encode(), "models/m.md"))
        assert [f.code for f in findings] == [], sentence
        assert [s.expression for s in manifest_of(card).license.stated] == ["MIT"], sentence


def test_no_metadata_license_concludes_the_bodys_with_a_notice_at_its_line() -> None:
    manifest = manifest_of(
        "---\ntags: [x]\n---\n# M\n\n## Licence\n\nReleased under the MIT License.\n"
    )
    assert manifest.license.concluded == "MIT"
    (notice,) = [f for f in manifest.license.findings if f.code == "L114"]
    assert notice.position == Position(8, 1)
    assert "the metadata declares no license" in notice.message and "line 8" in notice.message


def test_metadata_that_does_not_parse_concludes_the_bodys() -> None:
    manifest = manifest_of(
        "---\nlicense: [mit\n---\n# D\n\n### Licensing Information\n\nCC BY 4.0\n"
    )
    assert manifest.license.concluded == "CC-BY-4.0"


def test_a_license_the_metadata_names_is_never_replaced_by_the_body() -> None:
    manifest = manifest_of(NC_BODY)
    assert manifest.license.concluded == "Apache-2.0"
    assert [(s.expression, s.line) for s in manifest.license.stated] == [("CC-BY-NC-4.0", 11)]


def test_a_statement_that_sends_the_reader_elsewhere_concludes_nothing() -> None:
    text = (
        "---\nlicense: other\n---\n## License\n\nDepending on the subset: PubMed: MIT; ArXiv: ...\n"
    )
    assert manifest_of(text).license.concluded == "NOASSERTION"


def test_license_details_names_license_other_in_a_dataset_card() -> None:
    text = (
        "---\nlicense: other\nlicense_details: Creative Commons Attribution 2.5 South Africa\n---\n"
    )
    manifest = manifest_of(text, "datasets/x.md")
    assert manifest.license.concluded == "LicenseRef-CC-BY-2.5-ZA"
    # the details are the license's name and its text: no "license_name has no license_link"
    assert [f.code for f in manifest.license.findings if f.code == "L104"] == []


def test_a_deprecated_gpl_id_is_or_later_when_the_card_says_any_later_version() -> None:
    later = "---\nlicense: gpl-3.0\n---\n# LM\n\nGPL v3, or (at your option) any later version.\n"
    manifest = manifest_of(later)
    assert manifest.license.concluded == "GPL-3.0-or-later"
    assert any(
        f.code == "L105" and "any later version" in f.message for f in manifest.license.findings
    )
    assert manifest_of("---\nlicense: gpl-3.0\n---\n# LM\n").license.concluded == "GPL-3.0-only"
    explicit = "---\nlicense: GPL-3.0-only\n---\n# LM\n\nor any later version\n"
    assert manifest_of(explicit).license.concluded == "GPL-3.0-only"  # the value said "only"


def test_stated_is_in_the_manifest_only_when_the_body_states_a_license() -> None:
    stated = manifest_of(NC_BODY).to_json()
    assert stated["license"]["stated"] == [
        {"expression": "CC-BY-NC-4.0", "line": 11, "source": "body"}
    ]
    assert list(validator_for("manifest").iter_errors(stated)) == []
    assert Manifest.from_json(stated).license.stated == manifest_of(NC_BODY).license.stated
    plain = manifest_of("---\nlicense: mit\n---\n# M\n").to_json()
    assert "stated" not in plain["license"]


def test_license_check_fails_commercial_use_when_the_body_says_non_commercial(
    tmp_path: Path,
) -> None:
    card = tmp_path / "nc.md"
    card.write_text(NC_BODY, encoding="utf-8")
    index = ManifestIndex(tmp_path / "manifests")
    report = license_check([str(card)], Policy(use="commercial"), index, lineage=False)
    ((finding,),) = [a.findings for a in report.assets]
    assert (finding.code, finding.position) == ("P105", Position(11, 1))
    assert "the card's body states CC-BY-NC-4.0 (line 11)" in finding.message
    assert not report.allowed
    assert license_check([str(card)], Policy(), index, lineage=False).allowed


def test_a_part_the_body_puts_under_terms_that_name_no_license_fails_an_intended_use(
    tmp_path: Path,
) -> None:
    # "the weights must comply with the Model License": the code's Apache-2.0 is not the
    # weights' license, and no license mlassets knows is
    card = tmp_path / "glm.md"
    card.write_text(
        "---\nlicense: apache-2.0\n---\n# A model\n\n## License\n\nThe code is released"
        " under the Apache-2.0 license; use of the model weights must comply with the Model"
        " License.\n",
        encoding="utf-8",
    )
    index = ManifestIndex(tmp_path / "manifests")
    report = license_check([str(card)], Policy(use="commercial"), index, lineage=False)
    ((finding,),) = [a.findings for a in report.assets]
    assert (finding.code, finding.position) == ("P101", Position(8, 1))
    assert "puts a part under terms that name no license mlassets knows" in finding.message
    assert not report.allowed
    assert license_check([str(card)], Policy(), index, lineage=False).allowed
    _, findings = check_card(parse_card(card.read_bytes(), "models/glm.md"))
    assert findings == []  # validate (the hook) says nothing of it: license-check decides


def test_license_check_reads_what_the_body_states_from_a_manifest_too(tmp_path: Path) -> None:
    path = tmp_path / "local--nc.json"
    write_manifest_at(manifest_of(NC_BODY), path)
    assert json.loads(path.read_text())["license"]["stated"][0]["line"] == 11
    report = license_check(
        [str(path)], Policy(use="commercial"), ManifestIndex(tmp_path), lineage=False
    )
    assert [f.pointer for a in report.assets for f in a.findings] == ["/license/stated/0"]
    assert not report.allowed


def test_statements_are_found_alike_whatever_the_line_endings_and_emphasis() -> None:
    # The fast paths (plain split without CR, "under"/"licen" prefilters) must not change what is
    # found or the lines it is on.
    body = (
        "# Model\n\nSome text.\n\n## **Lic**ense\n\nReleased under the MIT license.\n\n"
        "## Data\n\n```\nlicensed under GPL\n```\n\nThe data is made available UNDER CC-BY-4.0.\n"
    )
    expected = [
        (7, "Released under the MIT license.", "License"),
        (15, "made available UNDER CC-BY-4.0.", None),
    ]
    for ending in ("\n", "\r\n", "\r"):
        found = license_statements(body.replace("\n", ending), 1)
        assert [(s.line, s.text, s.section) for s in found] == expected, repr(ending)


def test_a_license_field_line_a_derivatives_own_sentence_and_terms_of_use_are_statements() -> None:
    body = (
        "# M\n\nLicense: MIT.\n\n**License:** CC BY 4.0\n\n"
        "This model is a derivative of Gemma and is distributed under the Gemma Terms of Use.\n\n"
        "Derivatives must be distributed under CC0.\n\n## Terms of use\n\nApache 2.0\n"
    )
    found = [(s.text, s.line) for s in license_statements(body)]
    assert found == [
        ("MIT.", 3),
        ("CC BY 4.0", 5),
        ("distributed under the Gemma Terms of Use.", 7),
        ("Apache 2.0", 13),
    ]


def test_the_gfdl_text_quoting_or_any_later_version_makes_no_or_later() -> None:
    quoted = (
        "---\nlicense: gfdl-1.3\n---\n# D\n\nIf the Document specifies that a particular numbered "
        'version of this License "or any later version" applies to it, you may choose.\n'
    )
    assert manifest_of(quoted, "datasets/d.md").license.concluded.endswith("-only")
