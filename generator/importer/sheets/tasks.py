"""A 任务分工表 as work-plan data: category rows (or a 类别 column) become parts, task rows items
with their owners; unit lists that recur become `units:` groups as in a Word draft's import.

A category row is a row with one text only (typed in one cell, or merged across the row); a task
row names a task and, in the 牵头/责任/配合 columns, its owners. A task cell 「标题。正文」 gives the
item's title and text unless the sheet has a column of its own for the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.errors import Problem
from generator.importer.emit import Comments
from generator.importer.sheets import cells
from generator.importer.sheets.cells import CellError
from generator.importer.sheets.headers import Layout, header_text
from generator.importer.sheets.workbook import Sheet

EXAMPLE = ("示例", "例", "样例", "填写示例")  # the 序号 of the example row our templates carry
DEFAULT_PART = "主要任务"
# The 序号 of a category row: 「一」「一、」「（一）」「第一部分」 (a task's is 「1」).
_CATEGORY_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]?|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)$"
)
_TITLE_SPLIT = re.compile(r"^(?P<title>[^。！？\n]{2,60}?)[。！？]\s*(?P<text>\S.*)$", re.S)


@dataclass
class TaskSheet:
    """What the rows of the task sheets gave: parts of items, and what was guessed or wrong."""

    parts: list[dict] = field(default_factory=list)
    comments: Comments = field(default_factory=Comments)
    guesses: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    heading: str = ""  # the title row above the header, if any
    titles_only: list[str] = field(default_factory=list)  # cells holding a task's name and no text

    def guess(self, path: tuple, comment: str, message: str = "") -> None:
        """An inferred value (the shape importer.plan's unit grouping expects of its context)."""
        if path:
            self.comments.note(path, comment)
        self.guesses.append(message or comment)


def read_tasks(found: list[tuple[Sheet, Layout]]) -> TaskSheet:
    """Parts and items of every task sheet, in order."""
    out = TaskSheet()
    for sheet, layout in found:
        out.heading = out.heading or _heading(sheet, layout)
        for row in range(layout.header + 1, len(sheet.rows)):
            try:
                _row(out, sheet, layout, row)
            except CellError as exc:
                out.problems.append(exc.problem)
    empty = [part for part in out.parts if not part["items"]]
    for part in empty:
        out.guesses.append(f"分类「{part['title']}」下没有任务，未导入")
    out.parts = [part for part in out.parts if part["items"]]
    if out.titles_only:
        cells_named = "、".join(out.titles_only[:3]) + ("…" if len(out.titles_only) > 3 else "")
        out.guesses.append(f"{len(out.titles_only)} 项任务只有任务名称（{cells_named}）：正文暂同标题，请补充")
    return out


def _heading(sheet: Sheet, layout: Layout) -> str:
    """The title typed above the header (「2024年度茅箭区法治政府建设工作要点任务分工表」)."""
    for row in range(layout.header):
        texts = [cells.text(sheet, row, col) for col in range(len(sheet.rows[row]))]
        texts = [t for t in dict.fromkeys(texts) if t]
        if len(texts) == 1 and len(texts[0]) >= 6:
            return texts[0]
    return ""


def _row(out: TaskSheet, sheet: Sheet, layout: Layout, row: int) -> None:
    columns = layout.columns
    values = [cells.text(sheet, row, col) for col in range(len(sheet.rows[row]))]
    distinct = [v for v in dict.fromkeys(values) if v]
    if not distinct:
        return
    if _repeated_header(values, layout):
        return
    number = cells.text(sheet, row, columns.get("number"))
    if number in EXAMPLE:
        out.guesses.append(f"{sheet.where(row, columns['number'])} 是填写示例，未导入")
        return
    if not _owner_cells(sheet, layout, row) and (len(distinct) == 1 or _CATEGORY_NUMBER.match(number)):
        col = columns["title"] if len(distinct) > 1 else values.index(distinct[0])
        _new_part(out, cells.unnumbered(values[col]), sheet.where(row, col))
        return
    if "part" in columns:
        part = cells.unnumbered(cells.text(sheet, row, columns["part"]))
        if part and (not out.parts or out.parts[-1]["title"] != part):
            _new_part(out, part, sheet.where(row, columns["part"]))
    if not out.parts:
        _new_part(out, DEFAULT_PART, "")
        out.comments.note(("parts", 0, "title"), "表中没有分类行：全部任务放在这一部分，请改为一级标题")
    _task(out, sheet, layout, row)


def _repeated_header(values: list[str], layout: Layout) -> bool:
    """A header repeated further down (a table pasted from several Word pages)."""
    title = layout.columns["title"]
    return title < len(values) and header_text(values[title]) in ("工作任务", "任务", "重点任务", "任务名称")


def _owner_cells(sheet: Sheet, layout: Layout, row: int) -> bool:
    """Some owner or deadline cell holds a value of its own (not one merged in from the left)."""
    return any(
        cells.text(sheet, row, col) and not sheet.spans_right(row, col)
        for role, col in layout.columns.items()
        if role in ("lead", "responsible", "helper", "deadline")
    )


def _new_part(out: TaskSheet, title: str, where: str) -> None:
    out.parts.append({"title": title, "items": []})
    if where:
        out.comments.note(("parts", len(out.parts) - 1, "title"), f"取自 {where.split(':', 1)[-1]}")


def _task(out: TaskSheet, sheet: Sheet, layout: Layout, row: int) -> None:
    """One task row as an item: title, text, lead, responsible (with 配合单位), deadline."""
    columns = layout.columns
    part_index = len(out.parts) - 1
    items = out.parts[-1]["items"]
    path = ("parts", part_index, "items", len(items))
    where = sheet.where(row, columns["title"])
    raw = cells.text(sheet, row, columns["title"])
    if not raw:
        out.problems.append(sheet.problem(row, columns["title"], "这一行写了单位或时限，但没有写工作任务"))
        return
    title, text = _title_and_text(out, raw, cells.text(sheet, row, columns.get("text")), path, where)
    item: dict = {"title": title, "text": text}
    lead = cells.owners(sheet, row, columns.get("lead"))
    responsible = cells.owners(sheet, row, columns.get("responsible"))
    helpers = cells.owners(sheet, row, columns.get("helper"))
    if helpers:
        responsible += [h for h in helpers if h not in responsible]
        if "responsible" in columns:
            out.guess(
                path + ("responsible",), "含配合单位", f"{where}：配合单位并入责任单位（工作要点只分牵头和责任单位）"
            )
    if not lead and not responsible:
        col = columns.get("lead", columns.get("responsible", columns.get("helper")))
        assert col is not None  # a task sheet's header has a lead, responsible or helper column
        out.problems.append(sheet.problem(row, col, f"任务「{title[:20]}」没有写牵头单位或责任单位"))
        return
    if lead:
        item["lead"] = lead
    if responsible:
        item["responsible"] = responsible
    deadline = cells.text(sheet, row, columns.get("deadline"))
    if deadline:
        item["deadline"] = deadline
    items.append(item)


def _title_and_text(out: TaskSheet, raw: str, text: str, path: tuple, where: str) -> tuple[str, str]:
    """The item's title and text from the task cell (and the text column, when there is one)."""
    if text:
        return cells.unnumbered(raw), text
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    if len(lines) > 1:
        return cells.unnumbered(lines[0]), "".join(lines[1:])
    match = _TITLE_SPLIT.match(raw)
    if match:
        return cells.unnumbered(match.group("title")), match.group("text").strip()
    title = cells.unnumbered(raw)
    out.comments.note(path + ("text",), "表中只有任务名称：正文暂同标题，请补充")
    out.titles_only.append(where.split(":", 1)[-1])
    return title, title
