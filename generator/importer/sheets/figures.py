"""A table of figures as `figures:` data: one row per figure (名称, 数值, 单位, 上年, 说明), or one
column per unit (a city collecting its districts' figures, as `fazhi figures --xlsx` writes them),
which gives one `figures:` per unit.

A figure's name is the spec's own key when the 名称 cell holds one (`review_cases`, or a name the
spec being merged into already uses, for its key or its 说明), else made from the 名称 text as
`fazhi import --figures` makes names: the last characters of the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.errors import Problem
from generator.importer.figures import MAX_NAME
from generator.importer.sheets import cells
from generator.importer.sheets.cells import CellError
from generator.importer.sheets.headers import Layout
from generator.importer.sheets.workbook import Sheet
from generator.lexicon.numbers import plain_number

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*[%％]$")


@dataclass
class FigureSheet:
    """Figures read: {unit name or '': {key: figure}}, with guesses and problems."""

    units: dict[str, dict[str, dict]] = field(default_factory=dict)
    guesses: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[tuple[str, str], str] = field(default_factory=dict)  # (unit, key) → cell it came from

    @property
    def per_unit(self) -> bool:
        return any(self.units) and "" not in self.units


def read_figures(found: list[tuple[Sheet, Layout]], known: dict[str, dict] | None = None) -> FigureSheet:
    """Figures of every figures sheet; `known` is the spec's figures, whose keys are reused."""
    out = FigureSheet()
    for sheet, layout in found:
        for row in range(layout.header + 1, len(sheet.rows)):
            try:
                _row(out, sheet, layout, row, known or {})
            except CellError as exc:
                out.problems.append(exc.problem)
    return out


def _row(out: FigureSheet, sheet: Sheet, layout: Layout, row: int, known: dict) -> None:
    columns = layout.columns
    name = cells.text(sheet, row, columns["name"])
    key_cell = cells.text(sheet, row, columns.get("key"))
    if not name and not key_cell:
        return
    if name in ("示例", "合计", "总计"):
        return
    label = cells.text(sheet, row, columns.get("label"))
    unit = cells.text(sheet, row, columns.get("unit"))
    targets = layout.units.items() if layout.per_unit else [(columns["value"], "")]
    for col, unit_name in targets:
        value = cells.number(sheet, row, col)
        where = sheet.where(row, col)
        if value is None:
            if not layout.per_unit:
                out.guesses.append(f"{where}：「{name or key_cell}」没有数值，未导入")
            continue
        figures = out.units.setdefault(unit_name, {})
        key = _key(key_cell or name, label, figures, known)
        figure = {"value": value}
        shown_unit = unit
        if isinstance(value, str) and (percent := _PERCENT.match(value)) and not unit:
            figure["value"], shown_unit = plain_number(percent.group(1)), "%"
        if shown_unit:
            figure["unit"] = shown_unit
        text_label = label or ("" if _KEY.fullmatch(name) else name)
        if text_label:
            figure["label"] = text_label
        if not layout.per_unit:
            previous = cells.number(sheet, row, columns.get("previous"))
            if previous is not None:
                figure["previous"] = previous
        if key in figures:
            out.problems.append(sheet.problem(row, columns["name"], f"名称「{key}」重复：同一个数字只能填一行"))
            continue
        figures[key] = figure
        out.sources[(unit_name, key)] = where


def _key(name: str, label: str, taken: dict, known: dict) -> str:
    """The spec's key for this row: typed as a key, known to the spec, or made from the text."""
    if _KEY.fullmatch(name) or name in known:
        return name
    for key, figure in known.items():
        if name and name in (figure.get("label"), key) or (label and label == figure.get("label")):
            return key
    chars = "".join(c for c in name if ("a" + c).isidentifier()).lstrip("0123456789_")
    base = chars[-MAX_NAME:] or "数字"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key
