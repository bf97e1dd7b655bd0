"""Score the license normaliser on a labelled TSV (default: ../shared/eval/licenses-dev.tsv).

Scoring is the one the file's README gives: the concluded expression equals `expected`; or it is
NOASSERTION where the note begins with "ambiguous"; or it is any LicenseRef-* where the note says
"licenseref:any-name". license-expression alone (`get_spdx_licensing().validate`) is scored in
the same run, as the anchor. Each of mlassets' conclusions says whether it is certain (an exact
id, name or vocabulary entry) or inferred; a wrong conclusion marked certain is counted apart,
since a curator would not review it.

    .venv/bin/python bench/license_eval.py [--tsv PATH ...] [--misses]
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from pathlib import Path

DEFAULT_TSV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "licenses-dev.tsv"


def rows(path: Path) -> list[tuple[str, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t", 2)) for line in lines if line.strip()]  # type: ignore[misc]


def correct(concluded: str, expected: str, note: str) -> bool:
    if concluded == expected or concluded == _canonical(expected):
        return True
    if concluded == "NOASSERTION" and note.startswith("ambiguous"):
        return True
    if "licenseref:any-name" not in note:
        return False
    # any LicenseRef is right for the real license the label gives one for: alone, or as a part
    # of the same expression ("CC-BY-4.0 AND LicenseRef-Flickr-Terms-of-Use")
    return concluded.startswith("LicenseRef-") or _any_ref(concluded) in {
        _any_ref(expected),
        _any_ref(_canonical(expected)),
    }


def _any_ref(expression: str) -> str:
    return re.sub(r"LicenseRef-[A-Za-z0-9.-]+", "LicenseRef-*", expression)


@functools.cache
def _canonical(expected: str) -> str:
    """`expected` printed as mlassets prints an expression: one spelling of the same tree
    ("(GPL-2.0-only WITH Linux-syscall-note) OR MIT" has parentheses SPDX's precedence makes
    redundant). A label that does not parse stays as written."""
    from mlassets.licenses.tree import coerce, render

    try:
        return render(coerce(expected))
    except Exception:  # a label mlassets' parser does not read: compared as written
        return expected


@functools.cache
def _licensing():  # type: ignore[no-untyped-def]
    from license_expression import get_spdx_licensing  # builds a new Licensing on every call

    return get_spdx_licensing()


def anchor(raw: str) -> str:
    try:
        info = _licensing().validate(raw)
    except Exception:  # license-expression raises on some input instead of reporting it
        return "NOASSERTION"
    if info.errors or not info.normalized_expression:
        return "NOASSERTION"
    return str(info.normalized_expression)


def score(path: Path, misses: bool) -> None:
    from mlassets import normalize_license

    data = rows(path)
    ours = anchor_hits = certain = wrong_certain = 0
    for raw, expected, note in data:
        result = normalize_license(raw)
        certain += result.certain
        if correct(result.spdx, expected, note):
            ours += 1
        else:
            wrong_certain += result.certain
            if misses:
                mark = "CERTAIN " if result.certain else ""
                got = f"{result.spdx} ({result.basis})"
                print(f"MISS {mark}{raw!r}\n     got {got}  expected {expected}")
        anchor_hits += correct(anchor(raw), expected, note)
    total = len(data)
    print(f"{path.name}: {total} strings")
    print(f"mlassets normalize_license: {ours}/{total} = {100 * ours / total:.1f}%")
    print(f"  marked certain: {certain}; wrong and marked certain: {wrong_certain}")
    print(f"license-expression validate: {anchor_hits}/{total} = {100 * anchor_hits / total:.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tsv", type=Path, action="append")
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args()
    for path in args.tsv or [DEFAULT_TSV]:
        if not path.exists():
            print(f"{path}: not found", file=sys.stderr)
            return 2
        score(path, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
