"""Rendering of results: plain text and JSON always; Rich tables only on a terminal."""

from __future__ import annotations

import enum
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlassets.validation.fix import FixResult


def echo(message: str, *, err: bool = False) -> None:
    """One line to stdout (results) or stderr (everything else).

    Not `typer.echo`: the pre-commit hook's commands never import typer (45 ms at each start)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{message}\n")
    stream.flush()  # progress and verdicts on stderr keep their order with stdout


class Format(enum.StrEnum):
    """`--format` of the commands that print reports."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def print_findings(
    output_format: Format, findings: Sequence[tuple[str, Any]], command: str
) -> None:
    """Findings as text, SARIF or GitHub annotations (JSON reports are each command's own)."""
    from mlassets.formats import reports

    if output_format is Format.sarif:
        print_json(reports.sarif_log(findings, command))
        return
    lines = (
        reports.github_annotations(findings)
        if output_format is Format.github
        else reports.text_lines(findings)
    )
    if lines:
        echo("\n".join(lines))


def report_fixes(results: Sequence[FixResult]) -> bool:
    """Say on stderr what `--fix` mended; True when a file changed (exit 1, as pre-commit wants)."""
    changed = False
    for result in results:
        for repair in result.repairs:
            echo(f"fixed {result.path}:{repair.line}: {repair.code} {repair.message}", err=True)
        changed = changed or result.changed
    return changed


def is_tty() -> bool:
    return sys.stdout.isatty()


def print_json(document: Any) -> None:
    import json  # only the commands that print JSON pay for it

    echo(json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False))


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A Rich table on a terminal; tab-separated lines (with a header) elsewhere."""
    if not is_tty():
        echo("\t".join(columns))
        for row in rows:
            echo("\t".join(row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)
