"""The summary as CSV: UTF-8 with BOM (Excel opens the Chinese text correctly), one row per draft; a
text that a spreadsheet would read as a formula starts with 「'」 (OWASP)."""

from __future__ import annotations

import csv
import io

from .columns import cells, header, neutral
from .summary import DraftRow


def to_csv(rows: list[DraftRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header())
    for row in rows:
        writer.writerow(map(neutral, cells(row, "；")))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
