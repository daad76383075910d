"""The reviewer: mechanical fixes of a draft in its own file, and a review copy with comments.

    fixed, fixes = fix_bytes(data, doc, "draft.docx")          # .docx or .txt, fixes listed
    reviewed, fixes = review_bytes(data, doc, result, "d.docx") # comments + tracked changes

Modules: textfix (the pure-text fixer, rules in data/fixes.yaml), plan (roles of lines, the
edits of each paragraph), txt (.txt in place), docx (w:t nodes in place, tracked changes and
comments; raw XML in ooxml.paragraphs and ooxml.revisions), package (the zip read and written
back, untouched parts copied through), sanitize (what a review copy may carry over).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.errors import FazhiError, Problem
from generator.tree import Document
from .plan import Fix

AUTHOR = "fazhi"
_SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}

__all__ = ["fix_bytes", "review_bytes", "Fix", "AUTHOR", "review_date"]


def review_date() -> str:
    """Now (UTC, to the second) for w:date; SOURCE_DATE_EPOCH fixes it for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        if epoch and epoch.isdigit()
        else dt.datetime.now(dt.timezone.utc)
    )
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def check_editable(name: str, review: bool = False) -> None:
    """FazhiError unless `--fix` (a .docx or .txt) or `--review` (a .docx) can edit this draft."""
    suffix = Path(name).suffix.lower()
    if review and suffix != ".docx":
        raise FazhiError(Problem("--review 只适用于 .docx 草稿（.txt 请用 --fix）", name))
    if suffix not in (".docx", ".txt", ".text"):
        raise FazhiError(Problem("--fix 只适用于 .docx 和 .txt 草稿（YAML 数据文件请直接修改）", name))


def fix_bytes(data: bytes, doc: Document, name: str, enabled=None) -> tuple[bytes, list[Fix]]:
    """The draft's bytes with the mechanical fixes applied, and the fixes (of `enabled` rules only)."""
    check_editable(name)
    if Path(name).suffix.lower() == ".docx":
        from .docx import edit_docx

        return edit_docx(data, doc, name, enabled=enabled)
    from .txt import fix_txt

    return fix_txt(data, doc, name, enabled)


def review_bytes(
    data: bytes, doc: Document, result, name: str, author: str = AUTHOR, enabled=None
) -> tuple[bytes, list[Fix]]:
    """A review copy: every finding a comment, every fix a tracked change (author, date)."""
    check_editable(name, review=True)
    from .docx import Review, edit_docx

    review = Review(author, review_date())
    return edit_docx(data, doc, name, review, lambda fixes: comments_for(result, doc, fixes), enabled)


def comments_for(result, doc: Document, fixes: list[Fix]) -> list[tuple[int, str, tuple[int, int] | None]]:
    """(line, comment text, the fix it wraps as (line, index among that line's fixes) or None) per finding.

    A finding a fix removes is anchored on that fix's tracked change; others on their paragraph;
    findings about the whole file where their fix belongs (whole_document_anchor); a missing part
    where it should be inserted.
    """
    from generator.checks.registry import RULES

    index: dict[tuple[str, int], tuple[int, int]] = {}
    counts: dict[int, int] = {}
    for fix in fixes:
        n = counts.get(fix.line, 0)
        counts[fix.line] = n + 1
        index.setdefault((fix.rule, fix.line), (fix.line, n))
    title = next((d.title_line for d in doc.all_documents() if d.title_line), 0)
    last = max((b.line for d in doc.all_documents() for b in d.blocks if getattr(b, "line", 0)), default=0)
    out = []
    for finding in result.findings:
        line = finding.line or whole_document_anchor(finding, doc, title, last) or 1
        text = f"【{_SEVERITY_CN[finding.severity]}】{finding.message}"
        if finding.line is None:
            text += "（针对全文）"
        elif finding.rule == "parts.missing":
            text += "：应补写在本段之后" if finding.line >= last else "：应补写在本段之前"
        rule = RULES.get(finding.rule)
        text += f"\n{finding.rule}；依据：{rule.basis if rule else '—'}"
        out.append((line, text, index.get((finding.rule, finding.line)) if finding.line else None))
    return out


# Where a finding about the whole file is fixed: page setup and page numbers in the section that
# ends the document, the title's font on the title, the body's on the first body paragraph, a
# heading level's on its first heading, whole-text punctuation on the first paragraph holding it.
_AT_END = ("layout.page", "layout.margins", "layout.page-number")
_LEVELS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def whole_document_anchor(finding, doc: Document, title: int, last: int) -> int:
    """The line a comment about the whole file is anchored on (0: none found)."""
    from generator.tree import Heading, Paragraph

    blocks = [b for d in doc.all_documents() for b in d.blocks if getattr(b, "line", 0)]
    if finding.rule in _AT_END:
        return last
    if finding.rule.startswith("layout.title") or (
        "标题" in finding.message and "级标题" not in finding.message and finding.rule.startswith("layout.")
    ):
        return title
    level = next((n for c, n in _LEVELS.items() if f"{c}级标题" in finding.message), 0)
    if level:
        return next((b.line for b in blocks if isinstance(b, Heading) and b.level == level), title)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    if finding.rule.startswith("layout."):
        return paragraphs[0].line if paragraphs else title
    marks = ",:;()" if finding.rule.startswith("punct.") else "()"
    texts = [b for b in blocks if isinstance(b, (Paragraph, Heading))]
    holding = (b for b in texts if any(m in _text_of(b) for m in marks))
    return next((b.line for b in holding), paragraphs[0].line if paragraphs else title)


def _text_of(block) -> str:
    return f"{getattr(block, 'title', '') or ''}{getattr(block, 'text', '') or ''}{getattr(block, 'body', '') or ''}"
