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
    outer, inner = layout.rules["imprint_outer"], layout.rules["imprint_inner"]
    cc = _cc_cell(imprint, layout)
    table = x.rule_table([(cc[0], outer, inner, cc[1])], width) if cc else ""
    # The 印发 line is a paragraph (Word wants one after a table anyway) whose rule spans the text
    # block: no side indents, the first-line indent and a right tab keep the text one character in.
    rules = x.border("top", 0 if table else outer, space=0) + x.border("bottom", outer, space=0)
    last = _printed(imprint, layout, f"<w:pBdr>{rules}</w:pBdr>")
    spacer = layout.text_height - (cc[1] if cc else 0) - pitch - SLACK
    return x.para("", S.spacer, '<w:snapToGrid w:val="0"/>' + x.spacing(line=spacer, exact=True)) + table + last


def imprint_in_place_xml(imprint: Imprint, layout: Layout) -> str:
    """The 版记 on the page where the body ends: a text box at the foot of the text block (its
    last rule on the block's lower edge) holding the rule table, anchored in a tiny last paragraph.
    LibreOffice 7.4 imports a floating table as wide as the text block as an inline one; a text box
    it keeps where Word puts it."""
    outer, inner = layout.rules["imprint_outer"], layout.rules["imprint_inner"]
    cc = _cc_cell(imprint, layout)
    rows = [(cc[0], outer, inner, cc[1])] if cc else []
    rows.append((_printed(imprint, layout, ""), inner if cc else outer, outer, layout.line_pitch))
    height = sum(row[3] for row in rows) + SLACK
    content = x.rule_table(rows, layout.text_width) + x.para("", S.spacer, x.SPACER_PPR)
    box = x.text_box(content, layout.text_width, height, "center", "bottom", 1, "版记")
    return x.para(box, S.spacer, x.SPACER_PPR)


def _one(layout: Layout) -> int:
    return layout.positions["imprint_indent"] * layout.sizes["imprint"] * 10  # one 4号 character in twips


def _cc_cell(imprint: Imprint, layout: Layout) -> tuple[str, int] | None:
    """The 抄送 cell (wrapped lines aligned after 「抄送：」) and its height in twips."""
    if not imprint.cc:
        return None
    one = _one(layout)
    text = CC_LABEL + sentence(imprint.cc)
    label = round(text_width(CC_LABEL) * one)
    cell = x.para(x.runs(text, "", S.cjk(S.imprint)), S.imprint, x.ind(left=one + label, right=one, hanging=label))
    return cell, _lines(text, layout.text_width, one, label) * layout.line_pitch


def _printed(imprint: Imprint, layout: Layout, borders: str) -> str:
    """The 印发 line: 印发机关 one character in, 印发日期 one character from the right."""
    one = _one(layout)
    printed = x.run(imprint.printer)
    tabs = ""
    if imprint.print_date:
        stop = layout.text_width - layout.positions["imprint_date_right"] * one
        printed += x.TAB + x.run(cn_date(imprint.print_date) + "印发")
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{stop}"/></w:tabs>'
    return x.para(
        printed,
        S.imprint,
        borders + tabs + x.ind(left=0, right=0, first=one) + x.spacing(line=layout.line_pitch, exact=True),
    )


def _lines(text: str, width: int, one: int, label: int) -> int:
    """Lines the 抄送 text takes: the first from one character in, the rest after 「抄送：」."""
    first = (width - 2 * one) / one
    rest = (width - 2 * one - label) / one
    overflow = text_width(text) - (first - 0.5)
    return 1 if overflow <= 0 else 1 + math.ceil(overflow / (rest - 0.5))
