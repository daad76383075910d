"""Where the body ends: a line-grid estimate of the page and line of its last line.

fazhi does not paginate; the 版记 (7.4) only needs to know whether the body ends on an even page
with room to spare. On the 22-line grid every body line is one grid line and a line holds 28
characters, so simple text (no tables, no 版头) can be counted. The estimate is used only with a
safety margin (imprint.fits_in_place): a wrong count must never put the 版记 on an odd page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from generator.ooxml.layout import Layout
from generator.tree import Document, Heading, Paragraph, heading_text, sentence
from generator.numbering import Counter
from generator.write.text import annex_lines, note_text
from generator.write.titles import break_title, text_width

LINE = 28  # characters a body line holds


@dataclass(frozen=True)
class End:
    """The estimated last body page (1-based), the lines used on it and the pages in all."""

    page: int
    used: int


def _lines(text: str, indent: float = 2, width: int = LINE) -> int:
    return max(1, math.ceil((indent + text_width(text)) / width))


def _blocks(doc: Document, layout: Layout) -> list[tuple[int, bool]] | None:
    """(lines, keep with next) of one document part, or None when it cannot be counted."""
    if doc.header or doc.landscape:
        return None
    out: list[tuple[int, bool]] = []
    if doc.label:
        out.append((1, True))
    if doc.doc_number:
        out.append((1 + layout.spacing["after_doc_number"], True))
    if doc.title:
        out.append((len(break_title(doc.title, layout.title_capacity)) + layout.spacing["after_title"], True))
    if doc.recipients:
        out.append((_lines(doc.recipients + "：", 0), True))
    counter = Counter()
    for block in doc.blocks:
        if isinstance(block, Heading):
            label = counter.next(block.level)
            if block.runin:
                out.append((_lines(label + sentence(block.title) + block.body), False))
            else:
                out.append((_lines(heading_text(block, label)), True))
        elif isinstance(block, Paragraph):
            out.append((_lines(block.text), False))
        else:
            return None  # tables: row heights are not on the grid
    for index, text in enumerate(annex_lines(doc)):
        out.append((_lines(text, 5 + 3, LINE) + (1 if index == 0 else 0), True))
    signature = len(doc.signatures) + (1 if doc.date else 0)
    if signature:
        out.append((layout.spacing["before_signature"] + signature, bool(doc.notes)))
    for note in doc.notes:
        out.append((_lines(note_text(note)), False))
    return out


def body_end(doc: Document, layout: Layout, per_page: int = 22) -> End | None:
    """Where the last body line falls, or None when the document holds what is not counted."""
    page, used = 1, 0
    for index, part in enumerate(doc.all_documents()):
        blocks = _blocks(part, layout)
        if blocks is None:
            return None
        if index > 0:
            page, used = page + 1, 0
        for position, (lines, keep) in enumerate(blocks):
            if keep and position + 1 < len(blocks) and used + lines + 1 > per_page:
                page, used = page + 1, 0  # a heading at the foot moves to the next page
            used += lines
            while used > per_page:
                page, used = page + 1, used - per_page
    return End(page, used)
