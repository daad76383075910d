"""版记 (GB/T 9704 7.4) at the foot of the last page, which is an even page.

The 版记 opens a section of its own that starts on an even page (Word and LibreOffice insert a
blank page when the body ends on an even one) and whose footers are empty: neither the blank page
nor the 版记 page shows a page number (7.5). On that otherwise empty page a spacer of exact height
pushes a one-column table to the foot, its last rule on the lower edge of the text block. Rules
are cell borders, so they span the text block while the text stays one character in; a table and
a spacer survive a save in LibreOffice, which drops framed paragraphs.
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
    """The spacer, the 版记 table and the paragraph Word requires after a table."""
    width = layout.text_width
    one = layout.positions["imprint_indent"] * layout.sizes["imprint"] * 10  # one 4号 character in twips
    outer, inner = layout.rules["imprint_outer"], layout.rules["imprint_inner"]
    rows = []
    if imprint.cc:
        text = CC_LABEL + sentence(imprint.cc)
        label = round(text_width(CC_LABEL) * one)
        cell = x.para(x.runs(text, "", S.cjk(S.imprint)), S.imprint, x.ind(left=one + label, right=one, hanging=label))
        rows.append((cell, _lines(text, width, one, label), True))
    printed = x.run(imprint.printer)
    tabs = ""
    if imprint.print_date:
        stop = width - layout.positions["imprint_date_right"] * one
        printed += x.TAB + x.run(cn_date(imprint.print_date) + "印发")
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{stop}"/></w:tabs>'
    rows.append((x.para(printed, S.imprint, tabs + x.ind(left=one, right=0)), 1, False))
    pitch = layout.line_pitch
    table_rows = []
    for index, (cell, lines, _) in enumerate(rows):
        top = outer if index == 0 else 0
        bottom = outer if index == len(rows) - 1 else inner
        table_rows.append((cell, top, bottom, lines * pitch))
    height = sum(lines * pitch for _, lines, _ in rows)
    spacer = layout.text_height - height - 20 - SLACK
    return (x.para("", S.spacer, x.spacing(line=spacer, exact=True)) + x.rule_table(table_rows, width)
            + x.para("", S.spacer))


def _lines(text: str, width: int, one: int, label: int) -> int:
    """Lines the 抄送 text takes: the first from one character in, the rest after 「抄送：」."""
    first = (width - 2 * one) / one
    rest = (width - 2 * one - label) / one
    overflow = text_width(text) - (first - 0.5)
    return 1 if overflow <= 0 else 1 + math.ceil(overflow / (rest - 0.5))
