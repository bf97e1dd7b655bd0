"""`mlassets validate` (a hook command: argparse, no typer; see `mlassets.cli`)."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from pathlib import Path

from mlassets.cli._argparse import Parser, choices, parser
from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._render import Format, echo, print_findings, print_json, report_fixes


class Kind(enum.StrEnum):
    auto = "auto"
    model = "model"
    dataset = "dataset"


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"
    notice = "notice"


@exits
def validate(argv: Sequence[str]) -> int:
    """Check cards, manifests and OpenML descriptions offline. Exit 1 on findings."""
    from mlassets.core.findings import Severity
    from mlassets.validation.check import validate_paths

    args = _parser().parse_args(argv)
    changed = False
    if args.fix:
        from mlassets.validation.fix import fix_cards

        changed = report_fixes(fix_cards(args.paths))
    report = validate_paths(
        args.paths,
        kind=None if args.kind == Kind.auto else args.kind,
        user_schemas=args.schema,
        workers=args.jobs,
    )
    if args.format == Format.json:
        print_json(report.to_json())
    else:
        located = [(file.path, f) for file in report.files for f in file.findings]
        print_findings(Format(args.format), located, "validate")
    counts = ", ".join(f"{report.count(s)} {s.value}" for s in Severity)
    echo(f"{len(report.files)} file(s) checked: {counts}", err=True)
    for reason in report.unreadable:  # the others were checked and reported all the same
        echo(f"mlassets: error: {reason}", err=True)
    if report.unreadable:
        return ExitCode.ERROR
    failed = report.failed(Severity(args.fail_on))
    return ExitCode.FINDINGS if failed or changed else ExitCode.OK


def _parser() -> Parser:
    cli = parser("validate", validate)
    cli.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATHS",
        help="Card files (*.md), manifests (*.json), OpenML descriptions (*.xml) or directories.",
    )
    cli.add_argument("--format", default="text", help="Output format.", **choices(Format))
    cli.add_argument(
        "--kind", default="auto", help="Card kind; auto infers it from the keys.", **choices(Kind)
    )
    cli.add_argument(
        "--schema",
        action="append",
        type=Path,
        default=[],
        help="An extra JSON Schema (JSON or YAML) layered on the built-in ones; repeatable.",
    )
    cli.add_argument(
        "--fail-on",
        default="warning",
        help="Lowest severity that fails the run.",
        **choices(FailOn),
    )
    cli.add_argument("--jobs", type=int, help="Worker processes (default: all cores).")
    cli.add_argument(
        "--fix",
        action="store_true",
        help="Mend license fields in place first (exit 1 when a file changed).",
    )
    return cli
