"""The summary as an Excel workbook (openpyxl): 汇总 (one row per draft, frozen header, filters,
missing parts highlighted) and 问题清单 (every finding with its basis)."""
from __future__ import annotations

import io

from .columns import FINDINGS_HEADER, cells, finding_cells, header
from .summary import DraftRow

# Excel's own 「差」/「适中」 cell styles: what clerks already read as bad / doubtful.
BAD = ("FFC7CE", "9C0006")
DOUBTFUL = ("FFEB9C", "9C5700")
GREY = ("EDEDED", "595959")
PART_COLUMNS = range(7, 12)  # 1-based columns of the five parts
WIDTHS = [28, 22, 12, 6, 14, 12, 14, 14, 14, 14, 14, 6, 6, 6, 60]
FINDING_WIDTHS = [28, 22, 6, 26, 9, 70, 34]


def to_xlsx(rows: list[DraftRow]) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    _table(sheet, header(), [cells(r) for r in rows], WIDTHS, freeze="C2")
    for index, row in enumerate(rows, start=2):
        _mark(sheet, index, row)
    findings = book.create_sheet("问题清单")
    _table(findings, FINDINGS_HEADER, [finding_cells(r, f) for r in rows for f in r.findings],
           FINDING_WIDTHS, freeze="A2")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(sheet, head: list[str], body: list[list], widths: list[int], freeze: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append(head)
    for values in body:
        sheet.append(values)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(head))}{max(1, len(body) + 1)}"


def _paint(cell, colours: tuple[str, str]) -> None:
    from openpyxl.styles import Font, PatternFill

    cell.fill = PatternFill("solid", fgColor=colours[0])
    cell.font = Font(color=colours[1])


def _mark(sheet, index: int, row: DraftRow) -> None:
    """Missing parts red, parts only found as sub-items yellow, late dates red, unreadable rows grey."""
    if row.unreadable:
        for cell in sheet[index]:
            _paint(cell, GREY)
        _paint(sheet.cell(index, 15), BAD)
        return
    for column, key in zip(PART_COLUMNS, ("1", "2", "3", "4", "5")):
        cell = row.parts.get(key)
        if cell and cell.status != "found":
            _paint(sheet.cell(index, column), BAD if cell.status == "missing" else DOUBTFUL)
    if row.late:
        _paint(sheet.cell(index, 5), BAD)
        _paint(sheet.cell(index, 6), BAD)
    if row.counts()["error"]:
        _paint(sheet.cell(index, 12), BAD)
