"""One table from exception to exit code, applied to every command."""

from __future__ import annotations

import contextlib
import enum
import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from mlassets.cli._render import echo
from mlassets.core.errors import MlassetsError, OperationalError, UsageError


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    ERROR = 3
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a reader that stopped (`| head`)


# Subclasses first: the first matching row wins.
ERROR_EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (UsageError, ExitCode.USAGE),
    (OperationalError, ExitCode.ERROR),
    (MlassetsError, ExitCode.ERROR),
)

P = ParamSpec("P")
R = TypeVar("R")


def debug_enabled() -> bool:
    return os.environ.get("MLASSETS_DEBUG", "") not in ("", "0")


def fail(message: str, code: ExitCode) -> SystemExit:
    echo(f"mlassets: error: {message}", err=True)
    return SystemExit(int(code))


def _print_traceback() -> None:
    import traceback  # 4 ms at each start, for the rare run that needs it

    traceback.print_exc(file=sys.stderr)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit has nothing left to fail on."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def exits(command: Callable[P, int]) -> Callable[P, None]:
    """Run a command body that returns an exit code, mapping known errors to one stderr line."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            code = command(*args, **kwargs)
            sys.stdout.flush()  # inside the handler: a full disk under `> out` fails here
        except BrokenPipeError:
            # The reader went away: say nothing more, and keep Python from complaining at exit.
            _quiet_stdout()
            raise SystemExit(int(ExitCode.BROKEN_PIPE)) from None
        except KeyboardInterrupt:
            echo("mlassets: interrupted", err=True)
            # Leave now: worker threads still waiting on a server (sync, outdated) would hold
            # an ordinary exit until their requests time out. Nothing is lost: the main thread
            # has unwound (files are written atomically), and the lock is replaced only at the end.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(int(ExitCode.INTERRUPTED))
        except MlassetsError as exc:
            if debug_enabled():
                _print_traceback()
            code_for = next(code for cls, code in ERROR_EXIT_CODES if isinstance(exc, cls))
            hint = "" if debug_enabled() else " (MLASSETS_DEBUG=1 shows the cause)"
            suffix = hint if code_for is ExitCode.ERROR and exc.__cause__ is not None else ""
            raise fail(f"{exc}{suffix}", code_for) from None
        except OSError as exc:
            # An OS failure no mlassets error wrapped: writing stdout to a full disk or a closed
            # terminal, mostly. Operational, not a bug: one line, exit 3.
            if debug_enabled():
                _print_traceback()
            where = exc.filename or "standard output"
            _quiet_stdout()
            raise fail(f"{where}: {exc.strerror or exc}", ExitCode.ERROR) from None
        except Exception:  # a bug in mlassets: show everything a bug report needs
            _print_traceback()
            raise fail(
                "unexpected error; please report it with the traceback above", ExitCode.ERROR
            ) from None
        # SystemExit, not typer.Exit: the same under typer (click lets it through) and for the
        # commands the hook runs without typer (see `mlassets.cli.hook`).
        raise SystemExit(int(code))

    return wrapper
