"""Bounded retries with exponential backoff that honours Retry-After, and a deadline for client
calls that take no timeout of their own."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` counts the first try. Waits grow from `base_delay` and never exceed `max_delay`,
    even when a server asks for longer in Retry-After."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    timeout: float = 10.0  # per request, in seconds

    def delay(self, attempt: int, retry_after: float | None) -> float:
        wanted = retry_after if retry_after is not None else self.base_delay * 2 ** (attempt - 1)
        return max(0.0, min(wanted, self.max_delay))


class Retryable(Exception):
    """Raised by a classifier to say: this failure may pass; wait `retry_after` if given."""

    def __init__(self, cause: BaseException, retry_after: float | None = None) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.retry_after = retry_after


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds only; HTTP dates are treated as absent)."""
    if value is None:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        return None


def call_with_retries(
    call: Callable[[], T],
    classify: Callable[[BaseException], Retryable | None],
    policy: RetryPolicy,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `call`; on a failure that `classify` calls retryable, wait and try again.

    The last failure is re-raised unchanged once the attempts are used up, so the caller maps
    it to a user-facing error in one place.
    """
    attempt = 1
    while True:
        try:
            return call()
        except Exception as exc:
            verdict = classify(exc)
            if verdict is None or attempt >= policy.attempts:
                raise
            sleep(policy.delay(attempt, verdict.retry_after))
            attempt += 1


def with_deadline(call: Callable[[], Any], timeout: float) -> Any:
    """Run `call` in a daemon thread; raise TimeoutError if it has not returned in `timeout` s.

    For client calls that set no timeout themselves (openml's, huggingface_hub's listings): a
    stalled server cannot hang mlassets. The abandoned thread dies with the process."""
    results: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def run() -> None:
        try:
            results.put((True, call()))
        except BaseException as exc:  # handed to the caller's thread
            results.put((False, exc))

    threading.Thread(target=run, daemon=True, name="client-call").start()
    try:
        ok, value = results.get(timeout=timeout)
    except queue.Empty:
        raise TimeoutError(f"no answer within {timeout:g} s") from None
    if ok:
        return value
    raise value
