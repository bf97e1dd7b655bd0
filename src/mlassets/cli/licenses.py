"""`licenses normalize` and `license-check`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._options import OpenmlServer, Retries, Timeout, Use
from mlassets.cli._render import Format, print_findings, print_json, report_fixes
from mlassets.core.errors import UsageError

if TYPE_CHECKING:
    from mlassets.workflows.license_check import LicenseCheckReport

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


Targets = Annotated[
    list[str] | None,
    typer.Argument(
        help="Card files, manifests (*.json), directories, or hf://... and openml://... "
        "references. None: the project's locked assets, under its policy and use.",
        show_default=False,
    ),
]
PolicyFile = Annotated[
    Path | None, typer.Option("--policy", help="A TOML policy file (see the README).")
]
UseOption = Annotated[Use | None, typer.Option("--use", help="Intended use; overrides the policy.")]
Distribute = Annotated[
    bool | None,
    typer.Option(
        "--distribute/--no-distribute",
        help="You distribute the asset or a derivative; overrides the policy file.",
        show_default=False,
    ),
]
Manifests = Annotated[
    Path, typer.Option(help="Where lineage assets' manifests are looked up (and fetched).")
]
Fetch = Annotated[
    bool, typer.Option("--fetch", help="Fetch base models and datasets missing locally.")
]
Lineage = Annotated[
    bool, typer.Option("--lineage/--no-lineage", help="Check base models and datasets.")
]
Fix = Annotated[
    bool,
    typer.Option(
        "--fix", help="Mend license fields of card files first (exit 1 when a file changed)."
    ),
]
WriteManifests = Annotated[
    bool,
    typer.Option("--write-manifests", help="Record the lineage verdict in the manifests checked."),
]
OutputFormat = Annotated[Format, typer.Option("--format", help="Output format.")]


@exits
def license_check(
    targets: Targets = None,
    policy_file: PolicyFile = None,
    use: UseOption = None,
    distribute: Distribute = None,
    manifests: Manifests = Path("manifests"),
    fetch: Fetch = False,
    lineage: Lineage = True,
    fix: Fix = False,
    write_manifests: WriteManifests = False,
    output_format: OutputFormat = Format.text,
    timeout: Timeout = 10.0,
    retries: Retries = 3,
    openml_server: OpenmlServer = None,
) -> int:
    """Check each asset's license against a policy and along its lineage. Exit 1 if one fails."""
    from mlassets.licenses.policy import Policy, load_policy
    from mlassets.sources.retry import RetryPolicy
    from mlassets.workflows.license_check import license_check, project_targets
    from mlassets.workflows.manifest_index import ManifestIndex

    if not targets:  # the project in this directory: mlassets.yaml and mlassets.lock
        project = project_targets(manifests)
        targets = list(project.targets)
        policy_file = policy_file or project.policy_file
        use = use or (Use(project.use) if project.use else None)
    policy = load_policy(policy_file) if policy_file else Policy()
    changed = False
    if fix:
        from mlassets.validation.fix import fix_cards

        changed = report_fixes(fix_cards([Path(t) for t in targets if "://" not in t]))
    policy = policy.with_intent(use.value if use else None, distribute)
    retry = RetryPolicy(attempts=retries + 1, timeout=timeout)
    index = ManifestIndex(manifests, fetch=fetch, retry=retry, openml_server=openml_server)
    report = license_check(targets, policy, index, lineage=lineage, write_manifests=write_manifests)
    if output_format is Format.json:
        print_json(report.to_json())
    else:
        located = [(c.path or c.asset, f) for c in report.assets for f in c.findings]
        print_findings(output_format, located, "license-check")
    _print_verdicts(report)
    for reason in report.unreadable:  # the others were checked and reported all the same
        typer.echo(f"mlassets: error: {reason}", err=True)
    if report.unreadable:
        return ExitCode.ERROR
    return ExitCode.OK if report.allowed and not changed else ExitCode.FINDINGS


def _print_verdicts(report: LicenseCheckReport) -> None:
    for check in report.assets:
        verdict = "allowed" if check.allowed else "NOT ALLOWED"
        where = check.path or check.asset
        category = check.license_class.category
        typer.echo(f"{where}: {verdict}: {check.concluded} ({category})", err=True)
    summary = report.to_json()["summary"]
    typer.echo(
        f"{summary['assets']} asset(s), {summary['allowed']} allowed under {report.policy}",
        err=True,
    )
