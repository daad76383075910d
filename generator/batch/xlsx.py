"""The summary as an Excel workbook (openpyxl): 汇总 (one row per draft, frozen header, filters,
missing parts highlighted) and 问题清单 (every finding with its basis).

Written in openpyxl's write-only mode: rows stream to the file instead of living as cell objects
(500 drafts make some 20,000 finding rows).
"""
from __future__ import annotations

import io

from .columns import FINDINGS_HEADER, cells, finding_cells, header, text_cell
from .summary import DraftRow

# Excel's own 「差」/「适中」 cell styles: what clerks already read as bad / doubtful.
BAD = ("FFC7CE", "9C0006")
DOUBTFUL = ("FFEB9C", "9C5700")
GREY = ("EDEDED", "595959")
HEAD = ("D9E1F2", "000000")
PART_COLUMNS = range(6, 11)  # 0-based columns of the five parts
WIDTHS = [28, 22, 12, 6, 14, 12, 14, 14, 14, 14, 14, 6, 6, 6, 60]
FINDING_WIDTHS = [28, 22, 6, 26, 9, 70, 34]


class _Styles:
    """One Font/Fill/Alignment object per look, shared by every cell that has it."""

    def __init__(self):
        from openpyxl.styles import Alignment, Font, PatternFill

        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.looks = {name: (PatternFill("solid", fgColor=fill), Font(color=font, bold=name == "head"))
                      for name, (fill, font) in (("bad", BAD), ("doubtful", DOUBTFUL), ("grey", GREY), ("head", HEAD))}

    def cell(self, sheet, value, look: str | None = None):
        cell = text_cell(sheet, value)
        cell.alignment = self.wrap
        if look:
            cell.fill, cell.font = self.looks[look]
        return cell


def to_xlsx(rows: list[DraftRow]) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    styles = _Styles()
    summary = _sheet(book, "汇总", WIDTHS, "C2", len(header()), len(rows))
    summary.append([styles.cell(summary, name, "head") for name in header()])
    for row in rows:
        looks = _looks(row)
        summary.append([styles.cell(summary, value, looks.get(i)) for i, value in enumerate(cells(row))])
    count = sum(len(r.findings) for r in rows)
    findings = _sheet(book, "问题清单", FINDING_WIDTHS, "A2", len(FINDINGS_HEADER), count)
    findings.append([styles.cell(findings, name, "head") for name in FINDINGS_HEADER])
    for row in rows:
        for finding in row.findings:
            findings.append([styles.cell(findings, value) for value in finding_cells(row, finding)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book, title: str, widths: list[int], freeze: str, columns: int, rows: int):
    """A write-only sheet with its widths, frozen panes and filter set before any row is written."""
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"
    return sheet


def _looks(row: DraftRow) -> dict[int, str]:
    """Missing parts red, parts only found as sub-items yellow, late dates red, unreadable rows grey."""
    if row.unreadable:
        return {**{i: "grey" for i in range(len(WIDTHS))}, len(WIDTHS) - 1: "bad"}
    looks = {}
    for column, key in zip(PART_COLUMNS, ("1", "2", "3", "4", "5")):
        cell = row.parts.get(key)
        if cell and cell.status != "found":
            looks[column] = "bad" if cell.status == "missing" else "doubtful"
    if row.late:
        looks[4] = looks[5] = "bad"
    if row.counts()["error"]:
        looks[11] = "bad"
    return looks
