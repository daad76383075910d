"""Boxes onto pages: lines on the grid, spacing, keep-with-next chains, widow and orphan control,
tables row by row (rows never split, header rows repeated), as LibreOffice 7.4 does it."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.ooxml.layout import Layout
from generator.paging.blocks import Box
from generator.paging.grid import body_area
from generator.paging.lines import Set, set_lines
from generator.paging.tables import table_rows


@dataclass
class Placed:
    """A line placed on a body page: box, its set line, top of its line box (twips in the text block)."""

    box: Box
    line: Set | None
    top: int
    height: int
    cells: list = field(default_factory=list)  # a table row: [(x twips, Box, [Set])]
    last_of_box: bool = False


@dataclass
class Sheet:
    """A page being filled."""

    landscape: bool
    placed: list[Placed] = field(default_factory=list)
    used: int = 0


class Flow:
    """Fills pages with the boxes of one document's parts."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.sheets: list[Sheet] = []
        self.heights = {landscape: body_area(layout, landscape)[1] for landscape in (False, True)}

    def block(self, landscape: bool) -> tuple[int, int]:
        """(width, height) of the text block in twips."""
        layout = self.layout
        return (layout.text_height if landscape else layout.text_width), self.heights[landscape]

    def part(self, boxes: list[Box], landscape: bool, first: bool) -> None:
        """Lay out one part; every part but the first starts a new page."""
        if first or not self.sheets or self.sheets[-1].landscape != landscape or boxes and boxes[0].new_page:
            self.sheets.append(Sheet(landscape))
        width, _ = self.block(landscape)
        sets = [None if box.rows or box.fixed else set_lines(box, self.layout, width) for box in boxes]
        for index, (box, box_sets) in enumerate(zip(boxes, sets)):
            if box.rows:
                self._table(box, width)
            elif box_sets is None:
                self._fixed(box)
            else:
                self._paragraph(box, box_sets, self._chain(boxes, sets, index))

    def _line_height(self, box: Box) -> int:
        return box.line or self.layout.line_pitch

    def _chain(self, boxes: list[Box], sets: list, index: int) -> int:
        """Height that must fit on the page with box `index`: itself, the boxes it keeps with, and
        the first lines of the one that ends the chain."""
        total = 0
        for j in range(index, len(boxes)):
            box = boxes[j]
            if box.rows or sets[j] is None:
                return total + (self._row_height(box) if box.rows else 0)
            lines, height = len(sets[j]), self._line_height(box)
            if j > index and not box.keep_next:
                need = lines if (box.keep_lines or (box.widow and lines <= 3)) else (2 if box.widow else 1)
                return total + box.before + min(lines, need) * height
            total += (box.before if j > index else 0) + lines * height + box.after
            if not box.keep_next:
                return total
        return total

    def _row_height(self, box: Box) -> int:
        rows = table_rows(box, self.layout, self.block(self.sheets[-1].landscape)[0])
        return rows[0].height if rows else 0

    def _new_page(self) -> Sheet:
        sheet = Sheet(self.sheets[-1].landscape)
        self.sheets.append(sheet)
        return sheet

    def _paragraph(self, box: Box, sets: list[Set], chain: int) -> None:
        sheet = self.sheets[-1]
        _, height = self.block(sheet.landscape)
        line = self._line_height(box)
        if box.keep_next and sheet.used and sheet.used + box.before + chain > height:
            sheet = self._new_page()
        sheet.used += box.before
        rest = list(sets)
        while rest:
            take = self._split(box, len(rest), (height - sheet.used) // line, sheet.used == 0)
            for one in rest[:take]:
                sheet.placed.append(Placed(box, one, sheet.used, line, last_of_box=one is sets[-1]))
                sheet.used += line
            rest = rest[take:]
            if rest:
                sheet = self._new_page()
        sheet.used = min(height, sheet.used + box.after)

    @staticmethod
    def _split(box: Box, lines: int, fits: int, top: bool) -> int:
        """How many of a paragraph's remaining lines stay on this page (keep lines, widows and orphans)."""
        if lines <= fits:
            return lines
        if top:
            return max(1, fits)  # a page cannot hold it: split anyway
        if box.keep_lines:
            return 0
        take = fits
        if box.widow:
            take = min(take, lines - 2)
            if take < 2:
                take = 0
        return max(0, take)

    def _fixed(self, box: Box) -> None:
        """The 版头: a block of fixed height at the top of its page."""
        from generator.paging.header import header_height

        sheet = self.sheets[-1]
        sheet.placed.append(Placed(box, None, sheet.used, header_height(box, self.layout)))
        sheet.used += sheet.placed[-1].height

    def _table(self, box: Box, width: int) -> None:
        """Rows that do not split; header rows repeat on each page; a paragraph follows the table."""
        sheet = self.sheets[-1]
        _, height = self.block(sheet.landscape)
        rows = table_rows(box, self.layout, width)
        header = [row for row in rows if row.header]
        for row in rows:
            if sheet.used + row.height > height and sheet.used:
                sheet = self._new_page()
                for repeat in header if not row.header else []:
                    sheet.placed.append(Placed(box, None, sheet.used, repeat.height, repeat.cells))
                    sheet.used += repeat.height
            sheet.placed.append(Placed(box, None, sheet.used, row.height, row.cells))
            sheet.used += row.height
        sheet.used = min(height, sheet.used + self.layout.line_pitch)  # the paragraph Word wants after a table
