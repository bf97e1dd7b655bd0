"""`mlassets license-check` (a hook command: argparse, no typer; see `mlassets.cli`)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mlassets.cli._argparse import Parser, checked, choices, parser
from mlassets.cli._common_options import (
    OPENML_SERVER_HELP,
    RETRIES_HELP,
    TIMEOUT_HELP,
    Use,
    positive_seconds,
    retries,
)
from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._render import Format, echo, print_findings, print_json, report_fixes

if TYPE_CHECKING:
    from mlassets.workflows.license_check import LicenseCheckReport


@exits
def license_check(argv: Sequence[str]) -> int:
    """Check each asset's license against a policy and along its lineage. Exit 1 if one fails."""
    from mlassets.licenses.policy import Policy, load_policy
    from mlassets.workflows.license_check import license_check, project_targets
    from mlassets.workflows.manifest_index import ManifestIndex

    args = _parser().parse_args(argv)
    targets: list[str] = args.targets
    policy_file: Path | None = args.policy
    use = Use(args.use) if args.use else None
    if not targets:  # the project in this directory: mlassets.yaml and mlassets.lock
        project = project_targets(args.manifests)
        targets = list(project.targets)
        policy_file = policy_file or project.policy_file
        use = use or (Use(project.use) if project.use else None)
    policy = load_policy(policy_file) if policy_file else Policy()
    changed = False
    if args.fix:
        from mlassets.validation.fix import fix_cards

        changed = report_fixes(fix_cards([Path(t) for t in targets if "://" not in t]))
    policy = policy.with_intent(use.value if use else None, args.distribute)
    retry = None
    if args.fetch:  # the sources package (HTTP plumbing, threads) only when it may be used
        from mlassets.sources.retry import RetryPolicy

        retry = RetryPolicy(attempts=args.retries + 1, timeout=args.timeout)
    index = ManifestIndex(
        args.manifests, fetch=args.fetch, retry=retry, openml_server=args.openml_server
    )
    report = license_check(
        targets, policy, index, lineage=args.lineage, write_manifests=args.write_manifests
    )
    if args.format == Format.json:
        print_json(report.to_json())
    else:
        located = [(c.path or c.asset, f) for c in report.assets for f in c.findings]
        print_findings(Format(args.format), located, "license-check")
    _print_verdicts(report)
    for reason in report.unreadable:  # the others were checked and reported all the same
        echo(f"mlassets: error: {reason}", err=True)
    if report.unreadable:
        return ExitCode.ERROR
    return ExitCode.OK if report.allowed and not changed else ExitCode.FINDINGS


def _parser() -> Parser:
    cli = parser("license-check", license_check)
    cli.add_argument(
        "targets",
        nargs="*",
        metavar="TARGETS",
        help="Card files, manifests (*.json), directories, or hf://... and openml://... "
        "references. None: the project's locked assets, under its policy and use.",
    )
    cli.add_argument("--policy", type=Path, help="A TOML policy file (see the README).")
    cli.add_argument("--use", help="Intended use; overrides the policy.", **choices(Use))
    cli.add_argument(
        "--distribute",
        action=argparse.BooleanOptionalAction,
        help="You distribute the asset or a derivative; overrides the policy file.",
    )
    cli.add_argument(
        "--manifests",
        type=Path,
        default=Path("manifests"),
        help="Where lineage assets' manifests are looked up (and fetched). Default: manifests.",
    )
    cli.add_argument(
        "--fetch", action="store_true", help="Fetch base models and datasets missing locally."
    )
    cli.add_argument(
        "--lineage",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Check base models and datasets (default: --lineage).",
    )
    cli.add_argument(
        "--fix",
        action="store_true",
        help="Mend license fields of card files first (exit 1 when a file changed).",
    )
    cli.add_argument(
        "--write-manifests",
        action="store_true",
        help="Record the lineage verdict in the manifests checked.",
    )
    cli.add_argument("--format", default="text", help="Output format.", **choices(Format))
    seconds = checked(float, positive_seconds)
    cli.add_argument("--timeout", type=seconds, default=10.0, help=TIMEOUT_HELP)
    cli.add_argument("--retries", type=checked(int, retries), default=3, help=RETRIES_HELP)
    cli.add_argument("--openml-server", help=OPENML_SERVER_HELP)
    return cli


def _print_verdicts(report: LicenseCheckReport) -> None:
    for check in report.assets:
        verdict = "allowed" if check.allowed else "NOT ALLOWED"
        where = check.path or check.asset
        category = check.license_class.category
        echo(f"{where}: {verdict}: {check.concluded} ({category})", err=True)
