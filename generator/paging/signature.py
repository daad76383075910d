"""署名 and 成文日期 (GB/T 9704 7.3.5.2): signatures two characters from the right margin, the date's
first character two characters right of the signature's; widths as LibreOffice sets them
(paging/metrics.py), so digits and their autospace gaps are counted."""

from __future__ import annotations

from generator.ooxml.layout import Layout
from generator.paging.metrics import advances
from generator.tree import Document, cn_date


def width_chars(text: str, layout: Layout) -> float:
    """A body-size text's width in characters of `layout.char` (its condensed advances summed)."""
    size = layout.sizes["body"] / 2
    return sum(advances(text, size, layout.condense / 20)) / (layout.char / 20)


def signature_lines(doc: Document, layout: Layout, tight: bool = False) -> list[tuple[str, float, int]]:
    """(text, right indent in characters, space before in twips) of each 署名 line and the date;
    `tight`: without the blank line above (paging/plan.py)."""
    if not (doc.signatures or doc.date):
        return []
    date_text = cn_date(doc.date) if doc.date else ""
    widest = max((width_chars(s, layout) for s in doc.signatures), default=0.0)
    right = float(layout.positions["signature_right"])
    before_signature = 0 if tight else layout.spacing["before_signature"] * layout.line_pitch
    date_width = width_chars(date_text, layout) if date_text else 0.0
    if doc.signatures and date_text:
        right += max(0.0, date_width - (widest - 2))
    lines = []
    for index, name in enumerate(doc.signatures):
        indent = right + (widest - width_chars(name, layout)) / 2
        lines.append((name, indent, before_signature if index == 0 else 0))
    if date_text:
        indent = right + widest - 2 - date_width if doc.signatures else right
        lines.append((date_text, indent, 0 if doc.signatures else before_signature))
    return lines
