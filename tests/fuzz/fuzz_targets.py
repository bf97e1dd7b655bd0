"""Coverage-guided fuzz targets (atheris, libFuzzer) for the two entry points that take anyone's
input: `parse_card` (card bytes) and `normalize_license` (a license string).

A target fails only when the call raises something other than an `MlassetsError`: bad content
must come back as findings (a card) or NOASSERTION (a license).

    python -m tests.fuzz.fuzz_targets card  [libFuzzer flags] [corpus dirs]
    python -m tests.fuzz.fuzz_targets license [libFuzzer flags] [corpus dirs]

`make fuzz` runs both for longer; `tests/fuzz/test_fuzz.py` runs a short, seeded, bounded pass.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

import atheris

# Instrumented for coverage: mlassets itself and the pure-Python YAML loader it falls back to.
with atheris.instrument_imports(include=["mlassets", "yaml"]):
    from mlassets.core.errors import MlassetsError
    from mlassets.documents.card import parse_card
    from mlassets.licenses import normalize_license


def card(data: bytes) -> None:
    with contextlib.suppress(MlassetsError):
        parse_card(data)


def license_string(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(256)
    with contextlib.suppress(MlassetsError):
        normalize_license(text)


TARGETS: dict[str, Callable[[bytes], None]] = {"card": card, "license": license_string}


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if name not in TARGETS:
        raise SystemExit(f"usage: python -m tests.fuzz.fuzz_targets {'|'.join(TARGETS)} [flags]")
    atheris.Setup([sys.argv[0], *sys.argv[2:]], TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
