"""Peer-style .docx drafts: the heading fonts, indents and alignment by level (GB/T 9704 7.3.3) and
the body read as Word shows it (fonts set run by run over Word's 11 pt defaults), as the open 公文
checkers test them."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from generator.api.check import check_files

LINES = [
    ("title", "示例县司法局关于2024年度法治政府建设情况的报告"),
    ("recipients", "示例县人民政府："),
    ("body", "2024年，我局扎实推进法治政府建设。现将有关情况报告如下："),
    (1, "一、主要举措和成效"),
    (2, "（一）深化行政执法改革"),
    ("body", "全面推行行政执法三项制度。"),
    (1, "二、存在的不足和原因"),
    ("body", "执法人员素质参差不齐。"),
    (1, "三、下一步工作安排"),
    ("body", "2025年，我局将继续深化改革。"),
    ("signature", "示例县司法局"),
    ("date", "2025年1月6日"),
]
FACES = {"title": "方正小标宋简体", 1: "黑体", 2: "楷体_GB2312"}


def _draft(path: Path, faces: dict | None = None, align: dict | None = None, indent: dict | None = None) -> Path:
    """Fonts and sizes on every run, Normal left at Word's defaults; per-level overrides."""
    faces = {**FACES, **(faces or {})}
    document = docx.Document()
    for role, text in LINES:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(22 if role == "title" else 16)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), faces.get(role, "仿宋_GB2312"))
        fmt = paragraph.paragraph_format
        if role == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif role in ("body", 1, 2):
            fmt.first_line_indent = Pt(32 * (indent or {}).get(role, 1))
            if role in (align or {}):
                paragraph.alignment = align[role]
    document.save(path)
    return path


def _found(path: Path) -> set[tuple[str, str]]:
    results, unreadable = check_files([path], profile="format")
    assert not unreadable
    return {(f.rule, f.message) for f in results[0][1].findings}


def test_run_formatted_draft_is_clean(tmp_path):
    """Every run 仿宋_GB2312 16 pt over Word's 宋体/11 pt defaults: no body font or size finding, and the
    headings' 黑体 and 楷体 are what Word shows."""
    rules = {rule for rule, _ in _found(_draft(tmp_path / "clean.docx"))}
    assert not rules & {
        "layout.body-size",
        "layout.body-font",
        "layout.heading-font",
        "layout.heading-indent",
        "layout.heading-align",
        "layout.title-size",
    }, rules


def test_heading_font_by_level(tmp_path):
    found = _found(_draft(tmp_path / "font.docx", faces={1: "宋体", 2: "黑体"}))
    messages = [m for rule, m in found if rule == "layout.heading-font"]
    assert any("一级" in m and "黑体" in m for m in messages), found
    assert any("二级" in m and "楷体" in m for m in messages), found


def test_heading_alignment_and_indent(tmp_path):
    found = _found(_draft(tmp_path / "align.docx", align={2: WD_ALIGN_PARAGRAPH.CENTER}, indent={1: 0}))
    assert any(rule == "layout.heading-align" and "二级" in m and "居中" in m for rule, m in found), found
    assert any(rule == "layout.heading-indent" and "一级" in m and "0字" in m for rule, m in found), found
