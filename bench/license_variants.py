"""Probe: six spellings of every current SPDX license, concluded by the normaliser.

For each license on the vendored SPDX list that is not deprecated: "the <name>", "<name>.", the
quoted id, "<id> license", "<name> (<id>)" and the id with spaces for its dashes. A spelling is
right when it concludes the id; NOASSERTION (a refusal) is counted apart from a wrong conclusion,
and a wrong conclusion marked certain apart again. Not a test: the labels are the list itself,
and the forms are a probe for classes of failure, each fixed class gets its own test.

A second count writes the name of every ScanCode license with no SPDX id (and not a generic
one) as a PyPI classifier, "License :: OSI Approved :: <name>", as deprecated classifiers are
still declared: right when it concludes the same as the name alone, which is a ScanCode
LicenseRef.

    .venv/bin/python bench/license_variants.py [--show 20]
"""

from __future__ import annotations

import argparse

from mlassets.licenses import normalize_license
from mlassets.licenses.reference import scancode_licenses
from mlassets.licenses.spdx_list import spdx_list


def spellings(license_id: str, name: str) -> dict[str, str]:
    return {
        f"the {name}": "the name",
        f"{name}.": "name and a full stop",
        f'"{license_id}"': "quoted id",
        f"{license_id} license": "id and the word license",
        f"{name} ({license_id})": "name (id)",
        license_id.replace("-", " "): "id with spaces",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=20, help="wrong conclusions to print")
    args = parser.parse_args()
    total = right = refused = 0
    wrong: list[tuple[bool, str, str, str, str]] = []
    for listed in spdx_list().licenses.values():
        if listed.deprecated:
            continue
        for raw, form in spellings(listed.id, listed.name).items():
            total += 1
            result = normalize_license(raw)
            if result.spdx == listed.id:
                right += 1
            elif result.spdx == "NOASSERTION":
                refused += 1
            else:
                wrong.append((result.certain, form, raw, listed.id, result.spdx))
    certain = sum(1 for w in wrong if w[0])
    print(f"{total} spellings: {right} right, {refused} refused, {len(wrong)} wrong")
    print(f"  wrong and marked certain: {certain}")
    for is_certain, form, raw, expected, got in sorted(wrong, reverse=True)[: args.show]:
        mark = "CERTAIN" if is_certain else "inferred"
        print(f"{mark:8} {form}: {raw!r} -> {got} (the list's id: {expected})")
    named = [
        (entry.name, normalize_license(entry.name).spdx)
        for entry in scancode_licenses()
        if entry.spdx.startswith("LicenseRef-scancode-") and not entry.generic
    ]
    alone = [(name, spdx) for name, spdx in named if spdx.startswith("LicenseRef-scancode-")]
    as_classifier = sum(
        normalize_license(f"License :: OSI Approved :: {name}").spdx == spdx for name, spdx in alone
    )
    print(
        f"ScanCode-only names that conclude alone: {len(alone)} of {len(named)};"
        f" as a classifier too: {as_classifier}"
    )


if __name__ == "__main__":
    main()
