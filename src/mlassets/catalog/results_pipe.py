"""Run a generator of batches in a forked process, so that a bulk import parses its file on
one core while the catalog's inserts run on another.

Only the batches cross the pipe: the child starts as a copy of the caller (its open file, its
id dictionaries) and never touches the catalog, so the caller's one transaction stays the only
writer and a crash of either process leaves the catalog as it was before the import.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Generator, Iterator
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    # fork is what makes the copy cheap (a million ids are not pickled); macOS and Windows
    # default to spawn, and fork under macOS is unsafe with some system libraries.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _produce(send: Connection, batches: Callable[[], Iterator[T]]) -> None:
    try:
        for batch in batches():
            send.send(batch)
        send.send(None)
    except BrokenPipeError:  # the caller stopped reading (it hit an error of its own)
        pass
    except Exception as exc:  # raised again in the caller, where it would have been
        send.send(exc)
    finally:
        send.close()


def forked(batches: Callable[[], Iterator[T]]) -> Generator[T, None, None]:
    """The batches `batches()` yields, computed in a forked child; its exception is raised
    here. Closing the generator ends the child (which may be blocked on a full pipe)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_produce, args=(send, batches), daemon=True)
    child.start()
    send.close()
    try:
        while True:
            try:
                message = receive.recv()
            except EOFError:
                raise RuntimeError(f"the reading process ended early ({child.exitcode})") from None
            if message is None:
                return
            if isinstance(message, BaseException):
                raise message
            yield message
    finally:
        receive.close()
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()
            child.join()
