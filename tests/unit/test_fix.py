"""`--fix` (issue 4, part 2): exact bytes before and after, and nothing touched outside the fix."""

from __future__ import annotations

import pytest

from mlassets.validation.fix import fix_card_bytes


@pytest.mark.parametrize(
    ("before", "after", "codes"),
    [
        (  # comments, quoting and the body stay; the key and the value are mended
            b'---\n# the license\nlicence: "Apache 2.0"  # as the README says\nlanguage: en\n---\n# Body\nlicence: stays\n',
            b'---\n# the license\nlicense: "apache-2.0"  # as the README says\nlanguage: en\n---\n# Body\nlicence: stays\n',
            ["S210", "S202"],
        ),
        (  # CRLF line endings and a deprecated id
            b"---\r\nlicense: GPL-3.0\r\ntags:\r\n  - x\r\n---\r\nbody\r\n",
            b"---\r\nlicense: gpl-3.0\r\ntags:\r\n  - x\r\n---\r\nbody\r\n",
            ["L105"],
        ),
        (  # a list, with its indentation and quote style
            b"---\nlicense:\n    - Apache 2.0\n    - 'MIT License'\n---\n",
            b"---\nlicense:\n    - apache-2.0\n    - 'mit'\n---\n",
            ["S202", "S202"],
        ),
        (  # on the SPDX list, no Hub id: other + license_name + license_link
            b"---\nlicense: MPL-1.1\n---\n",
            b"---\nlicense: other\nlicense_name: mpl-1.1\nlicense_link: https://spdx.org/licenses/MPL-1.1.html\n---\n",
            ["S202"],
        ),
        (  # a missing license_link, CRLF kept on the new line
            b"---\r\nlicense: other\r\nlicense_name: llama-2-license-2023\r\npipeline_tag: text-generation\r\n---\r\n",
            b"---\r\nlicense: other\r\nlicense_name: llama-2-license-2023\r\n"
            b"license_link: https://scancode-licensedb.aboutcode.org/llama-2-license-2023.html\r\n"
            b"pipeline_tag: text-generation\r\n---\r\n",
            ["S203"],
        ),
        (  # a byte-order mark stays
            b"\xef\xbb\xbf---\nlicense: MIT License\n---\n",
            b"\xef\xbb\xbf---\nlicense: mit\n---\n",
            ["S202"],
        ),
    ],
)
def test_fix_mends_exactly(before: bytes, after: bytes, codes: list[str]) -> None:
    result = fix_card_bytes(before)
    assert result.fixed == after
    assert [r.code for r in result.repairs] == codes


@pytest.mark.parametrize(
    "card",
    [
        b"---\nlicense: apache-2.0\n---\n",  # already right
        b"---\nlicense: GNU GPL\n---\n",  # no version: never guessed
        b"---\nlicense: apache-2.0 and mit\n---\n",  # an expression has no single Hub id
        b"---\nlicence: mit\nlicense: mit\n---\n",  # both keys: renaming would duplicate one
        b"---\nlicense: [unterminated\n---\n",  # does not parse
        b"# no front matter\nlicence: mit\n",
        b"---\nlicense: other\nlicense_name: acme-terms\n---\n",  # no known link
    ],
)
def test_fix_leaves_alone_what_it_cannot_mend_safely(card: bytes) -> None:
    result = fix_card_bytes(card)
    assert (result.fixed, result.repairs) == (None, ())


def test_fix_is_idempotent() -> None:
    once = fix_card_bytes(b"---\nlicence: Apache License, Version 2.0\n---\n").fixed
    assert once == b"---\nlicense: apache-2.0\n---\n"
    assert fix_card_bytes(once).fixed is None
