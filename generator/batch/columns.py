"""The summary's columns, shared by the xlsx, csv, html and terminal writers."""

from __future__ import annotations

import re


# FORMULA_START: what makes Excel, LibreOffice or WPS read a cell as a formula (OWASP, CSV
# injection) and the full-width forms a Chinese input method types; the .xlsx writer shares it.
from .sheetml import FORMULA_START
from .summary import SEVERITY_CN, DraftRow, part_names

PART_NUMERALS = "一二三四五"


def neutral(value):
    """A text a spreadsheet shows as text: one starting like a formula gets a leading 「'」 (OWASP);
    a plain number (「-5」, 「+1.5」) is no formula and stays a number."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?%?")


def header() -> list[str]:
    """文件, 单位, 类型, 年度, 成文日期, 逾期, the five parts, counts, 主要问题, 类型依据 (why that kind)."""
    parts = [f"{PART_NUMERALS[int(k) - 1]}、{name}" for k, name in part_names().items()]
    return [
        "文件",
        "单位",
        "类型",
        "年度",
        "成文日期",
        "是否逾期",
        *parts,
        "错误",
        "警告",
        "提示",
        "主要问题",
        "类型依据",
    ]


def late_text(row: DraftRow) -> str:
    if row.late is None:
        return "—" if row.deadline is None else "无日期"
    if not row.late:
        return "否"
    deadline = row.deadline
    return f"逾期（应在{deadline.month}月{deadline.day}日前）" if deadline else "逾期"


def part_texts(row: DraftRow) -> list[str]:
    """One cell per statutory part; 「—」 for kinds without statutory parts and unreadable files."""
    return [row.parts[k].text() if k in row.parts else "—" for k in part_names()]


def finding_text(finding) -> str:
    where = f"第{finding.line}行 " if finding.line else ""
    return f"{where}{SEVERITY_CN[finding.severity]} {finding.message}"


def top_text(row: DraftRow, sep: str = "\n") -> str:
    if row.unreadable:
        return f"无法读取：{row.unreadable}"
    return sep.join(finding_text(f) for f in row.top())


def cells(row: DraftRow, sep: str = "\n") -> list:
    """The row's values in header order (numbers stay numbers)."""
    counts = row.counts()
    return [
        row.path,
        row.unit,
        row.kind_label or ("无法读取" if row.unreadable else ""),
        row.year or "",
        row.date_shown(),
        late_text(row) if not row.unreadable else "—",
        *part_texts(row),
        counts["error"],
        counts["warning"],
        counts["info"],
        top_text(row, sep),
        row.kind_reason,
    ]


FINDINGS_HEADER = ["文件", "单位", "行", "规则", "严重程度", "说明", "依据"]


def finding_cells(row: DraftRow, finding) -> list:
    return [
        finding.file,
        row.unit,
        finding.line or "",
        finding.rule,
        SEVERITY_CN[finding.severity],
        finding.message,
        finding.basis,
    ]
