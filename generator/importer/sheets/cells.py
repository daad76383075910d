"""Reading one cell as text, a number or a list of units, with a located problem when it cannot be."""

from __future__ import annotations

import datetime as dt
import re

from generator.errors import Problem
from generator.importer.sheets.workbook import Sheet
from generator.lexicon.numbers import plain_number

# Owners are separated by 、，,；;/ or line breaks (and the full-width ／ and ｜ of some templates).
_OWNER_SPLIT = re.compile(r"[、，,；;/／｜|\n]+")
# A leading number typed into a cell: 「一、」「（一）」「1.」「第一部分」「（1）」.
_NUMBER = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百千零〇\d]+(?:部分|项|条)[、.．:：\s]*|[（(][一二三四五六七八九十百千零〇\d]+[）)][、.．]?"
    r"|[一二三四五六七八九十百千零〇]+[、.．]|\d+(?:[.．]\d+)*[.．、](?!\d)|\d+\s)\s*"
)


class CellError(Exception):
    """A cell that cannot be read as asked: carries the located problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def date_text(value: dt.date) -> str:
    """A date cell as a Chinese date: 2024年12月31日."""
    return f"{value.year}年{value.month}月{value.day}日"


def text(sheet: Sheet, row: int, col: int | None) -> str:
    """The cell as text ('' when empty); a formula saved without its value is a located error."""
    if col is None:
        return ""
    if (row, col) in sheet.uncached:
        raise CellError(
            sheet.problem(
                row,
                col,
                "这个单元格是公式，但文件中没有保存它的计算结果（可能由程序生成、从未在 Excel 中"
                "打开计算）：请在 Excel 或 WPS 中打开后保存一次，或把公式改为数值",
            )
        )
    value = sheet.value(row, col)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return date_text(value) + (f" {value:%H:%M}" if value.time() != dt.time(0) else "")
    if isinstance(value, dt.date):
        return date_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value).strip()


def owners(sheet: Sheet, row: int, col: int | None) -> list[str]:
    """The units named in a cell, split at 、，,；/ and line breaks, repeats dropped."""
    names = [name.strip(" \t　。") for name in _OWNER_SPLIT.split(text(sheet, row, col))]
    return list(dict.fromkeys(name for name in names if name))


def unnumbered(value: str) -> str:
    """A title without the number typed before it, nor a closing 。."""
    stripped = _NUMBER.sub("", value, count=1).strip()
    return (stripped or value).rstrip("。；;").strip()


def number(sheet: Sheet, row: int, col: int | None):
    """A figure's value: an int or float, or the text as typed (「2.4万」); None when empty."""
    if col is None:
        return None
    if (row, col) in sheet.uncached:
        text(sheet, row, col)  # raises the located error
    value = sheet.value(row, col)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    raw = text(sheet, row, col).replace(",", "").replace("，", "")
    return plain_number(raw) if raw else None
