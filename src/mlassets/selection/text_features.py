"""Features mlassets derives from a dataset's card: its words hashed into a few dimensions.

Two datasets whose cards use the same words (task, domain, language, modality) point the same
way. The hash is stable (blake2b), so features do not change between runs or machines.
"""

from __future__ import annotations

import hashlib
import math
import re

DIMENSIONS = 16
_WORD = re.compile(r"[a-z][a-z0-9\-]{2,}")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "this",
        "that",
        "from",
        "are",
        "was",
        "were",
        "has",
        "have",
        "its",
        "dataset",
        "data",
    ]
)


def card_vector(text: str, dimensions: int = DIMENSIONS) -> tuple[float, ...]:
    """Unit-length signed hashed term frequencies of `text`."""
    counts = [0.0] * dimensions
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
        bucket = int.from_bytes(digest[:4], "big") % dimensions
        counts[bucket] += 1.0 if digest[4] & 1 else -1.0
    norm = math.sqrt(sum(c * c for c in counts))
    return tuple(round(c / norm, 6) if norm else 0.0 for c in counts)
