"""The command-line interface: the only code in mlassets that imports typer and rich.

Each command parses its options, calls the core, renders the result and returns an exit code:
0 ok, 1 findings, 2 usage or config error, 3 operational error, 130 interrupted.

Two commands run on every commit through pre-commit, `validate` and `license-check`, and their
start is most of their time: they parse with argparse (`cli/_argparse.py`) and run without
importing typer at all (typer and its click cost ~45 ms of a ~130 ms start). Every other command
is a typer command, built by `mlassets.cli.typer_app` only when it runs.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, Literal

# name: (module, attribute, how it runs). "command" and "group" (of subcommands) are typer's; a
# run imports and builds only the command it runs (building every command's options costs ~10 ms
# at each start; `--help` and unknown names get the whole set). A "hook" command is a function
# taking the words after its name, run without typer.
COMMANDS: dict[str, tuple[str, str, Literal["command", "group", "hook"]]] = {
    "fetch": ("mlassets.cli.fetch", "fetch", "command"),
    "validate": ("mlassets.cli.validate", "validate", "hook"),
    "license-check": ("mlassets.cli.license_check", "license_check", "hook"),
    "licenses": ("mlassets.cli.licenses", "licenses_app", "group"),
    "index": ("mlassets.cli.catalog", "index", "command"),
    "search": ("mlassets.cli.catalog", "search", "command"),
    "lineage": ("mlassets.cli.catalog", "lineage", "command"),
    "recommend": ("mlassets.cli.catalog", "recommend_app", "group"),
    "audit": ("mlassets.cli.catalog", "audit", "command"),
    "diff": ("mlassets.cli.diff", "diff", "command"),
    "sync": ("mlassets.cli.sync", "sync", "command"),
    "outdated": ("mlassets.cli.sync", "outdated", "command"),
    "verify": ("mlassets.cli.sync", "verify", "command"),
    "export": ("mlassets.cli.export", "export", "command"),
    "results": ("mlassets.cli.results", "results_app", "group"),
    "datasets": ("mlassets.cli.results", "datasets_app", "group"),
    "leaderboard": ("mlassets.cli.select", "leaderboard", "command"),
    "select": ("mlassets.cli.select", "select_app", "group"),
    "serve": ("mlassets.cli.serve", "serve", "command"),
}


def target(name: str) -> Any:
    """The function or typer group behind command `name`."""
    module, attribute, _ = COMMANDS[name]
    return getattr(importlib.import_module(module), attribute)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in COMMANDS and COMMANDS[args[0]][2] == "hook":
        target(args[0])(args[1:])  # exits with the command's code
        return
    from mlassets.cli.typer_app import build_app

    # The root takes only flags, so the first other word names the command.
    name = next((a for a in args if not a.startswith("-")), None)
    build_app(name if name in COMMANDS else None)(args, prog_name="mlassets")


def __getattr__(name: str) -> Any:
    if name == "app":  # the whole app, for tools and tests that inspect it
        from mlassets.cli.typer_app import build_app

        return build_app()
    raise AttributeError(name)
