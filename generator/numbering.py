"""Chinese heading numbers: 一、 （一） 1. （1）, generated per level and read back from drafts."""
from __future__ import annotations

import functools
import re

_DIGITS = "零一二三四五六七八九"
_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一, 105 -> 一百零五."""
    if n <= 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + cn_numeral(rest) if rest < 10 else
                                 ("一" + cn_numeral(rest) if rest < 20 else cn_numeral(rest)))
    return _DIGITS[n // 100] + "百" + tail


def parse_cn_numeral(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十一 -> 21; None if not a numeral."""
    if not text or any(c not in _VALUES and c not in "十百" for c in text):
        return None
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _VALUES[char]
    return total + current


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


# Reading numbers back from drafts: (level, style, pattern). Styles name the variant found.
_CN = "[一二三四五六七八九十百零〇两]+"
NUMBER_PATTERNS: list[tuple[int, str, re.Pattern]] = [
    (1, "一、", re.compile(rf"^({_CN})([、，,．.])")),
    (2, "（一）", re.compile(rf"^([（(])({_CN})([）)])")),
    (3, "1.", re.compile(r"^([0-9０-９]{1,3})([.．、])(?![0-9０-９])")),
    (4, "（1）", re.compile(r"^([（(])([0-9０-９]{1,3})([）)])")),
]


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def to_int(digits: str) -> int:
    """「12」 or 「１２」 -> 12."""
    return int(digits.translate(FULLWIDTH_DIGITS))


@functools.lru_cache(maxsize=4096)
def read_number(text: str) -> tuple[int, int, str, str] | None:
    """Recognise a heading number at the start: (level, value, number text, variant) or None."""
    for level, _style, pattern in NUMBER_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        if level == 1:
            value, variant = parse_cn_numeral(match.group(1)), "一" + match.group(2)
        elif level == 2:
            value, variant = parse_cn_numeral(match.group(2)), match.group(1) + "一" + match.group(3)
        elif level == 3:
            value, variant = to_int(match.group(1)), "1" + match.group(2)
        else:
            value, variant = to_int(match.group(2)), match.group(1) + "1" + match.group(3)
        if value:
            return level, value, match.group(0), variant
    return None
