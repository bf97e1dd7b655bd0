"""The normaliser on the kinds of strings people write, beyond the ids (issue 3, part 2)."""

from __future__ import annotations

import pytest

from mlassets.licenses import normalize_license
from mlassets.licenses.names import lookup_id
from mlassets.licenses.spdx_list import scancode_index, spdx_list
from mlassets.licenses.tables import KAGGLE, PYPI_CLASSIFIERS
from tests.conftest import EVAL


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # SPDX ids in any case, deprecated ids, "+"
        ("odc-by-1.0", "ODC-By-1.0"),
        ("LGPL-2.1+", "LGPL-2.1-or-later"),
        ("bsd-2-clause-freebsd", "BSD-2-Clause-Views"),  # SPDX: its text, generalised as -Views
        ("(CC-BY-4.0 AND MIT)", "CC-BY-4.0 AND MIT"),
        ("MIT/Apache-2.0", "MIT OR Apache-2.0"),
        ("Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception"),
        # full names and their variants
        ("Apache License, Version 2.0", "Apache-2.0"),
        ("Apache Software License 2.0", "Apache-2.0"),
        ("GNU GPL v3", "GPL-3.0-only"),
        ("GNU General Public License v2 or later", "GPL-2.0-or-later"),
        ("LGPLv3+", "LGPL-3.0-or-later"),
        ("Mozilla Public License, version 2.0", "MPL-2.0"),
        ("EUPL v1.2", "EUPL-1.2"),
        ("New BSD License", "BSD-3-Clause"),
        ("Simplified BSD", "BSD-2-Clause"),
        ("The MIT License (MIT)", "MIT"),
        ("CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"),
        ("Creative Commons Attribution-NoDerivatives 4.0 International", "CC-BY-ND-4.0"),
        ("Attribution-NonCommercial 3.0 Unported", "CC-BY-NC-3.0"),
        ("cc-by-nc-nd-3-0", "CC-BY-NC-ND-3.0"),
        ("CC-BY-NC-SA 2.0 FR", "CC-BY-NC-SA-2.0-FR"),
        ("CC BY 2.5 South Africa", "LicenseRef-CC-BY-2.5-ZA"),
        ("Community Data License Agreement – Sharing, Version 1.0", "CDLA-Sharing-1.0"),
        ("Licence Ouverte / Open Licence version 2.0", "etalab-2.0"),
        ("Llama 2 Community License Agreement", "LicenseRef-scancode-llama-2-license-2023"),
        ("CreativeML Open RAIL-M", "LicenseRef-scancode-stable-diffusion-2022-08-22"),
        ("Public Domain Mark 1.0", "CC-PDM-1.0"),
        # links
        ("https://creativecommons.org/licenses/by/3.0/au/", "CC-BY-3.0-AU"),
        ("https://creativecommons.org/licenses/by-sa/3.0/au/", "LicenseRef-CC-BY-SA-3.0-AU"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
        ("https://opensource.org/licenses/BSD-2-Clause", "BSD-2-Clause"),
        ("https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html", "LGPL-2.1-only"),
        ("https://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"),
        ("https://spdx.org/licenses/MPL-2.0.html", "MPL-2.0"),
        ("https://opendatacommons.org/licenses/odbl/1-0/", "ODbL-1.0"),
        (
            "https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/LICENSE",
            "LicenseRef-scancode-llama-3.1-license-2024",
        ),
        ("https://huggingface.co/google/gemma-7b/blob/main/LICENSE", "LicenseRef-hf-gemma"),
        # prose, lists, markdown
        ("This model is released under the Apache 2.0 license.", "Apache-2.0"),
        (
            "Licensed under [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/).",
            "CC-BY-SA-4.0",
        ),
        ("Code: MIT; weights: CC-BY-4.0", "MIT AND CC-BY-4.0"),
        ("Dual-licensed under MIT and Apache-2.0", "MIT OR Apache-2.0"),
        ("**CC0 1.0 Universal**", "CC0-1.0"),
        ("Apache License Version 2.0, January 2004", "Apache-2.0"),
        ("Apache License (2.0)", "Apache-2.0"),
        ("BSD-3", "BSD-3-Clause"),
        ("GPL version 2 or any later version", "GPL-2.0-or-later"),
        ("Llama 2", "LicenseRef-scancode-llama-2-license-2023"),
        ("BigScience RAIL License v1.0", "LicenseRef-scancode-bigscience-rail-1.0"),
        # OpenML, Kaggle, PyPI
        ("Public Domain (CC0)", "CC0-1.0"),
        ("Public Domain (CCO)", "CC0-1.0"),  # a letter O for the zero
        ("Database: Open Database, Contents: © Original Authors", "ODbL-1.0"),
        ("License :: OSI Approved :: Apache Software License", "NOASSERTION"),
        (
            "License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)",
            "GPL-3.0-or-later",
        ),
        ("License :: OSI Approved :: zlib/libpng License", "Zlib"),
    ],
)
def test_names_links_and_prose(raw: str, expected: str) -> None:
    assert normalize_license(raw).spdx == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("unknwn", "L101"),  # a typo of a placeholder
        ("[More Information Needed]", "L101"),
        ("n<1K", "L109"),  # a size category
        ("Creative Commons", "L103"),
        ("CC-BY-SA", "L103"),  # no version: never guessed
        ("GPL", "L103"),
        ("Apache License", "L103"),
        ("Eiffel Forum License", "L103"),  # two versions exist
        ("MIT, BSD and Apache", "L103"),
        ("public domain, Python, 2-Clause BSD", "L102"),  # a list item that names nothing
        ("Research only.", "L102"),
        ("Copyright (c) 2024 ACME Corp. All rights reserved.", "L102"),
        ("The licensing status of the data is unclear.", "L102"),
        ("other-non-commercial-research-purpose-only", "L102"),
        ("[model page](https://huggingface.co/acme/model)", "L102"),
        ("[CC BY 4.0](https://creativecommons.org/licenses/by-sa/4.0/)", "L103"),  # text ≠ link
    ],
)
def test_refusals_say_why(raw: str, code: str) -> None:
    result = normalize_license(raw)
    assert (result.spdx, result.status) == ("NOASSERTION", "noassertion")
    assert [f.code for f in result.findings] == [code]
    assert result.raw == raw  # the declared value is kept beside the conclusion


@pytest.mark.parametrize(
    "raw",
    [
        "LDC User Agreement for Non-Members",
        "other-acme-research-license",
        "https://github.com/acme/dataset/blob/main/LICENSE",
        "[ACME Data License Agreement](https://acme.example/legal/data-license)",
    ],
)
def test_named_licenses_off_the_spdx_list_become_license_refs(raw: str) -> None:
    result = normalize_license(raw)
    assert result.status == "licenseref" and result.spdx.startswith("LicenseRef-")
    assert [f.code for f in result.findings] == ["L107"]


def test_prose_keeps_the_dataset_license_not_the_upstream_one() -> None:
    raw = "This corpus uses CC-BY-NC-4.0. The original Wikipedia text is under CC BY-SA 3.0."
    result = normalize_license(raw)
    assert result.spdx == "CC-BY-NC-4.0"
    assert [f.code for f in result.findings] == ["L111"]  # read from free text, quoted


def test_results_are_cached_per_distinct_string() -> None:
    assert normalize_license("Apache License 2.0") is normalize_license("Apache License 2.0")


def test_vendored_spdx_list_is_not_older_than_3_28() -> None:
    major, minor = (int(p) for p in spdx_list().version.split("."))
    assert (major, minor) >= (3, 28), f"run scripts/refresh_license_data.py (have {major}.{minor})"
    assert spdx_list().current("OpenMDW-1.0") == "OpenMDW-1.0"  # added in 3.28
    assert len(spdx_list().licenses) > 700


def test_scancode_index_comes_from_license_expression() -> None:
    assert scancode_index()["llama-2-license-2023"].category == "Proprietary Free"


def _valid_expression(expression: str) -> bool:
    leaves = expression.replace("(", " ").replace(")", " ").split()
    return all(
        leaf in {"AND", "OR", "WITH"}
        or leaf.startswith("LicenseRef-")
        or getattr(spdx_list().get(leaf), "id", None) == leaf  # deprecated ids stay valid
        or leaf in spdx_list().exceptions.values()
        for leaf in leaves
    )


def test_every_table_concludes_a_valid_spdx_expression() -> None:
    for table in (PYPI_CLASSIFIERS, KAGGLE):
        for value in table.values():
            assert value is None or _valid_expression(value), value
    for key in scancode_index():
        match = lookup_id(key)
        assert match is None or match.expression is None or _valid_expression(match.expression)


def test_dev_set_accuracy_is_at_least_97_percent() -> None:
    tsv = EVAL / "licenses-dev.tsv"
    if not tsv.exists():
        pytest.skip("../shared/eval is not present (a fresh clone)")
    from bench.license_eval import correct, rows

    data = rows(tsv)
    hits = sum(correct(normalize_license(raw).spdx, expected, note) for raw, expected, note in data)
    assert hits / len(data) >= 0.97, f"{hits}/{len(data)}"
