"""`mlassets validate`."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._render import Format, print_findings, print_json, report_fixes


class Kind(enum.StrEnum):
    auto = "auto"
    model = "model"
    dataset = "dataset"


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"
    notice = "notice"


Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Card files (*.md), manifests (*.json), OpenML descriptions (*.xml) or directories."
    ),
]
OutputFormat = Annotated[Format, typer.Option("--format", help="Output format.")]
KindOption = Annotated[Kind, typer.Option(help="Card kind; auto infers it from the keys.")]
Schemas = Annotated[
    list[Path] | None,
    typer.Option(
        "--schema",
        help="An extra JSON Schema (JSON or YAML) layered on the built-in ones; repeatable.",
    ),
]
FailOnOption = Annotated[FailOn, typer.Option(help="Lowest severity that fails the run.")]
Jobs = Annotated[int | None, typer.Option(help="Worker processes (default: all cores).")]
Fix = Annotated[
    bool,
    typer.Option("--fix", help="Mend license fields in place first (exit 1 when a file changed)."),
]


@exits
def validate(
    paths: Paths,
    output_format: OutputFormat = Format.text,
    kind: KindOption = Kind.auto,
    schema: Schemas = None,
    fail_on: FailOnOption = FailOn.warning,
    jobs: Jobs = None,
    fix: Fix = False,
) -> int:
    """Check cards, manifests and OpenML descriptions offline. Exit 1 on findings."""
    from mlassets.core.findings import Severity
    from mlassets.validation.check import validate_paths

    changed = False
    if fix:
        from mlassets.validation.fix import fix_cards

        changed = report_fixes(fix_cards(paths))
    report = validate_paths(
        paths,
        kind=None if kind is Kind.auto else kind.value,
        user_schemas=schema or (),
        workers=jobs,
    )
    if output_format is Format.json:
        print_json(report.to_json())
    else:
        located = [(file.path, f) for file in report.files for f in file.findings]
        print_findings(output_format, located, "validate")
    counts = ", ".join(f"{report.count(s)} {s.value}" for s in Severity)
    typer.echo(f"{len(report.files)} file(s) checked: {counts}", err=True)
    for reason in report.unreadable:  # the others were checked and reported all the same
        typer.echo(f"mlassets: error: {reason}", err=True)
    if report.unreadable:
        return ExitCode.ERROR
    failed = report.failed(Severity(fail_on.value))
    return ExitCode.FINDINGS if failed or changed else ExitCode.OK
