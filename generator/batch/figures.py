"""The named figures of many specs side by side: one column per unit, one row per figure name,
a total where the units agree, and last year's total and the change where every unit gave one.
A city compiles its own figures from its districts' this way."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from collections.abc import Iterable

from generator.kinds import yoy

from .columns import neutral
from .sheetml import Sheet, workbook


@dataclass
class FigureRow:
    name: str
    label: str = ""
    unit: str = ""
    values: list = field(default_factory=list)  # one per column; None where a unit has no such figure
    previous: list = field(default_factory=list)
    total: str = ""
    previous_total: str = ""
    change: str = ""
    note: str = ""


@dataclass
class FigureTable:
    columns: list[str]  # the units (「开福区」, or 「开福区（2022）」 when a unit comes twice)
    rows: list[FigureRow]

    @property
    def has_previous(self) -> bool:
        return any(v is not None for row in self.rows for v in row.previous)

    def header(self) -> list[str]:
        tail = ["合计", "上年合计", "增减", "备注"] if self.has_previous else ["合计", "备注"]
        return ["名称", "说明", "单位", *self.columns, *tail]

    def cells(self, row: FigureRow) -> list[str]:
        values = ["" if v is None else _shown(v) for v in row.values]
        tail = [row.total, row.previous_total, row.change, row.note] if self.has_previous else [row.total, row.note]
        return [row.name, row.label, row.unit, *values, *tail]


def _shown(value) -> str:
    return yoy.plain(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def columns_of(names: list[str], years: list, stems: list[str]) -> list[str]:
    """A column name per spec: the unit's name, with the year (or the file) when it comes twice."""
    groups: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        groups.setdefault(name, []).append(index)
    out = list(names)
    for name, indexes in groups.items():
        if len(indexes) > 1:
            distinct = len({years[i] for i in indexes}) == len(indexes)
            for i in indexes:
                out[i] = f"{name}（{years[i] if distinct else stems[i]}）"
    return out


def build(specs: Iterable) -> FigureTable:
    """The table of (path, validated spec) pairs, consumed one at a time (only their figures are
    kept); rows in order of first appearance."""
    rows: dict[str, FigureRow] = {}
    found: dict[str, dict[int, tuple]] = {}  # figure name -> column -> (value, previous)
    units: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    names, years, stems = [], [], []
    for column, (path, spec) in enumerate(specs):
        names.append(spec.jurisdiction.display_name)
        years.append(spec.year)
        stems.append(Path(path).stem)
        for name, figure in spec.figures.items():
            row = rows.setdefault(name, FigureRow(name))
            found.setdefault(name, {})[column] = (figure.value, figure.previous)
            row.label = row.label or figure.label
            row.unit = row.unit or figure.unit
            units.setdefault(name, set()).add(figure.unit)
            labels.setdefault(name, set()).add(figure.label)
    count = len(names)
    for name, row in rows.items():
        row.values, row.previous = [None] * count, [None] * count
        for column, (value, previous) in found[name].items():
            row.values[column], row.previous[column] = value, previous
        _total(row, units[name], len(set(years)) > 1)
        if len(labels[name] - {""}) > 1:
            row.note = "；".join(filter(None, [row.note, "各单位的说明不一致"]))
    return FigureTable(columns_of(names, years, stems), list(rows.values()))


def _total(row: FigureRow, units: set[str], mixed_years: bool) -> None:
    """The sum where it means something: one unit of measure, not a rate, one year, all numbers."""
    present = [v for v in row.values if v is not None]
    notes = []
    if len(present) < len(row.values):
        notes.append(f"{len(present)}/{len(row.values)} 个单位填报")
    if mixed_years:
        notes.append("年度不同，不合计")
    elif len(units) > 1:
        notes.append(f"单位不一致（{'、'.join(sorted(units))}），不合计")
    elif units & set(yoy.POINTS):
        notes.append("比率不相加")
    else:
        total = _sum(present)
        if total is None:
            notes.append("含非数值，不合计")
        else:
            row.total = total[1]
            previous = [p for v, p in zip(row.values, row.previous) if v is not None]
            given = sum(1 for p in previous if p is not None)
            last = _sum(previous) if given == len(previous) else None
            if 0 < given < len(previous):
                notes.append(f"上年数不全（{given}/{len(previous)}），不计增减")
            if last is not None:
                row.previous_total = last[1]
                try:
                    pair = yoy.Pair(total[0], last[0], "", row.unit)
                    row.change = f"{pair.change_text()}，{pair.percent_text()}" if last[0] else pair.change_text()
                except ValueError:
                    pass
    row.note = "；".join(notes)


def _sum(values: list) -> tuple[Decimal, str] | None:
    """(sum, as shown) of values sharing one magnitude (2.4万 + 1.1万 = 3.5万); None if any is text."""
    try:
        parsed = [yoy.parse(v) for v in values]
    except ValueError:
        return None
    suffixes = {s for _, s in parsed}
    if not parsed or len(suffixes) > 1:
        return None
    total = sum((n for n, _ in parsed), Decimal(0))
    return total, yoy.plain(total) + suffixes.pop()


def to_csv(table: FigureTable) -> bytes:
    """UTF-8 with BOM, for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(map(neutral, table.header()))
    for row in table.rows:
        writer.writerow(map(neutral, table.cells(row)))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: FigureTable) -> bytes:
    """One sheet 数字汇总, numbers as numbers and text as text (never a formula), frozen header and
    name column, filters; written row by row (sheetml)."""
    header = table.header()
    sheet = Sheet("数字汇总", [22, 30, 6] + [12] * (len(header) - 4) + [30], "B2", wrap=False)
    sheet.append(header, {i: "head" for i in range(len(header))})
    for row in table.rows:
        cells: list[str | int | float] = list(table.cells(row))  # numbers stay numbers in the sheet
        for i, value in enumerate(row.values, start=3):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells[i] = value
        sheet.append(cells)
    return workbook([sheet])


def print_table(table: FigureTable, console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    grid = Table(title=f"数字汇总（{len(table.columns)} 个单位，{len(table.rows)} 项）", show_lines=True)
    for index, name in enumerate(table.header()):
        grid.add_column(name, overflow="fold", justify="right" if 3 <= index < len(table.header()) - 1 else "left")
    for row in table.rows:
        grid.add_row(*table.cells(row))
    console.print(grid)
