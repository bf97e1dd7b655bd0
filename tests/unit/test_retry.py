from __future__ import annotations

import pytest

from mlassets.sources.retry import Retryable, RetryPolicy, call_with_retries, parse_retry_after


def test_retries_honour_retry_after_and_stop_after_the_budget() -> None:
    sleeps: list[float] = []
    calls = iter([ValueError("a"), ValueError("b"), "ok"])

    def call() -> str:
        item = next(calls)
        if isinstance(item, Exception):
            raise item
        return item

    result = call_with_retries(
        call, lambda e: Retryable(e, 2.5), RetryPolicy(attempts=3), sleeps.append
    )
    assert result == "ok" and sleeps == [2.5, 2.5]

    with pytest.raises(ValueError, match="x"):
        call_with_retries(
            lambda: (_ for _ in ()).throw(ValueError("x")),
            lambda e: Retryable(e),
            RetryPolicy(attempts=3, base_delay=1),
            sleeps.append,
        )
    assert sleeps[2:] == [1, 2]


def test_backoff_is_capped_and_non_retryable_errors_pass_at_once() -> None:
    policy = RetryPolicy(max_delay=4)
    assert [policy.delay(n, None) for n in (1, 2, 3, 4, 5)] == [0.5, 1, 2, 4, 4]
    assert policy.delay(1, 3600) == 4
    with pytest.raises(KeyError):
        call_with_retries(lambda: {}["x"], lambda e: None, policy, lambda s: pytest.fail("slept"))
    assert (
        parse_retry_after("7") == 7 and parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT") is None
    )
