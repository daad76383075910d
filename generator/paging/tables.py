"""Table rows: column widths as the writer gives them (write/table.py), cell text broken by the
line model, a row as tall as its tallest cell. Table text is off the grid (single spacing)."""

from __future__ import annotations

from typing import NamedTuple

from generator.ooxml.layout import Layout
from generator.paging.blocks import Box
from generator.paging.lines import set_lines
from generator.write.table import column_widths

# A single-spaced line of table text in ems of its size: the ascent, descent and line gap of the
# face LibreOffice uses (FandolFang 0.88 + 0.12 + 0.2; Noto Sans CJK 1.16 + 0.288), matching the
# maojian table PDF's rows to 0.1 mm.
SINGLE_LINE = {"body": 1.2, "table_header": 1.448}
BORDER = 10  # twips: a 0.5 pt rule between rows


class Row(NamedTuple):
    """A table row: height (twips) and cells as (left edge from the text block's left, width, box,
    lines), twips; the text starts a cell margin in."""

    height: int
    header: bool
    cells: list


def single_line(size_pt: float, role: str = "body") -> int:
    """Height of one single-spaced line off the grid, in twips."""
    return round(size_pt * SINGLE_LINE[role] * 20)


def table_rows(box: Box, layout: Layout, width: int) -> list[Row]:
    """The rows of a table box."""
    table = box.node
    count = max((len(row) for row in table.rows), default=0)
    header = table.rows[0] if table.rows else []
    widths = column_widths(table.widths, header, count, width, layout)
    margin = layout.table["cell_margin"]
    left0 = (width - sum(widths)) // 2
    out = []
    for index, row in enumerate(table.rows):
        is_header = index < table.header_rows
        role = "table_header" if is_header else "body"
        cells, x, tallest = [], left0, 1
        for text, cell_width in zip(row + [""] * (count - len(row)), widths):
            align = "center" if is_header or text.isdigit() else "left"
            cell = Box(table, text, [(0, role)], box.size, align=align, line=single_line(box.size, role), hang=False)
            sets = set_lines(cell, layout, cell_width - 2 * margin)
            cells.append((x, cell_width, cell, sets))
            tallest = max(tallest, len(sets))
            x += cell_width
        out.append(Row(tallest * single_line(box.size, role) + BORDER, is_header, cells))
    return out
