"""Issue 19.6: Word's automatic numbering (numPr → numbering.xml) read as the labels Word shows."""

from __future__ import annotations

import pytest

from generator.read import read_docx_bytes
from generator.read.docx_numbering import format_number
from generator.tree import Heading, Paragraph
from rawdocx import W_NS, docx, p, style, styles_xml

_NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
    "</w:numbering>"
)


def numbered(text: str, num: int, level: int) -> str:
    return p(text, ppr=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')


def read(body: str, styles: str | None = None):
    return read_docx_bytes(docx(body, styles, parts={"word/numbering.xml": _NUMBERING}), "auto.docx")


def texts(doc) -> list[str]:
    out = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"H{block.level}:{block.number}{block.title}" + (f"。{block.body}" if block.body else ""))
        elif isinstance(block, Paragraph):
            out.append(block.text)
    return out


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (1, "chineseCounting", "一"),
        (12, "chineseCounting", "十二"),
        (3, "chineseCountingThousand", "三"),
        (2, "decimal", "2"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (4, "chineseLegalSimplified", "肆"),
        (10, "ideographDigital", "一〇"),
        (3, "decimalFullWidth", "３"),
        (4, "lowerRoman", "iv"),
        (2, "upperLetter", "B"),
    ],
)
def test_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_auto_numbered_headings_read_as_typed():
    body = (
        p("关于2023年度法治政府建设情况的报告")
        + numbered("主要举措和成效", 1, 0)
        + numbered("依法全面履行政府职能", 1, 1)
        + numbered("深化放管服改革。全年新增事项50项。", 1, 2)
        + numbered("优化营商环境。出台措施10条。", 1, 2)
        + numbered("健全依法决策机制", 1, 1)
        + numbered("落实重大行政决策程序。全年审核决策5件。", 1, 2)
        + numbered("存在的不足和原因", 1, 0)
        + p("一是法治意识不强。")
        + numbered("下一年度工作安排", 1, 0)
        + numbered("继续深化改革", 2, 1)
        + p("我们将继续努力。")
    )
    doc = read(body)
    assert texts(doc) == [
        "H1:一、主要举措和成效",
        "H2:（一）依法全面履行政府职能",
        "H3:1.深化放管服改革。全年新增事项50项。",
        "H3:2.优化营商环境。出台措施10条。",
        "H2:（二）健全依法决策机制",
        "H3:1.落实重大行政决策程序。全年审核决策5件。",
        "H1:二、存在的不足和原因",
        "一是法治意识不强。",
        "H1:三、下一年度工作安排",
        # numId 2 shares list 0 (the level-1 counter goes on) and restarts level 2 at 1
        "H2:（一）继续深化改革",
        "我们将继续努力。",
    ]


def test_every_paragraph_kept_and_bullets_unlabelled():
    body = (
        p("标题")
        + numbered("全年工作有序推进。", 3, 0)
        + numbered("", 1, 0)
        + numbered("第二项", 1, 0)
        + p("正文", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>')
    )
    doc = read(body)
    # the empty numbered paragraph is counted, as Word shows 「一、」 on it
    assert texts(doc) == ["全年工作有序推进。", "H1:二、第二项", "正文"]


def test_style_linked_numbering():
    numbered_style = (
        '<w:style w:type="paragraph" w:styleId="L1"><w:name w:val="List Number"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    styles = styles_xml(numbered_style, style("Plain", "plain"))
    doc = read(p("标题") + p("主要举措和成效", style="L1") + p("正文。") + p("存在的不足", style="L1"), styles)
    assert texts(doc) == ["H1:一、主要举措和成效", "正文。", "H1:二、存在的不足"]


def test_lxml_path_reads_numbering_too():
    """A text box sends the body through lxml: the labels are the same."""
    box = (
        "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        + p("框中文字")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    doc = read(p("标题") + numbered("主要举措和成效", 1, 0) + box + numbered("依法行政", 1, 1))
    assert "H1:一、主要举措和成效" in texts(doc)
    assert "H2:（一）依法行政" in texts(doc)
