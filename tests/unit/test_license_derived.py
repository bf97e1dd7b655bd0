"""The stored name and URL indexes are what the vendored data and today's code derive."""

from __future__ import annotations

import json

from mlassets.licenses import derived, scancode_names, scancode_urls


def test_the_stored_indexes_are_what_the_data_and_the_code_derive() -> None:
    # On failure: python scripts/refresh_license_data.py --derived
    large, small = derived.split(json.loads(derived.dumps(derived.derive())))
    assert derived.stored_indexes() == large
    assert derived.stored_small() == small


def test_the_stored_classification_table_is_the_toml_parsed() -> None:
    # On failure: python scripts/refresh_license_data.py --derived
    assert derived.CLASSIFICATION.exists()
    fresh = json.loads(derived.dumps(derived.derive_classification()))
    assert derived.classification() == fresh and "permissive" in fresh


def test_lookups_answer_from_the_stored_indexes_as_from_fresh_ones() -> None:
    built, stored = scancode_names.build_name_indexes(), scancode_names.name_indexes()
    assert stored == built  # the dataclass compares its four tables
    assert scancode_urls.url_index() == scancode_urls.build_url_index()
    assert (
        scancode_names.lookup_scancode_name("3Com Microcode")
        == "LicenseRef-scancode-3com-microcode"
    )
    assert scancode_urls.lookup_url("https://www.apache.org/licenses/LICENSE-2.0.html") == (
        "Apache-2.0"
    )
