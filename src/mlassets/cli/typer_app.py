"""The typer app: every command, or only the one that runs (see `mlassets.cli`)."""

from __future__ import annotations

from typing import Annotated

import typer

from mlassets.cli import COMMANDS, target


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
    for name, (_, _, runs_as) in COMMANDS.items():
        if only is not None and name != only:
            continue
        if runs_as == "group":
            app.add_typer(target(name))
        elif runs_as == "command":
            app.command(name)(target(name))
        else:
            _hand_over(app, name)
    return app


def _hand_over(app: typer.Typer, name: str) -> None:
    """List a hook command in `mlassets --help` and pass its words on to its own parser (this
    path runs only when root options come before the name: `mlassets --version validate`)."""
    run = target(name)

    def command(ctx: typer.Context) -> None:
        run(list(ctx.args))

    summary = (run.__doc__ or "").split("\n")[0]
    settings = {"allow_extra_args": True, "ignore_unknown_options": True}
    app.command(name, help=summary, context_settings=settings, add_help_option=False)(command)


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
