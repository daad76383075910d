"""How numbers, dates and marks are written: full-width digits, ranges of quantities, 「4月1号」,
doubled marks and a title that ends with a mark (classes the open 公文 checkers cover)."""

from __future__ import annotations

from generator.lexicon import chars, dates, lazy, numbers
from ..registry import Basis, GBT15834, GBT15835, rule
from .numbers import between_numbers

FULL_DIGITS = lazy(numbers.FULL_WIDTH_NUMBER)
_QUANTITY_RANGE = lazy(numbers.QUANTITY_RANGE)
_RANGE_SPLIT = lazy(r"\s*[-－–‐]\s*")
DOUBLED = lazy(chars.DOUBLED_MARKS)


@rule(
    "numbers.full-width-digit",
    "warning",
    "阿拉伯数字用半角：123家，不写「１２３家」",
    basis=Basis(GBT15835, "5.1.7.1", "一般", "出版物中的阿拉伯数字，一般应使用正体二分字身，即占半个汉字位置"),
)
def numbers_full_width_digit(doc, ctx):
    """阿拉伯数字用半角（二分字身，占半个汉字位置）。全角数字（「１２３」）多半是输入法全角状态打出来的，
    检索、统计和 Word 的数字格式都认不出；fazhi check --fix 改为半角。夹在半角数字里的全角数字由
    numbers.mixed-width 报告。

    通过：全年审核合同123件
    不通过：全年审核合同１２３件
    """
    for unit, match, _base in ctx.analysis.scan_units(FULL_DIGITS, "０１２３４５６７８９"):
        yield ctx.finding(unit.line, f"「{match.group(0)}」是全角数字，应写作半角「{half_digits(match.group(0))}」")


_QUANTITY_FIRSTS = frozenset(word[0] for word in numbers.QUANTITY_WORDS)


def _before_quantity(text: str, pos: int) -> bool:
    """Whether a _QUANTITY_RANGE match may hold the dash at `pos`: a quantity word follows the numbers."""
    return between_numbers(text, pos, _QUANTITY_FIRSTS, True)


def half_digits(text: str) -> str:
    """「１２．５」 → 「12.5」."""
    return text.translate(chars.FULLWIDTH_DIGITS).replace("．", ".")


@rule(
    "numbers.range-tilde",
    "info",
    "数值范围用浪纹线「～」：3～5个百分点，不用「3-5个」",
    basis=Basis(GBT15834, "4.13.3.2", "一般", "标示数值范围（由阿拉伯数字或汉字数字构成）的起止，一般用浪纹线"),
)
def numbers_range_tilde(doc, ctx):
    """数量的起止（后面跟着单位：个、项、件、人、%……）用浪纹线「～」，短横线「-」用于年月日、编号和
    化合物名称等。年份的起止见 numbers.range-dash；日期（2023-1-4）、文号和电话号码不报告。
    只是提示：标准说「一般」。

    通过：提高3～5个百分点
    不通过：提高3-5个百分点
    """
    for unit, match, _base in ctx.analysis.scan_units(_QUANTITY_RANGE, "-－–‐", _before_quantity):
        text = match.group(0)
        if dates.YEAR_SPAN.fullmatch(text.strip()):
            continue
        low, high = _RANGE_SPLIT.split(text, maxsplit=1)
        yield ctx.finding(unit.line, f"数值范围「{text}」的起止应用浪纹线：「{low}～{high}」")


@rule(
    "date.colloquial",
    "warning",
    "日期写「日」：4月1日，不写口语的「4月1号」",
    basis=Basis("", "", "实务", "公文中的日期用「日」"),
)
def date_colloquial(doc, ctx):
    """公文里的日期写「×月×日」，「号」是口语。门牌、楼号、文号（「6月1号楼」「3号文件」）不报告；
    fazhi check --fix 把日期里的「号」改为「日」。

    通过：2025年6月1日至6月30日
    不通过：2025年6月1号至6月30号
    """
    for unit in ctx.analysis.units_with("号"):
        found = [m.group(0) for m in dates.COLLOQUIAL_DAY.finditer(unit.text)]
        if found:
            more = f"等{len(found)}处" if len(found) > 1 else ""
            yield ctx.finding(unit.line, f"日期「{found[0]}」{more}用了口语的「号」，应写作「{found[0][:-1]}日」")


@rule(
    "punct.doubled",
    "warning",
    "标点不重复：「，，」「。。」「，。」只留一个",
    basis=Basis(GBT15834, "5.1.1", "应", "句号、逗号、顿号、分号、冒号均置于相应文字之后，占一个字位置"),
)
def punct_doubled(doc, ctx):
    """一个位置只用一个点号：「，，」「。。」「、、」「；；」是多敲了一次，「，。」「。，」是改稿时留下的。
    「……」（省略号）和「——」（破折号）不是重复；「。。。」当省略号用由 punct.ellipsis 报告。
    fazhi check --fix 删去重复的那一个。

    通过：执法人员素质参差不齐，部分案卷不规范。
    不通过：执法人员素质参差不齐，，部分案卷不规范。。
    """
    for unit in ctx.analysis.units_with(chars.DOUBLED_PAIRS):
        found = [m for m in DOUBLED.finditer(unit.text) if not in_dots(unit.text, m.start())]
        if found:
            more = f"等{len(found)}处" if len(found) > 1 else ""
            yield ctx.finding(unit.line, f"标点「{found[0].group(0)}」{more}重复，只留一个")


def in_dots(text: str, index: int) -> bool:
    """「。。。」(three or more): an ellipsis written with full stops, punct.ellipsis's business."""
    start = index
    while start and text[start - 1] == "。":
        start -= 1
    end = index
    while end < len(text) and text[end] == "。":
        end += 1
    return end - start >= 3


@rule(
    "title.punct",
    "warning",
    "标题末尾不加标点（「……的报告。」去掉句号）",
    basis=Basis("", "", "实务", "公文标题除法规、规章名称加书名号外，一般不用标点符号"),
)
def title_punct(doc, ctx):
    """公文标题是名称，不是句子：末尾不加句号、逗号等点号（书名号、括号、引号的后半个除外）。
    fazhi check --fix 删去末尾的标点。

    通过：示例县人民政府关于2024年度法治政府建设情况的报告
    不通过：示例县人民政府关于2024年度法治政府建设情况的报告。
    """
    for part in doc.all_documents():
        title = part.title.rstrip()
        if title and title[-1] in chars.TITLE_END:
            yield ctx.finding(part.title_line, f"标题末尾多了「{title[-1]}」，标题不加句末标点")
