"""Chinese heading numbers: 一、 （一） 1. （1）, generated per level (read back: lexicon.headings)."""

from __future__ import annotations

# The numerals and the reading of heading numbers are the lexicon's; re-exported for the writers.
from generator.lexicon.chars import FULLWIDTH_DIGITS  # noqa: F401
from generator.lexicon.headings import read_number  # noqa: F401
from generator.lexicon.numbers import MAX_CN_NUMERAL, cn_numeral, parse_cn_numeral, to_int  # noqa: F401


def label(level: int, n: int) -> str:
    """The heading number for a level: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_numeral(n)}、"
    if level == 2:
        return f"（{cn_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def ordinal_point(n: int) -> str:
    """Inline enumeration: 一是, 二是, …"""
    return f"{cn_numeral(n)}是"


class Counter:
    """Numbers headings in order; a level restarts under each new parent."""

    def __init__(self) -> None:
        self.counts = [0, 0, 0, 0, 0]

    def next(self, level: int) -> str:
        """Advance `level`, reset deeper levels, return the label."""
        self.counts[level] += 1
        for deeper in range(level + 1, len(self.counts)):
            self.counts[deeper] = 0
        return label(level, self.counts[level])
