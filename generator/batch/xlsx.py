"""The summary as an Excel workbook: 汇总 (one row per draft, frozen header, filters, missing parts
highlighted) and 问题清单 (every finding with its basis). Written by sheetml, row by row (500 drafts
make some 20,000 finding rows) as each draft's row arrives; text is stored as text, never as a formula.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable
from typing import BinaryIO

from .columns import FINDINGS_HEADER, cells, finding_cells, header
from .sheetml import Sheet, write_workbook
from .summary import DraftRow

PART_COLUMNS = range(6, 11)  # 0-based columns of the five parts
WIDTHS = [28, 22, 12, 6, 14, 12, 14, 14, 14, 14, 14, 6, 6, 6, 60]
FINDING_WIDTHS = [28, 22, 6, 26, 9, 70, 34]


class XlsxSummary:
    """Writes the workbook to a binary stream: each draft's row and its findings go into the two
    sheets when added, deflated into temporary files (memory stays flat in the number of drafts);
    the package is written on close."""

    def __init__(self, out: BinaryIO):
        self._out = out
        self._spools = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]  # deflated sheets on disk
        names = header()
        self._summary = Sheet("汇总", WIDTHS, "C2", spool=self._spools[0])
        self._summary.append(names, {i: "head" for i in range(len(names))})
        self._findings = Sheet("问题清单", FINDING_WIDTHS, "A2", spool=self._spools[1])
        self._findings.append(FINDINGS_HEADER, {i: "head" for i in range(len(FINDINGS_HEADER))})

    def add(self, row: DraftRow) -> None:
        self._summary.append(cells(row), _looks(row))
        for finding in row.findings:
            self._findings.append(finding_cells(row, finding))

    def close(self) -> None:
        try:
            write_workbook([self._summary, self._findings], self._out)
        finally:
            for spool in self._spools:
                spool.close()


def to_xlsx(rows: Iterable[DraftRow]) -> bytes:
    """The workbook's bytes."""
    out = io.BytesIO()
    writer = XlsxSummary(out)
    for row in rows:
        writer.add(row)
    writer.close()
    return out.getvalue()


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
