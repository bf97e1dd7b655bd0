"""`licenses normalize` (`license-check` is a hook command: `cli/license_check.py`)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.core.errors import UsageError

licenses_app = typer.Typer(
    name="licenses",
    help="License strings: normalise them to SPDX expressions.",
    no_args_is_help=True,
)

NORMALIZE_VERSION = 1


@licenses_app.command("normalize")
@exits
def normalize(
    strings: Annotated[
        list[str] | None,
        typer.Argument(help="License strings; '-' reads one string per line from stdin."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per input line.")
    ] = False,
) -> int:
    """Conclude an SPDX expression for each license string, without guessing."""
    from mlassets.licenses import classify, normalize_license

    values = [_text(s) for s in strings or []]
    if values == ["-"]:
        # Bytes, decoded here: a line that is not UTF-8 is read with U+FFFD in place of what
        # does not decode, so that --json prints valid UTF-8 whatever came in.
        values = [_text(line).rstrip("\r\n") for line in sys.stdin.buffer]
        if not values:
            typer.echo("mlassets: standard input held no license strings", err=True)
            return ExitCode.OK
    elif "-" in values:
        raise UsageError("'-' (stdin) cannot be mixed with license strings")
    if not values:
        raise UsageError("give license strings, or '-' to read them from stdin")
    for raw in values:
        result = normalize_license(raw)
        if as_json:
            document = {
                "schema_version": NORMALIZE_VERSION,
                **result.to_json(),
                "classification": classify(result.spdx).to_json(),
            }
            typer.echo(json.dumps(document, sort_keys=True, ensure_ascii=False))
            continue
        typer.echo(f"{result.spdx}\t{result.status}\t{raw}")
        for finding in result.findings:
            typer.echo(f"{raw}: {finding.code} {finding.message}", err=True)
    return ExitCode.OK


def _text(value: str | bytes) -> str:
    """Valid UTF-8 text: arguments arrive with undecodable bytes as surrogates, stdin as bytes."""
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", "replace")
