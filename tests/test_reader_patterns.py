"""Drafts from other jurisdictions: the patterns that tripped the reader and the checks (issue 11).

Each pattern has a made-up draft that shows it, as .txt and as .docx where it applies; the
.docx files are written as raw XML here (rawdocx) so every markup variant is exact.
"""
from __future__ import annotations

from rawdocx import docx, p, r, style, styles_xml

from generator.checks import check_document
from generator.read import read_docx_bytes
from generator.tree import Heading

HEAD = "关于2023年度法治政府建设情况的报告"


def headings(doc):
    return [(h.level, h.number, h.title) for d in doc.all_documents() for h in d.headings()]


def findings(doc, rule: str):
    return [f for f in check_document(doc).findings if f.rule == rule]


# ---------------------------------------------------------------- reader bugs found during the split

def test_heading_style_found_with_another_namespace_prefix_and_not_lost_for_the_next_draft():
    """styles.xml with prefix ns0: the first lookup of a non-fazhi style gets its hint, and so
    does every later draft made from the same template (the hint is cached per styles.xml)."""
    styles = styles_xml(style("MyTitle1", "heading 1", w="ns0"), style("Part", "Body Part", outline=0, w="ns0"),
                        w="ns0")
    body = (p(HEAD, w="ns0") + p("市人民政府：", w="ns0") + p("主要举措和成效", style="MyTitle1", w="ns0")
            + p("全面推行告知承诺制。", w="ns0") + p("存在的不足", style="Part", w="ns0") + p("法治意识不牢。", w="ns0"))
    for _ in range(2):
        doc = read_docx_bytes(docx(body, styles, w="ns0"))
        assert headings(doc) == [(1, "", "主要举措和成效"), (1, "", "存在的不足")]


def test_half_width_recipients_colon_in_a_docx_main_document_is_reported():
    body = p(HEAD) + p("市人民政府:") + p("2023年，我区坚持依法行政。")
    doc = read_docx_bytes(docx(body))
    assert doc.recipients == "市人民政府" and doc.facts["recipients_colon"] == ":"
    assert doc.facts["page_width"] == 11906  # the layout facts are there too
    found = findings(doc, "punct.recipients-colon")
    assert [f.line for f in found] == [2] and "半角冒号" in found[0].message
    good = read_docx_bytes(docx(p(HEAD) + p("市人民政府：") + p("2023年，我区坚持依法行政。")))
    assert findings(good, "punct.recipients-colon") == []
