"""The elements a 公文 is made of: 主送机关, 发文机关署名, 成文日期 (党政机关公文处理工作条例 第九条)."""

from __future__ import annotations

from generator.lexicon import lazy, statutory
from generator.tree import Document, Paragraph

from ..registry import Basis, rule

_SENTENCE_MARK = lazy(r"[。，；：！？,;:!?]")

REGULATIONS = "《党政机关公文处理工作条例》（中办发〔2012〕14号）"


@rule(
    "head.missing",
    "warning",
    "报告（工作要点则为印发通知）应有主送机关、发文机关署名和成文日期",
    basis=Basis(
        REGULATIONS, "第九条", "一般", "公文一般由……主送机关、正文、附件说明、发文机关署名、成文日期、印章……等组成"
    ),
)
def head_missing(doc, ctx):
    """公文一般由主送机关、正文、发文机关署名、成文日期等组成（《党政机关公文处理工作条例》第九条）。
    年度报告缺少主送机关（报给谁）、署名（谁报告）或成文日期时各报告一次；工作要点看其印发通知
    （没有印发通知、单独发布的工作要点不检查）。网上公开的文本常常删去了这些要素：只是警告。

    通过：标题 / 中共长沙市委、长沙市人民政府： / 正文…… / 长沙市开福区人民政府 / 2023年1月4日
    不通过：标题 / 正文……（没有主送、署名和日期，报告三处）
    """
    target = _document(doc, ctx)
    if target is None:
        return
    if not target.recipients and not any(_UNADDRESSED.search(line) for line in target.title.split("\n")):
        head = target.title_line or _first_line(target)
        yield ctx.finding(head, "没有主送机关：应在标题下写明报送或发送的机关，以全角冒号结尾")
    if not target.signatures and not _signed_without_date(target):
        yield ctx.finding(
            target.date_line or _last_line(target),
            "没有发文机关署名：应在正文之后写明报告机关（不加盖印章的，右空二字）",
        )
    if not (target.date or target.date_text):
        yield ctx.finding(_last_line(target), "没有成文日期：应在署名之下写明，如「2023年1月4日」")


# 令、公告、通告 are addressed to no one: they have no 主送 (党政机关公文处理工作条例 第八条). A 令's
# title line may be followed by its number (「第12号」), read as a second title line.
_ISSUED = lazy(statutory.ISSUED_TO_YOU)
_UNADDRESSED = lazy(r"(?:令|公告|通告)[。]?$")


def _document(doc: Document, ctx) -> Document | None:
    """The document that must carry the elements: the report, or a work plan's 印发通知."""
    if not ctx.is_a("work-plan"):
        return ctx.body
    for part in doc.all_documents():
        if "印发" in part.title.replace("\n", ""):
            return part
        if not part.title and part.recipients and any(_ISSUED.search(getattr(b, "text", "")) for b in part.blocks[:3]):
            return part  # a 印发通知 without its title line: 主送 and 「现将《…》印发给你们」
    return None


def _signed_without_date(doc: Document) -> bool:
    """Without a date the reader keeps a signature as a paragraph: a short last line without
    sentence punctuation is one."""
    last = doc.blocks[-1] if doc.blocks else None
    text = last.text if isinstance(last, Paragraph) else ""
    return bool(text) and len(text) <= 30 and not _SENTENCE_MARK.search(text)


def _first_line(doc: Document) -> int | None:
    return next((b.line for b in doc.blocks if getattr(b, "line", 0)), None)


def _last_line(doc: Document) -> int | None:
    lines = [b.line for b in doc.blocks if getattr(b, "line", 0)]
    return max(lines) if lines else None
