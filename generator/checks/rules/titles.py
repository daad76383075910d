"""Title lines of a .docx: broken between words, no line ending in 的 (GB/T 9704 7.3.1)."""

from __future__ import annotations

from generator.write.titles import bad_breaks
from ..registry import Basis, GBT9704, rule


@rule(
    "layout.title-break",
    "warning",
    "标题回行要词意完整：不在词语中间回行，行末不留「的」「和」「关于」",
    basis=Basis(GBT9704, "7.3.1", "应", "回行时，要做到词意完整，排列对称，长短适宜，间距恰当"),
)
def layout_title_break(doc, ctx):
    """GB/T 9704-2012 7.3.1：标题回行时要做到词意完整。.docx 中标题分行处（换行符或分段）落在词语中间，
    或某行以「的」「和」「与」「关于」结尾、以「的」开头时报告（词表见 generator/data/title-words.yaml）。
    Word 自动折行的位置读不到，只检查草稿中明确的分行。

    通过：「关于牡丹江市2022年度」／「法治政府建设工作情况的报告」
    不通过：「关于2022年度法治政府建设工作情」／「况的报告」
    """
    if doc.source != "docx":
        return
    for part in doc.all_documents():
        lines = [line for line in part.title.split("\n") if line]
        for _, reason in bad_breaks(lines):
            yield ctx.finding(part.title_line, f"标题{reason}，应在词与词之间回行（7.3.1）")
