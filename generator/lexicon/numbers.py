"""Numbers as reports write them: Chinese numerals (一百零五, 二〇二三), magnitudes 万/亿,
percentages and 个百分点, and the units a count or an amount is given in."""

from __future__ import annotations


import re

from generator.lexicon._lazy import lazy
from generator.lexicon.chars import FULLWIDTH_DIGITS

_DIGITS = "零一二三四五六七八九"
_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_GROUPS = ((10**8, "亿"), (10**4, "万"))
MAX_CN_NUMERAL = 10**12 - 1  # 九千九百九十九亿…; beyond it Arabic digits are clearer

# A Chinese numeral of any size, and the small ones that number headings and points (一 to 九十九).
CN_NUMERAL = "[一二三四五六七八九十百千万零〇两]+"
CN_SMALL = "一二三四五六七八九十"
# An Arabic number with an optional decimal part; a magnitude after it.
NUMBER = r"\d+(?:\.\d+)?"
MAGNITUDES = ("万", "亿")
PERCENT = ("%", "％")
POINTS = "个百分点"  # the change of a rate: 「提高1.2个百分点」

# What a count is counted in (a count rule leaves rates and money ranges out on purpose).
COUNTS = (
    "件次",
    "人次",
    "家次",
    "万人",
    "个",
    "件",
    "项",
    "人",
    "次",
    "家",
    "场",
    "期",
    "篇",
    "条",
    "份",
    "户",
    "宗",
    "起",
    "所",
    "名",
    "批",
    "部",
    "本",
    "册",
    "套",
    "台",
    "辆",
    "处",
    "座",
    "支",
    "类",
    "门",
    "卷",
)
MONEY = ("万元", "亿元", "元")
# A number written in full-width digits (「１２３」, 「１２．５」); mixed widths are another matter.
FULL_WIDTH_NUMBER = r"[０-９](?<![0-9０-９][０-９])[０-９]*(?:[．.][０-９]+)?(?![0-9０-９])"
# Words that make a number before them a quantity (a range of them takes 「～」, GB/T 15834 4.13.3).
QUANTITY_WORDS = (
    "个百分点",
    "个",
    "项",
    "件",
    "人",
    "名",
    "次",
    "家",
    "所",
    "元",
    "万",
    "亿",
    "千",
    "百",
    "倍",
    "%",
    "％",
    "天",
    "周",
    "批",
    "场",
    "期",
    "条",
    "类",
    "起",
    "宗",
    "户",
    "篇",
    "本",
    "份",
    "台",
    "辆",
    "公里",
    "米",
    "小时",
    "分钟",
    "岁",
)
MEASURES = ("个工作日", "平方米", "公里", "小时", "天")


# Circled numbers ① to ⑳: typed for items below （1）, outside GB/T 9704's four levels.
CIRCLED = "".join(chr(code) for code in range(0x2460, 0x2474))


def circled_value(char: str) -> int | None:
    """① -> 1 … ⑳ -> 20; None for anything else."""
    index = CIRCLED.find(char) if len(char) == 1 else -1
    return index + 1 if index >= 0 else None


def alternation(*groups: tuple[str, ...]) -> str:
    """The words of `groups` as one regex alternation, longest first (so 件次 wins over 件)."""
    words = sorted({w for group in groups for w in group}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


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
        elif unit >= 10**4:
            total += (section + current or 1) * unit
            section = current = 0
        else:
            section += (current or 1) * unit
            current = 0
    return total + section + current


def to_int(digits: str) -> int:
    """「12」 or 「１２」 -> 12."""
    return int(digits.translate(FULLWIDTH_DIGITS))


# 3-5个百分点, 2-3人: a range of quantities with a hyphen (not a date 2023-1-4, a 文号 or a telephone
# number: a quantity word must follow).
QUANTITY_RANGE = (
    r"[0-9](?<![0-9.\-－/][0-9])[0-9]*(?:\.[0-9]+)?\s*[-－–‐]\s*[0-9]+(?:\.[0-9]+)?(?![0-9.\-－/])"
    rf"(?=\s*(?:{alternation(QUANTITY_WORDS)}))"
)


_INTEGER = lazy(r"-?(?:0|[1-9]\d*)")
_DECIMAL = lazy(r"-?\d+\.\d+")


def plain_number(text: str) -> int | float | str:
    """「50」 → 50, 「-2.5」 → -2.5: an int or float when it prints back the same; anything else
    (「2.4万」, 「1.10」, 「05」) stays text."""
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text) and str(float(text)) == text:
        return float(text)
    return text
