"""What the model holds for real reports: numbered sentences, extra parts, no 主送/署名/日期,
numbered heading titles refused; and drafts that use them imported and rendered back."""

from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from generator.api import render_bytes
from generator.errors import SpecError
from generator.importer import import_document
from generator.importer.compare import paragraphs
from generator.read import read_docx_bytes, read_text
from generator.render.build import build_tree
from generator.spec.loading import load_yaml_text
from generator.spec.validate import validate
from generator.write.text import to_text

BASE = """kind: annual-report
jurisdiction: {name: 示例县, level: county}
year: 2025
recipients: [[示例市人民政府]]
measures: {sections: [{title: 依法全面履行政府职能, text: 深化改革。}]}
shortcomings: {text: 主要表现在：}
next_year: {text: 2026年继续推进。}
issuers: [示例县人民政府]
date: 2026-02-10
"""


def spec(text: str = BASE, **replace):
    for old, new in replace.items():
        text = text.replace(old.replace("_", " "), new)
    return validate(load_yaml_text(text, "spec.yaml"))


def lines(s) -> list[str]:
    return [line for line in to_text(build_tree(s)).splitlines() if line]


def test_numbered_sentences_are_numbered_body_paragraphs():
    s = spec(
        BASE.replace(
            "shortcomings: {text: 主要表现在：}",
            "shortcomings:\n  text: 主要表现在：\n  numbered: [干部法律素养的提升不足，培训不够, 执法规范化水平不高。]"
            "\n  causes: 究其原因，主要是力量不足。",
        )
    )
    out = lines(s)
    start = out.index("主要表现在：")
    assert out[start : start + 4] == [
        "主要表现在：",
        "（一）干部法律素养的提升不足，培训不够。",
        "（二）执法规范化水平不高。",
        "究其原因，主要是力量不足。",
    ]
    tree = build_tree(s)
    assert not any(h.title.startswith("干部") for h in tree.headings())  # paragraphs, not headings


def test_numbered_and_sections_together_is_an_error():
    text = BASE.replace(
        "measures: {sections: [{title: 依法全面履行政府职能, text: 深化改革。}]}",
        "measures:\n  numbered: [一句话]\n  sections: [{title: 依法全面履行政府职能}]",
    )
    with pytest.raises(SpecError) as exc:
        spec(text)
    assert "numbered" in str(exc.value) and "spec.yaml:5:" in str(exc.value)


@pytest.mark.parametrize("title", ["（一）依法全面履行政府职能", "1.依法全面履行政府职能", "一、依法全面履行政府职能"])
def test_heading_title_with_a_number_is_a_located_error(title):
    with pytest.raises(SpecError) as exc:
        spec(BASE.replace("title: 依法全面履行政府职能", f"title: {title}"))
    message = str(exc.value)
    assert "spec.yaml:5:" in message and "序号" in message and "measures.sections[0].title" in message


def test_without_recipients_issuers_and_date():
    text = "\n".join(line for line in BASE.splitlines() if not line.startswith(("recipients", "issuers", "date")))
    s = spec(text + "\n")
    tree = build_tree(s)
    assert tree.recipients == "" and tree.signatures == [] and tree.date is None
    assert lines(s)[-1] == "2026年继续推进。"


def test_title_with_its_own_line_breaks():
    s = spec(BASE + "title: |-\n  示例县人民政府\n  关于2025年度法治政府建设情况的报告\n")
    assert lines(s)[:2] == ["示例县人民政府", "关于2025年度法治政府建设情况的报告"]


def test_extra_parts_stand_after_the_part_they_name():
    s = spec(
        BASE + "extra_parts:\n  - {heading: 学习贯彻党的二十大精神情况, after: measures, text: 深入学习。}\n"
        "  - {heading: 附：有关数据, text: 见下。}\n"
    )
    headings = [h.title for h in build_tree(s).headings() if h.level == 1]
    assert headings == [
        "2025年推进法治政府建设的主要举措和成效",
        "学习贯彻党的二十大精神情况",
        "2025年推进法治政府建设存在的不足和原因",
        "2026年推进法治政府建设的主要安排",
        "附：有关数据",
    ]


# ---------------------------------------------------------------- drafts using them

NUMBERED_DRAFT = """示例县人民政府关于2025年度法治政府建设情况的报告

一、主要举措和成效
（一）依法全面履行政府职能。深化改革，优化服务。
二、存在的不足
主要表现在：
（一）街道部门干部法律素养的提升不足，学法用法还不够经常。
（二）执法规范化水平不高，案卷质量参差不齐。
（三）法治宣传的针对性不强。
三、下一步工作安排
2026年，我县将继续推进法治政府建设。

示例县人民政府
2026年2月10日
"""


def test_numbered_list_imports_as_numbered_and_renders_back():
    doc = read_text(NUMBERED_DRAFT, "draft.txt")
    result = import_document(doc, name="draft.txt")
    assert not result.problems
    part = result.data["shortcomings"]
    assert part["numbered"] == [
        "街道部门干部法律素养的提升不足，学法用法还不够经常",
        "执法规范化水平不高，案卷质量参差不齐",
        "法治宣传的针对性不强",
    ]
    assert "sections" not in part
    assert result.agreement.complete, result.agreement.differences
    assert "recipients" not in result.data  # a web text without 主送 stays without one
    again = import_document(read_docx_bytes(render_bytes(result.spec), "again.docx"))
    assert again.data["shortcomings"]["numbered"] == part["numbered"]  # fazhi's own .docx reads back the same
    assert "leadership" not in result.data  # part 3 missing: not invented


def test_missing_required_part_gets_the_statutory_heading_and_says_so():
    draft = NUMBERED_DRAFT.replace("三、下一步工作安排\n2026年，我县将继续推进法治政府建设。\n", "")
    result = import_document(read_text(draft, "draft.txt"))
    assert result.data["next_year"] == {}
    assert any("第四部分" in g and "请补写" in g for g in result.guesses)


def test_extra_top_level_heading_is_kept_in_place():
    draft = NUMBERED_DRAFT.replace(
        "二、存在的不足", "二、学习贯彻党的二十大精神情况\n深入学习。\n三、存在的不足"
    ).replace("三、下一步", "四、下一步")
    result = import_document(read_text(draft, "draft.txt"))
    assert result.data["extra_parts"] == [
        {"heading": "学习贯彻党的二十大精神情况", "text": ["深入学习。"], "after": "measures"}
    ]
    assert result.agreement.complete, result.agreement.differences


def _auto_numbered_docx() -> bytes:
    """A Word draft whose headings use automatic numbering (numPr), no typed numbers."""
    word = WordDocument()
    word.add_paragraph("示例县人民政府关于2025年度法治政府建设情况的报告", style="Title")
    word.add_paragraph("示例市人民政府：")
    word.add_paragraph("2025年，我县扎实推进法治政府建设。现将有关情况报告如下：")
    for level, text in [
        (1, "主要举措和成效"),
        (2, "依法全面履行政府职能"),
        (0, "深化“放管服”改革，压缩办事时限。"),
        (2, "严格规范公正文明执法"),
        (0, "落实行政执法“三项制度”。"),
        (1, "存在的不足和原因"),
        (0, "基层执法力量不足。"),
        (1, "下一年度的主要安排"),
        (0, "继续推进示范创建。"),
    ]:
        if not level:
            word.add_paragraph(text)
            continue
        paragraph = word.add_paragraph(text, style=f"Heading {level}")
        num = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", str(level - 1)), ("w:numId", "1")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            num.append(element)
        paragraph._p.get_or_add_pPr().append(num)
    word.add_paragraph("示例县人民政府")
    word.add_paragraph("2026年2月10日")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_word_automatic_numbering_draft():
    doc = read_docx_bytes(_auto_numbered_docx(), "auto.docx")
    result = import_document(doc, name="auto.docx")
    assert not result.problems
    data = result.data
    assert [s["title"] for s in data["measures"]["sections"]] == ["依法全面履行政府职能", "严格规范公正文明执法"]
    assert data["shortcomings"]["heading"] == "存在的不足和原因"
    rendered = paragraphs(build_tree(result.spec))
    assert "一、主要举措和成效" in rendered and "（二）严格规范公正文明执法" in rendered
    assert result.agreement.complete, result.agreement.differences


def test_an_attachment_of_a_report_is_reported_not_silently_dropped():
    draft = NUMBERED_DRAFT + "\n附件\n2025年度法治政府建设主要数据\n行政复议案件126件。\n"
    result = import_document(read_text(draft, "draft.txt"))
    assert any("附件" in g and "没有导入" in g for g in result.guesses), result.guesses
