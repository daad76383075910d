"""Placed boxes to printed lines and rules in millimetres on the page."""

from __future__ import annotations

from generator.ooxml.layout import Layout
from generator.paging.blocks import Box
from generator.paging.flow import Placed, Sheet
from generator.paging.grid import grid_shift
from generator.paging.lines import Set
from generator.paging.metrics import advances
from generator.paging.model import PT_MM, TWIP_MM, Line, Rule

# Where the baseline of a grid line lies under the line's top, as a share of the pitch plus ems of
# the font size (LibreOffice centres the font's line in the grid line; calibrated on its PDFs).
BASELINE_PITCH = 0.5
BASELINE_EM = 0.49
# The footer's baseline above the page's lower edge (measured: 270.4 mm on a 297 mm page).
FOOTER_BASELINE_MM = 26.6


def origin(layout: Layout, landscape: bool) -> tuple[float, float]:
    """The text block's top left corner on the page, mm."""
    m = layout.margins
    shift = grid_shift(layout, landscape) * TWIP_MM
    if landscape:
        return m["bottom"] * TWIP_MM, m["left"] * TWIP_MM + shift
    return m["left"] * TWIP_MM, m["top"] * TWIP_MM + shift


def page_size(layout: Layout, landscape: bool) -> tuple[float, float]:
    """(width, height) of a page, mm."""
    w, h = layout.page["width"] * TWIP_MM, layout.page["height"] * TWIP_MM
    return (h, w) if landscape else (w, h)


def baseline(top_twips: int, height_twips: int, size_pt: float) -> float:
    """The baseline of a line box, mm under the text block's top."""
    return top_twips * TWIP_MM + BASELINE_PITCH * height_twips * TWIP_MM + BASELINE_EM * size_pt * PT_MM


_TO_MM = PT_MM.__mul__


def segments(box: Box, one: Set, x0: float, y: float) -> list[Line]:
    """A set line as Line segments, one per font role it holds."""
    roles, lo, hi = box.roles, one.start, one.end
    if lo >= hi:
        return []
    at = len(roles) - 1
    while at and roles[at][0] > lo:
        at -= 1
    if at + 1 == len(roles) or roles[at + 1][0] >= hi:  # most lines: one role throughout
        text = box.text[lo:hi]
        if "\t" in text:
            text = text.replace("\t", " ")
        advances = list(map(_TO_MM, one.advances))
        return [Line(x0 + one.x * PT_MM, y, text, roles[at][1], box.size, advances, box.color, box.node, one.hanging)]
    out = []
    x = x0 + one.x * PT_MM
    for index in range(at, len(roles)):
        start, role = roles[index]
        if start >= hi:
            break
        end = roles[index + 1][0] if index + 1 < len(roles) else len(box.text)
        a, b = max(start, lo), min(end, hi)
        adv = one.advances[a - lo : b - lo]
        text = box.text[a:b].replace("\t", " ")
        out.append(
            Line(x, y, text, role, box.size, list(map(_TO_MM, adv)), box.color, box.node, one.hanging and b == hi)
        )
        x += sum(adv) * PT_MM
    return out


def sheet_lines(sheet: Sheet, layout: Layout) -> tuple[list[Line], list[Rule]]:
    """The lines and rules of a filled page."""
    from generator.paging.header import header_lines

    left, top = origin(layout, sheet.landscape)
    lines: list[Line] = []
    rules: list[Rule] = []
    for placed in sheet.placed:
        if placed.box.fixed:
            head_lines, head_rules = header_lines(placed.box.node, layout, left, top + placed.top * TWIP_MM)
            lines += head_lines
            rules += head_rules
        elif placed.cells:
            lines_, rules_ = _row(placed, left, top, layout.table["cell_margin"])
            lines += lines_
            rules += rules_
        else:
            assert placed.line is not None  # a paragraph line (Flow._paragraph); the others have none
            y = top + baseline(placed.top, placed.height, placed.box.size)
            lines += segments(placed.box, placed.line, left, y)
    return lines, rules


def _row(placed: Placed, left: float, top: float, margin: int) -> tuple[list[Line], list[Rule]]:
    """A table row's cell lines, vertically centred, and its borders."""
    lines, rules = [], []
    y0 = top + placed.top * TWIP_MM
    y1 = y0 + placed.height * TWIP_MM
    width = 0.5 * PT_MM
    for x, _width, cell, sets in placed.cells:
        first = placed.top + (placed.height - len(sets) * cell.line) // 2
        for index, one in enumerate(sets):
            y = top + baseline(first + index * cell.line, cell.line, cell.size)
            lines += segments(cell, one, left + (x + margin) * TWIP_MM, y)
        rules.append(Rule(left + x * TWIP_MM, y0, left + x * TWIP_MM, y1, width))
    if placed.cells:
        x, cell_width = placed.cells[-1][:2]
        first_x, right = left + placed.cells[0][0] * TWIP_MM, left + (x + cell_width) * TWIP_MM
        rules += [
            Rule(right, y0, right, y1, width),
            Rule(first_x, y0, right, y0, width),
            Rule(first_x, y1, right, y1, width),
        ]
    return lines, rules


def footer(layout: Layout, number: int, landscape: bool) -> Line:
    """「— N —」 one character in from the right (odd pages) or the left (even pages), 4号宋体."""
    size = layout.sizes["page_number"] / 2
    text = f"— {number} —"
    adv = [a * PT_MM for a in advances(text, size, 0)]
    width_mm, height_mm = page_size(layout, landscape)
    one = layout.positions["page_number_indent"] * size * PT_MM
    m = layout.margins
    if number % 2:
        x = width_mm - m["right"] * TWIP_MM - one - sum(adv)
    else:
        x = m["left"] * TWIP_MM + one
    return Line(x, height_mm - FOOTER_BASELINE_MM, text, "page_number", size, adv)
