"""What the reader had to reconstruct: said once, so a clerk knows to look at the source."""

from __future__ import annotations

from ..registry import Basis, rule


@rule("draft.paragraphs-rebuilt", "info", "原文的段落分隔丢失时，按句末的标题序号重新分段并提示一次", basis=Basis())
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
        yield ctx.finding(
            lines[0],
            f"原文的段落分隔丢失（第{lines[0]}行{more}），已在句末的标题序号处重新分段，请对照原文核对标题层次",
        )


@rule(
    "draft.control-chars",
    "warning",
    "草稿中 Word 文件不能容纳的控制字符：换行符、分页符换成空格，其余删除，并指出所在行",
    basis=Basis(),
)
def draft_control_chars(doc, ctx):
    """从 Word 复制出来的文字常带有手动换行符（U+000B）、分页符（U+000C），网页文字偶尔带有
    其他控制字符（U+0001、ESC 等）。Word 文件（XML）不能容纳这些字符，有一个就整份打不开。读取时
    换行符、分页符换成空格，其余删除；这里指出所在的行，请对照原文核对。

    通过：每段文字只有普通字符
    不通过：一、主要举措和成效（「成效」后面带有 U+000B 手动换行符）
    """
    from generator.read.sanitize import warning

    lines = (doc.facts or {}).get("control_chars") or []
    if lines:
        yield ctx.finding(lines[0][0], warning(lines))
