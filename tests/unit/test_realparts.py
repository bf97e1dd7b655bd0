"""The real parts' guard: a missing browser or database skips with the reason, except under
MLASSETS_REQUIRE_REAL_PARTS=1 (CI), where it fails."""

from __future__ import annotations

import pytest

from tests.support.realparts import chromium_path, missing, pg_bindir


def test_a_missing_part_skips_with_its_reason_or_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MLASSETS_REQUIRE_REAL_PARTS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium here"):
        missing("no Chromium here")
    monkeypatch.setenv("MLASSETS_REQUIRE_REAL_PARTS", "1")
    with pytest.raises(
        pytest.fail.Exception, match="MLASSETS_REQUIRE_REAL_PARTS=1 but no Chromium"
    ):
        missing("no Chromium here")


def test_the_parts_can_be_pointed_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLASSETS_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("MLASSETS_PG_BINDIR", "/nonexistent/bin")
    monkeypatch.setenv("PATH", "/nonexistent")
    assert chromium_path() is None and pg_bindir() is None
