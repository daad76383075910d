"""GB/T 15835-2011 numbers: years written out, one digit width in a number, ranges; and the
level-3 heading number written with a full-width dot."""

from __future__ import annotations


from generator.lexicon import dates, lazy
from ..registry import Basis, GBT15834, GBT15835, GBT9704, rule
from ..scanner import shared_scan
from .numbering import LEVELS_QUOTE, found_by

# Each pattern opens by consuming a character of a class (the lookbehinds come after it): the
# engine then skips ordinary text at C speed instead of trying the lookbehinds at every position
# (about four times faster on a report's text).
# ’23年, or 23年度 / 23年5月 with no digit, dot or dash before it; one leading class for both forms.
_YEAR_ABBREV = lazy(dates.YEAR_ABBREV)
_MIXED = lazy(r"(?=[0-9０-９])(?<![0-9０-９])[0-9０-９]*(?:[0-9][０-９]|[０-９][0-9])[0-9０-９]*")
_MIXED_SCAN = shared_scan("numbers.mixed", _MIXED, needles="０１２３４５６７８９")  # only with a full-width digit
_YEAR_RANGE = lazy(dates.YEAR_RANGE_HYPHEN)
_UNIT_RANGE = lazy(r"([0-9](?<![0-9.][0-9])[0-9]*(?:\.[0-9]+)?)\s*[～~—\-－]\s*([0-9]+(?:\.[0-9]+)?)(%|万|亿)(?![0-9])")


@rule(
    "numbers.year-abbrev",
    "warning",
    "年份写全：2023年，不写「23年」",
    basis=Basis(GBT15835, "5.1.4", "应", "四位数字表示的年值不应简写为两位数字"),
)
def numbers_year_abbrev(doc, ctx):
    """年份用四位数字写全。只报告明显是年份的简写：「23年度」「23年5月」「’23年」——「连续23年」
    「近10年」是年数，不报告。

    通过：2023年度、2023年5月、连续23年
    不通过：23年度、23年5月
    """
    for unit, match, _base in ctx.analysis.scan_after_digit(_YEAR_ABBREV, "年", (4, 3), two_digits_alone):
        two = match.group(1) or match.group(0)[:2]
        yield ctx.finding(unit.line, f"年份简写为「{match.group(0)}」，应写全（如「20{two}年」）")


def two_digits_alone(text: str, pos: int) -> bool:
    """Whether _YEAR_ABBREV may end at the 年 at `pos`: two ASCII digits before it (’23年, 23年),
    and no digit before those (2023年, the usual year, is never tried: nor compiled for)."""
    return pos >= 2 and text[pos - 2] in _DIGITS and (pos < 3 or text[pos - 3] not in _ALL_DIGITS)


_DIGITS = frozenset("0123456789")
_ALL_DIGITS = frozenset("0123456789０１２３４５６７８９")
_NUMBER = frozenset("0123456789.")


def between_numbers(text: str, pos: int, ends, spaced: bool) -> bool:
    """Whether the dash at `pos` stands between two numbers (ASCII digits, spaces around it
    allowed), the second followed by a character of `ends` (after spaces when `spaced`): a test
    that holds wherever a range pattern matches with that dash (no pattern compiled for it)."""
    before, after, size = pos - 1, pos + 1, len(text)
    while before >= 0 and text[before].isspace():
        before -= 1
    while after < size and text[after].isspace():
        after += 1
    if before < 0 or text[before] not in _DIGITS or after == size or text[after] not in _DIGITS:
        return False
    while after < size and text[after] in _NUMBER:
        after += 1
    while spaced and after < size and text[after].isspace():
        after += 1
    return after < size and text[after] in ends


def _between_numbers_with_unit(text: str, pos: int) -> bool:
    return between_numbers(text, pos, "%万亿", False)


def _between_years(text: str, pos: int) -> bool:
    return between_numbers(text, pos, "年", True)


@rule(
    "numbers.mixed-width",
    "warning",
    "一个数里不混用全角和半角数字（「2０23」）",
    basis=Basis(GBT15835, "5.1.7.1", "一般", "出版物中的阿拉伯数字，一般应使用正体二分字身，即占半个汉字位置"),
)
def numbers_mixed_width(doc, ctx):
    """阿拉伯数字用半角（占半个汉字位置）。一个数里夹着全角数字（「2０23年」）多半是输入法切换造成的。
    整个数都是全角的不在此报告。

    通过：2023年、１２项（整数全角，不报告）
    不通过：2０23年
    """
    lines = ctx.analysis.columns[0]
    for index, match in ctx.analysis.scanned(_MIXED_SCAN):
        yield ctx.finding(lines[index], f"数字「{match.group(0)}」混用了全角和半角数字，应统一用半角")


@rule(
    "numbers.range-dash",
    "info",
    "年份范围用一字线「—」连接：2021—2025年（不用「-」）",
    basis=Basis(GBT15834, "4.13.3", "一般", "标示相关项目（如时间、地域等）的起止，一般用一字线"),
)
def numbers_range_dash(doc, ctx):
    """年份的起止用一字线「—」（《法治政府建设实施纲要（2021—2025年）》），短横线「-」「－」用于
    年月日、编号等，不用于起止。只是提示：标准说「一般」。

    通过：2021—2025年
    不通过：2021-2025年
    """
    for unit, match, _base in ctx.analysis.scan_units(_YEAR_RANGE, "-－–‐", _between_years):
        yield ctx.finding(unit.line, f"「{match.group(0)}年」的起止应用一字线：「{match.group(1)}—{match.group(3)}年」")


@rule(
    "numbers.range-unit",
    "warning",
    "数值范围的单位「%」「万」「亿」两个数都写：15%～30%，不写「15～30%」",
    basis=Basis(GBT15835, "5.1.3", "应", "如果省略数值的附加符号或计量单位会造成歧义，则不应省略"),
)
def numbers_range_unit(doc, ctx):
    """百分数和带「万」「亿」的数值范围，前一个数的「%」「万」「亿」不省略：「15%～30%」「9亿～16亿」
    （GB/T 15835-2011 的示例：不写为「15～30%」「9～16亿」）。

    通过：15%～30%、9亿～16亿
    不通过：15～30%、9～16亿
    """
    if not ctx.analysis.has_any("%", "万", "亿"):
        return
    for unit, match, _base in ctx.analysis.scan_units(_UNIT_RANGE, "～~—-－", _between_numbers_with_unit):
        low, high, mark = match.groups()
        yield ctx.finding(unit.line, f"「{match.group(0)}」应写作「{low}{mark}～{high}{mark}」")


@rule(
    "numbering.full-width-dot",
    "warning",
    "三级序号用半角下脚点「1.」，不用全角「1．」",
    basis=Basis(GBT9704, "7.3.3", "可", LEVELS_QUOTE),
)
def numbering_full_width_dot(doc, ctx):
    """第三层序号「1.」的点是半角下脚点。「1．」（全角点）是输入法的全角状态造成的；fazhi check --fix 会改正。

    通过：1.打造一流法治化营商环境
    不通过：1．打造一流法治化营商环境
    """
    return found_by(doc, ctx, "numbering.full-width-dot")
