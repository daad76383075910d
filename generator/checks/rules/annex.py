"""The 附件说明 (GB/T 9704-2012 7.3.4) and the 版记's 抄送 and 印发 lines (7.4.2, 7.4.3), as a
draft writes them."""

from __future__ import annotations

from generator.lexicon import chars, dates, lazy
from generator.lexicon.headings import ANNEX_LINE, ANNEX_NAME_END
from ..registry import Basis, GBT9704, rule

ANNEX_QUOTE = "如有多个附件，使用阿拉伯数字标注附件顺序号（如“附件：1.XXXXX”）；附件名称后不加标点符号"
_ARABIC_DOT = lazy(r"[0-9]+\.")


def arabic_dot(number: str) -> bool:
    """Is an annex order number written as GB/T 9704 asks (「1.」)?"""
    return bool(_ARABIC_DOT.fullmatch(number))


def annex_lines(doc):
    """(line, order number as written, name) of each 附件说明 line a draft has."""
    for part in doc.all_documents():
        for line, text in part.annex_source:
            match = ANNEX_LINE.match(text)
            yield line, (match.group("number") or "").replace(" ", ""), match.group("name")


@rule("annex.punct", "warning", "附件说明的附件名称后不加标点", basis=Basis(GBT9704, "7.3.4", "应", ANNEX_QUOTE))
def annex_punct(doc, ctx):
    """附件说明里每个附件名称后都不加标点（不写「；」「。」）：名称是标题，不是句子。
    fazhi check --fix 删去名称后的标点。

    通过：附件：1.行政执法案卷评查标准 / 2.评查结果汇总表
    不通过：附件：1.行政执法案卷评查标准； / 2.评查结果汇总表。
    """
    for line, _number, name in annex_lines(doc):
        if name and name[-1] in ANNEX_NAME_END:
            yield ctx.finding(line, f"附件名称「{name}」后多了「{name[-1]}」，附件名称后不加标点")


@rule(
    "annex.number",
    "warning",
    "多个附件的顺序号用阿拉伯数字加下脚点：「附件：1.…」",
    basis=Basis(GBT9704, "7.3.4", "应", ANNEX_QUOTE),
)
def annex_number(doc, ctx):
    """有多个附件时，附件说明用阿拉伯数字和下脚点标顺序号：「1.」「2.」，不写「1、」「（1）」「一、」
    「1．」。fazhi check --fix 改为「1.」。

    通过：附件：1.行政执法案卷评查标准
    不通过：附件：1、行政执法案卷评查标准
    """
    for line, number, _name in annex_lines(doc):
        if number and not arabic_dot(number):
            digits = "".join(c for c in number.translate(chars.FULLWIDTH_DIGITS) if c.isdigit())
            want = f"{digits}." if digits else "阿拉伯数字加下脚点（如「1.」）"
            yield ctx.finding(line, f"附件顺序号「{number}」应写作「{want}」")


@rule(
    "imprint.cc-punct",
    "warning",
    "版记的抄送机关最后一个名称后标句号",
    basis=Basis(
        GBT9704, "7.4.2", "应", "抄送机关间用顿号或逗号隔开，回行时与冒号后的首字对齐，最后一个抄送机关名称后标句号"
    ),
)
def imprint_cc_punct(doc, ctx):
    """版记中「抄送：」之后列抄送机关，机关之间用顿号或逗号，最后一个名称后标句号（与主送机关后标冒号不同）。

    通过：抄送：县人大常委会办公室，县政协办公室。
    不通过：抄送：县人大常委会办公室，县政协办公室
    """
    for part in doc.all_documents():
        imprint = part.imprint
        if imprint and imprint.cc_text and not imprint.cc_text.rstrip().endswith("。"):
            yield ctx.finding(imprint.cc_line, "抄送机关最后一个名称后应标句号「。」")


@rule(
    "imprint.date-format",
    "warning",
    "印发日期用阿拉伯数字写全年月日，月、日不编虚位",
    basis=Basis(GBT9704, "7.4.3", "应", "印发日期以公文付印的日期为准，用阿拉伯数字标识"),
)
def imprint_date_format(doc, ctx):
    """版记的印发日期和成文日期一样写：「2025年5月6日印发」，月、日不补0（「05月06日」）。

    通过：示例县司法局办公室　　2025年5月6日印发
    不通过：示例县司法局办公室　　2025年05月06日印发
    """
    for part in doc.all_documents():
        imprint = part.imprint
        if imprint and imprint.print_text and dates.ZERO_PADDED.search(imprint.print_text):
            yield ctx.finding(imprint.print_line, "印发日期的月、日编了虚位（前面补0），应写作「2025年5月6日」这样")
