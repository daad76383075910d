"""The 任务分工表 of a work plan: one row per item, per-unit lists, CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from generator.kinds.work_plan.model import WorkPlan

HEADER = ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]


@dataclass(frozen=True)
class TaskRow:
    """One task: its number, part, title and owners."""

    number: int
    part: str
    title: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: str
    text: str = ""  # the item's text: the workbook carries it, the terminal and CSV do not

    def cells(self) -> list[str]:
        """The row as the table shows it."""
        return [str(self.number), self.title, "、".join(self.lead), "、".join(self.responsible), self.deadline]

    def names(self, unit: str) -> bool:
        """Whether the unit leads or shares this task."""
        return unit in self.lead or unit in self.responsible


def task_rows(plan: WorkPlan) -> list[TaskRow]:
    """Every item of the plan in order, numbered from 1."""
    rows: list = []
    for part in plan.parts:
        for item in part.items:
            rows.append(
                TaskRow(
                    len(rows) + 1,
                    part.title,
                    item.title,
                    tuple(item.lead),
                    tuple(item.responsible),
                    item.deadline or "",
                    item.text,
                )
            )
    return rows


def for_unit(rows: list[TaskRow], unit: str) -> list[TaskRow]:
    """The tasks a unit leads or shares."""
    return [row for row in rows if row.names(unit)]


def all_units(rows: list[TaskRow]) -> list[str]:
    """Every unit named by any task, in first-seen order."""
    return list(dict.fromkeys(u for row in rows for u in row.lead + row.responsible))


def to_csv(rows: list[TaskRow]) -> bytes:
    """CSV in UTF-8 with BOM, so Excel opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([_inert(cell) for cell in row.cells()] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _inert(cell: str) -> str:
    """A cell Excel would read as a formula (「=…」「+…」「-…」「@…」) gets a leading 「'」, as OWASP
    advises for CSV; `fazhi import` takes it off again."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def template_context(plan: WorkPlan) -> dict:
    """Extra template variables of a work plan: the rows of its 任务分工表."""
    return {"tasks": task_rows(plan)}
