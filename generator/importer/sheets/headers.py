"""What a sheet holds, told by its header row: a 任务分工表 or a table of figures.

The header is looked for in the first rows (a title row or two usually stand above it); a cell's
words count without spaces, line breaks or a parenthesised remark (「完成时限（年月）」). A header of
two rows (「责任分工」 over 「牵头单位｜配合单位」) reads from its lower row, the merged upper cells
being filled into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.errors import DraftError, Problem
from generator.importer.sheets.workbook import Sheet
from generator.lexicon import dates, lazy

SEARCH_ROWS = 15

TASK_ROLES = {
    "number": ("序号", "编号", "序"),
    "part": ("类别", "分类", "部分", "领域", "板块", "工作类别", "任务类别", "工作领域"),
    "title": ("工作任务", "重点任务", "任务名称", "主要任务", "任务", "工作事项", "重点工作", "工作项目"),
    "text": ("具体内容", "任务内容", "工作内容", "主要内容", "具体措施", "工作措施", "工作要求", "具体任务", "内容"),
    "lead": ("牵头单位", "牵头部门", "牵头"),
    "responsible": ("责任单位", "责任部门", "责任主体", "承办单位", "主办单位"),
    "helper": ("配合单位", "协办单位", "配合部门", "参与单位", "协同单位", "配合"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限", "时间要求", "进度安排"),
}
FIGURE_ROLES = {
    "name": ("指标名称", "名称", "指标", "项目", "数据项"),
    "key": ("字段名", "键名", "键", "代码"),
    "value": ("数值", "本年", "今年", "本年度", "本年数", "数量", "本期", "数据"),
    "unit": ("计量单位", "单位"),
    "previous": ("上年", "去年", "上年度", "上年数", "上年同期", "上期", "同期"),
    "label": ("说明", "含义"),
    "ignored": ("合计", "上年合计", "增减", "备注", "同比"),
}
# Headers a clerk is told to use when a sheet is not recognised.
EXPECTED = {
    "tasks": "「序号、工作任务、牵头单位、责任单位、配合单位、完成时限」（至少「工作任务」和「牵头单位」或「责任单位」）",
    "figures": "「名称（或指标）、数值、单位、上年、说明」（至少「名称」和「数值」），或「名称」加每个单位一列",
}
_REMARK = lazy(r"[（(][^）)]*[）)]")
_YEAR = lazy(rf"^({dates.YEAR})年?(?:度|数|数值)?$")
# Words that never name a unit (a column of figures for one 区县) in a per-unit figures sheet.
_NOT_A_UNIT = ("合计", "总计", "小计", "增减", "备注", "同比", "序号")
_EXACT_ONLY = {"单位", "序", "键", "配合", "牵头", "数据", "内容", "任务", "部分", "项目"}


@dataclass
class Layout:
    """A recognised sheet: its kind, header row and the column of each role."""

    kind: str  # "tasks" or "figures"
    header: int  # row index of the header
    columns: dict[str, int]  # role → column
    units: dict[int, str] = field(default_factory=dict)  # figures, one column per unit: column → unit name
    years: dict[str, int] = field(default_factory=dict)  # figures: 「2024年」 columns, role → year

    @property
    def per_unit(self) -> bool:
        return bool(self.units)


def header_text(value) -> str:
    """A header cell's words: no spaces or line breaks, no parenthesised remark."""
    if value is None:
        return ""
    return _REMARK.sub("", re.sub(r"\s+", "", str(value)))


def _roles(texts: list[str], table: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """role → first column whose header names it: exact words first, then a header containing them."""
    found: dict[str, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        for role, words in table.items():
            if role in found:
                continue
            for col, text in enumerate(texts):
                if col in taken or not text:
                    continue
                if any(text == w if exact or w in _EXACT_ONLY else w in text for w in words):
                    found[role] = col
                    taken.add(col)
                    break
    return found


def _tasks(texts: list[str]) -> dict[str, int] | None:
    roles = _roles(texts, TASK_ROLES)
    owners = {"lead", "responsible", "helper"} & set(roles)
    if "title" not in roles and "text" in roles:
        roles["title"] = roles.pop("text")
    return roles if "title" in roles and owners else None


def _figures(texts: list[str]) -> Layout | None:
    years = {int(m.group(1)): col for col, text in enumerate(texts) if (m := _YEAR.match(text))}
    roles = _roles([t if not _YEAR.match(t) else "" for t in texts], FIGURE_ROLES)
    if "name" not in roles:
        return None
    layout = Layout("figures", 0, roles)
    if years and "value" not in roles:
        ordered = sorted(years)
        roles["value"] = years[ordered[-1]]
        layout.years["value"] = ordered[-1]
        if len(ordered) > 1 and "previous" not in roles:
            roles["previous"] = years[ordered[-2]]
            layout.years["previous"] = ordered[-2]
    if "value" in roles:
        return layout
    known = set(roles.values())
    units = {
        col: text
        for col, text in enumerate(texts)
        if text and col not in known and col > roles["name"] and not any(w in text for w in _NOT_A_UNIT)
    }
    if not units:
        return None
    layout.units = units
    return layout


def recognise(sheet: Sheet) -> Layout | None:
    """The sheet's layout, or None when no header row is found in its first rows."""
    best: Layout | None = None
    for row in range(min(SEARCH_ROWS, len(sheet.rows))):
        texts = [header_text(v) if isinstance(v, str) else "" for v in sheet.rows[row]]
        if sum(1 for t in texts if t) < 2:
            continue
        tasks = _tasks(texts)
        found = Layout("tasks", row, tasks) if tasks else _figures(texts)
        if found is None:
            continue
        found.header = row
        # the lower row of a two-row header names more columns; a later data row never names more
        if best is None or len(found.columns) + len(found.units) > len(best.columns) + len(best.units):
            best = found
        elif best.kind == found.kind and row == best.header + 1 and found.columns == best.columns:
            best = found
    return best


def not_recognised(sheet: Sheet) -> Problem:
    """Which headers were expected, and what the sheet's first rows hold."""
    seen = [header_text(v) for row in sheet.rows[:3] for v in row if isinstance(v, str) and header_text(v)]
    shown = "、".join(dict.fromkeys(seen))[:120] or "（空）"
    where = f"{sheet.file}:{sheet.title}" if sheet.title else sheet.file
    return Problem(
        f"认不出这张表的内容：任务分工表应有表头{EXPECTED['tasks']}；数字表应有表头{EXPECTED['figures']}。"
        f"前几行是：{shown}",
        where,
    )


def recognised(sheets: list[Sheet], name: str) -> list[tuple[Sheet, Layout]]:
    """Every recognised sheet with its layout; none recognised is an error naming the expected headers."""
    found = [(sheet, layout) for sheet in sheets if (layout := recognise(sheet)) is not None]
    if not found:
        if not sheets:
            raise DraftError(Problem("表格中没有可见的工作表", name))
        raise DraftError(*(not_recognised(sheet) for sheet in sheets if sheet.rows) or [Problem("表格是空的", name)])
    return found
