"""'Did you mean': the close matches of a word among the accepted ones."""

from __future__ import annotations


def close_matches(word: str, options: list[str], *, n: int, cutoff: float) -> list[str]:
    import difflib  # only when a value is wrong: keeps it off the cold start of a clean card

    return difflib.get_close_matches(word, options, n=n, cutoff=cutoff)
