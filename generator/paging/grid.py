"""The body area LibreOffice fills on a page with a line grid: what the footer leaves of the text
block, cut to whole grid lines and centred (sw SwBodyFrame::Format)."""

from __future__ import annotations

from generator.ooxml.layout import Layout

# The footer paragraph's height in ems of its size: ascent + descent of the face LibreOffice gives
# 宋体 (Noto Serif CJK: 1.151 + 0.286). A footer taller than the bottom margin minus the footer
# distance lifts the body's foot (landscape pages: 45 twips of room for 402).
FOOTER_LINE_EM = 1.437


def body_area(layout: Layout, landscape: bool) -> tuple[int, int]:
    """(space above the first grid line, height of the grid lines) in twips within the text block."""
    m = layout.margins
    if landscape:
        page, top, bottom = layout.page["width"], m["left"], m["right"]
    else:
        page, top, bottom = layout.page["height"], m["top"], m["bottom"]
    footer = round(layout.sizes["page_number"] / 2 * FOOTER_LINE_EM * 20)
    height = page - top - max(bottom, m["footer"] + footer)
    lines = height // layout.line_pitch
    return (height - lines * layout.line_pitch) // 2, lines * layout.line_pitch


def grid_shift(layout: Layout, landscape: bool) -> int:
    """How much lower a page's grid starts than a portrait page's, twips (the model's vertical
    constants were calibrated on portrait pages, their own border included)."""
    return body_area(layout, landscape)[0] - body_area(layout, False)[0]
