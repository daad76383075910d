"""上行文 with a 发文字号 but no 签发人 (GB/T 9704 7.2.5)."""

from __future__ import annotations


from generator.lexicon import docnum, lazy
from ..registry import Basis, GBT9704, rule

# 报告 and 请示 go up; so does a 文号 whose 机关代字 ends in 呈/请/报 (牡政呈〔2023〕4号).
_UPWARD_TITLE = lazy(r"(报告|请示)\s*$")
_UPWARD_NUMBER = lazy(rf"[呈请报]\s*{docnum.OPEN_CLASS}")


@rule(
    "docnum.signer",
    "warning",
    "上行文（报告、请示）有发文字号时要标注签发人",
    basis=Basis(GBT9704, "7.2.5", "应", "上行文应当标注签发人姓名"),
)
def docnum_signer(doc, ctx):
    """GB/T 9704-2012 7.2.5：上行文应当标注签发人，「签发人：」后标签发人姓名，与发文字号同行居右空一字。
    草稿有发文字号、是上行文（发文字号居左，或标题以「报告」「请示」结尾，或机关代字以「呈」「请」「报」
    结尾），却没有签发人时报告。

    通过：「牡政呈〔2023〕4号　　签发人：张三」
    不通过：「牡政呈〔2023〕4号」之后直接是标题「关于……的报告」
    """
    if not doc.doc_number or doc.signer:
        return
    upward = doc.upward or _UPWARD_TITLE.search(doc.title) or _UPWARD_NUMBER.search(doc.doc_number)
    if upward:
        yield ctx.finding(doc.doc_number_line, f"上行文「{doc.doc_number}」没有标注签发人（GB/T 9704 7.2.5）")
