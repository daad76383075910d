"""Chinese heading numbers: 一、 （一） 1. （1）, generated per level and read back from drafts."""
from __future__ import annotations

import functools
import re

from generator.lexicon import lazy

_DIGITS = "零一二三四五六七八九"
_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}


_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_GROUPS = ((10 ** 8, "亿"), (10 ** 4, "万"))
MAX_CN_NUMERAL = 10 ** 12 - 1  # 九千九百九十九亿…; beyond it Arabic digits are clearer


def cn_numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 105 -> 一百零五, 1010 -> 一千零一十, 10001 -> 一万零一; Arabic beyond 亿."""
    if n <= 0:
        raise ValueError(n)
    if n > MAX_CN_NUMERAL:
        return str(n)
    text = _grouped(n)
    return text[1:] if text.startswith("一十") else text  # 十二, but 一百一十二


def _grouped(n: int) -> str:
    """A positive number as 亿/万 groups of four digits, with 零 where a group or digit is skipped."""
    for size, name in _GROUPS:
        if n >= size:
            high, low = divmod(n, size)
            tail = "" if low == 0 else ("零" if low < size // 10 else "") + _grouped(low)
            return _grouped(high) + name + tail
    return _below_10000(n)


def _below_10000(n: int) -> str:
    out, gap = "", False
    for size, name in _UNITS:
        digit, n = divmod(n, size)
        if digit:
            out += ("零" if gap else "") + _DIGITS[digit] + name
            gap = False
        elif out:
            gap = True
    if n:
        out += ("零" if gap else "") + _DIGITS[n]
    return out


def parse_cn_numeral(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十一 -> 21, 一千零一 -> 1001, 一万 -> 10000; None if not a numeral."""
    if not text or any(c not in _VALUES and c not in _UNIT_VALUES for c in text):
        return None
    total, section, current = 0, 0, 0
    for char in text:
        unit = _UNIT_VALUES.get(char)
        if unit is None:
            current = _VALUES[char]
        elif unit >= 10 ** 4:
            total += (section + current or 1) * unit
            section = current = 0
        else:
            section += (current or 1) * unit
            current = 0
    return total + section + current


_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}


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
_CN = "[一二三四五六七八九十百千万零〇两]+"
NUMBER_PATTERNS: list[tuple[int, str, re.Pattern]] = [
    (1, "一、", lazy(rf"^({_CN})([、，,．.])")),
    (2, "（一）", lazy(rf"^([（(])({_CN})([）)])")),
    (3, "1.", lazy(r"^([0-9０-９]{1,3})([.．、])(?![0-9０-９])")),
    (4, "（1）", lazy(r"^([（(])([0-9０-９]{1,3})([）)])")),
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
