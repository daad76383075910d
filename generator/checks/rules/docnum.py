"""发文字号：机关代字〔2023〕4号 — six-corner brackets, no 「第」, no leading zeros."""

from __future__ import annotations


from generator.lexicon import docnum
from generator.numbering import to_int
from ..registry import Basis, GBT9704, rule

_DOCNUM = docnum.FOUND
_YEAR_IN_BRACKETS = docnum.YEAR_IN_BRACKETS


def _numbers(doc, ctx, in_body: bool) -> list:
    """(line, match, own) of every 文号: the document's own, and (optionally) those cited in the
    text; found once per document for the three docnum rules."""
    return ctx.analysis.memo(("docnum", in_body), lambda: list(_find_numbers(doc, ctx.analysis, in_body)))


def _find_numbers(doc, analysis, in_body: bool):
    for d in doc.all_documents():
        if d.doc_number:
            match = _DOCNUM.search(d.doc_number)
            if match:
                yield d.doc_number_line, match, True
    if in_body:
        for unit in analysis.units_with("号"):  # every 文号 ends in 号: a cheap first test
            if unit.where != "doc_number" and _YEAR_IN_BRACKETS.search(unit.text):
                for match in _DOCNUM.finditer(unit.text):
                    yield unit.line, match, False


def _fixed(match) -> str:
    digits = str(to_int(match.group(6)))
    return f"{match.group(1)}〔{match.group(3)}〕{digits}号"


@rule(
    "docnum.brackets",
    "warning",
    "发文字号的年份用六角括号〔〕",
    basis=Basis(GBT9704, "7.2.4", "应", "年份应标全称，用六角括号“〔〕”括入"),
    in_body=True,
)
def docnum_brackets(doc, ctx):
    """GB/T 9704-2012 7.2.4：年份、发文顺序号用阿拉伯数字标注，年份标全称，用六角括号「〔〕」括入。
    不用方括号 []、【】、圆括号 ()（）或 ﹝﹞。也检查正文中引用的文号（参数 in_body）。

    通过：牡政呈〔2023〕4号
    不通过：牡政呈[2023]4号、牡政呈【2023】4号、牡政呈(2023)4号、牡政呈﹝2023﹞4号
    """
    for line, match, own in _numbers(doc, ctx, bool(ctx.params.get("in_body", True))):
        if match.group(2) != "〔" or match.group(4) != "〕":
            what = "发文字号" if own else "引用的文号"
            yield ctx.finding(line, f"{what}「{match.group(0)}」的年份应用六角括号「〔〕」括入：「{_fixed(match)}」")


@rule(
    "docnum.di",
    "warning",
    "发文字号的序号前不加「第」",
    basis=Basis(GBT9704, "7.2.4", "应", "发文顺序号不加“第”字"),
    in_body=True,
)
def docnum_di(doc, ctx):
    """GB/T 9704-2012 7.2.4：发文顺序号不加「第」字。

    通过：茅政办发〔2024〕7号
    不通过：茅政办发〔2024〕第7号
    """
    for line, match, _own in _numbers(doc, ctx, bool(ctx.params.get("in_body", True))):
        if match.group(5):
            yield ctx.finding(line, f"「{match.group(0)}」的序号前不加「第」：「{_fixed(match)}」")


@rule(
    "docnum.leading-zero",
    "warning",
    "发文字号的序号不编虚位（不写 04、004）",
    basis=Basis(GBT9704, "7.2.4", "应", "不编虚位（即1不编为01）"),
    in_body=True,
)
def docnum_leading_zero(doc, ctx):
    """GB/T 9704-2012 7.2.4：发文顺序号不编虚位（即 1 不编为 01）。

    通过：牡政呈〔2023〕4号
    不通过：牡政呈〔2023〕04号
    """
    for line, match, _own in _numbers(doc, ctx, bool(ctx.params.get("in_body", True))):
        digits = match.group(6)
        if len(digits) > 1 and digits[0] in "0０":
            yield ctx.finding(line, f"「{match.group(0)}」的序号编了虚位，应为「{_fixed(match)}」")
