"""argparse for the commands the pre-commit hook runs, `validate` and `license-check`.

argparse costs ~2 ms to import where typer costs ~45, on every commit. Errors keep the CLI's one
shape: one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import enum
import os
from collections.abc import Callable
from typing import Any, NoReturn


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, sized without `shutil` (3 ms of imports): argparse builds a
    formatter for every option it adds, not only for `--help`."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(2).columns
        except (OSError, ValueError):
            columns = 80
        super().__init__(prog, width=columns - 2)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"mlassets: error: {message} (see '{self.prog} --help')\n")


def parser(name: str, command: Callable[..., Any]) -> Parser:
    """A parser for `mlassets NAME`, described by the command's docstring."""
    return Parser(
        prog=f"mlassets {name}",
        description=(command.__doc__ or "").strip(),
        allow_abbrev=False,  # as click: an option is spelled out
        formatter_class=_Formatter,
    )


def choices(values: type[enum.Enum]) -> dict[str, Any]:
    """`add_argument` keywords for an option taking one of an enum's values (as a string)."""
    names = [str(member.value) for member in values]
    return {"choices": names, "metavar": "{" + ",".join(names) + "}"}


def checked(convert: Callable[[str], Any], check: Callable[[Any], Any]) -> Callable[[str], Any]:
    """An argparse `type`: `convert` the word, then `check` it (both raise ValueError)."""

    def parse(word: str) -> Any:
        try:
            return check(convert(word))
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"Invalid value: {exc}") from None

    return parse
