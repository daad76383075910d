"""The summary as CSV: UTF-8 with BOM (Excel opens the Chinese text correctly), one row per draft; a
text that a spreadsheet would read as a formula starts with 「'」 (OWASP). Rows are written as they come."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import BinaryIO

from .columns import cells, header, neutral
from .summary import DraftRow


class CsvSummary:
    """Writes the CSV to a binary stream, a row as each draft's row is added."""

    def __init__(self, out: BinaryIO):
        self._out = out
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")
        self._buffer.write("\ufeff")
        self._writer.writerow(header())
        self._flush()

    def add(self, row: DraftRow) -> None:
        self._writer.writerow(map(neutral, cells(row, "；")))
        self._flush()

    def close(self) -> None:
        """Nothing is held back: every row is written when added."""

    def _flush(self) -> None:
        self._out.write(self._buffer.getvalue().encode("utf-8"))
        self._buffer.seek(0)
        self._buffer.truncate()


def to_csv(rows: Iterable[DraftRow]) -> bytes:
    out = io.BytesIO()
    writer = CsvSummary(out)
    for row in rows:
        writer.add(row)
    writer.close()
    return out.getvalue()
