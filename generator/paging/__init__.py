"""The line model: where every line of a document falls on LibreOffice's pages.

`paginate(doc, layout)` takes the document tree the .docx writer gets and returns its pages, each
with its lines (text, font role, size, position, per-character advances) and rules (版头, 版记,
table borders) in millimetres. The .docx writer asks it where the body ends (the 版记), how many
lines the last paragraphs take (keep with the 署名) and how wide the 署名 and date are; the OFD
writer draws its pages. Contract: /work/notes/paging-contract.md and README.md (The line model).
"""

from __future__ import annotations

from generator.ooxml.layout import Layout, load_layout
from generator.paging.imprint import imprint_lines
from generator.paging.model import Line, Page, Rule
from generator.paging.plan import Plan, plan
from generator.paging.render import footer, page_size, sheet_lines
from generator.tree import Document

__all__ = ["Line", "Page", "Rule", "Plan", "paginate", "plan"]


def paginate(doc: Document | list[Document], layout: Layout | None = None, fonts=None) -> list[Page]:
    """The pages of a document (or of several, one after another); `fonts` is reserved for a font
    profile's own metrics (the open substitutes' metrics are used today)."""
    layout = layout or load_layout()
    docs = doc if isinstance(doc, list) else [doc]
    pages: list[Page] = []
    for one in docs:
        pages += _pages(one, layout, len(pages))
    return pages


def _pages(doc: Document, layout: Layout, offset: int) -> list[Page]:
    decided = plan(doc, layout)
    flow = decided.flow
    pages = []
    for index, sheet in enumerate(flow.sheets):
        lines, rules = sheet_lines(sheet, layout)
        width, height = page_size(layout, sheet.landscape)
        number = offset + index + 1
        pages.append(
            Page(number, sheet.landscape, width, height, lines, rules, footer(layout, number, sheet.landscape))
        )
    if doc.imprint:
        lines, rules = imprint_lines(doc.imprint, layout)
        width, height = page_size(layout, False)
        if decided.imprint_in_place:
            last = pages[-1]
            pages[-1] = last._replace(lines=last.lines + lines, rules=last.rules + rules)
        else:
            if len(pages) % 2 == 0:
                pages.append(Page(offset + len(pages) + 1, False, width, height, [], [], None))
            pages.append(Page(offset + len(pages) + 1, False, width, height, lines, rules, None))
    return pages
