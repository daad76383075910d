"""The summary as CSV: UTF-8 with BOM (Excel opens the Chinese text correctly), one row per draft."""
from __future__ import annotations

import csv
import io

from .columns import cells, header
from .summary import DraftRow


def to_csv(rows: list[DraftRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header())
    for row in rows:
        writer.writerow(cells(row, "；"))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
