"""'Did you mean': the close matches of a word among the accepted ones.

`difflib.get_close_matches` keeps an option only when its two cheap upper bounds of the
similarity ratio (from the lengths, then from the shared characters) and the ratio itself all
reach the cutoff. The bounds are computed here first, without difflib: most words have no
option within reach, so difflib (and its SequenceMatcher per option) is imported and run only
for the options that could match, with the same result. Answers are cached per process: the
same unknown key or wrong value tends to recur across the cards of one repository.
"""

from __future__ import annotations

import functools
from collections import Counter


def close_matches(word: str, options: list[str], *, n: int, cutoff: float) -> list[str]:
    """What `difflib.get_close_matches(word, options, n, cutoff)` returns."""
    return list(_close_matches(word, tuple(options), n, cutoff))


@functools.lru_cache(maxsize=4096)
def _close_matches(word: str, options: tuple[str, ...], n: int, cutoff: float) -> tuple[str, ...]:
    letters = Counter(word)
    within = [o for o in options if _bounds_reach(word, letters, o, cutoff)]
    if not within:
        return ()
    import difflib  # only when some option is within reach

    return tuple(difflib.get_close_matches(word, within, n=n, cutoff=cutoff))


def _bounds_reach(word: str, letters: Counter[str], option: str, cutoff: float) -> bool:
    total = len(word) + len(option)
    if not total:
        return cutoff <= 1.0
    if 2.0 * min(len(word), len(option)) / total < cutoff:  # difflib's real_quick_ratio
        return False
    shared = sum((letters & _letters(option)).values())  # difflib's quick_ratio
    return 2.0 * shared / total >= cutoff


@functools.lru_cache(maxsize=1024)
def _letters(option: str) -> Counter[str]:
    return Counter(option)
