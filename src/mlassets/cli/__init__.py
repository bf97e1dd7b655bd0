"""The command-line interface: the only code in mlassets that imports typer and rich.

Each command parses its options, calls the core, renders the result and returns an exit code:
0 ok, 1 findings, 2 usage or config error, 3 operational error, 130 interrupted.
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Any

import typer

# name: (module, attribute, True for a group of subcommands). A run imports and builds only the
# command it runs: building every command's options costs ~10 ms at each start, which the
# pre-commit hook pays on every commit. `--help` and unknown names get the whole set.
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "fetch": ("mlassets.cli.fetch", "fetch", False),
    "validate": ("mlassets.cli.validate", "validate", False),
    "license-check": ("mlassets.cli.licenses", "license_check", False),
    "licenses": ("mlassets.cli.licenses", "licenses_app", True),
    "index": ("mlassets.cli.catalog", "index", False),
    "search": ("mlassets.cli.catalog", "search", False),
    "lineage": ("mlassets.cli.catalog", "lineage", False),
    "recommend": ("mlassets.cli.catalog", "recommend_app", True),
    "audit": ("mlassets.cli.catalog", "audit", False),
    "diff": ("mlassets.cli.diff", "diff", False),
    "sync": ("mlassets.cli.sync", "sync", False),
    "outdated": ("mlassets.cli.sync", "outdated", False),
    "verify": ("mlassets.cli.sync", "verify", False),
    "export": ("mlassets.cli.export", "export", False),
    "results": ("mlassets.cli.results", "results_app", True),
    "datasets": ("mlassets.cli.results", "datasets_app", True),
    "leaderboard": ("mlassets.cli.select", "leaderboard", False),
    "select": ("mlassets.cli.select", "select_app", True),
    "serve": ("mlassets.cli.serve", "serve", False),
}


def build_app(only: str | None = None) -> typer.Typer:
    """The command-line app: every command, or only `only` (a name in COMMANDS)."""
    app = typer.Typer(
        name="mlassets",
        help="Curate, validate and license-check machine-learning assets (models and datasets).",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback()(_root)
    for name, (module, attribute, is_group) in COMMANDS.items():
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(module), attribute)
        if is_group:
            app.add_typer(target)
        else:
            app.command(name)(target)
    return app


def _version(value: bool) -> None:
    if value:
        from mlassets.core.version import __version__

        typer.echo(__version__)
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Curate, validate and license-check machine-learning assets."""


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    # The root takes only flags, so the first other word names the command.
    name = next((a for a in args if not a.startswith("-")), None)
    build_app(name if name in COMMANDS else None)(args, prog_name="mlassets")


def __getattr__(name: str) -> Any:
    if name == "app":  # the whole app, for tools and tests that inspect it
        return build_app()
    raise AttributeError(name)
