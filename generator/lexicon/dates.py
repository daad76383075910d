"""Dates as drafts write them: 2023年1月4日, 二〇二三年一月四日, 2023.1.4, 2023．1．4, 2023-01-04,
2023/1/4, and years and year ranges (2022年度, 「2021—2025年」).

parse() is the one reading of a whole-line date (the reader's 成文日期, the fixer's input);
the patterns below are the fragments rules and readers build their own searches from.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from generator.lexicon._lazy import lazy
from generator.lexicon.chars import FULLWIDTH_DIGITS, STRIP
from generator.lexicon.numbers import parse_cn_numeral

# A year as these reports speak of it (this century), and any year a 文号 may carry.
YEAR = r"20\d\d"
ANY_YEAR = r"(?:19|20)\d\d"
# A year in Chinese numerals: 二〇二三 (〇, ○ and 零 are all typed for zero).
CN_YEAR = "[一二〇零○]{4}"
# 「2022年」「2022 年」 with the year as group 1.
YEAR_WORD = rf"({YEAR})\s*年"
# What separates year, month and day in a numeric date: half- and full-width . - /
SEPARATORS = ".-/．－／"
SEPARATOR = r"[.\-/．－／]"
# Marks that make a year part of a range: 2021—2025年, 2021至2025年.
RANGE_MARKS = r"—\-－~～至"
# A year that stands alone, not one end of a range: 「2023年」 but not 「2021—2025年」.
LONE_YEAR_WORD = rf"(?<![\d{RANGE_MARKS}]){YEAR_WORD}(?!\s*[{RANGE_MARKS}])"
# A year range written with a hyphen instead of the dash 「—」: 2021-2025年 (groups: from, mark, to).
YEAR_RANGE_HYPHEN = r"((?:19|20)(?<![0-9][12][09])[0-9]{2})\s*([-－–‐])\s*((?:19|20)[0-9]{2})(?=\s*年)"
# A year abbreviated to two digits ('23年) or a lone digit before 年度 / a month (3年度, 3年5月).
YEAR_ABBREV = (
    r"[0-9’'‘](?:(?<=[’'‘])([0-9]{2})年"
    r"|(?<=[0-9])(?<![0-9０-９.．\-—/][0-9])[0-9]年(?=度|底|末|初|[上下]半年|第[一二三四1-4]季度|[0-9]{1,2}月))"
)

# Whole-line forms (the text already stripped, full-width digits made half-width for WRITTEN).
WRITTEN = lazy(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
NUMERIC = lazy(rf"^(\d{{4}})\s*({SEPARATOR})\s*(\d{{1,2}})\s*\2\s*(\d{{1,2}})$")
CHINESE = lazy(
    r"^([〇○零Ｏ0一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
    r"\s*([一二三四五六七八九十]{1,3})\s*日$"
)
# The form GB/T 9704 7.3.5.4 asks for: full year, month and day without a leading zero.
CANONICAL = lazy(rf"^\s*({YEAR})年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日\s*$")
# 2023年01月04日 with the zeros as groups 2 and 4.
PADDED = lazy(r"^(\d{4})年(0?)(\d{1,2})月(0?)(\d{1,2})日$")
ZERO_PADDED = lazy(r"年0\d|月0\d")
# A day written with the colloquial 号 (「6月1号」), not a building or a document number after it.
COLLOQUIAL_DAY = lazy(r"[0-9０-９]月[0-9０-９]{1,2}号(?!楼|院|线|令|文|窗|馆|门|库|台|仓|机|车|码|站|井|口)")
# A year range written with a hyphen, as a whole string (「2021-2025」).
YEAR_SPAN = lazy(r"(?:19|20)[0-9]{2}\s*[-－–‐]\s*(?:19|20)[0-9]{2}")
# A written date inside a line (版记's 印发日期).
WRITTEN_IN = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"

_CN_YEAR_DIGITS = str.maketrans("〇○零Ｏ一二三四五六七八九", "0000123456789")
_START = frozenset("0123456789０１２３４５６７８９〇○零Ｏ一二三四五六七八九")  # how a date line begins


def parse(text: str) -> dt.date | None | Literal[False]:
    """A whole-line date → dt.date; False if not a date; None if date-shaped but impossible."""
    text = text.strip(STRIP)
    if text[:1] not in _START:
        return False
    text = text.translate(FULLWIDTH_DIGITS)
    match = WRITTEN.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = NUMERIC.match(text)
        if match:
            year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        else:
            match = CHINESE.match(text)
            if not match:
                return False
            year = int(match.group(1).translate(_CN_YEAR_DIGITS))
            month, day = parse_cn_numeral(match.group(2)) or 0, parse_cn_numeral(match.group(3)) or 0
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def form(text: str) -> str:
    """How a date line is written: canonical, chinese, numeric, padded or other."""
    text = text.strip(STRIP)
    if CANONICAL.match(text):
        return "canonical"
    if CHINESE.match(text):
        return "chinese"
    if NUMERIC.match(text.translate(FULLWIDTH_DIGITS)):
        return "numeric"
    if ZERO_PADDED.search(text):
        return "padded"
    return "other"


def cn_date(date: dt.date) -> str:
    """2023-01-04 -> 2023年1月4日 (GB/T 9704 7.3.5.4: Arabic numerals, no padding)."""
    return f"{date.year}年{date.month}月{date.day}日"
