"""The classes the blind batches 9 and 10 found (issue 12, part 2): each rule, on strings other
than the ones in the batches."""

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
        ("GPL v3 with the GCC Runtime Library exceptions 3.1", "NOASSERTION"),  # not its SPDX name
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
