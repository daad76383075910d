"""Every corpus document in every form a clerk hands in, built from the labels (never from the reader).

    web       the page text as found (.txt)
    runon     the whole page on one line: chrome, title, headings and body run together (.txt)
    autonum   Word automatic numbering: numPr + abstractNum 「%1、」「（%2）」「%3.」, typed numbers removed
    runfonts  fonts set run by run (仿宋_GB2312 16 pt, headings 黑体/楷体), docDefaults Word's 11 pt
    tracked   tracked insertions and deletions and comments in headings and body
    boxed     level-1 headings in one-cell tables, level-2 headings in text boxes

`python -m tests.corpus.forms OUTDIR` writes them all to look at in Word or LibreOffice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import ooxml
from .labels import Doc, Para, corpus

FORMS = ("web", "runon", "autonum", "runfonts", "tracked", "boxed")
SUFFIX = {"web": ".txt", "runon": ".txt"}
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT, 4: BODY_FONT}
JC = {"title": "center", "docnum": "center", "closing": "right"}
RUNON_TAIL = " 【打印本页】【关闭窗口】 分享到：微信 微博 QQ空间 扫一扫在手机打开当前页"
# Comment texts that look like document text: a reader must not take them for headings.
COMMENTS = ["三、建议补充党政主要负责人履行推进法治建设第一责任人职责情况", "数据请核实"]
DELETED_HEADING = "二、存在的不足和原因"
CN_NUMERALS = "一二三四五六七八九"


def web(doc: Doc) -> bytes:
    """The page text exactly as found."""
    return doc.text.encode("utf-8")


def runon(doc: Doc) -> bytes:
    """One line: a breadcrumb and date, the page's chrome, then every paragraph run together."""
    year = int(doc.label["year"])
    published = f"{year + 1}-02-28" if doc.kind != "work-plan" else f"{year}-03-15"
    head = f"当前位置：首页 > 政务公开 > 法治政府建设 发布时间：{published} 来源：本网 【字体：大 中 小】 "
    chrome = " ".join(p.text for p in doc.paras if p.role == "chrome")
    body = "".join(p.text for p in doc.body)
    return (head + (chrome + " " if chrome else "") + body + RUNON_TAIL + "\n").encode("utf-8")


def _runs(para: Para, numbered: bool, sized: bool, number: bool = True) -> list[tuple[str, str, bool]]:
    """(text, font, bold) pieces of a paragraph: number, heading, rest for headings."""
    if para.role == "title":
        return [(para.text, TITLE_FONT, False)]
    if para.role != "heading":
        return [(para.text, BODY_FONT if sized else "", False)]
    font, bold = HEADING_FONT[para.level], para.level == 3
    pieces = [(para.number, font, bold)] if number and not numbered else []
    pieces.append((para.heading, font, bold))
    rest = para.unnumbered[len(para.heading) :]
    if rest:
        pieces.append((rest, BODY_FONT if sized else "", False))
    return pieces


def _paragraph(para: Para, sized: bool = False, numbered: bool = False) -> str:
    """A paragraph of the document in Word: title centred, headings in their fonts."""
    size = (44 if para.role == "title" else 32) if sized else 0
    runs = "".join(
        ooxml.run(text, font, size, bold, hint=sized) for text, font, bold in _runs(para, numbered, sized) if text
    )
    num = (para.level - 1, 1) if numbered and para.role == "heading" else None
    return ooxml.para(runs, jc=JC.get(para.role, ""), indent=para.role not in ("recipients",), num=num)


def _value(number: str) -> int | None:
    """A typed heading number's value: 「3.」 → 3, 「(二)」 → 2 (one numeral is all the corpus needs)."""
    digits = "".join(c for c in number if c.isdigit())
    numerals = [CN_NUMERALS.index(c) + 1 for c in number if c in CN_NUMERALS]
    return int(digits) if digits else numerals[0] if len(numerals) == 1 else None


def continuing(doc: Doc) -> frozenset[int]:
    """List levels (ilvl) whose typed numbers go on across a higher heading, as 静海区's 1. 2. (二) 3."""
    out, last, reset = set(), {}, set()
    for para in (p for p in doc.paras if p.role == "heading"):
        value = _value(para.number)
        if para.level in reset and value is not None and last.get(para.level) == value - 1:
            out.add(para.level - 1)
        reset = {level for level in reset if level < para.level} | {level for level in last if level > para.level}
        last[para.level] = value
    return frozenset(out)


def autonum(doc: Doc) -> bytes:
    """Headings numbered by Word's list: the typed numbers are gone from the text."""
    body = "".join(_paragraph(p, numbered=True) for p in doc.body)
    return ooxml.package(body, numbering=True, continuing=continuing(doc))


def runfonts(doc: Doc) -> bytes:
    """Every run carries its font and size; the styles say nothing (Word's 11 pt default)."""
    body = "".join(_paragraph(p, sized=True) for p in doc.body)
    return ooxml.package(body, defaults=ooxml.WORD_DEFAULTS)


class _Ids:
    """Revision ids in document order."""

    def __init__(self):
        self.value = 100

    def __call__(self) -> int:
        self.value += 1
        return self.value


def _tracked_heading(para: Para, ids: _Ids, comment: int | None) -> str:
    font = HEADING_FONT[para.level]
    stay, added = para.heading[:-2], para.heading[-2:]
    runs = ooxml.run(para.number, font) + ooxml.run(stay, font) + ooxml.ins(ooxml.run(added, font), ids())
    runs += ooxml.deleted("（初稿）", ids(), font)
    rest = para.unnumbered[len(para.heading) :]
    runs += ooxml.run(rest) if rest else ""
    if comment is not None:
        runs = (
            f'<w:commentRangeStart w:id="{comment}"/>{runs}<w:commentRangeEnd w:id="{comment}"/>'
            f'<w:r><w:commentReference w:id="{comment}"/></w:r>'
        )
    return ooxml.para(runs)


def _tracked_body(para: Para, ids: _Ids, index: int, comment: int | None) -> str:
    if para.role == "title" or index % 2 == 0 or len(para.text) < 4 or comment is not None:
        runs = "".join(ooxml.run(text, font) for text, font, _ in _runs(para, False, False))
    else:
        half = len(para.text) // 2
        runs = (
            ooxml.run(para.text[:half])
            + ooxml.deleted("原表述删去。", ids())
            + ooxml.ins(ooxml.run(para.text[half:]), ids())
        )
    if comment is not None:
        runs = (
            f'<w:commentRangeStart w:id="{comment}"/>{runs}<w:commentRangeEnd w:id="{comment}"/>'
            f'<w:r><w:commentReference w:id="{comment}"/></w:r>'
        )
    return ooxml.para(runs, jc=JC.get(para.role, ""), indent=para.role != "recipients")


def tracked(doc: Doc) -> bytes:
    """Revisions and comments: what counts is the text with insertions and without deletions."""
    ids, out, comments = _Ids(), [], []
    deleted_first = False
    for index, para in enumerate(doc.body):
        if para.role == "heading":
            if not deleted_first:  # a whole paragraph deleted, mark included: it runs into the heading
                out.append(ooxml.para(ooxml.deleted(DELETED_HEADING, ids()), mark_deleted=ids()))
                deleted_first = True
            comment = 0 if not comments else None
            if comment is not None:
                comments.append(COMMENTS[0])
            out.append(_tracked_heading(para, ids, comment))
        else:
            comment = None
            if para.role == "body" and len(comments) == 1:
                comment = 1
                comments.append(COMMENTS[1])
            out.append(_tracked_body(para, ids, index, comment))
    return ooxml.package("".join(out), comments=comments or None)


def boxed(doc: Doc) -> bytes:
    """Level-1 headings in one-cell tables, level-2 headings in text boxes."""
    out, shapes = [], 0
    for para in doc.body:
        xml = _paragraph(para)
        if para.role == "heading" and para.level == 1:
            xml = ooxml.box_table(xml)
        elif para.role == "heading" and para.level == 2:
            shapes += 1
            xml = ooxml.text_box(xml, shapes)
        out.append(xml)
    return ooxml.package("".join(out))


BUILDERS = {"web": web, "runon": runon, "autonum": autonum, "runfonts": runfonts, "tracked": tracked, "boxed": boxed}


def build(doc: Doc, form: str, folder: Path) -> Path:
    """Write one document in one form: folder/<id>.<form>.txt|.docx."""
    path = folder / f"{doc.id}.{form}{SUFFIX.get(form, '.docx')}"
    path.write_bytes(BUILDERS[form](doc))
    return path


def main(argv: list[str]) -> int:
    """Write every form of every document to the folder given."""
    folder = Path(argv[0] if argv else "corpus-forms")
    folder.mkdir(parents=True, exist_ok=True)
    for doc in corpus():
        for form in FORMS:
            print(build(doc, form, folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
