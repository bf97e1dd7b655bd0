"""`sync`, `outdated` and `verify`."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._options import AsJson, OpenmlServer, Retries, Timeout

if TYPE_CHECKING:
    from mlassets.workflows.sync_outcomes import SyncReport

from mlassets.cli._render import print_json, print_table

ProjectFile = Annotated[Path, typer.Option("--file", help="The project's asset list.")]
Out = Annotated[Path, typer.Option("--out", "-o", help="The manifests directory.")]
Lock = Annotated[Path, typer.Option("--lock", help="The lock file.")]
# 16: a new asset costs three sequential requests (metadata, card HEAD, card GET), so the wall
# time is about 3 x assets / jobs round trips. The Hub's rate limits count requests, which the
# concurrency does not change.
Jobs = Annotated[int, typer.Option(min=1, max=64, help="Assets fetched at once.")]
Frozen = Annotated[
    bool, typer.Option("--frozen", help="Change nothing; exit 1 if the lock is out of date.")
]


@exits
def sync(
    project_file: ProjectFile = Path("mlassets.yaml"),
    out: Out = Path("manifests"),
    lock: Lock = Path("mlassets.lock"),
    jobs: Jobs = 16,
    frozen: Frozen = False,
    as_json: AsJson = False,
    timeout: Timeout = 10.0,
    retries: Retries = 3,
    openml_server: OpenmlServer = None,
) -> int:
    """Fetch every declared asset; write manifests and the lock (atomically, all or nothing)."""
    from mlassets.documents.project import load_project
    from mlassets.sources.retry import RetryPolicy
    from mlassets.workflows.sync import sync as run_sync

    project = load_project(project_file)
    retry = RetryPolicy(attempts=retries + 1, timeout=timeout)
    arguments: dict[str, Any] = {"jobs": jobs, "frozen": frozen, "retry": retry}
    arguments["openml_server"] = openml_server
    arguments["notice"] = _notice
    if sys.stderr.isatty():  # progress is not a result: stderr, so `sync > out` still shows it
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("sync", total=len(project.assets))
            report = run_sync(project, out, lock, progress=lambda _: bar.advance(task), **arguments)
    else:
        report = run_sync(project, out, lock, **arguments)
    _print_sync(report, as_json)
    if report.failed:
        typer.echo(
            f"mlassets: {len(report.failed)} asset(s) failed; the lock and manifests are "
            "unchanged, and a rerun reuses what was fetched",
            err=True,
        )
        return ExitCode.ERROR
    if frozen and report.outdated:
        typer.echo(f"mlassets: {len(report.outdated)} asset(s) out of date with {lock}", err=True)
        return ExitCode.FINDINGS
    counts = Counter(o.status for o in report.outcomes)
    tally = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    written = "written" if report.lock_written else "unchanged"
    typer.echo(f"{len(project.assets)} asset(s): {tally}; {lock} {written}", err=True)
    return ExitCode.OK


def _print_sync(report: SyncReport, as_json: bool) -> None:
    if as_json:
        print_json(report.to_json())
        return
    rows = [
        [
            o.status,
            o.ref,
            (o.entry.revision or "") if o.entry else "",
            (o.entry.license if o.entry else "") or "",
            o.error or "",
        ]
        for o in report.outcomes
    ]
    print_table("sync", ["status", "ref", "revision", "license", "error"], rows)


@exits
def outdated(
    lock: Lock = Path("mlassets.lock"),
    jobs: Jobs = 16,
    as_json: AsJson = False,
    timeout: Timeout = 10.0,
    retries: Retries = 3,
    openml_server: OpenmlServer = None,
) -> int:
    """Locked assets whose upstream moved; a changed license is marked. Exit 1 if any moved."""
    from mlassets.sources.retry import RetryPolicy
    from mlassets.workflows.outdated import outdated as find_moved

    retry = RetryPolicy(attempts=retries + 1, timeout=timeout)
    report = find_moved(lock, jobs=jobs, retry=retry, openml_server=openml_server, notice=_notice)
    moved = report.moved
    if as_json:
        print_json(report.to_json())
    else:
        rows = [
            [
                m.ref,
                m.locked_revision or "",
                m.upstream_revision or "",
                m.locked_license,
                ("!! " if m.license_changed else "") + (m.upstream_license or ""),
            ]
            for m in moved
        ]
        print_table(
            "outdated", ["ref", "locked", "upstream", "locked license", "upstream license"], rows
        )
    changed = sum(m.license_changed for m in moved)
    for _, error in report.failed:
        typer.echo(f"mlassets: error: {error}", err=True)
    typer.echo(
        f"{len(moved)} locked asset(s) moved upstream, {changed} with a changed license"
        + (f"; {len(report.failed)} could not be checked" if report.failed else ""),
        err=True,
    )
    if report.failed:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if moved else ExitCode.OK


def _notice(message: str) -> None:
    typer.echo(f"mlassets: {message}", err=True)


@exits
def verify(
    project_file: ProjectFile = Path("mlassets.yaml"),
    out: Out = Path("manifests"),
    lock: Lock = Path("mlassets.lock"),
) -> int:
    """Check that the lock, the manifests and the cards on disk agree. Exit 1 if not."""
    from mlassets.documents.project import load_project
    from mlassets.formats import reports
    from mlassets.workflows.verify import verify as run_verify

    project = load_project(project_file)  # a missing one is a usage error (exit 2)
    found = run_verify(lock, out, project, _notice)
    lines = reports.text_lines(found)
    if lines:
        typer.echo("\n".join(lines))
    typer.echo(f"{len(found)} problem(s)", err=True)
    return ExitCode.FINDINGS if found else ExitCode.OK
