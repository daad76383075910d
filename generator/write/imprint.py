"""版记 (GB/T 9704 7.4) at the foot of the last page, which is an even page.

The 版记 opens a section of its own that starts on an even page (Word and LibreOffice insert a
blank page when the body ends on an even one) and whose footers are empty: neither the blank page
nor the 版记 page shows a page number (7.5). On that otherwise empty page a spacer of exact height
pushes the 版记 to the foot, its last rule on the lower edge of the text block. The 抄送 line is a
one-column table (cell borders span the text block while its wrapped lines stay after 「抄送：」),
the 印发 line the last paragraph; a table, a spacer and a paragraph survive a save in LibreOffice,
which drops framed paragraphs.
"""
from __future__ import annotations

import math

from generator.ooxml import xml as x
from generator.ooxml.layout import Layout
from generator.ooxml.vocab import STYLES as S
from generator.tree import Imprint, cn_date, sentence
from generator.write.titles import text_width

CC_LABEL = "抄送："
SLACK = 60  # twips left free under the table: rounding in either application must not push it over


def imprint_xml(imprint: Imprint, layout: Layout) -> str:
    """The spacer, the 抄送 rows (a table) and the 印发 line, the document's last paragraph."""
    width, pitch = layout.text_width, layout.line_pitch
    one = layout.positions["imprint_indent"] * layout.sizes["imprint"] * 10  # one 4号 character in twips
    outer, inner = layout.rules["imprint_outer"], layout.rules["imprint_inner"]
    table, height = "", 0
    if imprint.cc:
        text = CC_LABEL + sentence(imprint.cc)
        label = round(text_width(CC_LABEL) * one)
        cell = x.para(x.runs(text, "", S.cjk(S.imprint)), S.imprint, x.ind(left=one + label, right=one, hanging=label))
        height = _lines(text, width, one, label) * pitch
        table = x.rule_table([(cell, outer, inner, height)], width)
    # The 印发 line is a paragraph (Word wants one after a table anyway) whose rule spans the text
    # block: no side indents, the first-line indent and a right tab keep the text one character in.
    printed = x.run(imprint.printer)
    tabs = ""
    if imprint.print_date:
        stop = width - layout.positions["imprint_date_right"] * one
        printed += x.TAB + x.run(cn_date(imprint.print_date) + "印发")
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{stop}"/></w:tabs>'
    rules = (x.border("top", 0 if table else outer, space=0) + x.border("bottom", outer, space=0))
    last = x.para(printed, S.imprint, f"<w:pBdr>{rules}</w:pBdr>{tabs}" + x.ind(left=0, right=0, first=one)
                  + x.spacing(line=pitch, exact=True))
    spacer = layout.text_height - height - pitch - SLACK
    return x.para("", S.spacer, '<w:snapToGrid w:val="0"/>' + x.spacing(line=spacer, exact=True)) + table + last


def _lines(text: str, width: int, one: int, label: int) -> int:
    """Lines the 抄送 text takes: the first from one character in, the rest after 「抄送：」."""
    first = (width - 2 * one) / one
    rest = (width - 2 * one - label) / one
    overflow = text_width(text) - (first - 0.5)
    return 1 if overflow <= 0 else 1 + math.ceil(overflow / (rest - 0.5))
