"""What the reader had to reconstruct: said once, so a clerk knows to look at the source."""
from __future__ import annotations

from ..registry import Basis, rule


@rule("draft.paragraphs-rebuilt", "info", "原文的段落分隔丢失时，按句末的标题序号重新分段并提示一次",
      basis=Basis())
def draft_paragraphs_rebuilt(doc, ctx):
    """网页复制的文本有时整篇正文只有一行，或标题紧接在上一句的「。」之后
    （「…取得实效。二、存在的问题和不足（一）…」）。读取时在句末出现、且接得上前面编号的标题序号处
    重新分段，这里提示一次：分段是推断的，请对照原文核对标题层次。

    通过：每个标题各占一行
    不通过：……取得实效。二、存在的问题和不足（一）思想认识还不到位。……（都在同一行）
    """
    lines = (doc.facts or {}).get("paragraphs_rebuilt") or []
    if lines:
        more = f"等{len(lines)}行" if len(lines) > 1 else ""
        yield ctx.finding(lines[0], f"原文的段落分隔丢失（第{lines[0]}行{more}），已在句末的标题序号处重新分段，"
                                    "请对照原文核对标题层次")
