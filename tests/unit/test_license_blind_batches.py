"""The classes the blind batches found (issue 12, part 2; batches 9 to 12, then 19b to 46):
each rule, on strings other than the ones in the batches."""

from __future__ import annotations

import pytest

from mlassets.licenses import normalize_license
from mlassets.licenses.spdx_list import scancode_index, spdx_list


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("https://creativecommons.org/licenses/by-nc-nd/2.0/au/legalcode", "cc-by-nc-nd-2.0-au"),
        ("CC BY-NC-ND 2.0 Australia", "cc-by-nc-nd-2.0-au"),
    ],
)
def test_a_cc_port_spdx_lacks_is_its_scancode_key(raw: str, key: str) -> None:
    # Convention rule 2: not on the SPDX list but in the ScanCode LicenseDB.
    assert spdx_list().current(key) is None
    assert normalize_license(raw).spdx == scancode_index()[key].spdx_key


def test_a_cc_port_neither_list_has_stays_a_plain_licenseref() -> None:
    assert "cc-by-nd-2.0-kr" not in scancode_index()
    assert normalize_license("CC BY-ND 2.0 KR").spdx == "LicenseRef-CC-BY-ND-2.0-KR"


_GPL_NOTICE = (
    "This file is part of Foo. Foo is free software: you can redistribute it and/or modify it "
    "under the terms of the GNU {name} as published by the Free Software Foundation, {tail}"
)


@pytest.mark.parametrize(
    ("name", "tail", "expected"),
    [
        (
            "Affero General Public License",
            "either version 3 of the License, or (at your option) any later version.",
            "AGPL-3.0-or-later",
        ),
        (
            "Library General Public License",
            "; either version 2 of the License, or (at your option) any later version.",
            "LGPL-2.0-or-later",
        ),
        ("General Public License", "version 2 of the License.", "GPL-2.0-only"),
    ],
)
def test_the_fsf_notice_gives_the_version_after_the_name(
    name: str, tail: str, expected: str
) -> None:
    assert normalize_license(_GPL_NOTICE.format(name=name, tail=tail)).spdx == expected


def test_a_version_in_the_next_sentence_is_not_the_gpls() -> None:
    raw = "Released under the GNU General Public License. See version 2 of the license file."
    assert normalize_license(raw).spdx == "NOASSERTION"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Licensed under the MPL, version 2.0.", "MPL-2.0"),
        ("the OSL, version 3.0 only", "OSL-3.0"),
        ("BSD-2-Clause or ISC, at your option", "BSD-2-Clause OR ISC"),
        ("GPL-2.0-only or MIT, your choice", "GPL-2.0-only OR MIT"),
    ],
)
def test_a_version_after_a_comma_and_the_qualifiers_after_a_license(
    raw: str, expected: str
) -> None:
    assert normalize_license(raw).spdx == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("GPL-2.0 with Classpath Exceptions", "GPL-2.0-only WITH Classpath-exception-2.0"),
        # the id's words first, as the singular is read: the same exception
        (
            "GPL v3 with the GCC Runtime Library exceptions 3.1",
            "GPL-3.0-only WITH GCC-exception-3.1",
        ),
        ("GPL v3 with GCC exceptions", "GPL-3.0-only WITH GCC-exception-3.1"),
        ("MIT with exceptions for teaching", "NOASSERTION"),
        ("Apache 2.0 with some exceptions", "NOASSERTION"),
    ],
)
def test_only_a_named_spdx_exception_is_read_as_with(raw: str, expected: str) -> None:
    assert normalize_license(raw).spdx == expected


@pytest.mark.parametrize(
    "raw",
    [
        "MIT, but redistribution requires a written permission from the lab",
        "CC BY 4.0, but commercial use needs a separate license",
        "Same license as the parent repository",
        "Inherits the base model's license",
    ],
)
def test_a_restriction_or_a_pointer_concludes_nothing(raw: str) -> None:
    result = normalize_license(raw)
    assert (result.spdx, result.certain) == ("NOASSERTION", False)


@pytest.mark.parametrize(
    "raw", ["CC-BY-SA-3.0 / CC-BY-4.0", "CC BY-NC 4.0, CC BY-NC-SA 4.0", "cc-by-4.0 cc-by-nd-4.0"]
)
def test_a_second_cc_license_after_a_version_is_not_swallowed_by_the_first(raw: str) -> None:
    concluded = normalize_license(raw).spdx
    named = [part for part in concluded.replace("(", " ").replace(")", " ").split() if "-" in part]
    assert len(named) == 2, concluded
    assert all(part.startswith("CC-BY-") for part in named)


# --- batches 11 and 12 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://creativecommons.org/licenses/by-nc-nd/2.0/at/deed.de", "cc-by-nc-nd-2.0-at"),
        ("http://creativecommons.org/licenses/by/3.0/at/", "CC-BY-3.0-AT"),
        ("https://creativecommons.org/licenses/by-sa/3.0/at/legalcode", "CC-BY-SA-3.0-AT"),
    ],
)
def test_a_ports_path_segment_is_a_jurisdiction_even_when_it_is_a_word(
    raw: str, expected: str
) -> None:
    # "at" is an English word in prose ("licensed at ..."), a jurisdiction in a CC link's path.
    concluded = normalize_license(raw).spdx
    assert concluded == (scancode_index()[expected].spdx_key if expected.islower() else expected)
    assert not normalize_license(raw).certain


def test_a_cc_links_other_short_segments_are_not_ports() -> None:
    assert normalize_license("https://creativecommons.org/licenses/by/4.0/rdf").spdx == "CC-BY-4.0"


def test_a_port_of_an_unlisted_generic_version_stays_one_licenseref() -> None:
    concluded = normalize_license("https://creativecommons.org/licenses/by/2.1/es/").spdx
    assert concluded == "LicenseRef-CC-BY-2.1-ES"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "GNU Lesser General Public License, version 2.1 or (at your option) any later version",
            "LGPL-2.1-or-later",
        ),
        ("GNU GPL v3, or at your option any later version", "GPL-3.0-or-later"),
        ("GNU Affero General Public License version 3, at your option", "AGPL-3.0-only"),
    ],
)
def test_at_your_option_between_or_and_any_later_version(raw: str, expected: str) -> None:
    assert normalize_license(raw).spdx == expected


@pytest.mark.parametrize(
    "raw",
    [
        "This adapter is a fine-tuned version of meta-llama/Llama-3.1-8B, which is licensed "
        "under the Llama 3.1 Community License.",
        "The corpus is a subset of C4, which is released under ODC-By 1.0.",
        "The checkpoint was pre-trained on web texts licensed under CC BY-SA 4.0.",
    ],
)
def test_the_license_of_a_base_model_or_of_training_data_is_not_the_assets(raw: str) -> None:
    result = normalize_license(raw)
    assert (result.spdx, result.certain) == ("NOASSERTION", False)
    assert "base model or data" in result.findings[0].message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("This model is a fine-tuned version of bert-base-cased, released under MIT.", "MIT"),
        ("The model is licensed under Apache 2.0 and was trained on public data.", "Apache-2.0"),
    ],
)
def test_the_assets_own_license_beside_its_source_is_still_read(raw: str, expected: str) -> None:
    assert normalize_license(raw).spdx == expected


@pytest.mark.parametrize(("raw", "expected"), [("CPAL", "CPAL-1.0"), ("nposl", "NPOSL-3.0")])
def test_an_acronym_of_a_license_with_one_version_is_that_version(raw: str, expected: str) -> None:
    result = normalize_license(raw)
    assert (result.spdx, result.certain, result.basis) == (
        expected,
        False,
        "id without its version",
    )


@pytest.mark.parametrize(
    "raw", ["EUPL", "NLOD", "EFL", "CAL", "APL", "Elastic", "Hippocratic", "NASA", "BUSL"]
)
def test_a_name_with_several_versions_or_variants_gets_none_guessed(raw: str) -> None:
    # EUPL, NLOD, EFL: several SPDX versions; CAL: a variant (CAL-1.0-Combined-Work-Exception);
    # APL: ScanCode has apl-1.1 beside SPDX APL-1.0; Elastic, Hippocratic: not an acronym, and
    # ScanCode holds other versions; NASA (an agency) and BUSL (Business Source License) are
    # not the initials of their license's name.
    assert normalize_license(raw).spdx == "NOASSERTION"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Datenlizenz Deutschland Namensnennung 2.0", "DL-DE-BY-2.0"),
        ("Datenlizenz Deutschland - Namensnennung - nicht kommerziell 1.0", "dl-de-by-nc-1-0-de"),
    ],
)
def test_a_scancode_name_without_the_language_of_its_text(raw: str, expected: str) -> None:
    concluded = normalize_license(raw).spdx
    assert concluded == (scancode_index()[expected].spdx_key if expected.islower() else expected)


def test_the_untranslated_text_keeps_its_spelling_against_its_translation() -> None:
    # ScanCode's "CeCILL-B ... English" loses its language only where no other name is spelled
    # that way: the French original keeps the short spelling.
    assert normalize_license("CeCILL-B Free Software License").spdx == "CECILL-B"


@pytest.mark.parametrize(
    "name", ["Carnegie Mellon License", "Cognitive Computation Group Research License"]
)
def test_a_classifier_mlassets_does_not_list_reads_scancode_names(name: str) -> None:
    # batches 19b and 20: deprecated classifiers ("Jabber Open Source License") were refused
    raw = f"License :: OSI Approved :: {name}"
    result = normalize_license(raw)
    assert result.spdx.startswith("LicenseRef-scancode-")
    assert result.spdx == normalize_license(name).spdx
    assert (result.basis, result.certain) == ("classifier's name", False)


def test_a_classifier_whose_name_mlassets_does_not_know_is_not_minted() -> None:
    assert normalize_license("License :: OSI Approved :: Frobnicator License").spdx == "NOASSERTION"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Apache 2.0, © Google 2020", "Apache-2.0"), ("MIT, Copyright 2020 Foo Inc.", "MIT")],
)
def test_a_copyright_notice_beside_a_license_is_no_second_item(raw: str, expected: str) -> None:
    # batch 20: "MIT License, Copyright (c) 2021 ..." was refused, the notice read as a license
    result = normalize_license(raw)
    assert (result.spdx, result.certain) == (expected, False)


def test_a_copyright_sign_is_not_read_as_an_alias() -> None:
    # session 22 left the finding saying "a name with an alias in parentheses" for the "(c)"
    result = normalize_license("Apache License 2.0, Copyright (C) 2019 Foo GmbH")
    assert result.spdx == "Apache-2.0"
    assert "alias" not in result.findings[0].message


def test_a_copyright_notice_alone_still_names_no_license() -> None:
    assert normalize_license("Copyright 2020 Foo, all rights reserved").spdx == "NOASSERTION"


# The classes the blind batches of session 23 found, each on strings not in the batches.
BATCH_CLASSES = [
    # batch 21: a jurisdiction code is never "corrected" into another ("ES" is not "DE")
    ("CC BY-NC 3.0 ES", "LicenseRef-CC-BY-NC-3.0-ES"),
    ("Creative Commons Attribution-NoDerivs 2.5 ES", "LicenseRef-CC-BY-ND-2.5-ES"),
    # batch 21: a ScanCode name without its only version, where a number is part of the name
    ("the Anti 996 license", "LicenseRef-scancode-996-icu-1.0"),
    # batch 21: "+" between words is "plus" (OSI's "BSD+Patent"); "GPL-2.0+" keeps its meaning
    ("BSD-2-Clause+Patent", "BSD-2-Clause-Patent"),
    ("bsd+patent", "BSD-2-Clause-Patent"),
    ("GPL-2.0+", "GPL-2.0-or-later"),
    ("the Text-Tabs+Wrap License", "TTWL"),
    # batch 21: the 2.0 UK ports' title names the jurisdiction in words after the code
    ("CC BY-SA 2.0 UK: England and Wales", "CC-BY-SA-2.0-UK"),
    ("Attribution-NonCommercial-ShareAlike 2.0 UK: England & Wales", "CC-BY-NC-SA-2.0-UK"),
    # batch 21: "Public Domain Dedication" in a CC0 link's text is what CC0 is, no second item
    (
        "[CC0 Public Domain Dedication](https://creativecommons.org/publicdomain/zero/1.0/)",
        "CC0-1.0",
    ),
    # batch 21: a license site's URL without its scheme (Croissant files write them so)
    ("creativecommons.org/licenses/by-nc-sa/4.0/", "CC-BY-NC-SA-4.0"),
    ("Data: opendatacommons.org/licenses/odbl/1-0/", "ODbL-1.0"),
    # batch 22: an id with a slash for a dash, as its publisher writes it (GovData)
    ("dl-de/zero-2-0", "DL-DE-ZERO-2.0"),
    # batch 22: a placeholder slug and a file name name no license
    ("license-tba", "NOASSERTION"),
    ("LICENCE.txt", "NOASSERTION"),
    ("COPYING", "NOASSERTION"),
    # batch 22: an acronym of a family between the name and its version
    ("This work is released under the GNU General Public License (GPL) version 2.", "GPL-2.0-only"),
    ("Licensed under the Mozilla Public License (MPL) v. 2.0.", "MPL-2.0"),
    # ... but an acronym that names one license is read as it stands (batch 23 caught this)
    ("Open Data Commons Open Database License (ODbL) v1.0", "ODbL-1.0"),
    # batch 22: a Hub id off the SPDX list, in words, names its license
    ("the Apple AMLR license", "LicenseRef-hf-apple-amlr"),
    ("https://huggingface.co/spaces/acme/apple-amlr-license", "LicenseRef-hf-apple-amlr"),
    # batch 22: the Licence Ouverte's page
    ("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", "etalab-2.0"),
    # batch 23: a name that goes on past its noun, in a sentence
    (
        "Licensed under the Eclipse Foundation Specification License - v1.0.",
        "LicenseRef-scancode-efsl-1.0",
    ),
    # batch 24: a ScanCode name that is one word and "License"
    ("the Jetty License", "LicenseRef-scancode-jetty"),
    ("other-kerberos-license", "LicenseRef-scancode-kerberos"),
    # batch 24: an SPDX id after a word of its own name, as a slug
    ("eclipse-epl-2.0", "EPL-2.0"),
    # batch 24: the id in parentheses picks the version a name leaves open
    ("License :: OSI Approved :: Sun Industry Standards Source License (SISSL-1.2)", "SISSL-1.2"),
    # batch 24: a file named with its license's title; OSI's /license/<slug> form
    ("https://github.com/acme/x/blob/main/Apache%20License%202.0.txt", "Apache-2.0"),
    ("https://opensource.org/license/sspl", "SSPL-1.0"),
    # batch 24: a work of the US federal government
    ("Data: U.S. Government Work", "LicenseRef-scancode-us-govt-public-domain"),
    ("https://www.usa.gov/government-works/", "LicenseRef-scancode-us-govt-public-domain"),
    # ... and funding by it is no license
    ("Funded by the US government; released under CC BY 4.0", "CC-BY-4.0"),
    # batch 24: terms added to a license's id or after "except that": a modified license
    ("mit-with-attribution", "NOASSERTION"),
    # batch 24: a Hub repository whose GitHub twin's LICENSE ScanCode lists
    (
        "https://huggingface.co/Tencent/Hunyuan3D-2/resolve/abc/LICENSE",
        "LicenseRef-scancode-tencent-hunyuan-3d-2.0-cla",
    ),
    # batch 24: "covered by" and "governed by" introduce a license's title as "under" does
    ("Use is governed by the Kerberos License.", "LicenseRef-scancode-kerberos"),
    ("Apache-2.0, except that commercial use is not allowed", "NOASSERTION"),
    # batches 22 and 25: a ScanCode-only license by its initials and version
    ("FAIPL-1.0", "LicenseRef-scancode-fair-ai-public-1.0"),
    # batch 27: a Hub slug that glues its owner's name ("stabilityai")
    ("stability-ai-community", "LicenseRef-scancode-stability-ai-community-2024"),
    ("stabilityai-community", "LicenseRef-scancode-stability-ai-community-2024"),
    # batches 24 and 27: a license's name with its product's version; the license has none
    ("the Vim 9.1 license", "Vim"),
    # batches 20, 23 and 26: a ScanCode name after its publisher, whose URL the entry lists
    ("MITRE Collaborative Virtual Workspace License", "LicenseRef-scancode-cvwl"),
    # ... but an unknown word before a name is no typo of it
    (
        "ACME Collaborative Virtual Workspace License",
        "LicenseRef-ACME-Collaborative-Virtual-Workspace-License",
    ),
    # batch 26: terms added, with what they are about between
    ("MIT with additional attribution terms", "NOASSERTION"),
    # batch 25: a copyright notice runs on past its commas
    ("Apache License 2.0 Copyright 2019, Foo Corp, all rights reserved", "Apache-2.0"),
    # batch 28: an SPDX id with its parts in another order (GovData's portal ids)
    ("dl-zero-de-2.0", "DL-DE-ZERO-2.0"),
    ("Taiwan OGDL 1.0", "OGDL-Taiwan-1.0"),
    # batch 31: an English name is the English text's, whatever a translation's entry says
    ("the Statistics Canada Open Licence", "LicenseRef-scancode-scola-en"),
    # batch 31: a license's own site; a title before its link
    ("http://www.wtfpl.net/", "WTFPL"),
    (
        "Statistics Canada Open Licence: https://www.statcan.gc.ca/eng/reference",
        "LicenseRef-scancode-scola-en",
    ),
    # batch 29: the SPDX names of several versions, after "under the", is no title to mint
    ("The corpus is released under the Mozilla Public License.", "NOASSERTION"),
    # batch 30: an SPDX name without its leading "United Kingdom"
    ("the Open Parliament Licence v3.0", "OPL-UK-3.0"),
    # batch 30: a "License:" prefix is no part of the value; a company is still no license
    ("License: Apache 2.0", "Apache-2.0"),
    ("Licence: ACME Corp.", "NOASSERTION"),
    ("License: none (see the paper)", "NOASSERTION"),
    # batch 30: a restriction in parentheses that the license does not have
    ("BSD-3-Clause (academic use only)", "NOASSERTION"),
    ("CC BY-NC-SA 4.0 (non-commercial use only)", "CC-BY-NC-SA-4.0"),
    # batch 34: a modified license ScanCode lists by its name, its publisher in parentheses
    ("Moonshot AI Modified MIT License", "LicenseRef-scancode-moonshot-ai-modified-mit-2025"),
    ("Modified MIT License (Moonshot AI)", "LicenseRef-scancode-moonshot-ai-modified-mit-2025"),
    # ... and a modified license ScanCode does not list is still refused
    ("Modified Apache License (Acme)", "NOASSERTION"),
    # batch 34: "LGPL" inside "LGPLLR" is no LGPL of its own
    (
        "Data under the GNU Lesser General Public License For Linguistic Resources (LGPLLR)",
        "LGPLLR",
    ),
    # batches 6 and 34 (ambiguous) and 71, 78: the Licence Ouverte without a version names 1.0
    # (2011, no id) or 2.0; no version is guessed
    ("Licence Ouverte / Open Licence", "NOASSERTION"),
    ("licence-ouverte", "NOASSERTION"),
    ("Licence Ouverte / Open Licence 2.0", "etalab-2.0"),
    # batches 69, 81: "Unicode License" is the family (SPDX's DFS 2015 and 2016 under a longer
    # title, and v3)
    ("Unicode License", "NOASSERTION"),
    ("Unicode License v3", "Unicode-3.0"),
    # batch 78: "3.x" names any version of the family (llama3, llama3.1, ...), not a typo of one
    ("Llama 3.x Community License", "NOASSERTION"),
    # batches 73, 81: terms a title names bind a part of their own beside the license of the
    # rest (batch 18 labels such terms an extra condition and leaves them out: 2 strings there)
    (
        "Clips are subject to the Vimeo Terms of Service; the transcripts are released under MIT.",
        "LicenseRef-Vimeo-Terms-of-Service AND MIT",
    ),
    ("Licensed under CC BY 4.0. Use is subject to the terms of use.", "CC-BY-4.0"),
    # round 14 (batches 82-87), on strings of their own:
    # SPDX's WITH, with an addition that is no exception on its list, is not the bare license
    ("Apache-2.0 WITH Commons-Clause", "NOASSERTION"),
    ("BSD-3-Clause WITH Acme-Rider", "NOASSERTION"),
    ("MPL-2.0 with commons-clause", "NOASSERTION"),
    # "N_M" is Meta's own spelling of a version in Llama's ids
    ("llama3_1", "LicenseRef-scancode-llama-3.1-license-2024"),
    # "or any later version" after "licence"
    ("Released under the CC BY 4.0 license or any later version.", "CC-BY-4.0+"),
    # a part's terms "covered by" a license stay, past a word about the source
    (
        "Text derived from WordNet 3.0 is covered by the WordNet 3.0 license; the labels are MIT.",
        "WordNet AND MIT",
    ),
    # two licenses of two parts, not a publisher's name before a license
    ("MIT (code) / CC BY-SA 4.0 (data)", "MIT AND CC-BY-SA-4.0"),
    # titles in other scripts: Affero in Korean, a CC port's jurisdiction, the PDM in French
    ("GNU 아페로 일반 공중 사용 허가서 버전 3 또는 이후 버전", "AGPL-3.0-or-later"),
    ("創用CC 姓名標示 3.0 台灣", "LicenseRef-CC-BY-3.0-TW"),
    ("Marca de dominio público 1.0", "CC-PDM-1.0"),
    # licenses SPDX lists as exceptions to the license they extend (batches 76, 86 and others)
    (
        "The boards are under the Solderpad Hardware Licence, version 2.1.",
        "Apache-2.0 WITH SHL-2.1",
    ),
    ("SHL-2.0", "Apache-2.0 WITH SHL-2.0"),
    ("Solderpad Hardware License v0.5", "SHL-0.5"),
    ("Qwt License version 1.0", "LGPL-2.1-only WITH Qwt-exception-1.0"),
    # acronyms their publishers use (batches 83, 86 and eight earlier ones)
    ("ELv2", "Elastic-2.0"),
    ("PSFL", "PSF-2.0"),
    # round 15's first runs (batches 88, 90, 91, 93), on strings of their own:
    ("仅限学术研究使用，CC BY 4.0", "NOASSERTION"),  # academic research only
    ("Triple-licensed: MPL 2.0, GPL 3.0 or LGPL 3.0", "MPL-2.0 OR GPL-3.0-only OR LGPL-3.0-only"),
    ("llama-v3", "LicenseRef-hf-llama3"),
    ("NOSA v1.3", "NASA-1.3"),
    ("Lisp Lesser General Public License", "LGPL-2.1-only WITH LLGPL"),
    ("NCBI Public Domain Notice", "NCBI-PD"),
    ("MPL-2.0+", "MPL-2.0+"),
    ("CAL 1.0 with the Combined Work Exception", "CAL-1.0-Combined-Work-Exception"),
    # batch 92: the PDDL's title with "Open Data Commons" and its version; CPAN's formula; the
    # PostgreSQL project's short name
    ("Released under the Open Data Commons Public Domain Dedication and License 1.0.", "PDDL-1.0"),
    (
        "You may redistribute it under the same terms as Perl itself.",
        "Artistic-1.0-Perl OR GPL-1.0-or-later",
    ),
    ("Postgres", "PostgreSQL"),
    # batch 70: ScanCode's capec-tou is on the SPDX list since ("... ToU" there, "... License")
    ("https://capec.mitre.org/about/termsofuse.html", "CAPEC-tou"),
    ("Licence Ouverte v1.0", "LicenseRef-Licence-Ouverte-v1.0"),
    # batches 22 and 33: a name and the date of its text, in words or after "last modified"
    (
        "Gemma Terms of Use (last modified: April 1, 2024)",
        "LicenseRef-scancode-gemma-tou-2024-04-01",
    ),
    # batch 33: the abbreviation a PyPI classifier gives its license, written alone
    ("AFPL", "Aladdin"),
    ("MPL", "NOASSERTION"),
    # batch 35: an aside after "but"; a product's version as a slug or in a sentence
    ("MIT, but please cite the paper", "MIT"),
    ("vim-9.1", "Vim"),
    ("The lexicon is released under the WordNet 3.1 license.", "WordNet"),
    # batch 35: named terms of use after "governed by"; "a modified Unlicense"
    (
        "Access is governed by the Acme Dataset Terms of Use.",
        "LicenseRef-Acme-Dataset-Terms-of-Use",
    ),
    ("Released under a modified Unlicense.", "NOASSERTION"),
    # batch 36: a remark that restates the choice; a known title outranks a family in it
    ("Licensed under MIT or Apache 2.0; you may pick either one.", "MIT OR Apache-2.0"),
    ("This code is distributed under the Clear BSD License.", "BSD-3-Clause-Clear"),
    # batches 37-39: a family's acronym, a comma, then the version; a name and its
    # abbreviation in a sentence; "must sign"; "but you may not"; an id with a dash too many
    (
        "Released under the GNU General Public License (GPL), version 3 or later.",
        "GPL-3.0-or-later",
    ),
    (
        "Annotations are released under the Montreal Data License (MDL), see below.",
        "LicenseRef-scancode-mdl-2021",
    ),
    (
        "Users must accept the Acme Research License before download.",
        "LicenseRef-Acme-Research-License",
    ),
    ("MIT, but you must not use it for surveillance.", "NOASSERTION"),
    ("x-11", "X11"),
    # batch 38: a pointer slug; a copyright clause before the license; the title as subject;
    # a file name after "./"; batch 39: a title with its link in parentheses
    ("other-license-in-readme", "NOASSERTION"),
    ("Map data © Acme contributors, released under the Open Database License", "ODbL-1.0"),
    ("The Vim License applies to the scripts.", "Vim"),
    ("./COPYING", "NOASSERTION"),
    # batch 41: a restriction the license does not have, without parentheses
    ("Released under Apache-2.0 for research purposes only.", "NOASSERTION"),
    ("CC BY-NC-SA 4.0, for non-commercial use only", "CC-BY-NC-SA-4.0"),
    # batch 40: an exception whose license the next item names; one that names none
    ("MIT, except for the fonts, which are under OFL-1.1", "MIT AND OFL-1.1"),
    ("Apache-2.0, except for the fonts", "NOASSERTION"),
    # batch 42: a ScanCode name ending in "License Terms", in a sentence
    (
        "Use of the model is subject to the Microsoft Research License Terms.",
        "LicenseRef-scancode-ms-research-license-terms",
    ),
    ("Vim License (https://example.org/vim-license)", "Vim"),
    # batch 45: an SPDX id in parentheses after its title, in a sentence; not after a title
    # that shares no word with the id's own name
    ("The scripts are released under the JSON License (JSON).", "JSON"),
    ("Licensed under our Research License (Fair).", "NOASSERTION"),
    # batch 45: a slug with added restrictions, and a "but" clause without an article
    ("other-apache-2.0-with-additional-restrictions", "NOASSERTION"),
    ("MIT, but commercial use requires prior written permission.", "NOASSERTION"),
    ("CC BY-NC-SA 4.0, but commercial use requires written permission.", "CC-BY-NC-SA-4.0"),
    ("apache-2.0-with-llvm-exception", "Apache-2.0 WITH LLVM-exception"),
    # batch 45: every CC port, in English and in its language; 4.0 has none
    ("Creative Commons Attribution-ShareAlike 3.0 Canada", "LicenseRef-CC-BY-SA-3.0-CA"),
    ("Creative Commons Namensnennung 3.0 Österreich", "CC-BY-3.0-AT"),
    ("Creative Commons Attribution 3.0 Unported", "CC-BY-3.0"),
    # batch 45: CC's translated element phrases, with or without "Creative Commons"
    ("Attribution - Pas de Modification 4.0 International", "CC-BY-ND-4.0"),
    (
        "Namensnennung - Nicht kommerziell - Keine Bearbeitungen 4.0 International",
        "CC-BY-NC-ND-4.0",
    ),
    ("Modelo de reconocimiento de voz 2.0", "NOASSERTION"),
    # batch 45: a ScanCode key without its only version, after the word license; not a year
    ("Falcon 2 11B License", "LicenseRef-scancode-falcon-2-11b-1.0"),
    ("BSD License", "NOASSERTION"),
    # batch 44: the ASF's abbreviation; "original" and the advertising clause name BSD-4-Clause
    ("Licensed under the ALv2.", "Apache-2.0"),
    ("AL2", "NOASSERTION"),
    ("BSD (original)", "BSD-4-Clause"),
    ("BSD license with the advertising clause", "BSD-4-Clause"),
    # batch 44: a Hub Space that holds a license's text, by its name
    ("bigcode-model-license-agreement", "LicenseRef-scancode-bigcode-open-rail-m-v1"),
    # batch 47: a leading title whose version has a dot, before a link to an unknown page
    ("The WordNet 3.0 License: https://example.org/wn/terms", "WordNet"),
    # batch 47: a publisher's acronym before a ScanCode name of three words or more
    ("This model is released under the NTU S-Lab License 1.0.", "LicenseRef-scancode-s-lab-1.0"),
    # batch 47: the Unlicense's own first sentence
    (
        "This is free and unencumbered software released into the public domain. Anyone is free.",
        "Unlicense",
    ),
    # batch 49: the version before the GNU name, in a sentence; a link's text with an acronym
    # before its version, where the link's page names none
    ("Distributed under version 2 of the GNU Library General Public License.", "LGPL-2.0-only"),
    (
        "See [GNU Affero General Public License (AGPL) version 3](https://example.org/terms).",
        "AGPL-3.0-only",
    ),
    # batch 48: a retired Creative Commons license of no element, by ScanCode's name
    ("Creative Commons Sampling 1.0", "LicenseRef-scancode-cc-sampling-1.0"),
    (
        "Released under the Creative Commons Developing Nations 2.0 License.",
        "LicenseRef-scancode-cc-devnations-2.0",
    ),
    ("Creative Commons License", "NOASSERTION"),
    # blind cards 3 and batch 39: a kind of holder is not a proper name
    ("other-institute-data-use-agreement", "NOASSERTION"),
    ("other-acme-data-use-agreement", "LicenseRef-acme-data-use-agreement"),
    # batch 51: the Hub's other-<word> for a ScanCode license named "<Word> License"; a word
    # that begins several keys is a publisher, and an English word of a longer name is none
    ("other-pngsuite", "LicenseRef-scancode-pngsuite"),
    ("other-nvidia", "NOASSERTION"),
    ("other-attribution", "NOASSERTION"),  # the Attribution Assurance License's key
    ("other-nonexclusive", "NOASSERTION"),
    # batch 51: a title repeating "and" where the name has it once
    ("W3C Software and Notice and License (2002-12-31)", "W3C"),
    ("cc-by-4.0, cc-by-nc-4.0, cc-by-sa-4.0", "CC-BY-4.0 AND CC-BY-NC-4.0 AND CC-BY-SA-4.0"),
    # batch 51: a holder's legal form in a name; the name without its year is two licenses
    ("Unicode, Inc. License Agreement", "LicenseRef-scancode-unicode"),
    ("Unicode Inc. License Agreement for Data Files and Software", "NOASSERTION"),
    # batch 51: a script's page, told apart by its query; a page a license's variants list
    ("http://scripts.sil.org/cms/scripts/page.php?item_id=OFL10_web", "OFL-1.0"),
    ("https://scripts.sil.org/cms/scripts/page.php?site_id=nrsi&item_id=OFL_web", "NOASSERTION"),
    ("https://scripts.sil.org/OFL", "OFL-1.1"),
    # batches 18-51: the Hub's license_name slugs of model licenses, "<name>-research" and
    # "<name>-community"; a license id before a kind its name has is that license
    ("acme-research", "LicenseRef-acme-research"),
    ("Acme-Vision-NC-Community", "LicenseRef-acme-vision-nc-community"),
    ("other-acme-research", "LicenseRef-acme-research"),
    ("llama3-community", "LicenseRef-hf-llama3"),
    ("gemma-research", "NOASSERTION"),  # the Gemma Terms of Use are no research license
    ("mit-research", "NOASSERTION"),
    ("open-research", "NOASSERTION"),
    ("university-community", "NOASSERTION"),
    ("original-research", "NOASSERTION"),
    # batches 12-51: one word that is one license's name ("<Word> License"), and begins no
    # other license's key; a publisher of several, or a product's license, stays refused
    ("pngsuite", "LicenseRef-scancode-pngsuite"),
    ("other-whosonfirst", "LicenseRef-scancode-whosonfirst-license"),
    ("nvidia", "NOASSERTION"),
    ("perl", "NOASSERTION"),  # "Perl 1.0": Perl's, and "perl" means its terms, not that text
    ("docbook", "NOASSERTION"),  # four DocBook licenses
    # batches 31-51: a publisher's two-word name written with its first word only, and the
    # publisher's own page named by the site and its slug; a site's bare /license page of a
    # publisher of several names none of them
    (
        "Stability Non-Commercial Research Community License",
        "LicenseRef-scancode-stability-ai-nc-2023-12-06",
    ),
    (
        "https://stability.ai/non-commercial-research-community-license",
        "LicenseRef-scancode-stability-ai-nc-2023-12-06",
    ),
    ("https://nvidia.com/license", "LicenseRef-nvidia-license"),
    ("https://nvidia.com/license-agreement", "LicenseRef-nvidia-license-agreement"),
    ("https://qwen.ai/license-agreement", "LicenseRef-scancode-qwen-2024"),
    ("other-open-data-commons", "NOASSERTION"),  # no word of the terms is left out
    # a hostile review of the above: the word left out must be a publisher's, as ScanCode's keys
    # spell its name ("stability-ai-..."); "ACPI" tells Intel's agreements apart
    ("Intel Software License Agreement", "LicenseRef-Intel-Software-License-Agreement"),
    ("Open Data License", "NOASSERTION"),
    ("Microsoft EULA", "LicenseRef-Microsoft-EULA"),
    ("llama2-nc-community", "NOASSERTION"),
    # a script's page whose query ScanCode does not list is read without it
    ("https://www.eclipse.org/org/documents/edl-v10.php?lang=en", "BSD-3-Clause"),
    # batches 30-53: the European Commission's page of each EUPL text
    ("https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-11", "EUPL-1.1"),
    # round 9's misses (batches 52-57), read on other strings
    ("the Zlib license, adding an attribution requirement", "NOASSERTION"),  # modified
    ("Apache 2.0 that adds a non-commercial restriction", "NOASSERTION"),
    (
        "The data may be used under the W3C Software and Document License (2015-05-13).",
        "W3C-20150513",
    ),
    (
        "The photos may be used under the Pixabay Content License.",
        "LicenseRef-scancode-pixabay-content",
    ),
    ("public domain, U.S. Government work", "LicenseRef-scancode-us-govt-public-domain"),
    ("United States Government Public Domain", "LicenseRef-scancode-us-govt-public-domain"),
    ("Public Domain (see the note)", "LicenseRef-scancode-public-domain"),
    ("Perl Artistic License 1.0", "Artistic-1.0-Perl"),
    ("cc-by-4.0   # options: https://hf.co/docs/hub/repositories-licenses", "CC-BY-4.0"),
    ("Apache License 2.0 # the code only", "Apache-2.0"),
    (
        "Source files are 'Incompatible With Secondary Licenses' under the MPL-2.0.",
        "MPL-2.0-no-copyleft-exception",
    ),
    # round 10's misses (batches 58-63), read on other strings
    ("LPPL 1.3", "NOASSERTION"),  # 1.3a or 1.3c: the letter is the version's
    ("OGL 1.0a", "LicenseRef-scancode-ogl-1.0a"),
    ("wxWindows", "LGPL-2.0-or-later WITH WxWindows-exception-3.1"),  # the Library GPL
    ("pddl-2.0", "NOASSERTION"),  # PDDL has one version; another is never guessed
    ("MIT (code) and CC BY-SA 4.0 (model weights)", "MIT AND CC-BY-SA-4.0"),
    ("BSD-3-Clause (code) | CC-BY-4.0 (data)", "BSD-3-Clause AND CC-BY-4.0"),
    ("Released under CC BY 3.0 or any later version.", "CC-BY-3.0+"),
    ("EUPL 1.1, or later", "EUPL-1.1+"),
    (
        "Quadruple-licensed: MIT, Apache-2.0, BSD-2-Clause or ISC",
        "MIT OR Apache-2.0 OR BSD-2-Clause OR ISC",
    ),
    ("MIT, BSD-2-Clause or ISC, at your choice", "MIT OR BSD-2-Clause OR ISC"),
    ("MIT, Apache-2.0 and BSD-2-Clause", "MIT AND Apache-2.0 AND BSD-2-Clause"),
    ("Dual-licensed: MIT, Apache-2.0", "MIT OR Apache-2.0"),
    ("[cc-by-4.0, odbl]", "CC-BY-4.0 AND ODbL-1.0"),
    ("https://opensource.org/licenses/", "NOASSERTION"),  # the list of many
    ("Licencia Pública de la Unión Europea (EUPL) v1.1", "EUPL-1.1"),
    ("Open Government Licence - Something Else (OGL-UK) 3.0", "OGL-UK-3.0"),
    ("创作共用 署名-禁止演绎 4.0 国际许可协议", "CC-BY-ND-4.0"),
    ("クリエイティブ・コモンズ 表示 4.0 国際 ライセンス", "CC-BY-4.0"),
    ("크리에이티브 커먼즈 저작자표시-변경금지 4.0 국제 라이선스", "CC-BY-ND-4.0"),
    (
        "Creative Commons Namensnennung - Weitergabe unter gleichen Bedingungen 4.0 International",
        "CC-BY-SA-4.0",
    ),
    ("Licence publique générale limitée GNU, version 2.1", "LGPL-2.1-only"),
    ("Licencia Pública General de GNU versión 2", "GPL-2.0-only"),
    ("GNU 劣等一般公衆利用許諾書 バージョン 2.1", "LGPL-2.1-only"),
    ("Apache 许可证 2.0 版本", "Apache-2.0"),
    ("BSD-Lizenz", "NOASSERTION"),  # a family: no clause count is guessed
    ("Licence BSD à 3 clauses", "BSD-3-Clause"),
    ("domaine public", "LicenseRef-scancode-public-domain"),
    ("表示", "NOASSERTION"),  # "display" outside a Creative Commons title
    ("other-yelp-photos-usage-policy", "LicenseRef-yelp-photos-usage-policy"),
    ("other-zlib-non-commercial", "NOASSERTION"),  # a license with terms added
    ("other-research-use-only", "NOASSERTION"),
    ("other-privacy-policy", "NOASSERTION"),
    ("Licensed under the terms of the Unsplash License.", "LicenseRef-scancode-unsplash"),
    ("W3C Software and Document Notice and License", "W3C-20150513"),
    ("LGLP-2.1", "LGPL-2.1-only"),  # two letters the wrong way round
    ("ODC", "NOASSERTION"),  # a bare three letters: another abbreviation as likely
    ("CC-BY-SA-4.0.0", "CC-BY-SA-4.0"),
    # round 11's misses (batches 64-69), read on other strings
    ("Elastic License", "NOASSERTION"),  # 2.0 in SPDX, the 2018 text in the LicenseDB
    ("XFree86 License", "NOASSERTION"),
    ("Unicode-TUO", "Unicode-TOU"),  # two letters of one word of the id swapped
    ("Stabilty AI Community License Agreement", "LicenseRef-scancode-stability-ai-community-2024"),
    ("CreativeML Open RAIL++-M", "LicenseRef-scancode-bigscience-open-rail-m2"),  # not RAIL-M
    ("PolyForm Non Commercial License 1.0.0", "PolyForm-Noncommercial-1.0.0"),
    ("Licence ouverte de la Ville de Paris", "LicenseRef-Licence-ouverte-de-la-Ville-de-Paris"),
    ("GPL-3.0 with the Foo linking exception", "NOASSERTION"),  # never dropped unread
    (
        "GPL-2.0 (with Classpath Exception, version 2.0)",
        "GPL-2.0-only WITH Classpath-exception-2.0",
    ),
    ("GFDL 1.3 or later, with no Invariant Sections", "GFDL-1.3-no-invariants-or-later"),
    ("EPL-2.0 / Acme Distribution Terms v1.0", "NOASSERTION"),  # never dropped unread
    ("Apache 2.0 or any later version", "Apache-2.0+"),
    ("Lizenz für freie Dokumentation von GNU, Version 1.3 oder später", "GFDL-1.3-or-later"),
    ("GNU GPL v3 ou toute version ultérieure", "GPL-3.0-or-later"),
    ("Licenza Pubblica di Mozilla 2.0", "MPL-2.0"),
    ("木兰宽松许可证，第1版", "MulanPSL-1.0"),
]


@pytest.mark.parametrize(("raw", "expected"), BATCH_CLASSES)
def test_the_classes_the_blind_batches_found(raw: str, expected: str) -> None:
    assert normalize_license(raw).spdx == expected


@pytest.mark.parametrize(
    "raw",
    # batch 24: ScanCode's keys for a kind of license or a detector's marker were concluded,
    # marked certain ("see-license", "no-license"); they name no license
    ["unknown-license-reference", "commercial-license", "free-unknown", "Unstated License"],
)
def test_a_scancode_marker_key_names_no_license(raw: str) -> None:
    assert normalize_license(raw).spdx == "NOASSERTION"


# A hostile review of this session's readings (translations, "or later", parts, lists, typos,
# sibling hosts): what it found wrong, on its own strings, and what each must conclude now.
HOSTILE_REVIEW = [
    # a negation or a restriction the translation cannot carry refuses it
    ("GPL v2（不是“或更高版本”）", "GPL-2.0-only"),
    ("GPL v2 のみ (以降のバージョンは不可)", "GPL-2.0-only"),
    ("keine MIT-Lizenz", "NOASSERTION"),
    ("nicht gemeinfrei", "NOASSERTION"),
    ("no es de dominio público", "NOASSERTION"),
    ("GPL v2, no cualquier versión posterior", "NOASSERTION"),
    # a restriction the license does not have, in any language read: modified terms
    ("CC BY 4.0 (no commercial use)", "NOASSERTION"),
    ("CC BY 4.0（非商业用途）", "NOASSERTION"),
    ("Apache 2.0 许可证，禁止商用", "NOASSERTION"),
    ("知识共享 署名-非商业 4.0", "NOASSERTION"),
    ("크리에이티브 커먼즈 저작자표시 4.0 국제 (상업적 이용 금지)", "NOASSERTION"),
    ("MIT-Lizenz (nicht kommerziell)", "NOASSERTION"),
    ("MIT-Lizenz (geändert)", "NOASSERTION"),
    ("CC BY-NC 4.0 (non-commercial use only)", "CC-BY-NC-4.0"),  # the license says so too
    ("free for commercial and non-commercial use under CC BY 4.0", "CC-BY-4.0"),
    # German "mit" is "with"
    ("Apache-Lizenz 2.0 mit Commons Clause", "NOASSERTION"),
    ("Apache-Lizenz 2.0 mit LLVM-Ausnahme", "Apache-2.0 WITH LLVM-exception"),
    # a comment after a value is kept, but the card template's own
    ("cc-by-4.0 # actually cc-by-nc-4.0", "CC-BY-4.0 AND CC-BY-NC-4.0"),
    ("mit # modified", "NOASSERTION"),
    # "Non-Exclusive" is no license's name; "Non-Commercial" is one word
    ("Non-Exclusive License Agreement", "NOASSERTION"),
    # a site's own pages are no license page of another host
    ("https://play.google.com/books", "NOASSERTION"),
    ("https://eecs.berkeley.edu/copyright", "NOASSERTION"),
    # parts: a choice for one part, a choice offered, subsets that each have one
    ("CC-BY-4.0 (data) or CC-BY-NC-4.0 (data)", "CC-BY-4.0 OR CC-BY-NC-4.0"),
    ("Dual-licensed: MIT (code) and CC-BY-NC-4.0 (weights)", "MIT AND CC-BY-NC-4.0"),
    (
        "MIT, Apache-2.0 or CC-BY-NC-4.0 depending on the subset",
        "MIT AND Apache-2.0 AND CC-BY-NC-4.0",
    ),
    # "or later": after -only, past a part, never after an id with no version written
    ("GPL-2.0 or, at your option, any later version", "GPL-2.0-or-later"),
    ("GPL-3.0 (code) or later", "GPL-3.0-or-later"),
    ("X11 or later", "X11"),
    ("CC0 or later", "CC0-1.0"),
    ("ODbL 1.0 or later", "ODbL-1.0+"),
    # years and DOIs are no versions
    ("cc-by-4.0 2023", "CC-BY-4.0"),
    ("CC-BY-4.0 10.5281/zenodo.123", "CC-BY-4.0"),
    # lists in one string
    ("[mit, or, apache-2.0]", "MIT OR Apache-2.0"),
    ("[MIT, research-only]", "NOASSERTION"),
    ("[MIT, Llama 2 Community License, 2023]", "MIT AND LicenseRef-scancode-llama-2-license-2023"),
    # an abbreviation of its own is no typo; 4.0 has no ports; an exception is English
    ("FAL-2.0", "NOASSERTION"),
    ("cc-by-4.0-en", "CC-BY-4.0"),
    (
        "Apache 2.0 with the exception of the model weights, which are CC BY-NC 4.0",
        "Apache-2.0 AND CC-BY-NC-4.0",
    ),
    ("The Unlicense, with the exception of the model weights (Acme terms)", "NOASSERTION"),
    # an invariant section after all: not the no-invariants variant (and the part excepted is
    # under terms the text does not name)
    ("GFDL 1.3; there are no invariant sections except Appendix A", "NOASSERTION"),
    ("Licence Ouverte de l'État 2.0", "etalab-2.0"),
    # round 13's wrong "allowed": a prohibition of commercial use in other words
    ("BSD-3-Clause（不得商用）", "NOASSERTION"),
    ("ISC（商業利用不可）", "NOASSERTION"),
    ("Zlib（商用利用は禁止されています）", "NOASSERTION"),
    ("CC BY-NC-SA 4.0（不得商用）", "CC-BY-NC-SA-4.0"),  # the license says so itself
    # and in English word orders; a "/" in a path offers no choice
    ("Released under a custom variant of Apache 2.0 that forbids commercial use.", "NOASSERTION"),
    ("MIT, but commercial use of the model outputs is prohibited", "NOASSERTION"),
    ("MIT, except for the files in assets/ which are CC BY-NC 4.0", "MIT AND CC-BY-NC-4.0"),
    # the second review (session 27), on that session's rules:
    # SPDX's WITH only where an operand may stand: not an exception in words, not prose
    ("Apache-2.0 WITH LLVM exception", "Apache-2.0 WITH LLVM-exception"),
    ("GPL-2.0 WITH Classpath exception 2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
    ("MIT License. NO LIABILITY IN CONNECTION WITH THE USE OF THIS MODEL.", "MIT"),
    ("APACHE LICENSE 2.0 WITH NOTICE FILE", "Apache-2.0"),
    ("(MIT WITH Foo-1.0) OR ISC", "NOASSERTION"),
    ("Apache-2.0 WITH", "NOASSERTION"),
    # the Licence Ouverte's version after a comma, a colon, in parentheses, or before the name
    ("Licence Ouverte, version 2.0", "etalab-2.0"),
    ("Licence Ouverte (v2.0)", "etalab-2.0"),
    ("Open Licence version 2.0 / Licence Ouverte", "etalab-2.0"),
    # terms a part is *not* subject to, or one of two, bind nothing; beside a part's terms, the
    # rest's license stays past a word about the source
    (
        "The tweets are not subject to the Twitter Terms of Service; our labels are CC BY 4.0.",
        "CC-BY-4.0",
    ),
    (
        "Images are subject to the YouTube Terms of Service or the Vimeo Terms of Service; labels are CC BY 4.0.",
        "CC-BY-4.0",
    ),
    (
        "Videos are subject to the YouTube Terms of Service; the derived annotations are CC BY-NC 4.0.",
        "LicenseRef-YouTube-Terms-of-Service AND CC-BY-NC-4.0",
    ),
    # a "/" between a license that allows commercial use and one that does not
    ("MIT / CC BY-NC 4.0", "NOASSERTION"),
    ("Apache License 2.0 / MIT", "Apache-2.0 OR MIT"),
    # a negation in Korean; a restriction of a license the table does not classify
    ("언라이선스 아님", "NOASSERTION"),
    ("모질라 공개 라이선스 2.0이 아님", "NOASSERTION"),
    ("ELv2, non-commercial use only", "NOASSERTION"),
    ("PolyForm Noncommercial 1.0.0 (non-commercial use only)", "PolyForm-Noncommercial-1.0.0"),
    # a version's wildcard after any license; one word with a digit after other-
    ("LGPL 2.x", "NOASSERTION"),
    ("Requires Python 3.x; MIT license", "MIT"),
    ("other-w3c", "NOASSERTION"),
    # what the review found left from before: a leading "not", an element or a requirement
    # added in a word, research only in Korean, an asset "derived" (not "derived from")
    ("Not MIT", "NOASSERTION"),
    ("Not subject to any Terms of Service; released under CC0.", "CC0-1.0"),
    ("CC-BY-4.0 with NC", "NOASSERTION"),
    ("Apache-2.0 with RAIL-restrictions", "NOASSERTION"),
    ("MIT (with an additional no-military-use clause)", "NOASSERTION"),
    ("Apache 2.0 라이선스, 연구 목적으로만 사용 가능", "NOASSERTION"),
    (
        "Use is subject to the Gemma Terms of Use; the derived dataset is CC BY-NC 4.0.",
        "LicenseRef-hf-gemma AND CC-BY-NC-4.0",
    ),
    # the third review (session 28): "(or later)" scopes a version, it offers no choice
    (
        "GNU GPL v3 (or later) for the code; CC BY-NC 4.0 for the weights",
        "GPL-3.0-or-later AND CC-BY-NC-4.0",
    ),
    ("Code: CC BY-SA 3.0 or later. Data: CC BY-NC 4.0.", "CC-BY-SA-3.0+ AND CC-BY-NC-4.0"),
    ("GNU GPL v2 (or later)", "GPL-2.0-or-later"),
    ("GPL-2.0 (or newer)", "GPL-2.0-or-later"),
    # a part bound by terms in Chinese, or given in parentheses, that name no license
    (
        "本仓库的代码依照 Mozilla 公共许可证 2.0 开源,模型的权重的使用则需要遵循 Model License。",
        "NOASSERTION",
    ),
    ("代码采用 Eclipse 公共许可证 2.0,数据需遵守数据使用协议。", "NOASSERTION"),
    ("Mozilla 公共许可证 2.0 (代码), 模型许可证 (权重)", "NOASSERTION"),
    (
        "The code is under the [Apache-2.0 license](LICENSE), while the use of the model weights"
        " needs to comply with the [Model License](MODEL_LICENSE).",
        "NOASSERTION",
    ),
    # an anchor on another site's page of licenses is a section, not a license
    ("https://example.com/licenses#FAIR", "NOASSERTION"),
    ("https://example.com/third-party-licenses#libpng", "NOASSERTION"),
    ("https://www.gnu.org/licenses/license-list.en.html#Unlicense", "Unlicense"),
    # a family's name beside a named license, negated or in passing, is no part of it
    (
        "We do not use the LaTeX Project Public License, either version 1.3c of this license.",
        "NOASSERTION",
    ),
    ("This dataset was funded by the European Union. Public release under CC BY 4.0.", "CC-BY-4.0"),
    ("MIT License. We chose it over the Common Development and Distribution License.", "MIT"),
    # a title that is the license named already; a repository's LICENSE file
    (
        'Licensed under the MIT License (the "Software License"). The weights are subject to the Software License.',
        "MIT",
    ),
    (
        "Released under the MIT License. Use of the model is subject to the"
        " [LICENSE](https://huggingface.co/acme/model/blob/main/LICENSE).",
        "MIT",
    ),
    # a name's alias that names another license, or a family the license is not of
    ("CC BY 4.0 (CC BY-NC)", "NOASSERTION"),
    ("MPL-2.0; not Incompatible With Secondary Licenses", "NOASSERTION"),
    ("MPL-1.1, Incompatible With Secondary Licenses", "NOASSERTION"),
    ("OpenMDW License", "LicenseRef-OpenMDW-License"),  # 1.0 or the Hub's 1.1: no version guessed
    ("https://docs.python.org/license", "Python-2.0"),
    # the fourth review (session 28): a stop after "U.S." ends a sentence unless a noun follows
    (
        "MIT License. The training data was collected in the U.S. It remains under CC BY-NC 4.0.",
        "MIT AND CC-BY-NC-4.0",
    ),
    # typos are not mended in a text that negates or keeps a part apart, nor by a letter typed
    # for another, nor in a word beside a version
    ("This dataset is not in the pubic domain.", "NOASSERTION"),
    ("It is not Creative Comons Zero.", "NOASSERTION"),
    ("Gamma License", "LicenseRef-Gamma-License"),
    ("boast 1.0", "NOASSERTION"),
    # Korean negation; KOGL's range; Llama's version after "Agreement"
    ("이 데이터는 공공누리 제1유형이 적용되지 않습니다", "NOASSERTION"),
    ("KOGL Type 1-4", "NOASSERTION"),
    (
        "Llama Community License Agreement, Version 3.1",
        "LicenseRef-scancode-llama-3.1-license-2024",
    ),
    # the EUPL's notice gives later EUPL versions only
    (
        "Licensed under the GPL-2.0 or – as soon they will be approved by the European"
        " Commission - subsequent versions of the EUPL",
        "GPL-2.0-only",
    ),
    # a part's title that says whose terms, not which; every excepted part; more terms after
    ("MIT (code), Their Own License (data)", "NOASSERTION"),
    ("MIT (code), Stability AI License (weights)", "NOASSERTION"),
    (
        "MIT, except the images, which are subject to the Flickr Terms of Use, and the audio,"
        " which is subject to the Freesound Terms of Use.",
        "MIT AND LicenseRef-Flickr-Terms-of-Use AND LicenseRef-Freesound-Terms-of-Use",
    ),
    (
        "MIT License, except the audio, which is subject to the Freesound Terms of Use and"
        " additional restrictions.",
        "NOASSERTION",
    ),
    ("Apache 2.0; the weights can't be used for commercial purposes.", "NOASSERTION"),
    # a spelled-out family keeps no version
    ("Creative Commons Shared Alike", "NOASSERTION"),
]


@pytest.mark.parametrize(("raw", "expected"), HOSTILE_REVIEW)
def test_what_the_hostile_review_found(raw: str, expected: str) -> None:
    result = normalize_license(raw)
    assert result.spdx == expected
    if not raw.isascii():
        assert not result.certain  # a reading of words the name index cannot spell


def test_a_reading_through_a_translation_is_never_certain() -> None:
    for raw in ["GPL-2.0 oder später", "Licence publique générale GNU version 2 ou ultérieure"]:
        result = normalize_license(raw)
        assert result.spdx == "GPL-2.0-or-later" and not result.certain, raw
